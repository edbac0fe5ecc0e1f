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
// returned this once; only its SHA-256 is stored. It is good until `expires_at`
// (Unix time; 0: until revoked). kNotFound (user).
Result<std::string> IssueApiToken(db::Database& db, std::string_view user_name, std::string_view label,
                                  domain::UnixTime expires_at = 0);

// The user a token belongs to, if it has not expired at `now`.
// kPermissionDenied for anything else.
Result<domain::User> Authenticate(db::Database& db, std::string_view token, domain::UnixTime now);

// Revokes a token (signing out). kPermissionDenied when it is no token of ours.
Status RevokeApiToken(db::Database& db, std::string_view token);

// The anti-CSRF token that goes with a session token: derived from it (so it
// needs no storage), and useless to a page that cannot read the session token.
std::string CsrfToken(std::string_view session_token);

}  // namespace mailtrail::service
