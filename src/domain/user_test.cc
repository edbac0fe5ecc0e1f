#include "domain/user.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>

namespace mailtrail::domain {
namespace {

using P = Permission;
using S = PermissionSet;

// The whole matrix of permission set × permission.
TEST(UserTest, EachSetGrantsWhatItsNameSays) {
  struct Case {
    P permission;
    bool basic, rm_cont, admin;
  };
  const Case cases[] = {
      {P::kReadEntries, true, true, true},          {P::kShowMessages, true, true, true},
      {P::kManageDirectory, false, true, true},     {P::kManageInteractions, false, true, true},
      {P::kManageSetup, false, false, true},        {P::kManageJobs, false, false, true},
      {P::kManageUsers, false, false, true},
  };
  EXPECT_EQ(std::size(cases), std::size(kAllPermissions)) << "every permission is in the table";
  for (const Case& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.permission));
    EXPECT_EQ(Grants(S::kBasic, c.permission), c.basic);
    EXPECT_EQ(Grants(S::kRelationshipMgmt, c.permission), c.rm_cont);
    EXPECT_EQ(Grants(S::kEmailLoggingAdmin, c.permission), c.admin);
  }
}

TEST(UserTest, PermissionsHaveDistinctNames) {
  std::set<std::string_view> names;
  for (P permission : kAllPermissions) names.insert(ToString(permission));
  EXPECT_EQ(names.size(), std::size(kAllPermissions));
  EXPECT_EQ(ToString(P::kManageInteractions), "manage-interactions");
}

TEST(UserTest, PermissionSetNamesRoundTripInAnyCase) {
  for (S set : {S::kBasic, S::kRelationshipMgmt, S::kEmailLoggingAdmin}) {
    EXPECT_EQ(ParsePermissionSet(ToString(set)), set);
  }
  EXPECT_EQ(ToString(S::kRelationshipMgmt), "RM-CONT");
  EXPECT_EQ(ParsePermissionSet("email-logging-admin"), S::kEmailLoggingAdmin);
  EXPECT_EQ(ParsePermissionSet("SUPER"), std::nullopt);
  EXPECT_EQ(ParsePermissionSet(""), std::nullopt);
}

TEST(UserTest, UserNames) {
  for (std::string_view good : {"ann", "ann.smith@cronus.example", "JO_2", "a-b", "x"}) {
    EXPECT_TRUE(ValidateUserName(good).ok()) << good;
  }
  for (std::string_view bad : {"", "ann smith", "ann;rm", "ann/..", "ünïcode"}) {
    EXPECT_EQ(ValidateUserName(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(ValidateUserName(std::string(50, 'a')).ok());
  EXPECT_FALSE(ValidateUserName(std::string(51, 'a')).ok());
}

}  // namespace
}  // namespace mailtrail::domain
