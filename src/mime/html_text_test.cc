#include "mime/html_text.h"

#include <gtest/gtest.h>

namespace mailtrail::mime::internal {
namespace {

TEST(HtmlToTextTest, DropsTagsAndCollapsesWhiteSpace) {
  EXPECT_EQ(HtmlToText("<span class=\"a\">Hello,</span>\n   <b>world</b>"), "Hello, world\n");
}

TEST(HtmlToTextTest, DropsScriptStyleTitleAndComments) {
  EXPECT_EQ(HtmlToText("<TITLE>t</TITLE><Script>if (a < b) x();</SCRIPT><style>b{}</style>"
                       "<!-- <p>hidden</p> -->shown"),
            "shown\n");
}

TEST(HtmlToTextTest, UnclosedScriptHidesTheRest) {
  EXPECT_EQ(HtmlToText("before<script>never closed"), "before\n");
}

TEST(HtmlToTextTest, BlockTagsBreakLines) {
  EXPECT_EQ(HtmlToText("<h1>Title</h1><div>one</div><div>two</div><p>para</p>a<br>b<br><br>c"),
            "Title\n\none\ntwo\n\npara\n\na\nb\n\nc\n");
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), "a b\nc\n");
}

TEST(HtmlToTextTest, DecodesCharacterReferences) {
  EXPECT_EQ(HtmlToText("&amp;&lt;&gt;&quot;&apos;a&nbsp;b &#233;&#xE9;&#X20AC;"), "&<>\"'a b éé€\n");
}

TEST(HtmlToTextTest, DecodesLatin1AndPunctuationNames) {
  EXPECT_EQ(
      HtmlToText("Gr&uuml;&szlig;e &iexcl;&Aacute;&yuml; &copy; &bdquo;ja&ldquo; &ndash; 5&euro;&hellip;"),
      "Grüße ¡Áÿ © „ja“ – 5€…\n");
}

TEST(HtmlToTextTest, LeavesUnknownOrBrokenReferencesAsText) {
  EXPECT_EQ(HtmlToText("AT&T &bogus; &Uuml &#0; &#xD800; &#99999999999; & ;"),
            "AT&T &bogus; &Uuml &#0; &#xD800; &#99999999999; & ;\n");
}

TEST(HtmlToTextTest, LessThanThatStartsNoTagIsText) {
  EXPECT_EQ(HtmlToText("1 < 2 and 3 <4"), "1 < 2 and 3 <4\n");
}

TEST(HtmlToTextTest, QuotedGreaterThanStaysInsideTheTag) {
  EXPECT_EQ(HtmlToText("<a title=\"x > y\" href='z'>link</a>"), "link\n");
}

TEST(HtmlToTextTest, EmptyInput) { EXPECT_EQ(HtmlToText(""), ""); }

}  // namespace
}  // namespace mailtrail::mime::internal
