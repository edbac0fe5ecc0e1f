// "Inherit communication details": how a company's email reaches its persons.
// Pure functions; the service applies their results.
#pragma once

#include <optional>
#include <string>

#include "domain/model.h"

namespace mailtrail::domain {

// The email a new contact is stored with: its own; or, when `inherit` is on and
// it is a person with no email of its own under `company`, the company's email.
std::string EmailForNewContact(const Contact& contact, const Contact* company, bool inherit);

// When a contact's email changes: the old value that persons of this company must
// still have to receive the new one, or nullopt when nothing is pushed (option off,
// or the contact is not a company).
std::optional<std::string> EmailToReplaceOnPersons(const Contact& before, bool inherit);

}  // namespace mailtrail::domain
