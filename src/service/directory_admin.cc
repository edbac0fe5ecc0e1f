#include "service/directory_admin.h"

#include <algorithm>
#include <cctype>

#include "domain/address.h"
#include "domain/directory.h"
#include "domain/contact_rules.h"

namespace mailtrail::service {
namespace {

// Accepts an empty email (optional everywhere) or something with one '@' between
// a local part and a domain, no white space, and short enough to ever match.
Status CheckEmail(const std::string& email, bool required) {
  if (email.empty()) {
    return required ? Status::InvalidArgument("An email address is required.") : Status::Ok();
  }
  const auto at = email.find('@');
  const bool well_formed = at != std::string::npos && at > 0 && at + 1 < email.size() &&
                           email.find('@', at + 1) == std::string::npos &&
                           std::none_of(email.begin(), email.end(),
                                        [](unsigned char c) { return std::isspace(c) != 0; });
  if (!well_formed) return Status::InvalidArgument("'" + email + "' is not an email address.");
  if (domain::IsTooLongToMatch(email)) {
    return Status::InvalidArgument("'" + email + "' is longer than " +
                                   std::to_string(domain::kMaxAddressLength) + " characters.");
  }
  return Status::Ok();
}

// The salesperson as it is stored: its code upper-cased, and checked.
Result<domain::Salesperson> CheckedSalesperson(domain::Salesperson salesperson) {
  salesperson.code = domain::UpperCaseCode(salesperson.code);
  if (salesperson.code.empty()) return Status::InvalidArgument("A salesperson code is required.");
  if (salesperson.code.size() > kMaxSalespersonCodeLength) {
    return Status::InvalidArgument("The salesperson code '" + salesperson.code + "' is longer than " +
                                   std::to_string(kMaxSalespersonCodeLength) + " characters.");
  }
  if (salesperson.name.empty()) return Status::InvalidArgument("A salesperson name is required.");
  MT_RETURN_IF_ERROR(CheckEmail(salesperson.email, false));
  return salesperson;
}

}  // namespace

Status AddSalesperson(db::Database& db, domain::Salesperson salesperson) {
  MT_ASSIGN_OR_RETURN(salesperson, CheckedSalesperson(std::move(salesperson)));
  return db.AddSalesperson(salesperson);
}

Status UpdateSalesperson(db::Database& db, domain::Salesperson salesperson) {
  MT_ASSIGN_OR_RETURN(salesperson, CheckedSalesperson(std::move(salesperson)));
  return db.UpdateSalesperson(salesperson);
}

Result<std::string> AddContact(db::Database& db, domain::Contact contact) {
  if (contact.name.empty()) return Status::InvalidArgument("A contact name is required.");
  MT_RETURN_IF_ERROR(CheckEmail(contact.email, false));
  std::optional<domain::Contact> company;
  if (contact.type == domain::ContactType::kCompany && !contact.company_no.empty()) {
    return Status::InvalidArgument("A company contact cannot belong to another company.");
  }
  if (!contact.company_no.empty()) {
    MT_ASSIGN_OR_RETURN(company, db.FindContact(contact.company_no));
    if (!company) return Status::NotFound("Contact '" + contact.company_no + "' does not exist.");
    if (company->type != domain::ContactType::kCompany) {
      return Status::InvalidArgument("Contact '" + contact.company_no + "' is not a company.");
    }
  }
  if (contact.no.empty()) {
    MT_ASSIGN_OR_RETURN(contact.no, db.NextContactNo());
  }
  if (contact.type == domain::ContactType::kCompany) contact.company_no = contact.no;
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  contact.email = domain::EmailForNewContact(contact, company ? &*company : nullptr,
                                             setup.inherit_communication_details);
  MT_RETURN_IF_ERROR(db.AddContact(contact));
  return contact.no;
}

Status SetContactEmail(db::Database& db, std::string_view no, std::string email) {
  MT_RETURN_IF_ERROR(CheckEmail(email, false));
  MT_ASSIGN_OR_RETURN(std::optional<domain::Contact> before, db.FindContact(no));
  if (!before) return Status::NotFound("Contact '" + std::string(no) + "' does not exist.");
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  return db.SetContactEmail(no, email,
                            domain::EmailToReplaceOnPersons(*before, setup.inherit_communication_details));
}

Status UpdateContact(db::Database& db, const domain::Contact& contact) {
  if (contact.name.empty()) return Status::InvalidArgument("A contact name is required.");
  MT_RETURN_IF_ERROR(CheckEmail(contact.email, false));
  MT_ASSIGN_OR_RETURN(std::optional<domain::Contact> before, db.FindContact(contact.no));
  if (!before) return Status::NotFound("Contact '" + contact.no + "' does not exist.");
  if (contact.type != before->type) {
    return Status::InvalidArgument("Contact '" + contact.no + "' is a " + std::string(domain::ToString(before->type)) +
                                   "; its type cannot change.");
  }
  if (!contact.company_no.empty() && contact.company_no != before->company_no) {
    return Status::InvalidArgument("Contact '" + contact.no + "' belongs to '" + before->company_no +
                                   "'; its company cannot change.");
  }
  MT_RETURN_IF_ERROR(db.SetContactName(contact.no, contact.name));
  if (contact.email != before->email) MT_RETURN_IF_ERROR(SetContactEmail(db, contact.no, contact.email));
  return db.SetContactDoNotLog(contact.no, contact.do_not_log);
}

Status AddContactAltAddress(db::Database& db, domain::ContactAltAddress address) {
  address.code = domain::UpperCaseCode(address.code);
  if (address.code.empty()) return Status::InvalidArgument("An alt address code is required.");
  MT_RETURN_IF_ERROR(CheckEmail(address.email, true));
  return db.AddAltAddress(address);
}

Status SetContactDoNotLog(db::Database& db, std::string_view no, bool do_not_log) {
  return db.SetContactDoNotLog(no, do_not_log);
}

Result<std::string> AddNeverLogEntry(db::Database& db, std::string_view entry) {
  MT_ASSIGN_OR_RETURN(std::string listed, domain::CheckNeverLogEntry(entry));
  MT_RETURN_IF_ERROR(db.AddNeverLog(listed));
  return listed;
}

Status RemoveNeverLogEntry(db::Database& db, std::string_view entry) {
  MT_ASSIGN_OR_RETURN(const std::string listed, domain::CheckNeverLogEntry(entry));
  return db.RemoveNeverLog(listed);
}

}  // namespace mailtrail::service
