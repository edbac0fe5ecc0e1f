// Users who sign in to mailtrail: added with a password that is kept only as an
// argon2id hash (libsodium, its "interactive" cost: 2 passes over 64 MiB), checked
// at sign-in, and changed or removed by an administrator; and the bearer tokens
// that scripts use for the REST API.
//
// Passwords are never logged and never part of an error message.
// Thread-safety: the functions are; the Database is used as it allows.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "domain/user.h"

namespace mailtrail::service {

// A password has at least this many characters (bytes of UTF-8), and at most
// kMaxPasswordBytes, as argon2id reads all of it.
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// The argon2id hash of `password`, in the encoded form libsodium verifies (salt
// and cost included). kInvalidArgument for a password outside the length limits;
// kInternal when the hash cannot be made (out of memory).
Result<std::string> HashPassword(std::string_view password);

// Adds a user. kInvalidArgument (name or password), kAlreadyExists.
Status AddUser(db::Database& db, std::string_view name, std::string_view password, domain::PermissionSet set);

// The user whose name and password these are. kPermissionDenied, with the same
// message and about the same time whether the name or the password is wrong.
Result<domain::User> SignIn(db::Database& db, std::string_view name, std::string_view password);

// kInvalidArgument (password), kNotFound.
Status SetPassword(db::Database& db, std::string_view name, std::string_view password);
// kNotFound.
Status SetPermissionSet(db::Database& db, std::string_view name, domain::PermissionSet set);

// A new API token for the user: "mt_" and 64 hex digits of 32 random bytes,
// returned this once; only its SHA-256 is stored. kNotFound (user).
Result<std::string> IssueApiToken(db::Database& db, std::string_view user_name, std::string_view label);

// The user a bearer token belongs to. kPermissionDenied for anything else.
Result<domain::User> Authenticate(db::Database& db, std::string_view token);

}  // namespace mailtrail::service
