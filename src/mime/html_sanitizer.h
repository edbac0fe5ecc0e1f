// HTML of a message made safe to show in a browser (Show in the web UI): parsed
// with gumbo as a browser parses it, then rebuilt from an allow-list.
//
// Kept: text, and the elements of ordinary mail formatting (paragraphs, lists,
// tables, headings, emphasis, links, images, fonts) with a few presentational
// attributes (align, width, colspan, ...). Dropped with their content: script,
// style, head, iframe, object, embed, form controls, svg, math, template and the
// like. Other elements are unwrapped (their content stays). Never kept: event
// handlers (on*), style and class attributes, ids. A link keeps its href only
// for http, https and mailto (judged after gumbo decoded the character
// references, so "jav&#x61;script:" is caught), and opens in a new window
// without a referrer. An image keeps a remote src (http, https) only when
// `allow_remote_images`; otherwise it is counted as blocked and its src moves to
// data-blocked-src, for the page to offer loading it.
//
// The output is a fragment (no html/body), UTF-8, with every text and attribute
// value escaped. Safe to call from several threads.
#pragma once

#include <string>
#include <string_view>

namespace mailtrail::mime {

struct SanitizedHtml {
  std::string html;
  int blocked_images = 0;  // remote images left out
};

SanitizedHtml SanitizeHtml(std::string_view html, bool allow_remote_images = false);

}  // namespace mailtrail::mime
