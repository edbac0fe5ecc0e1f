#include "service/users.h"

#include <sodium.h>

namespace mailtrail::service {
namespace {

// libsodium, initialised once per process (sodium_init is thread-safe).
Status SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready ? Status::Ok() : Status::Internal("libsodium cannot be initialized.");
}

constexpr char kWrongCredentials[] = "The user name or password is not right.";

Status CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument("A password has at least " + std::to_string(kMinPasswordLength) +
                                   " characters.");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("A password has at most " + std::to_string(kMaxPasswordBytes) + " bytes.");
  }
  return Status::Ok();
}

bool Verifies(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<domain::User> FindExisting(db::Database& db, std::string_view name) {
  MT_ASSIGN_OR_RETURN(std::optional<domain::User> user, db.FindUser(name));
  if (!user) return Status::NotFound("User '" + std::string(name) + "' does not exist.");
  return std::move(*user);
}

constexpr std::string_view kTokenPrefix = "mt_";
constexpr char kNotAToken[] = "The API token is not valid.";

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string TokenHash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return Hex(digest, sizeof digest);
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  MT_RETURN_IF_ERROR(CheckPassword(password));
  MT_RETURN_IF_ERROR(SodiumReady());
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("The password cannot be hashed (out of memory).");
  }
  return std::string(hash);
}

Status AddUser(db::Database& db, std::string_view name, std::string_view password, domain::PermissionSet set) {
  MT_RETURN_IF_ERROR(domain::ValidateUserName(name));
  MT_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return db.AddUser({std::string(name), set, std::move(hash)});
}

Result<domain::User> SignIn(db::Database& db, std::string_view name, std::string_view password) {
  MT_RETURN_IF_ERROR(SodiumReady());
  MT_ASSIGN_OR_RETURN(std::optional<domain::User> user, db.FindUser(name));
  if (!user) {
    // As long as a wrong password takes, so the time does not tell which names exist.
    static const Result<std::string> kDecoy = HashPassword(std::string(kMinPasswordLength, 'x'));
    if (kDecoy.ok()) (void)Verifies(*kDecoy, password);
    return Status::PermissionDenied(kWrongCredentials);
  }
  if (!Verifies(user->password_hash, password)) return Status::PermissionDenied(kWrongCredentials);
  return std::move(*user);
}

Status SetPassword(db::Database& db, std::string_view name, std::string_view password) {
  MT_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  MT_ASSIGN_OR_RETURN(domain::User user, FindExisting(db, name));
  user.password_hash = std::move(hash);
  return db.UpdateUser(user);
}

Status SetPermissionSet(db::Database& db, std::string_view name, domain::PermissionSet set) {
  MT_ASSIGN_OR_RETURN(domain::User user, FindExisting(db, name));
  user.permission_set = set;
  return db.UpdateUser(user);
}

Result<std::string> IssueApiToken(db::Database& db, std::string_view user_name, std::string_view label,
                                  domain::UnixTime expires_at) {
  MT_RETURN_IF_ERROR(SodiumReady());
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  std::string token = std::string(kTokenPrefix) + Hex(secret, sizeof secret);
  MT_RETURN_IF_ERROR(db.AddApiToken({TokenHash(token), std::string(user_name), std::string(label), expires_at}));
  return token;
}

Result<domain::User> Authenticate(db::Database& db, std::string_view token, domain::UnixTime now) {
  MT_RETURN_IF_ERROR(SodiumReady());
  if (!token.starts_with(kTokenPrefix)) return Status::PermissionDenied(kNotAToken);
  // Looked up by its hash, so neither the token nor a timing of its
  // comparison is kept anywhere.
  MT_ASSIGN_OR_RETURN(std::optional<domain::ApiToken> stored, db.FindApiToken(TokenHash(token)));
  if (!stored || (stored->expires_at != 0 && stored->expires_at < now)) return Status::PermissionDenied(kNotAToken);
  MT_ASSIGN_OR_RETURN(std::optional<domain::User> user, db.FindUser(stored->user_name));
  if (!user) return Status::PermissionDenied(kNotAToken);
  return std::move(*user);
}

Status RevokeApiToken(db::Database& db, std::string_view token) {
  MT_RETURN_IF_ERROR(SodiumReady());
  const Status removed = db.RemoveApiToken(TokenHash(token));
  return removed.code() == StatusCode::kNotFound ? Status::PermissionDenied(kNotAToken) : removed;
}

std::string CsrfToken(std::string_view session_token) {
  return TokenHash("csrf:" + std::string(session_token));
}

}  // namespace mailtrail::service
