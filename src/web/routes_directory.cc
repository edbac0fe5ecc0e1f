// Salespersons/purchasers and contacts.
#include "service/directory_admin.h"
#include "service/json_views.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

Status ListSalespersons(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto items, call.db.ListSalespersons());
  SendJson(call.response, service::JsonArray(items, service::SalespersonJson));
  return Status::Ok();
}

Status AddSalesperson(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  domain::Salesperson salesperson{Text(body, "code"), Text(body, "name"), Text(body, "email")};
  MT_RETURN_IF_ERROR(service::AddSalesperson(call.db, salesperson));
  SendJson(call.response, {{"code", Text(body, "code")}}, 201);
  return Status::Ok();
}

// A salesperson's card: the record.
Status GetSalesperson(Call& call) {
  const std::string code = call.request.matches[1];
  MT_ASSIGN_OR_RETURN(const std::optional<domain::Salesperson> salesperson, call.db.FindSalesperson(code));
  if (!salesperson) return Status::NotFound("Salesperson '" + code + "' does not exist.");
  SendJson(call.response, service::SalespersonJson(*salesperson));
  return Status::Ok();
}

Status ListContacts(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto items, call.db.ListContacts());
  SendJson(call.response, service::JsonArray(items, service::ContactJson));
  return Status::Ok();
}

Status AddContact(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const std::string type_text = Text(body, "type").empty() ? "company" : Text(body, "type");
  const std::optional<domain::ContactType> type = domain::ParseContactType(type_text);
  if (!type) return Status::InvalidArgument("type is company or person.");
  MT_ASSIGN_OR_RETURN(const bool do_not_log, Flag(body, "do_not_log"));
  MT_ASSIGN_OR_RETURN(const std::string no,
                      service::AddContact(call.db, {"", *type, Text(body, "name"), Text(body, "email"),
                                                    Text(body, "company_no"), do_not_log}));
  SendJson(call.response, {{"no", no}}, 201);
  return Status::Ok();
}

// A contact's card: the record, its alt addresses and, for a company, its persons.
Status GetContact(Call& call) {
  const std::string no = call.request.matches[1];
  MT_ASSIGN_OR_RETURN(const std::optional<domain::Contact> contact, call.db.FindContact(no));
  if (!contact) return Status::NotFound("Contact '" + no + "' does not exist.");
  MT_ASSIGN_OR_RETURN(const auto alt_addresses, call.db.ListAltAddressesOf(no));
  Json card = service::ContactJson(*contact);
  card["alt_addresses"] = service::JsonArray(alt_addresses, service::AltAddressJson);
  if (contact->type == domain::ContactType::kCompany) {
    MT_ASSIGN_OR_RETURN(const auto persons, call.db.ListPersonsOf(no));
    card["persons"] = service::JsonArray(persons, service::ContactJson);
  }
  SendJson(call.response, card);
  return Status::Ok();
}

Status SetContactEmail(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_string()) return Status::InvalidArgument("The body is {\"value\": EMAIL}.");
  MT_RETURN_IF_ERROR(service::SetContactEmail(call.db, call.request.matches[1].str(), value->get<std::string>()));
  return GetContact(call);
}

Status SetContactDoNotLog(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_boolean()) return Status::InvalidArgument("The body is {\"value\": true|false}.");
  MT_RETURN_IF_ERROR(service::SetContactDoNotLog(call.db, call.request.matches[1].str(), value->get<bool>()));
  return GetContact(call);
}

Status ListNeverLog(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::vector<std::string> entries, call.db.ListNeverLog());
  SendJson(call.response, entries);
  return Status::Ok();
}

Status AddNeverLog(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_ASSIGN_OR_RETURN(const std::string listed, service::AddNeverLogEntry(call.db, Text(body, "entry")));
  SendJson(call.response, {{"entry", listed}}, 201);
  return Status::Ok();
}

Status RemoveNeverLog(Call& call) {
  MT_RETURN_IF_ERROR(service::RemoveNeverLogEntry(call.db, call.request.matches[1].str()));
  return ListNeverLog(call);
}

Status AddAltAddress(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  domain::ContactAltAddress address{call.request.matches[1].str(), Text(body, "code"), Text(body, "email")};
  MT_RETURN_IF_ERROR(service::AddContactAltAddress(call.db, address));
  MT_RETURN_IF_ERROR(GetContact(call));
  call.response.status = 201;
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> DirectoryRoutes() {
  return {
      {{"GET", "/api/v1/salespersons", Permission::kReadEntries, "Salespersons/purchasers by code"},
       ListSalespersons},
      {{"POST", "/api/v1/salespersons", Permission::kManageDirectory, "Add a salesperson {code, name, email}"},
       AddSalesperson},
      {{"GET", "/api/v1/salespersons/{salesperson_code}", Permission::kReadEntries, "A salesperson's card"},
       GetSalesperson},
      {{"GET", "/api/v1/contacts", Permission::kReadEntries, "Contacts by no"}, ListContacts},
      {{"POST", "/api/v1/contacts", Permission::kManageDirectory,
        "Add a contact {type, name, email, company_no, do_not_log}; returns its no"},
       AddContact},
      {{"GET", "/api/v1/contacts/{contact_no}", Permission::kReadEntries,
        "A contact's card: the contact, its alt_addresses and, for a company, its persons"},
       GetContact},
      {{"PUT", "/api/v1/contacts/{contact_no}/email", Permission::kManageDirectory,
        "Change a contact's email: {value}; a company's persons that had the old one get it too while the "
        "setup inherits communication details; returns the card"},
       SetContactEmail},
      {{"POST", "/api/v1/contacts/{contact_no}/alt-addresses", Permission::kManageDirectory,
        "Add an alt address to a contact: {code, email}; returns the card"},
       AddAltAddress},
      {{"PUT", "/api/v1/contacts/{contact_no}/do-not-log", Permission::kManageDirectory,
        "Mark a contact do-not-log (its mail is never stored or logged) or clear the mark: {value}; returns "
        "the card"},
       SetContactDoNotLog},
      {{"GET", "/api/v1/never-log", Permission::kManageSetup,
        "The never-log list: addresses and domains whose mail is never stored or logged"},
       ListNeverLog},
      {{"POST", "/api/v1/never-log", Permission::kManageSetup,
        "Put an address or a domain (subdomains included) on the never-log list: {entry}; returns it as listed"},
       AddNeverLog},
      {{"DELETE", "/api/v1/never-log/{entry}", Permission::kManageSetup,
        "Take an address or a domain off the never-log list; returns the list"},
       RemoveNeverLog},
  };
}

}  // namespace mailtrail::web
