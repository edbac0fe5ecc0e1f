// Setup and users: what EMAIL-LOGGING-ADMIN manages.
#include "service/json_views.h"
#include "service/setup_keys.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

Status GetSetup(Call& call) {
  MT_ASSIGN_OR_RETURN(const domain::Setup setup, call.db.LoadSetup());
  Json values = Json::object();
  for (const auto& [key, value] : service::SetupValues(setup)) values[key] = value;
  SendJson(call.response, values);
  return Status::Ok();
}

Status SetSetup(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_string()) return Status::InvalidArgument("The body is {\"value\": TEXT}.");
  MT_RETURN_IF_ERROR(service::SetSetupValue(call.db, call.request.matches[1].str(), value->get<std::string>()));
  return GetSetup(call);
}

Status ListUsers(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto items, call.db.ListUsers());
  SendJson(call.response, service::JsonArray(items, service::UserJson));
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> AdminRoutes() {
  return {
      {{"GET", "/api/v1/setup", Permission::kManageSetup, "Every setup key with its value"}, GetSetup},
      {{"PUT", "/api/v1/setup/{key}", Permission::kManageSetup, "Set one setup key: {value}"}, SetSetup},
      {{"GET", "/api/v1/users", Permission::kManageUsers, "Users and their permission sets"}, ListUsers},
  };
}

}  // namespace mailtrail::web
