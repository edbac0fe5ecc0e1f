#include "web/api_support.h"

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

Result<std::int64_t> PathNumber(const Call& call, std::size_t index, const char* what) {
  return Number(call.request.matches[index], what);
}

}  // namespace mailtrail::web
