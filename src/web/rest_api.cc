#include "web/rest_api.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "mime/html_sanitizer.h"
#include "mime/message_text.h"
#include "service/directory_admin.h"
#include "service/json_views.h"
#include "service/setup_keys.h"
#include "service/show.h"
#include "service/users.h"

namespace mailtrail::web {
namespace {

using domain::Permission;
using Json = nlohmann::ordered_json;

// ---- Plumbing: connections, sign-in throttling, errors ----

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

// Failed sign-ins by remote address, within a sliding window.
class SignInThrottle {
 public:
  SignInThrottle(int max_failures, std::chrono::seconds window) : max_failures_(max_failures), window_(window) {}

  bool Refuses(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto& failures = Forget(address);
    return static_cast<int>(failures.size()) >= max_failures_;
  }
  void Failed(const std::string& address) {
    std::lock_guard lock(mutex_);
    Forget(address).push_back(Clock::now());
  }

 private:
  using Clock = std::chrono::steady_clock;
  // The address's failures within the window; addresses whose failures all
  // passed are forgotten, so the map holds only recent guessers.
  std::deque<Clock::time_point>& Forget(const std::string& address) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      auto& times = it->second;
      while (!times.empty() && Clock::now() - times.front() > window_) times.pop_front();
      it = times.empty() && it->first != address ? failures_.erase(it) : std::next(it);
    }
    return failures_[address];
  }

  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> failures_;
};

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kCorruption:
    case StatusCode::kIOError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

void SendJson(httplib::Response& response, const Json& body, int status = 200) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& response, int http_status, const Status& status) {
  SendJson(response, {{"error", status.message()}, {"code", StatusCodeName(status.code())}}, http_status);
}

// What a handler gets: the request's connection, its caller, the options and
// the server's sign-in throttle.
struct Call {
  const httplib::Request& request;
  httplib::Response& response;
  db::Database& db;
  const domain::User* caller;  // null for a route that needs no token
  const ApiOptions& options;
  SignInThrottle& throttle;
};

using Handler = Status (*)(Call&);

struct RouteHandler {
  ApiRoute route;
  Handler handler;
};

Result<Json> Body(const httplib::Request& request) {
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return Status::InvalidArgument("The request body is not a JSON object.");
  return body;
}

std::string Text(const Json& body, const char* key) {
  const auto found = body.find(key);
  return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Result<std::int64_t> Number(const std::string& text, const char* what) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) {
    return Status::InvalidArgument("'" + text + "' is not a valid " + what + ".");
  }
  return value;
}

// ---- The routes ----

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

Status ListEntries(Call& call) {
  const httplib::Request& request = call.request;
  db::EntryFilter filter;
  filter.salesperson_code = request.get_param_value("salesperson");
  filter.contact_no = request.get_param_value("contact");
  filter.date_from = request.get_param_value("from");
  filter.date_to = request.get_param_value("to");
  filter.subject_contains = request.get_param_value("subject");
  if (request.has_param("direction")) {
    filter.information_flow = domain::ParseInformationFlow(request.get_param_value("direction"));
    if (!filter.information_flow) return Status::InvalidArgument("direction is inbound or outbound.");
  }
  if (request.has_param("after")) {
    MT_ASSIGN_OR_RETURN(filter.after_entry_no, Number(request.get_param_value("after"), "entry no"));
  }
  filter.limit = call.options.default_page_size;
  if (request.has_param("limit")) {
    MT_ASSIGN_OR_RETURN(const std::int64_t limit, Number(request.get_param_value("limit"), "limit"));
    if (limit < 1 || static_cast<std::size_t>(limit) > call.options.max_page_size) {
      return Status::InvalidArgument("limit is 1 to " + std::to_string(call.options.max_page_size) + ".");
    }
    filter.limit = static_cast<std::size_t>(limit);
  }
  MT_ASSIGN_OR_RETURN(const std::vector<domain::InteractionLogEntry> entries, call.db.ListEntries(filter));
  const Json list = service::JsonArray(entries, service::EntryJson);
  // A full page may have a next one; it starts after the last entry of this one.
  const Json next = entries.size() == filter.limit ? Json(entries.back().entry_no) : Json();
  SendJson(call.response, {{"entries", list}, {"next_after", next}});
  return Status::Ok();
}

