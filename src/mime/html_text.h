// Internal to the mime module: the readable text of an HTML body, for a terminal.
//
// Deliberately simple: tags, comments and the contents of script, style and title
// are dropped, runs of white space collapse to one space, block-level tags start
// a new line, and character references are decoded: numeric ones (&#233; &#xE9;),
// the markup ones (&amp; &lt; &gt; &quot; &apos; &nbsp;), the Latin-1 names
// (&eacute; &uuml; ...) and common punctuation (&rsquo; &ndash; &euro; ...).
// It is not a sanitizer; HTML meant for a browser needs a real one.
#pragma once

#include <string>
#include <string_view>

namespace mailtrail::mime::internal {

// REQUIRES: `html` is UTF-8.
std::string HtmlToText(std::string_view html);

}  // namespace mailtrail::mime::internal
