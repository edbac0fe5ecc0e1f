// Users of mailtrail and what their permission set lets them do (Business
// Central's permission sets BASIC, RM-CONT and EMAIL-LOGGING-ADMIN). Pure: no
// I/O; passwords are hashed by service/users.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/model.h"

namespace mailtrail::domain {

// Each set includes everything of the one before it.
enum class PermissionSet {
  kBasic,              // BASIC: read entries and Show stored messages
  kRelationshipMgmt,   // RM-CONT: also manage contacts and salespersons, and interactions
  kEmailLoggingAdmin,  // EMAIL-LOGGING-ADMIN: also setup, templates, the job queue and users
};

// "BASIC", "RM-CONT", "EMAIL-LOGGING-ADMIN".
std::string_view ToString(PermissionSet set);
// Accepts the names ToString gives, in any case.
std::optional<PermissionSet> ParsePermissionSet(std::string_view text);

// Something an endpoint or command does, checked against a user's set.
enum class Permission {
  kReadEntries,         // list and export interaction log entries
  kShowMessages,        // Show a stored message
  kManageDirectory,     // add or change salespersons, contacts and alt addresses
  kManageInteractions,  // create, evaluate, cancel and postpone interactions
  kManageSetup,         // the setup and the interaction templates and groups
  kManageJobs,          // the job queue: run now, hold, resume
  kManageUsers,         // users and their permission sets
};

inline constexpr Permission kAllPermissions[] = {
    Permission::kReadEntries, Permission::kShowMessages, Permission::kManageDirectory,
    Permission::kManageInteractions, Permission::kManageSetup, Permission::kManageJobs,
    Permission::kManageUsers,
};
// "read-entries", "show-messages", "manage-directory", "manage-interactions",
// "manage-setup", "manage-jobs", "manage-users".
std::string_view ToString(Permission permission);

bool Grants(PermissionSet set, Permission permission);

struct User {
  std::string name;
  PermissionSet permission_set = PermissionSet::kBasic;
  std::string password_hash;  // argon2id in libsodium's encoded form ("$argon2id$...")
};

// A bearer token for the REST API, as stored: its hash, never the token itself.
struct ApiToken {
  std::string token_hash;  // hex SHA-256 of the token
  std::string user_name;
  std::string label;       // what the administrator named it for
  UnixTime expires_at = 0;  // 0: never
};

// A user name is 1 to 50 characters of letters, digits and . _ @ -, so that it
// shows the same in a log line, a URL and a shell. kInvalidArgument says why not.
Status ValidateUserName(std::string_view name);

}  // namespace mailtrail::domain