Result<std::int64_t> EntryNo(const Call& call) {
  return Number(call.request.matches[1], "entry no");
}

Status GetEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::optional<domain::InteractionLogEntry> entry, call.db.GetEntry(no));
  if (!entry) return Status::NotFound("Interaction log entry " + std::to_string(no) + " does not exist.");
  SendJson(call.response, service::EntryJson(*entry));
  return Status::Ok();
}

// The stored message of the entry the path names, whole.
Result<std::string> StoredMessage(const Call& call, std::int64_t no) {
  std::string raw;
  MT_RETURN_IF_ERROR(service::ReadEntryMessage(
      call.db, no, [&raw](std::string_view chunk) { raw.append(chunk); }, call.options.open_mail_store));
  return raw;
}

Status GetMessage(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::string raw, StoredMessage(call, no));
  // Downloaded, never rendered: the browser saves it to open in a mail client.
  call.response.set_header("Content-Disposition", "attachment; filename=\"entry-" + std::to_string(no) + ".eml\"");
  call.response.set_content(raw, "message/rfc822");
  return Status::Ok();
}

// The stored message for the Show page: headers, text, sanitized HTML, attachments.
Status ViewMessage(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::string raw, StoredMessage(call, no));
  MT_ASSIGN_OR_RETURN(const mime::MessageText text, mime::RenderMessageText(raw));
  Json headers = Json::array();
  for (const auto& [name, value] : text.headers) headers.push_back({{"name", name}, {"value", value}});
  Json attachments = Json::array();
  for (const auto& attachment : text.attachments) {
    attachments.push_back({{"name", attachment.name}, {"type", attachment.type}, {"size", attachment.size}});
  }
  Json view = {{"headers", headers}, {"text", text.body}, {"html", nullptr}, {"blocked_images", 0},
               {"attachments", attachments}};
  if (text.html) {
    const mime::SanitizedHtml html =
        mime::SanitizeHtml(*text.html, call.request.get_param_value("images") == "remote");
    view["html"] = html.html;
    view["blocked_images"] = html.blocked_images;
  }
  SendJson(call.response, view);
  return Status::Ok();
}

Status EvaluateEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const std::optional<domain::Evaluation> evaluation = domain::ParseEvaluation(Text(body, "value"));
  if (!evaluation || !body.contains("value")) {
    return Status::InvalidArgument(
        "The body is {\"value\": EVALUATION}: very positive, positive, neutral, negative, very negative or \"\".");
  }
  MT_RETURN_IF_ERROR(call.db.SetEntryEvaluation(no, *evaluation));
  return GetEntry(call);
}

Status CancelEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_boolean()) return Status::InvalidArgument("The body is {\"value\": true|false}.");
  MT_RETURN_IF_ERROR(call.db.SetEntryCanceled(no, value->get<bool>()));
  return GetEntry(call);
}

Status DeleteCanceledEntries(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t deleted, call.db.DeleteCanceledEntries());
  SendJson(call.response, {{"deleted", deleted}});
  return Status::Ok();
}

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

Status ServeMetrics(Call& call) {
  if (call.options.metrics == nullptr) return Status::NotFound("This process runs no passes to count.");
  call.response.set_content(call.options.metrics->PrometheusText(), "text/plain; version=0.0.4");
  return Status::Ok();
}

Status ServeOpenApi(Call& call) {
  call.response.set_content(OpenApiDocument(), "application/json");
  return Status::Ok();
}

