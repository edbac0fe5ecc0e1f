#include "web/rest_api.h"

#include <spdlog/spdlog.h>

#include <sodium.h>

#include <ctime>
#include <mutex>
#include <regex>

#include "service/users.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

// Database connections for requests; one request uses one at a time.
class DatabasePool {
 public:
  explicit DatabasePool(DatabaseOpener open) : open_(std::move(open)) {}

  // Runs `use` on a pooled connection; a connection whose call failed is
  // dropped (the server may have restarted) rather than pooled again.
  Status With(const std::function<Status(db::Database&)>& use) {
    std::unique_ptr<db::Database> connection;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        connection = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!connection) {
      MT_ASSIGN_OR_RETURN(connection, open_());
    }
    Status status = use(*connection);
    if (status.code() != StatusCode::kUnavailable && status.code() != StatusCode::kInternal) {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    return status;
  }

 private:
  DatabaseOpener open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<db::Database>> idle_;
};

// The routes with their handlers; ApiRoutes() and the OpenAPI document are made from it.
const std::vector<RouteHandler>& RouteTable() {
  static const std::vector<RouteHandler> kRoutes = [] {
    std::vector<RouteHandler> routes;
    for (auto part : {SessionRoutes, EntryRoutes, InteractionRoutes, DirectoryRoutes, AdminRoutes, JobRoutes,
                      DashboardRoutes}) {
      for (RouteHandler& route : part()) routes.push_back(std::move(route));
    }
    return routes;
  }();
  return kRoutes;
}

std::string PathPattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
}

// The caller's token: from the Authorization header, else the session cookie.
struct Credential {
  std::string token;
  bool from_cookie = false;
};

Credential CredentialOf(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.starts_with(kScheme)) return {header.substr(kScheme.size()), false};
  std::string cookie = SessionCookie(request);
  return {std::move(cookie), true};
}

// A change (anything but GET) made with the session cookie must carry the
// cookie's anti-forgery token, which only the site's own pages can read (/me).
bool ForgeryRefused(const httplib::Request& request, const Credential& credential) {
  if (!credential.from_cookie || request.method == "GET") return false;
  const std::string expected = service::CsrfToken(credential.token);
  const std::string sent = request.get_header_value("X-CSRF-Token");
  return sent.size() != expected.size() || sodium_memcmp(sent.data(), expected.data(), sent.size()) != 0;
}

// What every request of one server shares.
struct ApiState {
  explicit ApiState(ApiOptions api_options)
      : options(std::move(api_options)),
        pool(options.open_database),
        throttle(options.max_failed_sign_ins, options.sign_in_window) {}

  const ApiOptions options;
  DatabasePool pool;
  SignInThrottle throttle;
};

// Authenticates and authorises a request, then runs its handler.
void Dispatch(const RouteHandler& route, ApiState& state, const httplib::Request& request,
              httplib::Response& response) {
  bool unauthenticated = false;  // 401; a set that does not grant the route is 403, as kPermissionDenied is
  const Status status = state.pool.With([&](db::Database& db) -> Status {
    std::optional<domain::User> caller;
    const Credential credential = CredentialOf(request);
    if (route.route.permission) {
      auto user = service::Authenticate(db, credential.token, static_cast<domain::UnixTime>(std::time(nullptr)));
      if (user.status().code() == StatusCode::kPermissionDenied) {
        unauthenticated = true;
        return Status::PermissionDenied("Sign in first: send Authorization: Bearer TOKEN.");
      }
      MT_RETURN_IF_ERROR(user.status());
      if (ForgeryRefused(request, credential)) {
        return Status::PermissionDenied("The request lacks the page's X-CSRF-Token; reload the page.");
      }
      if (!domain::Grants(user->permission_set, *route.route.permission)) {
        return Status::PermissionDenied("The permission set " + std::string(domain::ToString(user->permission_set)) +
                                        " does not allow this.");
      }
      caller = std::move(user).value();
    }
    Call call{request, response, db, caller ? &*caller : nullptr, credential.token,
              credential.from_cookie, state.options, state.throttle};
    return route.handler(call);
  });
  if (status.ok()) return;
  if (unauthenticated) response.set_header("WWW-Authenticate", "Bearer");
  SendError(response, unauthenticated ? 401 : HttpStatusOf(status.code()), status);
  if (HttpStatusOf(status.code()) >= 500) {
    spdlog::error("{} {}: {}", request.method, request.path, status.ToString());
  }
}


}  // namespace

const std::vector<ApiRoute>& ApiRoutes() {
  static const std::vector<ApiRoute> routes = [] {
    std::vector<ApiRoute> list;
    for (const RouteHandler& route : RouteTable()) list.push_back(route.route);
    return list;
  }();
  return routes;
}

std::string OpenApiDocument() {
  Json paths = Json::object();
  for (const ApiRoute& route : ApiRoutes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json operation = {{"summary", route.summary}};
    if (!route.permission) operation["security"] = Json::array();
    Json parameters = Json::array();
    static const std::regex kParameter(R"(\{([a-z_]+)\})");
    for (std::sregex_iterator it(route.path.begin(), route.path.end(), kParameter), end; it != end; ++it) {
      parameters.push_back({{"name", (*it)[1].str()}, {"in", "path"}, {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    operation["responses"] = {{"default", {{"description", "JSON; errors are {error, code}"}}}};
    paths[route.path][method] = operation;
  }
  const Json document = {
      {"openapi", "3.0.3"},
      {"info", {{"title", "mailtrail"}, {"version", "1"}}},
      {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", Json::array({{{"bearer", Json::array()}}})},
      {"paths", paths},
  };
  return document.dump(2);
}

void RegisterApi(httplib::Server& server, ApiOptions options) {
  auto state = std::make_shared<ApiState>(std::move(options));
  for (const RouteHandler& route_handler : RouteTable()) {
    const ApiRoute& route = route_handler.route;
    auto handle = [&route_handler, state](const httplib::Request& request, httplib::Response& response) {
      Dispatch(route_handler, *state, request, response);
    };
    const std::string pattern = PathPattern(route.path);
    if (route.method == "GET") server.Get(pattern, handle);
    if (route.method == "POST") server.Post(pattern, handle);
    if (route.method == "PUT") server.Put(pattern, handle);
    if (route.method == "DELETE") server.Delete(pattern, handle);
  }
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Cache-Control", "no-store");
    response.set_header("Referrer-Policy", "no-referrer");
    // Pages set their own; what the API returns is never to be rendered.
    if (!response.has_header("Content-Security-Policy")) {
      response.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.body.empty()) {
      SendError(response, response.status, Status::NotFound("There is no such API route."));
    }
  });
}

}  // namespace mailtrail::web
