#include "mailstore/maildir/name_index.h"

#include <gtest/gtest.h>

#include <string>

namespace mailtrail::mailstore {
namespace {

TEST(BaseNameSetTest, HoldsWhatWasListedAndWhatWasAdded) {
  BaseNameSet names;
  EXPECT_FALSE(names.MayContain(BaseNameId("1.M1P1.mx")));
  names.Reset({BaseNameId("2.M1P1.mx"), BaseNameId("1.M1P1.mx")});
  names.Add(BaseNameId("3.M1P1.mx"));
  for (const char* name : {"1.M1P1.mx", "2.M1P1.mx", "3.M1P1.mx"}) EXPECT_TRUE(names.MayContain(BaseNameId(name)));
  EXPECT_FALSE(names.MayContain(BaseNameId("4.M1P1.mx")));

  names.Reset({BaseNameId("4.M1P1.mx")});  // a new listing replaces all
  EXPECT_FALSE(names.MayContain(BaseNameId("3.M1P1.mx")));
  EXPECT_TRUE(names.MayContain(BaseNameId("4.M1P1.mx")));
}

// Added ids are merged into the sorted listing in groups: every one stays found.
TEST(BaseNameSetTest, HoldsEveryAddedIdAcrossMerges) {
  BaseNameSet names;
  names.Reset({BaseNameId("listed")});
  constexpr int kAdded = 200'000;  // past three merges
  for (int i = 0; i < kAdded; ++i) names.Add(BaseNameId(std::to_string(i) + ".M1P1.mx"));
  EXPECT_TRUE(names.MayContain(BaseNameId("listed")));
  int found = 0;
  for (int i = 0; i < kAdded; ++i) found += names.MayContain(BaseNameId(std::to_string(i) + ".M1P1.mx")) ? 1 : 0;
  EXPECT_EQ(found, kAdded);
  EXPECT_FALSE(names.MayContain(BaseNameId("never added")));
}

TEST(ArrivalTimesTest, FindsWhatTheLastListingRecorded) {
  ArrivalTimes times;
  EXPECT_EQ(times.Find(BaseNameId("1.M1P1.mx")), std::nullopt);
  times.Replace({{BaseNameId("2.M1P1.mx"), 20}, {BaseNameId("1.M1P1.mx"), 10}});
  EXPECT_EQ(times.Find(BaseNameId("1.M1P1.mx")), 10);
  EXPECT_EQ(times.Find(BaseNameId("2.M1P1.mx")), 20);
  times.Replace({{BaseNameId("3.M1P1.mx"), 30}});
  EXPECT_EQ(times.Find(BaseNameId("1.M1P1.mx")), std::nullopt);
  EXPECT_EQ(times.Find(BaseNameId("3.M1P1.mx")), 30);
}

}  // namespace
}  // namespace mailtrail::mailstore
