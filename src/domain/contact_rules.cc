#include "domain/contact_rules.h"

namespace mailtrail::domain {

std::string EmailForNewContact(const Contact& contact, const Contact* company, bool inherit) {
  if (inherit && contact.email.empty() && contact.type == ContactType::kPerson && company != nullptr) {
    return company->email;
  }
  return contact.email;
}

std::optional<std::string> EmailToReplaceOnPersons(const Contact& before, bool inherit) {
  if (!inherit || before.type != ContactType::kCompany) return std::nullopt;
  return before.email;
}

}  // namespace mailtrail::domain
