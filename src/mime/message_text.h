// A stored message rendered for a person reading it in a terminal (Show).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace mailtrail::mime {

struct MessageText {
  // Decoded display headers in this order when present: From, To, Cc, Date, Subject.
  std::vector<std::pair<std::string, std::string>> headers;
  // The text/plain body decoded to UTF-8; when there is only HTML, its text with
  // tags removed. Attachments are listed as "[attachment: NAME (TYPE, N bytes)]".
  std::string body;
};

// Errors: kCorruption when the message cannot be parsed.
Result<MessageText> RenderMessageText(std::string_view raw);

}  // namespace mailtrail::mime
