#include "mime/gmime_support.h"

#include <gtest/gtest.h>

namespace mailtrail::mime::internal {
namespace {

TEST(RewriteBase64WordsAsQTest, RewritesOnlyBase64Words) {
  EXPECT_EQ(RewriteBase64WordsAsQ("Re: =?UTF-8?B?SGk/IQ==?= =?iso-8859-1?q?caf=E9?= x"),
            "Re: =?UTF-8?Q?Hi=3F=21?= =?iso-8859-1?q?caf=E9?= x");
  EXPECT_EQ(RewriteBase64WordsAsQ("=?utf-8*en?b?YSBi?="), "=?utf-8*en?Q?a=20b?=");
}

TEST(RewriteBase64WordsAsQTest, ToleratesMissingPaddingAndJoinedChunks) {
  EXPECT_EQ(RewriteBase64WordsAsQ("=?UTF-8?B?SGVsbG8?="), "=?UTF-8?Q?Hello?=");
  EXPECT_EQ(RewriteBase64WordsAsQ("=?UTF-8?B?SGk=SGk=?="), "=?UTF-8?Q?HiHi?=");
}

TEST(RewriteBase64WordsAsQTest, LeavesAnythingElseAlone) {
  for (const char* text : {"", "plain", "=?", "=?UTF-8?B?", "=??B?SGk=?=", "=?UTF 8?B?SGk=?=", "a =? b ?= c",
                           "=?UTF-8?X?abc?="}) {
    EXPECT_EQ(RewriteBase64WordsAsQ(text), text);
  }
}

TEST(QuoteLocalPartsWithStrayDotsTest, QuotesOnlyLocalPartsWithStrayDots) {
  struct Case {
    const char* text;
    const char* quoted;
  };
  const Case cases[] = {
      {"m..scott@enron.com", "\"m..scott\"@enron.com"},
      {"M Scott <m..scott@enron.com>, w.st.@enron.com,.sharp@enron.com",
       "M Scott <\"m..scott\"@enron.com>, \"w.st.\"@enron.com,\".sharp\"@enron.com"},
      {"taro..yamada@docomo.ne.jp (Taro..)", "\"taro..yamada\"@docomo.ne.jp (Taro..)"},
      // Left alone: valid local parts, display names, quoted strings, comments, domains.
      {"ann.lee@example.com", "ann.lee@example.com"},
      {"Ann.. Lee <ann@example.com>", "Ann.. Lee <ann@example.com>"},
      {"\"a..b\"@example.com", "\"a..b\"@example.com"},
      {"\"x\\\" y..z@\" <y@example.com>", "\"x\\\" y..z@\" <y@example.com>"},
      {"(a..b@c (nested..x@y)) ann@example.com", "(a..b@c (nested..x@y)) ann@example.com"},
      {"ann@example..com", "ann@example..com"},
      {"\"unclosed a..b@c", "\"unclosed a..b@c"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(QuoteLocalPartsWithStrayDots(c.text), c.quoted) << c.text;
}

TEST(ParseMessageTest, AByteOrderMarkDoesNotHideTheFirstField) {
  const GObjectPtr<GMimeMessage> message = ParseMessage("\xEF\xBB\xBF" "From: ann@example.com\r\n\r\nHi\r\n");
  ASSERT_NE(message, nullptr);
  EXPECT_STREQ(g_mime_object_get_header(AsObject(message.get()), "From"), "ann@example.com");
}

TEST(DecodeHeaderTextTest, DecodesRunsOfPaddedBase64Words) {
  EXPECT_EQ(DecodeHeaderText(" =?UTF-8?B?SGVsbG8=?=\r\n =?UTF-8?B?IHdvcmxk?=\r\n"), "Hello world");
  EXPECT_EQ(DecodeHeaderText(nullptr), "");
}

TEST(ValidUtf8Test, ReplacesInvalidSequences) {
  EXPECT_EQ(ValidUtf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(ValidUtf8("bad \xC3("), "bad \uFFFD(");
  EXPECT_EQ(ValidUtf8(nullptr), "");
}

TEST(TrimTest, RemovesSpacesTabsAndLineBreaks) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \r\n"), "");
}

}  // namespace
}  // namespace mailtrail::mime::internal
