#include "common/status.h"

namespace mailtrail {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kFailedPrecondition: return "failed precondition";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "I/O error";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kPermissionDenied: return "permission denied";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string text = std::string(StatusCodeName(code_)) + ": " + message_;
  if (!context_.empty()) text += " (" + context_ + ")";
  return text;
}

Status Status::WithContext(std::string_view context) const {
  Status status = *this;
  if (!ok() && status.context_.empty()) status.context_ = context;
  return status;
}

}  // namespace mailtrail
