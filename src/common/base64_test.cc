#include "common/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace mailtrail {
namespace {

TEST(Base64Test, EncodesTheVectorsOfRfc4648) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Test, DecodesWhatItEncodesWhateverTheBytes) {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  for (std::size_t length = 0; length <= every_byte.size(); length += 37) {
    const std::string bytes = every_byte.substr(0, length);
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes) << length;
  }
  EXPECT_EQ(Base64Decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(Base64Decode("+/8="), std::string("\xfb\xff"));
}

TEST(Base64Test, RefusesAnythingButCanonicalBase64) {
  for (const char* text : {"Zm9", "Zm9vY", "Zm9v\n", "Zm 9v", "Zm9v-_==", "Z===", "=m9v", "Zm=v", "Zg==Zm9v",
                           "Zh==", "Zm9=", "Zm8=\r\n", "é123"}) {
    EXPECT_EQ(Base64Decode(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace mailtrail
