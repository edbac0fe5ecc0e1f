// Who writes to whom in the benchmark corpus: the envelopes of the message kinds,
// drawn from the directory. Rendering them to bytes is render.h's job.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus/directory.h"
#include "random.h"

namespace mailtrail::bench {

struct Party {
  std::string name;
  std::string address;
};

struct Envelope {
  Party from;
  std::vector<Party> to;
  std::vector<Party> cc;
  std::vector<Party> bcc;
  std::string subject;
  std::vector<std::string> extra_headers;  // whole lines, e.g. "Sensitivity: Private"
};

// A salesperson writes to people at one company; `entries` gets the contacts in To.
Envelope Outbound(Random& random, const Directory& directory, std::int64_t& entries);
// A contact writes to salespersons; `entries` gets the salespersons in To.
Envelope Inbound(Random& random, const Directory& directory, std::int64_t& entries);
// Mail that is not between a salesperson and a contact.
Envelope Unregistered(Random& random, const Directory& directory);
// A draft, or mail with recipients only in Bcc.
Envelope Invalid(Random& random, const Directory& directory);
// Mail between a salesperson and a contact that also has an address longer than
// 80 characters as its sender or in To (an automated system's, say).
Envelope AddressTooLong(Random& random, const Directory& directory);

// A subject drawn from `subjects` (as Language::subjects), now and then a reply or a forward.
std::string MakeSubject(Random& random, const std::vector<std::string>& subjects);

}  // namespace mailtrail::bench
