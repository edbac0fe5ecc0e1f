// The bytes of a corpus message: an envelope dressed as real mail looks on arrival
// (trace and DKIM headers, a mail client's own headers, multipart bodies, a PDF
// attachment now and then).
#pragma once

#include <cstdint>
#include <string>

#include "corpus/envelope.h"
#include "random.h"

namespace mailtrail::bench {

// RFC 5322 with LF line ends; `sent` and `delivered` are UTC seconds.
std::string Render(Random& random, const Envelope& envelope, std::int64_t sent, std::int64_t delivered,
                   bool with_attachment);
// The same message again, as a second delivery (e.g. Bcc'd by both sides) adds a hop.
std::string Redelivered(Random& random, const std::string& original, std::int64_t delivered);

}  // namespace mailtrail::bench
