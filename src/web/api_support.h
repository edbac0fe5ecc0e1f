// What the REST API's route handlers share: the call they are given, JSON in and
// out, and the mapping of a Status to an HTTP status. Each routes_*.cc file
// holds the handlers of one area and returns its part of the route table.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "db/database.h"
#include "domain/user.h"
#include "web/rest_api.h"
#include "web/sign_in_throttle.h"

namespace mailtrail::web {

using Json = nlohmann::ordered_json;

// What a handler gets: the request's connection, its caller, the options and
// the server's sign-in throttle.
struct Call {
  const httplib::Request& request;
  httplib::Response& response;
  db::Database& db;
  const domain::User* caller;  // null for a route that needs no caller
  std::string_view credential;  // the token the caller used (bearer or cookie)
  bool credential_from_cookie;  // a page's session, rather than a bearer token
  const ApiOptions& options;
  SignInThrottle& throttle;
};

// Answers the call (SendJson or response.set_content), or returns the error to
// answer with: Dispatch sends it as {error, code}.
using Handler = Status (*)(Call&);

struct RouteHandler {
  ApiRoute route;
  Handler handler;
};

// The parts of the route table, in the order the OpenAPI document lists them.
std::vector<RouteHandler> SessionRoutes();
std::vector<RouteHandler> EntryRoutes();
std::vector<RouteHandler> DirectoryRoutes();
std::vector<RouteHandler> AdminRoutes();
std::vector<RouteHandler> JobRoutes();
std::vector<RouteHandler> DashboardRoutes();
std::vector<RouteHandler> InteractionRoutes();

// 400 invalid argument, 403 permission denied, 404 not found, 409 already exists
// or failed precondition, 503 unavailable, 500 otherwise.
int HttpStatusOf(StatusCode code);

void SendJson(httplib::Response& response, const Json& body, int status = 200);
// {"error": message, "code": name}.
void SendError(httplib::Response& response, int http_status, const Status& status);

// The pages' session: the token in an HttpOnly, SameSite=Strict cookie, Secure
// when the request came over HTTPS through a proxy (X-Forwarded-Proto: https).
inline constexpr std::string_view kSessionCookie = "mailtrail_session";
// The session cookie's value, or "".
std::string SessionCookie(const httplib::Request& request);
// Sets the cookie to `token` for `lifetime`; an empty token clears it.
void SetSessionCookie(const httplib::Request& request, httplib::Response& response, const std::string& token,
                      std::chrono::seconds lifetime);

// The request body as a JSON object sent as application/json; kInvalidArgument
// otherwise.
Result<Json> Body(const httplib::Request& request);
// body[key] when it is a string, else "".
std::string Text(const Json& body, const char* key);
// body[key] as a boolean; false when absent. kInvalidArgument when it is not a boolean.
Result<bool> Flag(const Json& body, const char* key);
// A non-negative decimal number; kInvalidArgument naming `what` otherwise.
Result<std::int64_t> Number(const std::string& text, const char* what);
// The path's `index`th parameter ({entry_no} is 1 in /entries/{entry_no}) as a number.
Result<std::int64_t> PathNumber(const Call& call, std::size_t index, const char* what);
// A file name for Content-Disposition (RFC 6266): an ASCII fallback keeping only
// letters, digits, space and ._- (nothing that could end or break the header),
// and the name itself percent-encoded for browsers that read filename*:
// `filename="..."; filename*=UTF-8''...`.
std::string DispositionFileName(const std::string& name);
// The request's `limit` parameter: 1 to options.max_page_size, by default
// options.default_page_size; kInvalidArgument otherwise.
Result<std::size_t> PageLimit(const Call& call);

}  // namespace mailtrail::web
