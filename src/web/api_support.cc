#include "web/api_support.h"

#include <cctype>
#include <charconv>

namespace mailtrail::web {

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

void SendJson(httplib::Response& response, const Json& body, int status) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& response, int http_status, const Status& status) {
  SendJson(response, {{"error", status.message()}, {"code", StatusCodeName(status.code())}}, http_status);
}

std::string SessionCookie(const httplib::Request& request) {
  const std::string header = request.get_header_value("Cookie");
  const std::string prefix = std::string(kSessionCookie) + "=";
  for (std::size_t start = 0; start < header.size();) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + start, end - start);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair.starts_with(prefix)) return std::string(pair.substr(prefix.size()));
    start = end + 1;
  }
  return "";
}

void SetSessionCookie(const httplib::Request& request, httplib::Response& response, const std::string& token,
                      std::chrono::seconds lifetime) {
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(token.empty() ? 0 : lifetime.count());
  if (request.get_header_value("X-Forwarded-Proto") == "https") cookie += "; Secure";
  response.set_header("Set-Cookie", cookie);
}

Result<Json> Body(const httplib::Request& request) {
  if (!request.get_header_value("Content-Type").starts_with("application/json")) {
    return Status::InvalidArgument("Send the request body as Content-Type: application/json.");
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return Status::InvalidArgument("The request body is not a JSON object.");
  return body;
}

std::string Text(const Json& body, const char* key) {
  const auto found = body.find(key);
  return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Result<bool> Flag(const Json& body, const char* key) {
  const auto found = body.find(key);
  if (found == body.end()) return false;
  if (!found->is_boolean()) return Status::InvalidArgument(std::string(key) + " is true or false.");
  return found->get<bool>();
}

Result<std::int64_t> Number(const std::string& text, const char* what) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) {
    return Status::InvalidArgument("'" + text + "' is not a valid " + what + ".");
  }
  return value;
}

Result<std::int64_t> PathNumber(const Call& call, std::size_t index, const char* what) {
  return Number(call.request.matches[index], what);
}

Result<std::size_t> PageLimit(const Call& call) {
  if (!call.request.has_param("limit")) return call.options.default_page_size;
  MT_ASSIGN_OR_RETURN(const std::int64_t limit, Number(call.request.get_param_value("limit"), "limit"));
  if (limit < 1 || static_cast<std::size_t>(limit) > call.options.max_page_size) {
    return Status::InvalidArgument("limit is 1 to " + std::to_string(call.options.max_page_size) + ".");
  }
  return static_cast<std::size_t>(limit);
}

std::string DispositionFileName(const std::string& name) {
  std::string fallback, encoded;
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_';
    fallback += plain || c == ' ' ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return "filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace mailtrail::web
