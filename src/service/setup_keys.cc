#include "service/setup_keys.h"

#include <charconv>

#include <ctime>

#include "mailstore/mail_store.h"
#include "service/job_runner.h"

namespace mailtrail::service {
namespace {

Status BadValue(std::string_view key, std::string_view value, std::string_view expected) {
  return Status::InvalidArgument("Invalid value '" + std::string(value) + "' for " + std::string(key) +
                                 " (expected " + std::string(expected) + ").");
}

Status SetMailStore(domain::Setup& setup, std::string_view value) {
  if (!value.empty()) MT_RETURN_IF_ERROR(mailstore::CheckMailStoreUrl(value));
  setup.mail_store = value;
  return Status::Ok();
}

// A whole number of at least `minimum`; `expected` says what is in an error.
Status SetWholeNumber(std::string_view key, std::int64_t& field, std::string_view value, std::int64_t minimum,
                      std::string_view expected) {
  std::int64_t number = -1;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || number < minimum) {
    return BadValue(key, value, expected);
  }
  field = number;
  return Status::Ok();
}

Status SetRecipients(domain::Setup& setup, std::string_view value) {
  auto scope = domain::ParseRecipientScope(value);
  if (!scope) return BadValue("recipients", value, "to or to,cc");
  setup.recipients = *scope;
  return Status::Ok();
}

Status SetBool(std::string_view key, bool& field, std::string_view value) {
  if (value != "true" && value != "false") return BadValue(key, value, "true or false");
  field = value == "true";
  return Status::Ok();
}

Status SetUnmatchedAction(domain::Setup& setup, std::string_view value) {
  auto action = domain::ParseUnmatchedAction(value);
  if (!action) return BadValue("unmatched-action", value, "delete or move:FOLDER");
  setup.unmatched_action = *action;
  return Status::Ok();
}

Status SetUnauthenticatedSender(domain::Setup& setup, std::string_view value) {
  auto action = domain::ParseUnauthenticatedSenderAction(value);
  if (!action) return BadValue("unauthenticated-sender", value, "log, flag or reject:FOLDER");
  setup.unauthenticated_sender = *action;
  return Status::Ok();
}

// Each key: its name and description, and how its value reads as text.
struct KeyView {
  SetupKey key;
  std::string (*value)(const domain::Setup&);
};

std::string Flag(bool value) { return value ? "true" : "false"; }

const std::vector<KeyView>& KeyViews() {
  static const auto* const kKeys = new std::vector<KeyView>{
      {{"mail-store",
        "maildir:///ABSOLUTE/PATH (Maildir++, as Dovecot lays it out), imap://USER@HOST[:PORT] or "
        "imaps://USER@HOST[:PORT]; the password or OAuth2 token comes from MAILTRAIL_IMAP_PASSWORD/_TOKEN or "
        "the secrets file, never from the command line"},
       [](const domain::Setup& s) { return s.mail_store; }},
      {{"queue-folder", "folder staff copy mail into, e.g. Queue"},
       [](const domain::Setup& s) { return s.queue_folder; }},
      {{"storage-folder", "folder logged mail is kept in, e.g. Storage"},
       [](const domain::Setup& s) { return s.storage_folder; }},
      {{"email-template", "interaction template of logged mail (group SYSTEM), e.g. EMAIL"},
       [](const domain::Setup& s) { return s.email_template; }},
      {{"batch-size", "messages per pass, 0 = no limit (default 0)"},
       [](const domain::Setup& s) { return std::to_string(s.batch_size); }},
      {{"recipients", "to | to,cc: recipients considered (default to; Bcc never)"},
       [](const domain::Setup& s) { return std::string(domain::ToString(s.recipients)); }},
      {{"inherit-communication-details", "true | false: persons take their company's email (default true)"},
       [](const domain::Setup& s) { return Flag(s.inherit_communication_details); }},
      {{"unmatched-action", "delete | move:FOLDER for unregistered mail (default delete)"},
       [](const domain::Setup& s) { return domain::ToString(s.unmatched_action); }},
      {{"require-tls", "true | false: IMAP never logs in without TLS (default false)"},
       [](const domain::Setup& s) { return Flag(s.require_tls); }},
      {{"ca-file", "IMAP: PEM file of the CA to trust instead of the system's"},
       [](const domain::Setup& s) { return s.ca_file; }},
      {{"max-file-size", "largest file, in bytes, a created interaction may carry (default 10485760: 10 MiB)"},
       [](const domain::Setup& s) { return std::to_string(s.max_file_size); }},
      {{"authserv-id",
        "the receiving server whose Authentication-Results headers are trusted (RFC 8601), e.g. "
        "mx.cronus.example; empty: none, senders stay unchecked (default empty)"},
       [](const domain::Setup& s) { return s.authserv_id; }},
      {{"unauthenticated-sender",
        "log | flag | reject:FOLDER: loggable mail whose sender that server did not authenticate is logged, "
        "logged and marked for review, or moved to FOLDER unlogged (default log)"},
       [](const domain::Setup& s) { return domain::ToString(s.unauthenticated_sender); }},
  };
  return *kKeys;
}

}  // namespace

