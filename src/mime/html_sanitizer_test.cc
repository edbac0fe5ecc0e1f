#include "mime/html_sanitizer.h"

#include <gtest/gtest.h>

#include <string>

namespace mailtrail::mime {
namespace {

std::string Clean(std::string_view html) { return SanitizeHtml(html).html; }

TEST(HtmlSanitizerTest, OrdinaryMailFormattingStays) {
  EXPECT_EQ(Clean("<p>Dear <b>Ann</b>,<br>the <i>quote</i>:</p><ul><li>one</li></ul>"),
            "<p>Dear <b>Ann</b>,<br>the <i>quote</i>:</p><ul><li>one</li></ul>");
  EXPECT_EQ(Clean("<table border=\"1\"><tr><td colspan=\"2\" align=\"right\">9.99 &euro;</td></tr></table>"),
            "<table border=\"1\"><tbody><tr><td colspan=\"2\" align=\"right\">9.99 \u20ac</td></tr></tbody></table>");
  EXPECT_EQ(Clean("<a href=\"https://cronus.example/q?a=1&amp;b=2\">quote</a>"),
            "<a href=\"https://cronus.example/q?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">quote</a>");
}

TEST(HtmlSanitizerTest, ScriptsAndEventHandlersNeverSurvive) {
  const char* hostile[] = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<body onload=alert(1)>",
      "<svg onload=alert(1)><script>alert(1)</script></svg>",
      "<math><mtext><script>alert(1)</script></mtext></math>",
      "<iframe src=\"javascript:alert(1)\"></iframe>",
      "<object data=\"x.swf\"></object><embed src=\"x\">",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"jav&#x61;script:alert(1)\">x</a>",
      "<a href=\"  java\tscript:alert(1)\">x</a>",
      "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
      "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<form action=\"https://evil.example\"><input name=p></form>",
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
      "<base href=\"https://evil.example/\">",
      "<link rel=stylesheet href=\"https://evil.example/x.css\">",
      "<div style=\"background:url(https://evil.example/track)\">x</div>",
      "<style>body{background:url(https://evil.example/t)}</style>",
      "<!--[if IE]><script>alert(1)</script><![endif]-->",
      "<noscript><img src=https://evil.example/t></noscript>",
      "<template><script>alert(1)</script></template>",
      "<p id=\"x\" class=\"y\" onclick=\"alert(1)\" data-x=\"1\">t</p>",
      "<scr<script>ipt>alert(1)</script>",
      "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
  };
  for (const char* html : hostile) {
    SCOPED_TRACE(html);
    const std::string clean = Clean(html);
    std::string lower = clean;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* forbidden : {"<script", "onerror", "onload", "onclick", "javascript:", "vbscript:", "data:text",
                                  "<iframe", "<object", "<embed", "<form", "<input", "<meta", "<base", "<link",
                                  "<style", "style=", "<svg", "<math", " src=", " id=", "class=", "data-x"}) {
      EXPECT_EQ(lower.find(forbidden), std::string::npos) << forbidden << " in " << clean;
    }
  }
}

TEST(HtmlSanitizerTest, RemoteImagesWaitUntilAskedFor) {
  const std::string html = "<img src=\"https://cronus.example/logo.png\" alt=\"Logo\"><img src=\"cid:part1\">";
  const SanitizedHtml blocked = SanitizeHtml(html);
  EXPECT_EQ(blocked.blocked_images, 1);
  EXPECT_EQ(blocked.html,
            "<img data-blocked-src=\"https://cronus.example/logo.png\" alt=\"Logo\" referrerpolicy=\"no-referrer\">"
            "<img referrerpolicy=\"no-referrer\">");
  const SanitizedHtml allowed = SanitizeHtml(html, /*allow_remote_images=*/true);
  EXPECT_EQ(allowed.blocked_images, 0);
  EXPECT_NE(allowed.html.find(" src=\"https://cronus.example/logo.png\""), std::string::npos);
}

TEST(HtmlSanitizerTest, TextIsEscapedAndBrokenMarkupIsRepairedAsABrowserWould) {
  EXPECT_EQ(Clean("1 < 2 & \"3\" > 0"), "1 &lt; 2 &amp; \"3\" &gt; 0");
  EXPECT_EQ(Clean("<b>bold <i>both</b> italic"), "<b>bold <i>both</i></b><i> italic</i>");
  EXPECT_EQ(Clean("<a title='\"><script>x</script>'>t</a>"),
            "<a title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" target=\"_blank\" rel=\"noopener noreferrer\">t</a>");
  EXPECT_EQ(Clean(""), "");
  EXPECT_EQ(Clean("<custom-tag>kept text</custom-tag>"), "kept text");
}

TEST(HtmlSanitizerTest, FedInAnyPiecesItNeverCrashes) {
  // Every prefix of a hostile document: cut tags, attributes and references.
  const std::string html =
      "<html><head><style>x</style></head><body><table><tr><td><a href=\"java&#x73;cript:x\" "
      "onmouseover='y'>z</a><img src=https://e.example/i.png onerror=q><svg><script>a</script></svg>&amp&#0;&#xD800;";
  for (std::size_t size = 0; size <= html.size(); ++size) {
    const std::string clean = Clean(std::string_view(html).substr(0, size));
    EXPECT_EQ(clean.find("<script"), std::string::npos);
    EXPECT_EQ(clean.find("onerror"), std::string::npos);
  }
}

}  // namespace
}  // namespace mailtrail::mime
