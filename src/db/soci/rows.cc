#include "db/soci/rows.h"

#include <charconv>

namespace mailtrail::db {

bool Statement::Run(const std::string& sql, const std::vector<Param>& params) {
  for (const Param& param : params) {
    std::visit([this](const auto& value) { Use(value); }, param);
  }
  Prepare(sql);
  return Execute();
}

void Statement::Prepare(const std::string& sql) {
  statement_.alloc();
  statement_.prepare(sql);
  statement_.define_and_bind();
}

long long Execute(soci::session& session, const std::string& sql,
                  const std::vector<Param>& params) {
  Statement statement(session);
  statement.Run(sql, params);
  return statement.AffectedRows();
}

std::string InList(std::string_view name, std::size_t count) {
  std::string list = "(";
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) list += ", ";
    list.append(":").append(name).append(std::to_string(i));
  }
  return list + ")";
}

bool Exists(soci::session& session, const std::string& sql, const std::vector<Param>& params) {
  long long count = 0;
  Statement statement(session);
  statement.Into(count);
  statement.Run(sql, params);
  return count > 0;
}

namespace {

std::string SetupText(const std::string& value) { return value; }
std::string SetupText(std::int64_t value) { return std::to_string(value); }
std::string SetupText(bool value) { return value ? "true" : "false"; }
std::string SetupText(domain::RecipientScope value) { return std::string(domain::ToString(value)); }
std::string SetupText(const domain::UnmatchedAction& value) { return domain::ToString(value); }
std::string SetupText(const domain::UnauthenticatedSenderAction& value) { return domain::ToString(value); }

// Each returns false when `text` is not a valid value.
bool ParseSetupText(std::string_view text, std::string& value) {
  value = text;
  return true;
}
bool ParseSetupText(std::string_view text, std::int64_t& value) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end;
}
bool ParseSetupText(std::string_view text, bool& value) {
  if (text != "true" && text != "false") return false;
  value = text == "true";
  return true;
}
template <typename T>
bool ParseSetupText(std::string_view text, T& value, std::optional<T> (*parse)(std::string_view)) {
  const std::optional<T> parsed = parse(text);
  if (parsed) value = *parsed;
  return parsed.has_value();
}
bool ParseSetupText(std::string_view text, domain::RecipientScope& value) {
  return ParseSetupText(text, value, domain::ParseRecipientScope);
}
bool ParseSetupText(std::string_view text, domain::UnmatchedAction& value) {
  return ParseSetupText(text, value, domain::ParseUnmatchedAction);
}
bool ParseSetupText(std::string_view text, domain::UnauthenticatedSenderAction& value) {
  return ParseSetupText(text, value, domain::ParseUnauthenticatedSenderAction);
}

template <typename T>
SetupField Field(std::string key, T domain::Setup::*member) {
  return {std::move(key), [member](const domain::Setup& setup) { return SetupText(setup.*member); },
          [member](std::string_view text, domain::Setup& setup) {
            return ParseSetupText(text, setup.*member);
          }};
}

}  // namespace

const std::vector<SetupField>& SetupFields() {
  static const auto* const kFields = new std::vector<SetupField>{
      Field("mail-store", &domain::Setup::mail_store),
      Field("queue-folder", &domain::Setup::queue_folder),
      Field("storage-folder", &domain::Setup::storage_folder),
      Field("email-template", &domain::Setup::email_template),
      Field("batch-size", &domain::Setup::batch_size),
      Field("recipients", &domain::Setup::recipients),
      Field("inherit-communication-details", &domain::Setup::inherit_communication_details),
      Field("unmatched-action", &domain::Setup::unmatched_action),
      Field("require-tls", &domain::Setup::require_tls),
      Field("ca-file", &domain::Setup::ca_file),
      Field("max-file-size", &domain::Setup::max_file_size),
      Field("authserv-id", &domain::Setup::authserv_id),
      Field("unauthenticated-sender", &domain::Setup::unauthenticated_sender),
  };
  return *kFields;
}

}  // namespace mailtrail::db