std::vector<SetupKey> SetupKeys() {
  std::vector<SetupKey> keys;
  for (const KeyView& view : KeyViews()) keys.push_back(view.key);
  return keys;
}

std::vector<std::pair<std::string, std::string>> SetupValues(const domain::Setup& setup) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const KeyView& view : KeyViews()) values.emplace_back(view.key.name, view.value(setup));
  return values;
}

Status SetSetupValue(db::Database& db, std::string_view key, std::string_view value) {
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  if (key == "mail-store") {
    MT_RETURN_IF_ERROR(SetMailStore(setup, value));
  } else if (key == "queue-folder") {
    setup.queue_folder = value;
  } else if (key == "storage-folder") {
    setup.storage_folder = value;
  } else if (key == "email-template") {
    if (!value.empty()) {
      MT_ASSIGN_OR_RETURN(auto tmpl, db.FindTemplate(value));
      if (!tmpl) return Status::NotFound("The interaction template '" + std::string(value) + "' does not exist.");
    }
    setup.email_template = value;
  } else if (key == "batch-size") {
    MT_RETURN_IF_ERROR(SetWholeNumber(key, setup.batch_size, value, 0, "a whole number, 0 for no limit"));
  } else if (key == "recipients") {
    MT_RETURN_IF_ERROR(SetRecipients(setup, value));
  } else if (key == "inherit-communication-details") {
    MT_RETURN_IF_ERROR(SetBool(key, setup.inherit_communication_details, value));
  } else if (key == "require-tls") {
    MT_RETURN_IF_ERROR(SetBool(key, setup.require_tls, value));
  } else if (key == "ca-file") {
    setup.ca_file = value;
  } else if (key == "unmatched-action") {
    MT_RETURN_IF_ERROR(SetUnmatchedAction(setup, value));
  } else if (key == "authserv-id") {
    if (value.find_first_of(" \t;()\"") != std::string_view::npos) {
      return BadValue(key, value, "a host name such as mx.cronus.example, or empty");
    }
    setup.authserv_id = value;
  } else if (key == "unauthenticated-sender") {
    MT_RETURN_IF_ERROR(SetUnauthenticatedSender(setup, value));
  } else if (key == "max-file-size") {
    MT_RETURN_IF_ERROR(SetWholeNumber(key, setup.max_file_size, value, 1, "a whole number of bytes, at least 1"));
  } else {
    std::string keys;
    for (const auto& [name, ignored] : SetupValues(setup)) keys += (keys.empty() ? "" : ", ") + name;
    return Status::InvalidArgument("Unknown setup key '" + std::string(key) + "' (keys: " + keys + ").");
  }
  MT_RETURN_IF_ERROR(db.SaveSetup(setup));
  // Setting up email logging creates its job, on hold until enabled.
  if (key == "mail-store" || key == "queue-folder" || key == "storage-folder") {
    MT_RETURN_IF_ERROR(EnsureEmailLoggingJob(db, static_cast<domain::UnixTime>(std::time(nullptr))).status());
  }
  return Status::Ok();
}

}  // namespace mailtrail::service
