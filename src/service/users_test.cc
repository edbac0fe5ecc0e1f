#include "service/users.h"

#include <gtest/gtest.h>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

using domain::PermissionSet;

constexpr char kPassword[] = "correct horse battery";
constexpr domain::UnixTime kNow = 1'800'000'000;

class UsersTest : public EveryDatabaseFixture {};

TEST_P(UsersTest, APasswordIsKeptOnlyAsAnArgon2idHash) {
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kBasic).ok());
  auto user = db_->FindUser("ann");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_EQ((*user)->password_hash.rfind("$argon2id$", 0), 0u) << (*user)->password_hash;
  EXPECT_EQ((*user)->password_hash.find(kPassword), std::string::npos);
  // Salted: the same password hashes differently every time.
  EXPECT_NE(*HashPassword(kPassword), *HashPassword(kPassword));
}

TEST_P(UsersTest, SignInTakesTheRightPasswordOnly) {
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kRelationshipMgmt).ok());
  auto signed_in = SignIn(*db_, "ann", kPassword);
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  EXPECT_EQ(signed_in->permission_set, PermissionSet::kRelationshipMgmt);

  const Status wrong_password = SignIn(*db_, "ann", "correct horse battery!").status();
  const Status no_such_user = SignIn(*db_, "bob", kPassword).status();
  EXPECT_EQ(wrong_password.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(no_such_user.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(wrong_password.message(), no_such_user.message()) << "which one was wrong is not told";
  EXPECT_EQ(wrong_password.message().find(kPassword), std::string::npos);
}

TEST_P(UsersTest, NamesAndPasswordsAreChecked) {
  EXPECT_EQ(AddUser(*db_, "ann smith", kPassword, PermissionSet::kBasic).code(), StatusCode::kInvalidArgument);
  const Status short_password = AddUser(*db_, "ann", "short", PermissionSet::kBasic);
  EXPECT_EQ(short_password.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_password.message(), "A password has at least 12 characters.");
  EXPECT_EQ(AddUser(*db_, "ann", std::string(kMaxPasswordBytes + 1, 'x'), PermissionSet::kBasic).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kBasic).ok());
  EXPECT_EQ(AddUser(*db_, "ann", kPassword, PermissionSet::kBasic).code(), StatusCode::kAlreadyExists);
}

TEST_P(UsersTest, AnAdministratorChangesPasswordsAndPermissionSets) {
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kBasic).ok());
  ASSERT_TRUE(SetPassword(*db_, "ann", "another long password").ok());
  EXPECT_EQ(SignIn(*db_, "ann", kPassword).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(SignIn(*db_, "ann", "another long password").ok());
  ASSERT_TRUE(SetPermissionSet(*db_, "ann", PermissionSet::kEmailLoggingAdmin).ok());
  EXPECT_EQ(SignIn(*db_, "ann", "another long password")->permission_set, PermissionSet::kEmailLoggingAdmin);
  EXPECT_EQ(SetPassword(*db_, "bob", kPassword).code(), StatusCode::kNotFound);
  EXPECT_EQ(SetPermissionSet(*db_, "bob", PermissionSet::kBasic).code(), StatusCode::kNotFound);
}

TEST_P(UsersTest, AnApiTokenIsShownOnceAndStoredAsItsHash) {
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kRelationshipMgmt).ok());
  auto token = IssueApiToken(*db_, "ann", "reports");
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->size(), 3u + 64u);
  EXPECT_EQ(token->rfind("mt_", 0), 0u);
  EXPECT_FALSE(db_->FindApiToken(*token)->has_value()) << "not stored as it is";
  auto user = Authenticate(*db_, *token, kNow);
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->name, "ann");
  EXPECT_EQ(user->permission_set, PermissionSet::kRelationshipMgmt);

  std::string forged = *token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  for (const std::string& wrong : {forged, std::string(""), std::string("Bearer"), token->substr(3)}) {
    EXPECT_EQ(Authenticate(*db_, wrong, kNow).status().code(), StatusCode::kPermissionDenied) << wrong;
  }
  EXPECT_NE(*IssueApiToken(*db_, "ann", "second"), *token);
  EXPECT_EQ(IssueApiToken(*db_, "bob", "").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(db_->RemoveUser("ann").ok());
  EXPECT_EQ(Authenticate(*db_, *token, kNow).status().code(), StatusCode::kPermissionDenied) << "gone with its user";
}

TEST_P(UsersTest, ASignInTokenEndsAtItsExpiryOrWhenRevoked) {
  ASSERT_TRUE(AddUser(*db_, "ann", kPassword, PermissionSet::kBasic).ok());
  const std::string session = *IssueApiToken(*db_, "ann", "sign-in", kNow + 60);
  EXPECT_TRUE(Authenticate(*db_, session, kNow + 60).ok());
  EXPECT_EQ(Authenticate(*db_, session, kNow + 61).status().code(), StatusCode::kPermissionDenied);
  const std::string lasting = *IssueApiToken(*db_, "ann", "script");
  EXPECT_EQ(*db_->RemoveExpiredApiTokens(kNow + 61), 1);
  EXPECT_TRUE(Authenticate(*db_, lasting, kNow + 1'000'000).ok()) << "0 never expires";

  const std::string other = *IssueApiToken(*db_, "ann", "sign-in", kNow + 60);
  ASSERT_TRUE(RevokeApiToken(*db_, other).ok());
  EXPECT_EQ(Authenticate(*db_, other, kNow).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(RevokeApiToken(*db_, other).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authenticate(*db_, lasting, kNow).ok()) << "revoking one token leaves the others";
  EXPECT_NE(CsrfToken(lasting), CsrfToken(other));
  EXPECT_EQ(CsrfToken(lasting), CsrfToken(lasting));
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, UsersTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
