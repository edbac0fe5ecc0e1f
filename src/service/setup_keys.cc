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

Status SetBatchSize(domain::Setup& setup, std::string_view value) {
  std::int64_t size = -1;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
  if (error != std::errc() || end != value.data() + value.size() || size < 0) {
    return BadValue("batch-size", value, "a whole number, 0 for no limit");
  }
  setup.batch_size = size;
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

}  // namespace

std::vector<std::pair<std::string, std::string>> SetupValues(const domain::Setup& setup) {
  return {
      {"mail-store", setup.mail_store},
      {"queue-folder", setup.queue_folder},
      {"storage-folder", setup.storage_folder},
      {"email-template", setup.email_template},
      {"batch-size", std::to_string(setup.batch_size)},
      {"recipients", std::string(domain::ToString(setup.recipients))},
      {"inherit-communication-details", setup.inherit_communication_details ? "true" : "false"},
      {"unmatched-action", domain::ToString(setup.unmatched_action)},
      {"require-tls", setup.require_tls ? "true" : "false"},
      {"ca-file", setup.ca_file},
  };
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
    MT_RETURN_IF_ERROR(SetBatchSize(setup, value));
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
