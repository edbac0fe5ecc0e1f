// The setup as named keys, the form the CLI (`mailtrail setup set KEY VALUE`) and
// the API use: mail-store, queue-folder, storage-folder, email-template,
// batch-size, recipients, inherit-communication-details, unmatched-action,
// require-tls, ca-file, max-file-size.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "db/database.h"
#include "domain/model.h"

namespace mailtrail::service {

// A setup key and what it means, with the values it takes: what `mailtrail
// setup set --help` and the Setup page say about it.
struct SetupKey {
  std::string_view name;
  std::string_view description;
};

// Every key, in the order above.
std::vector<SetupKey> SetupKeys();

// Every key with its value as text, in the order above (SetupKeys()[i] is the
// key of the i-th).
std::vector<std::pair<std::string, std::string>> SetupValues(const domain::Setup& setup);

// Validates `value` for `key` and stores it. An empty value clears a text key.
// email-template must name an existing template.
// Errors: kInvalidArgument (unknown key, bad value; the message lists what is
// accepted), kNotFound (template missing).
Status SetSetupValue(db::Database& db, std::string_view key, std::string_view value);

}  // namespace mailtrail::service
