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
  MT_ASSIGN_OR_RETURN(const std::string no,
                      service::AddContact(call.db, {"", *type, Text(body, "name"), Text(body, "email"),
                                                    Text(body, "company_no")}));
  SendJson(call.response, {{"no", no}}, 201);
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> DirectoryRoutes() {
  return {
      {{"GET", "/api/v1/salespersons", Permission::kReadEntries, "Salespersons/purchasers by code"},
       ListSalespersons},
      {{"POST", "/api/v1/salespersons", Permission::kManageDirectory, "Add a salesperson {code, name, email}"},
       AddSalesperson},
      {{"GET", "/api/v1/contacts", Permission::kReadEntries, "Contacts by no"}, ListContacts},
      {{"POST", "/api/v1/contacts", Permission::kManageDirectory,
        "Add a contact {type, name, email, company_no}; returns its no"},
       AddContact},
  };
}

}  // namespace mailtrail::web