// The routes with their handlers; ApiRoutes() and the OpenAPI document are made from it.
const std::vector<RouteHandler>& RouteTable() {
  const auto none = std::nullopt;
  static const std::vector<RouteHandler> kRoutes = {
      {{"POST", "/api/v1/sessions", none, "Sign in with {name, password}; returns a bearer token"},
       SignIn},
      {{"GET", "/api/v1/openapi.json", Permission::kReadEntries, "This document"}, ServeOpenApi},
      {{"GET", "/api/v1/me", Permission::kReadEntries, "The caller: name, permission set, permissions"}, Me},
      {{"GET", "/api/v1/entries", Permission::kReadEntries,
        "Interaction log entries by entry no; filters salesperson, contact, from, to (YYYY-MM-DD), direction, "
        "subject; pages by key: after, limit"},
       ListEntries},
      {{"GET", "/api/v1/entries/{entry_no}", Permission::kReadEntries, "One entry"}, GetEntry},
      {{"GET", "/api/v1/entries/{entry_no}/message", Permission::kShowMessages,
        "The stored message of an entry, as a .eml download"},
       GetMessage},
      {{"GET", "/api/v1/entries/{entry_no}/view", Permission::kShowMessages,
        "The stored message to show: headers, text, HTML made safe (remote images blocked unless "
        "images=remote), attachments"},
       ViewMessage},
      {{"PUT", "/api/v1/entries/{entry_no}/evaluation", Permission::kManageInteractions,
        "Evaluate an entry: {value: very positive … very negative, or \"\"}"},
       EvaluateEntry},
      {{"PUT", "/api/v1/entries/{entry_no}/canceled", Permission::kManageInteractions,
        "Mark an entry canceled or not: {value: true|false}"},
       CancelEntry},
      {{"POST", "/api/v1/entries/delete-canceled", Permission::kManageInteractions,
        "Delete every canceled entry; returns {deleted}"},
       DeleteCanceledEntries},
      {{"GET", "/api/v1/salespersons", Permission::kReadEntries, "Salespersons/purchasers by code"},
       ListSalespersons},
      {{"POST", "/api/v1/salespersons", Permission::kManageDirectory, "Add a salesperson {code, name, email}"},
       AddSalesperson},
      {{"GET", "/api/v1/contacts", Permission::kReadEntries, "Contacts by no"}, ListContacts},
      {{"POST", "/api/v1/contacts", Permission::kManageDirectory,
        "Add a contact {type, name, email, company_no}; returns its no"},
       AddContact},
      {{"GET", "/api/v1/setup", Permission::kManageSetup, "Every setup key with its value"}, GetSetup},
      {{"PUT", "/api/v1/setup/{key}", Permission::kManageSetup, "Set one setup key: {value}"}, SetSetup},
      {{"GET", "/api/v1/users", Permission::kManageUsers, "Users and their permission sets"}, ListUsers},
      {{"GET", "/metrics", Permission::kReadEntries,
        "This process's counters in Prometheus's text format: messages by outcome, entries, passes, their "
        "duration, job failures"},
       ServeMetrics},
  };
  return kRoutes;
}

std::string PathPattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
}

std::string BearerToken(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  return header.starts_with(kScheme) ? header.substr(kScheme.size()) : std::string();
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
    if (route.route.permission) {
      auto user = service::Authenticate(db, BearerToken(request));
      if (user.status().code() == StatusCode::kPermissionDenied) {
        unauthenticated = true;
        return Status::PermissionDenied("Sign in first: send Authorization: Bearer TOKEN.");
      }
      MT_RETURN_IF_ERROR(user.status());
      if (!domain::Grants(user->permission_set, *route.route.permission)) {
        return Status::PermissionDenied("The permission set " + std::string(domain::ToString(user->permission_set)) +
                                        " does not allow this.");
      }
      caller = std::move(user).value();
    }
    Call call{request, response, db, caller ? &*caller : nullptr, state.options, state.throttle};
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
