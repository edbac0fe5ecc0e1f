#include "service/users.h"

#include <sodium.h>

namespace mailtrail::service {
namespace {

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

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  MT_RETURN_IF_ERROR(CheckPassword(password));
  if (sodium_init() < 0) return Status::Internal("libsodium cannot be initialized.");
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
  if (sodium_init() < 0) return Status::Internal("libsodium cannot be initialized.");
  MT_ASSIGN_OR_RETURN(std::optional<domain::User> user, db.FindUser(name));
  if (!user) {
    // As long as a wrong password takes, so the time does not tell which names exist.
    static const std::string kDecoy = *HashPassword(std::string(kMinPasswordLength, 'x'));
    (void)Verifies(kDecoy, password);
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

}  // namespace mailtrail::service
