// Registering salespersons and contacts, with the rules that go with it:
// codes upper-cased and bounded, contact nos assigned in order, and "inherit
// communication details" applied when a person is created or a company's email
// changes. Thread-safety: as the Database passed in.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "domain/model.h"

namespace mailtrail::service {

// Longest salesperson code (Business Central's Code[20]).
inline constexpr std::size_t kMaxSalespersonCodeLength = 20;

// Upper-cases the code. Errors: kInvalidArgument (empty or too long code, empty
// name, email without '@'), kAlreadyExists.
Status AddSalesperson(db::Database& db, domain::Salesperson salesperson);

// Saves the name and email of the salesperson with that code (upper-cased), with
// AddSalesperson's checks. Errors: kInvalidArgument, kNotFound.
Status UpdateSalesperson(db::Database& db, domain::Salesperson salesperson);

// Adds a contact and returns its no: `contact.no` when set, else the next in the
// CT000001 series. A company's company_no is its own no; a person's company_no,
// when set, must name a company contact. A person with no email under a company
// takes the company's email while the setup inherits communication details.
// Errors: kInvalidArgument (empty name, bad email, company_no on a company),
// kNotFound (company_no names no contact), kAlreadyExists (no taken).
Result<std::string> AddContact(db::Database& db, domain::Contact contact);

// Changes a contact's email; for a company while the setup inherits communication
// details, persons of the company that had the old email get the new one.
// Errors: kNotFound, kInvalidArgument (bad email).
Status SetContactEmail(db::Database& db, std::string_view no, std::string email);

// Saves the name, email (as SetContactEmail does) and do-not-log mark of the
// contact `contact.no`. Its type and company stay: `contact.type` and a
// non-empty `contact.company_no` must be what they are.
// Errors: kInvalidArgument (empty name, bad email, another type or company), kNotFound.
Status UpdateContact(db::Database& db, const domain::Contact& contact);

// Adds an alt address to a contact. The code is upper-cased.
// Errors: kInvalidArgument (empty code, bad email), kNotFound, kAlreadyExists.
Status AddContactAltAddress(db::Database& db, domain::ContactAltAddress address);

// Marks a contact do-not-log (its mail is never stored or logged), or clears
// the mark. Errors: kNotFound.
Status SetContactDoNotLog(db::Database& db, std::string_view no, bool do_not_log);

// Puts an address or a domain on the never-log list and returns it as listed
// (domain::CheckNeverLogEntry). Errors: kInvalidArgument, kAlreadyExists.
Result<std::string> AddNeverLogEntry(db::Database& db, std::string_view entry);

// Takes an address or domain off the never-log list, given in any case.
// Errors: kInvalidArgument, kNotFound.
Status RemoveNeverLogEntry(db::Database& db, std::string_view entry);

}  // namespace mailtrail::service
