#include "domain/user.h"

#include <algorithm>
#include <cctype>

namespace mailtrail::domain {
namespace {

// The least set that grants `permission`.
PermissionSet LeastSetFor(Permission permission) {
  switch (permission) {
    case Permission::kReadEntries:
    case Permission::kShowMessages: return PermissionSet::kBasic;
    case Permission::kManageDirectory:
    case Permission::kManageInteractions: return PermissionSet::kRelationshipMgmt;
    case Permission::kManageSetup:
    case Permission::kManageJobs:
    case Permission::kManageUsers: return PermissionSet::kEmailLoggingAdmin;
  }
  return PermissionSet::kEmailLoggingAdmin;
}

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view ToString(PermissionSet set) {
  switch (set) {
    case PermissionSet::kBasic: return "BASIC";
    case PermissionSet::kRelationshipMgmt: return "RM-CONT";
    case PermissionSet::kEmailLoggingAdmin: return "EMAIL-LOGGING-ADMIN";
  }
  return "BASIC";
}

std::optional<PermissionSet> ParsePermissionSet(std::string_view text) {
  for (PermissionSet set :
       {PermissionSet::kBasic, PermissionSet::kRelationshipMgmt, PermissionSet::kEmailLoggingAdmin}) {
    if (EqualIgnoringCase(text, ToString(set))) return set;
  }
  return std::nullopt;
}

std::string_view ToString(Permission permission) {
  switch (permission) {
    case Permission::kReadEntries: return "read-entries";
    case Permission::kShowMessages: return "show-messages";
    case Permission::kManageDirectory: return "manage-directory";
    case Permission::kManageInteractions: return "manage-interactions";
    case Permission::kManageSetup: return "manage-setup";
    case Permission::kManageJobs: return "manage-jobs";
    case Permission::kManageUsers: return "manage-users";
  }
  return "";
}

bool Grants(PermissionSet set, Permission permission) {
  return static_cast<int>(set) >= static_cast<int>(LeastSetFor(permission));
}

Status ValidateUserName(std::string_view name) {
  if (name.empty() || name.size() > 50) {
    return Status::InvalidArgument("A user name has 1 to 50 characters.");
  }
  const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '@' || c == '-';
  });
  if (!allowed) {
    return Status::InvalidArgument("The user name '" + std::string(name) +
                                   "' may only have letters, digits and . _ @ -.");
  }
  return Status::Ok();
}

}  // namespace mailtrail::domain
