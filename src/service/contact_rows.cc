#include "service/contact_rows.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "common/vcard_reader.h"
#include "domain/address.h"

namespace mailtrail::service {
namespace {

std::string Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(kSpace) - first + 1));
}

// The first component of a structured property, or "" without the property.
std::string FirstComponent(const Vcard& card, std::string_view name) {
  const VcardProperty* property = card.Find(name);
  return property ? Trimmed(VcardComponents(property->value).front()) : std::string();
}

// How much the card prefers an EMAIL: 4.0's PREF=1..100, 3.0's and 2.1's TYPE=pref
// as 1; lower is preferred, an address without either last.
int Preference(const VcardProperty& email) {
  const std::string pref = email.Parameter("PREF");
  const int number = std::atoi(pref.c_str());
  if (number >= 1 && number <= 100) return number;
  return email.HasParameter("TYPE", "pref") ? 1 : 101;
}

// The card's addresses, the preferred first, each once.
std::vector<std::string> Emails(const Vcard& card) {
  std::vector<const VcardProperty*> properties;
  for (const VcardProperty& property : card.properties) {
    if (property.name == "EMAIL") properties.push_back(&property);
  }
  std::stable_sort(properties.begin(), properties.end(),
                   [](const VcardProperty* a, const VcardProperty* b) { return Preference(*a) < Preference(*b); });
  std::vector<std::string> emails;
  for (const VcardProperty* property : properties) {
    std::string email = Trimmed(VcardText(property->value));
    const bool seen = std::any_of(emails.begin(), emails.end(),
                                  [&](const std::string& other) { return domain::SameAddress(other, email); });
    if (!email.empty() && !seen) emails.push_back(std::move(email));
  }
  return emails;
}

std::string Name(const Vcard& card) {
  if (const VcardProperty* fn = card.Find("FN"); fn && !Trimmed(VcardText(fn->value)).empty()) {
    return Trimmed(VcardText(fn->value));
  }
  if (const VcardProperty* n = card.Find("N")) {
    std::vector<std::string> parts = VcardComponents(n->value);  // family; given; additional; prefix; suffix
    parts.resize(2);
    const std::string name = Trimmed(parts[1] + " " + parts[0]);
    if (!name.empty()) return name;
  }
  return FirstComponent(card, "ORG");
}

// "person", "company", "" (not said), or a KIND this import does not take.
std::string Type(const Vcard& card) {
  const VcardProperty* kind = card.Find("KIND");
  if (kind) {
    const std::string value = domain::AsciiLower(Trimmed(VcardText(kind->value)));
    if (value == "individual") return "person";
    if (value == "org" || value == "organization") return "company";
    if (!value.empty()) return value;
  }
  return {};
}

// The type of a card without KIND: Apple's X-ABShowAs:COMPANY, or a card named
// after its ORG without a person's name, is a company.
std::string GuessedType(const Vcard& card, const std::string& name) {
  const VcardProperty* shown_as = card.Find("X-ABSHOWAS");
  if (shown_as && domain::AsciiLower(Trimmed(shown_as->value)) == "company") return "company";
  bool has_person_name = false;
  if (const VcardProperty* n = card.Find("N")) {
    for (const std::string& part : VcardComponents(n->value)) has_person_name |= !Trimmed(part).empty();
  }
  const std::string org = FirstComponent(card, "ORG");
  return !org.empty() && !has_person_name && domain::AsciiLower(org) == domain::AsciiLower(name) ? "company" : "person";
}

// The existing contact a card is: the one with its email and name, else the
// only one of its type with its email.
const domain::Contact* Match(const std::vector<domain::Contact>& existing, const std::string& email,
                             const std::string& name, const std::string& type) {
  if (email.empty()) return nullptr;
  const domain::Contact* same_type = nullptr;
  int same_type_count = 0;
  for (const domain::Contact& contact : existing) {
    if (!domain::SameAddress(contact.email, email)) continue;
    if (domain::AsciiLower(contact.name) == domain::AsciiLower(name)) return &contact;
    if (type.empty() || domain::ToString(contact.type) == type) {
      same_type = &contact;
      ++same_type_count;
    }
  }
  return same_type_count == 1 ? same_type : nullptr;
}

std::string Joined(const std::vector<std::string>& parts, std::size_t from) {
  std::string joined;
  for (std::size_t i = from; i < parts.size(); ++i) joined += (joined.empty() ? "" : " ") + parts[i];
  return joined;
}

}  // namespace

std::vector<CsvColumn> ContactCsvColumns() {
  return {{"No", {}},         {"Type", {}},       {"Name", {}, true},     {"Email", {"E-Mail"}},
          {"Company No", {}}, {"Do Not Log", {}}, {"Company Name", {}},   {"Other Emails", {}}};
}

Result<CsvTable> VcardContactRows(std::string_view vcard, const std::vector<domain::Contact>& existing) {
  MT_ASSIGN_OR_RETURN(const std::vector<Vcard> cards, ReadVcards(vcard));
  if (cards.empty()) return Status::InvalidArgument("The file has no vCard (BEGIN:VCARD ... END:VCARD).");
  std::vector<CsvRecord> rows;
  for (const Vcard& card : cards) {
    const std::string name = Name(card);
    const std::vector<std::string> emails = Emails(card);
    const std::string email = emails.empty() ? std::string() : emails.front();
    const std::string kind = Type(card);
    const std::string type = kind.empty() ? GuessedType(card, name) : kind;
    const domain::Contact* match = Match(existing, email, name, type);
    CsvRecord row{.line = card.line, .fields = std::vector<std::string>(kContactOtherEmails + 1)};
    row.fields[kContactNo] = match ? match->no : "";
    row.fields[kContactType] = match && kind.empty() ? "" : type;
    row.fields[kContactName] = name;
    row.fields[kContactEmail] = email;
    row.fields[kContactDoNotLog] = match && match->do_not_log ? "yes" : "no";
    row.fields[kContactCompanyName] = type == "person" ? FirstComponent(card, "ORG") : "";
    row.fields[kContactOtherEmails] = Joined(emails, 1);
    rows.push_back(std::move(row));
  }
  return CsvTable::FromRows({{"EMAIL", {}},
                             {"KIND", {}},
                             {"FN", {}},
                             {"EMAIL", {}},
                             {"ORG", {}},
                             {"EMAIL", {}},
                             {"ORG", {}},
                             {"EMAIL", {}}},
                            std::move(rows), "property");
}

std::vector<std::string> OtherEmails(std::string_view value) {
  std::vector<std::string> emails;
  std::string current;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || value[i] == ' ' || value[i] == ',' || value[i] == ';' || value[i] == '\t') {
      if (!current.empty()) emails.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(value[i]);
    }
  }
  return emails;
}

}  // namespace mailtrail::service
