#include "service/directory_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/address.h"
#include "service/contact_rows.h"
#include "service/csv_table.h"
#include "service/directory_admin.h"

namespace mailtrail::service {

namespace {

enum SalespersonColumn { kSalespersonCode, kSalespersonName, kSalespersonEmail };

// "EMAIL2", "EMAIL3"...: the first not among `taken`.
std::string NextAltAddressCode(const std::vector<domain::ContactAltAddress>& taken) {
  for (int n = 2;; ++n) {
    const std::string code = "EMAIL" + std::to_string(n);
    if (std::none_of(taken.begin(), taken.end(), [&](const auto& address) { return address.code == code; })) {
      return code;
    }
  }
}

// Runs `row` for each row in one transaction; errors of rows are collected, and
// any of them rolls the whole file back.
template <typename RowFunction>
Status ImportRows(db::Database& db, const std::vector<const CsvRecord*>& rows, RowFunction&& import_row) {
  return db.RunInTransaction([&]() -> Status {
    std::vector<std::string> errors;
    for (const CsvRecord* row : rows) {
      const Result<std::string> error = import_row(*row);  // "" when the row went in
      if (!error.ok()) return error.status();
      if (!error->empty()) errors.push_back(*error);
    }
    return RowErrors(errors);
  });
}

std::vector<const CsvRecord*> InFileOrder(const CsvTable& table) {
  std::vector<const CsvRecord*> rows;
  for (const CsvRecord& row : table.rows()) rows.push_back(&row);
  return rows;
}

}  // namespace

Result<ImportReport> ImportSalespersonsCsv(db::Database& db, std::string_view csv, const ImportOptions& options) {
  MT_ASSIGN_OR_RETURN(const CsvTable table, CsvTable::Read(csv, {{"Code", {}, true},
                                                                   {"Name", {}, true},
                                                                   {"Email", {"E-Mail"}}}));
  ImportReport report;
  std::set<std::string> seen;
  MT_RETURN_IF_ERROR(ImportRows(db, InFileOrder(table), [&](const CsvRecord& row) -> Result<std::string> {
    const domain::Salesperson salesperson{domain::UpperCaseCode(table.Value(row, kSalespersonCode)),
                                          table.Value(row, kSalespersonName), table.Value(row, kSalespersonEmail)};
    if (!salesperson.code.empty() && !seen.insert(salesperson.code).second) {
      return table.Error(row, kSalespersonCode, "'" + salesperson.code + "' is in the file twice.");
    }
    MT_ASSIGN_OR_RETURN(const std::optional<domain::Salesperson> existing, db.FindSalesperson(salesperson.code));
    if (existing && !options.update) {
      return table.Error(row, kSalespersonCode,
                         "salesperson '" + salesperson.code + "' exists already (import with --update to overwrite it).");
    }
    const Status status = existing ? UpdateSalesperson(db, salesperson) : AddSalesperson(db, salesperson);
    if (!status.ok()) return IsRowError(status) ? Result<std::string>(LineError(row, status.message())) : status;
    ++(existing ? report.updated : report.added);
    return std::string();
  }));
  return report;
}

namespace {

// The company nos by name (lower-case), kept up to date as the import adds companies.
using CompaniesByName = std::map<std::string, std::vector<std::string>>;

Result<CompaniesByName> CompaniesOf(db::Database& db) {
  MT_ASSIGN_OR_RETURN(const std::vector<domain::Contact> contacts, db.ListContacts());
  CompaniesByName companies;
  for (const domain::Contact& contact : contacts) {
    if (contact.type == domain::ContactType::kCompany) {
      companies[domain::AsciiLower(contact.name)].push_back(contact.no);
    }
  }
  return companies;
}

// The rows of a contact file, whatever its format (contact_rows.h), checked and
// saved as directory_import.h says.
Result<ImportReport> ImportContactRows(db::Database& db, const CsvTable& table, const ImportOptions& options) {
  // Companies first, so that persons of the file can name them.
  std::vector<const CsvRecord*> rows = InFileOrder(table);
  auto is_person = [&](const CsvRecord* row) {
    const std::string type = domain::AsciiLower(table.Value(*row, kContactType));
    return type == "person" || (type.empty() && (!table.Value(*row, kContactCompanyNo).empty() ||
                                                 !table.Value(*row, kContactCompanyName).empty()));
  };
  std::stable_partition(rows.begin(), rows.end(), [&](const CsvRecord* row) { return !is_person(row); });

  ImportReport report;
  std::set<std::string> seen;
  MT_ASSIGN_OR_RETURN(CompaniesByName companies, CompaniesOf(db));
  // A row's error, or the status when it is about the database.
  auto row_error = [](const CsvRecord& row, const Status& status) -> Result<std::string> {
    if (IsRowError(status)) return LineError(row, status.message());
    return status;
  };
  MT_RETURN_IF_ERROR(ImportRows(db, rows, [&](const CsvRecord& row) -> Result<std::string> {
    domain::Contact contact{.no = table.Value(row, kContactNo),
                            .name = table.Value(row, kContactName),
                            .email = table.Value(row, kContactEmail),
                            .company_no = table.Value(row, kContactCompanyNo)};
    const std::string type = domain::AsciiLower(table.Value(row, kContactType));
    if (!type.empty() && !domain::ParseContactType(type)) {
      return table.Error(row, kContactType, "'" + type + "' is neither company nor person.");
    }
    const std::optional<bool> do_not_log = ParseYesNo(table.Value(row, kContactDoNotLog));
    if (!do_not_log) return table.Error(row, kContactDoNotLog, "the value is yes or no.");
    contact.do_not_log = *do_not_log;
    if (!contact.no.empty() && !seen.insert(contact.no).second) {
      return table.Error(row, kContactNo, "'" + contact.no + "' is in the file twice.");
    }
    std::optional<domain::Contact> existing;
    if (!contact.no.empty()) {
      MT_ASSIGN_OR_RETURN(existing, db.FindContact(contact.no));
    }
    if (existing && !options.update) {
      return table.Error(row, kContactNo,
                         "contact '" + contact.no + "' exists already (import with --update to overwrite it).");
    }
    // An existing contact keeps its type when the file leaves it out.
    contact.type = existing && type.empty() ? existing->type
                   : is_person(&row)        ? domain::ContactType::kPerson
                                            : domain::ContactType::kCompany;
    const std::string company_name = table.Value(row, kContactCompanyName);
    if (contact.type == domain::ContactType::kPerson && contact.company_no.empty() && !company_name.empty()) {
      std::vector<std::string>& named = companies[domain::AsciiLower(company_name)];
      if (named.size() > 1) {
        return table.Error(row, kContactCompanyName,
                           std::to_string(named.size()) + " companies are named '" + company_name +
                               "'; give the Company No.");
      }
      if (named.empty()) {
        const Result<std::string> no =
            AddContact(db, {.type = domain::ContactType::kCompany, .name = company_name});
        if (!no.ok()) return row_error(row, no.status());
        named.push_back(*no);
        ++report.added;
      }
      contact.company_no = named.front();
    }
    if (existing) {
      const Status status = UpdateContact(db, contact);
      if (!status.ok()) return row_error(row, status);
    } else {
      const Result<std::string> no = AddContact(db, contact);
      if (!no.ok()) return row_error(row, no.status());
      contact.no = *no;
      if (contact.type == domain::ContactType::kCompany) {
        companies[domain::AsciiLower(contact.name)].push_back(contact.no);
      }
    }
    MT_ASSIGN_OR_RETURN(std::vector<domain::ContactAltAddress> alt_addresses, db.ListAltAddressesOf(contact.no));
    for (const std::string& email : OtherEmails(table.Value(row, kContactOtherEmails))) {
      const bool known = domain::SameAddress(email, contact.email) ||
                         std::any_of(alt_addresses.begin(), alt_addresses.end(),
                                     [&](const auto& address) { return domain::SameAddress(address.email, email); });
      if (known) continue;
      const domain::ContactAltAddress address{contact.no, NextAltAddressCode(alt_addresses), email};
      const Status status = AddContactAltAddress(db, address);
      if (!status.ok()) return row_error(row, status);
      alt_addresses.push_back(address);
    }
    ++(existing ? report.updated : report.added);
    return std::string();
  }));
  return report;
}

}  // namespace

Result<ImportReport> ImportContactsCsv(db::Database& db, std::string_view csv, const ImportOptions& options) {
  MT_ASSIGN_OR_RETURN(const CsvTable table, CsvTable::Read(csv, ContactCsvColumns()));
  return ImportContactRows(db, table, options);
}

Result<ImportReport> ImportContactsVcard(db::Database& db, std::string_view vcard, const ImportOptions& options) {
  MT_ASSIGN_OR_RETURN(const std::vector<domain::Contact> existing, db.ListContacts());
  MT_ASSIGN_OR_RETURN(const CsvTable table, VcardContactRows(vcard, existing));
  return ImportContactRows(db, table, options);
}

bool LooksLikeVcard(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  return domain::AsciiLower(std::string(text.substr(start, 11))) == "begin:vcard";
}

}  // namespace mailtrail::service
