#include "corpus/directory.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus/names.h"

namespace mailtrail::bench {
namespace {

// "Blue Yonder Foods" -> "blue-yonder-foods"
std::string DomainLabel(const std::string& company) {
  std::string label;
  for (char c : company) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!label.empty() && label.back() != '-') {
      label += '-';
    }
  }
  return label;
}

// A person whose address is not taken yet in `taken`.
std::pair<std::string, std::string> UniquePerson(Random& random, const std::string& domain,
                                                 std::set<std::string>& taken) {
  while (true) {
    const Name& first = random.Pick(FirstNames());
    const Name& last = random.Pick(LastNames());
    std::string email = first.ascii + "." + last.ascii + "@" + domain;
    if (taken.insert(email).second) return {first.display + " " + last.display, email};
  }
}

}  // namespace

Directory MakeDirectory(Random& random, const DirectorySize& size) {
  Directory directory;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < size.salespersons; ++i) {
    auto [name, email] = UniquePerson(random, "cronus.example", taken);
    std::string code;
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(email[0])));
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(email[email.find('.') + 1])));
    if (i + 1 < 10) code += '0';
    code += std::to_string(i + 1);
    directory.salespersons.push_back({code, name, email});
  }
  const auto& stems = CompanyStems();
  const auto& trades = CompanyTrades();
  const auto& regions = CompanyRegions();
  static const std::vector<std::string> mailboxes = {"info", "sales", "office", "purchasing"};
  for (std::size_t c = 0; c < size.companies; ++c) {
    // Stem, trade and region walk nested cycles, so names stay unique for
    // stems x trades x regions companies.
    const std::string& region = regions[(c / (stems.size() * trades.size())) % regions.size()];
    const std::string name = stems[c % stems.size()] + " " + trades[(c / stems.size()) % trades.size()] +
                             (region.empty() ? "" : " " + region);
    const std::string domain = DomainLabel(name) + ".example";
    const std::size_t company_index = directory.contacts.size();
    directory.contacts.push_back({name, random.Pick(mailboxes) + "@" + domain, std::nullopt});
    std::vector<std::size_t> persons;
    const std::size_t count = random.Between(size.min_persons_per_company, size.max_persons_per_company);
    for (std::size_t p = 0; p < count; ++p) {
      auto [person, email] = UniquePerson(random, domain, taken);
      persons.push_back(directory.contacts.size());
      directory.contacts.push_back({person, email, company_index});
    }
    directory.companies.push_back({company_index, std::move(persons)});
  }
  return directory;
}

std::string DirectoryJson(const Directory& directory) {
  nlohmann::json salespersons = nlohmann::json::array();
  for (const auto& s : directory.salespersons) salespersons.push_back({{"code", s.code}, {"email", s.email}});
  nlohmann::json contacts = nlohmann::json::array();
  for (std::size_t i = 0; i < directory.contacts.size(); ++i) {
    contacts.push_back({{"index", i}, {"email", directory.contacts[i].email}});
  }
  return nlohmann::json{{"salespersons", salespersons}, {"contacts", contacts}}.dump(1) + "\n";
}

}  // namespace mailtrail::bench
