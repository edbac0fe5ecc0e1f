// Sign-in, the caller, the API's own document and the process's metrics.
#include <spdlog/spdlog.h>

#include "service/json_views.h"
#include "service/users.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

Status SignIn(Call& call) {
  SignInThrottle& throttle = call.throttle;
  const std::string& address = call.request.remote_addr;
  if (throttle.Refuses(address)) {
    SendError(call.response, 429, Status::PermissionDenied("Too many failed sign-ins; try again in a minute."));
    return Status::Ok();
  }
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  auto user = service::SignIn(call.db, Text(body, "name"), Text(body, "password"));
  if (user.status().code() == StatusCode::kPermissionDenied) {
    throttle.Failed(address);
    spdlog::warn("Failed sign-in from {}", address);
  }
  MT_RETURN_IF_ERROR(user.status());
  MT_ASSIGN_OR_RETURN(const std::string token, service::IssueApiToken(call.db, user->name, "sign-in"));
  SendJson(call.response, {{"token", token}, {"user", service::UserJson(*user)}}, 201);
  return Status::Ok();
}

Status Me(Call& call) {
  Json permissions = Json::array();
  for (Permission permission : domain::kAllPermissions) {
    if (domain::Grants(call.caller->permission_set, permission)) permissions.push_back(domain::ToString(permission));
  }
  Json me = service::UserJson(*call.caller);
  me["permissions"] = permissions;
  SendJson(call.response, me);
  return Status::Ok();
}

Status ServeOpenApi(Call& call) {
  call.response.set_content(OpenApiDocument(), "application/json");
  return Status::Ok();
}

Status ServeMetrics(Call& call) {
  if (call.options.metrics == nullptr) return Status::NotFound("This process runs no passes to count.");
  call.response.set_content(call.options.metrics->PrometheusText(), "text/plain; version=0.0.4");
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> SessionRoutes() {
  return {
      {{"POST", "/api/v1/sessions", std::nullopt, "Sign in with {name, password}; returns a bearer token"}, SignIn},
      {{"GET", "/api/v1/openapi.json", Permission::kReadEntries, "This document"}, ServeOpenApi},
      {{"GET", "/api/v1/me", Permission::kReadEntries, "The caller: name, permission set, permissions"}, Me},
      {{"GET", "/metrics", Permission::kReadEntries,
        "This process's counters in Prometheus's text format: messages by outcome, entries, passes, their "
        "duration, job failures"},
       ServeMetrics},
  };
}

}  // namespace mailtrail::web
