// Setup and users: what EMAIL-LOGGING-ADMIN manages.
#include "service/email_logging.h"
#include "service/json_views.h"
#include "service/setup_keys.h"
#include "service/users.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

Status GetSetup(Call& call) {
  MT_ASSIGN_OR_RETURN(const domain::Setup setup, call.db.LoadSetup());
  const std::vector<service::SetupKey> described = service::SetupKeys();
  const auto values = service::SetupValues(setup);
  Json keys = Json::array();
  for (std::size_t i = 0; i < values.size(); ++i) {
    keys.push_back({{"key", values[i].first}, {"value", values[i].second}, {"description", described[i].description}});
  }
  SendJson(call.response, keys);
  return Status::Ok();
}

Status SetSetup(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_string()) return Status::InvalidArgument("The body is {\"value\": TEXT}.");
  MT_RETURN_IF_ERROR(service::SetSetupValue(call.db, call.request.matches[1].str(), value->get<std::string>()));
  return GetSetup(call);
}

// Whether a pass could start now: the setup is complete and the mail store opens
// with its folders. A failure is an answer, not an error, so the page shows it.
Status TestConnection(Call& call) {
  service::PassOptions options;
  options.open_mail_store = call.options.open_mail_store;
  const Result<std::size_t> queued = service::ValidateEmailLogging(call.db, options);
  if (!queued.ok()) {
    const Status& status = queued.status();
    SendJson(call.response, {{"ok", false},
                             {"message", status.context().empty() ? status.message()
                                                                  : status.context() + ": " + status.message()}});
    return Status::Ok();
  }
  MT_ASSIGN_OR_RETURN(const domain::Setup setup, call.db.LoadSetup());
  SendJson(call.response, {{"ok", true},
                           {"message", "The mail store opens; the queue folder '" + setup.queue_folder + "' holds " +
                                           std::to_string(*queued) + " message(s)."},
                           {"queue_messages", *queued}});
  return Status::Ok();
}

Status ListUsers(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto items, call.db.ListUsers());
  SendJson(call.response, service::JsonArray(items, service::UserJson));
  return Status::Ok();
}

Result<domain::PermissionSet> PermissionSetOf(const Json& body, const char* key) {
  const std::optional<domain::PermissionSet> set = domain::ParsePermissionSet(Text(body, key));
  if (!set) return Status::InvalidArgument("The permission set is BASIC, RM-CONT or EMAIL-LOGGING-ADMIN.");
  return *set;
}

// The user the path names, unless it is the caller: an administrator who removed
// or demoted themselves could lock everybody out.
Result<std::string> OtherUser(const Call& call) {
  std::string name = call.request.matches[1].str();
  if (name == call.caller->name) {
    return Status::FailedPrecondition("You cannot change your own permission set or remove yourself.");
  }
  return name;
}

Status AddUser(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_ASSIGN_OR_RETURN(const domain::PermissionSet set, PermissionSetOf(body, "permission_set"));
  MT_RETURN_IF_ERROR(service::AddUser(call.db, Text(body, "name"), Text(body, "password"), set));
  SendJson(call.response, service::UserJson({Text(body, "name"), set, ""}), 201);
  return Status::Ok();
}

Status SetUserPermissionSet(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::string name, OtherUser(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_ASSIGN_OR_RETURN(const domain::PermissionSet set, PermissionSetOf(body, "value"));
  MT_RETURN_IF_ERROR(service::SetPermissionSet(call.db, name, set));
  SendJson(call.response, service::UserJson({name, set, ""}));
  return Status::Ok();
}

Status SetUserPassword(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_RETURN_IF_ERROR(service::SetPassword(call.db, call.request.matches[1].str(), Text(body, "value")));
  SendJson(call.response, Json::object());
  return Status::Ok();
}

Status RemoveUser(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::string name, OtherUser(call));
  MT_RETURN_IF_ERROR(call.db.RemoveUser(name));
  SendJson(call.response, Json::object());
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> AdminRoutes() {
  return {
      {{"GET", "/api/v1/setup", Permission::kManageSetup, "Every setup key: [{key, value, description}]"},
       GetSetup},
      {{"PUT", "/api/v1/setup/{key}", Permission::kManageSetup, "Set one setup key: {value}"}, SetSetup},
      {{"POST", "/api/v1/setup/test-connection", Permission::kManageSetup,
        "Check the setup and the mail store's folders as a pass would: {ok, message, queue_messages}"},
       TestConnection},
      {{"GET", "/api/v1/users", Permission::kManageUsers, "Users and their permission sets"}, ListUsers},
      {{"POST", "/api/v1/users", Permission::kManageUsers,
        "Add a user {name, password (12 characters or more), permission_set}"},
       AddUser},
      {{"PUT", "/api/v1/users/{name}/permission-set", Permission::kManageUsers,
        "Change another user's permission set: {value}"},
       SetUserPermissionSet},
      {{"PUT", "/api/v1/users/{name}/password", Permission::kManageUsers, "Set a user's password: {value}"},
       SetUserPassword},
      {{"DELETE", "/api/v1/users/{name}", Permission::kManageUsers,
        "Remove another user and their API tokens"},
       RemoveUser},
  };
}

}  // namespace mailtrail::web
