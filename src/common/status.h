// Status and Result<T>: the one error style used across module boundaries.
//
// A Status is either OK or carries a code from a closed list plus a message meant
// for a person (the CLI prints it as is). Result<T> holds a value or a non-OK
// Status. Both are cheap to move and safe to share between threads when const.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mailtrail {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller gave a value that can never work
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a key is taken
  kFailedPrecondition,  // the state does not allow the operation (e.g. setup incomplete)
  kCorruption,          // stored data is not what it should be (not a maildir, not SQLite)
  kIOError,             // the operating system refused a file or network operation
  kUnavailable,         // a server or database cannot be reached; retrying may help
  kPermissionDenied,    // wrong credentials, or a permission set that does not allow it
  kInternal,            // a bug: an invariant did not hold
};

// Stable lower-case name of a code, e.g. "not found".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Where the error happened, for logs and job errors (e.g. "Validating setup");
  // empty when not set. Not part of message().
  const std::string& context() const { return context_; }
  // This status with `context` set, unless it is OK or already has one (the
  // innermost context wins).
  Status WithContext(std::string_view context) const;
  // "<code name>: <message>", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string context_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  Result(Status status) : value_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(value_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  // The error, or OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(value_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace mailtrail

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define MT_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::mailtrail::Status mt_status_ = (expr);      \
    if (!mt_status_.ok()) return mt_status_;      \
  } while (false)

// As MT_RETURN_IF_ERROR, adding `context` to the returned status.
#define MT_RETURN_IF_ERROR_IN(context, expr)                        \
  do {                                                              \
    ::mailtrail::Status mt_status_ = (expr);                        \
    if (!mt_status_.ok()) return mt_status_.WithContext(context);   \
  } while (false)

#define MT_CONCAT_INNER_(a, b) a##b
#define MT_CONCAT_(a, b) MT_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result's value, or returns its Status from the enclosing function.
#define MT_ASSIGN_OR_RETURN(lhs, expr) MT_ASSIGN_OR_RETURN_IMPL_(MT_CONCAT_(mt_result_, __LINE__), lhs, expr)
#define MT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
