// Sign-in, the caller, the API's own document and the process's metrics.
#include <spdlog/spdlog.h>

#include <ctime>

#include "service/email_logging.h"
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
  // Sessions that ended are cleared as new ones begin.
  const auto now = static_cast<domain::UnixTime>(std::time(nullptr));
  MT_RETURN_IF_ERROR(call.db.RemoveExpiredApiTokens(now).status());
  const bool cookie = Text(body, "session") == "cookie";
  const domain::UnixTime expires_at = now + call.options.session_lifetime.count();
  MT_ASSIGN_OR_RETURN(const std::string token, service::IssueApiToken(call.db, user->name,
                                                                      cookie ? "page sign-in" : "sign-in", expires_at));
  Json signed_in = {{"user", service::UserJson(*user)}, {"expires_at", expires_at}};
  if (cookie) {
    // The page never sees the token: it lives in an HttpOnly cookie.
    SetSessionCookie(call.request, call.response, token, call.options.session_lifetime);
    signed_in["csrf_token"] = service::CsrfToken(token);
  } else {
    signed_in["token"] = token;
  }
  SendJson(call.response, signed_in, 201);
  return Status::Ok();
}

Status SignOut(Call& call) {
  MT_RETURN_IF_ERROR(service::RevokeApiToken(call.db, call.credential));
  SetSessionCookie(call.request, call.response, "", {});
  SendJson(call.response, Json::object());
  return Status::Ok();
}

Status Me(Call& call) {
  Json permissions = Json::array();
  for (Permission permission : domain::kAllPermissions) {
    if (domain::Grants(call.caller->permission_set, permission)) permissions.push_back(domain::ToString(permission));
  }
  Json me = service::UserJson(*call.caller);
  me["permissions"] = permissions;
  if (call.credential_from_cookie) me["csrf_token"] = service::CsrfToken(call.credential);
  SendJson(call.response, me);
  return Status::Ok();
}

Status ServeOpenApi(Call& call) {
  call.response.set_content(OpenApiDocument(), "application/json");
  return Status::Ok();
}

Status ServeMetrics(Call& call) {
  if (call.options.metrics == nullptr) return Status::NotFound("This process runs no passes to count.");
  // The queue is listed as a pass lists it: a moment's work even for a large queue.
  service::PassOptions queue_options;
  queue_options.open_mail_store = call.options.open_mail_store;
  const Result<std::size_t> queued = service::ValidateEmailLogging(call.db, queue_options);
  call.response.set_content(call.options.metrics->PrometheusText() + service::QueueDepthText(queued),
                            "text/plain; version=0.0.4");
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> SessionRoutes() {
  return {
      {{"POST", "/api/v1/sessions", std::nullopt,
        "Sign in with {name, password}: returns {token, expires_at, user}; with \"session\": \"cookie\" the token "
        "goes in an HttpOnly cookie instead and the answer holds the csrf_token to send as X-CSRF-Token"},
       SignIn},
      {{"DELETE", "/api/v1/sessions", Permission::kReadEntries, "Sign out: revokes the token or cookie used"},
       SignOut},
      {{"GET", "/api/v1/openapi.json", Permission::kReadEntries, "This document"}, ServeOpenApi},
      {{"GET", "/api/v1/me", Permission::kReadEntries, "The caller: name, permission set, permissions"}, Me},
      {{"GET", "/metrics", Permission::kReadEntries,
        "This process's counters in Prometheus's text format: messages by outcome, entries, passes, their "
        "duration, job failures; and the queue's depth"},
       ServeMetrics},
  };
}

}  // namespace mailtrail::web
