// The lines under the IMAP benchmark's table: the corpus and the outcome counts
// each contestant reported, how the figures were taken, and the goal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus/messages.h"
#include "measurement.h"
#include "report.h"

namespace mailtrail::bench {

// `expected`: the corpus's counts by the processing contract.
std::vector<std::string> ImapNotes(const Report& report, const OutcomeCounts& expected, std::int64_t corpus_bytes,
                                   std::uint64_t seed);

// The goal for mailtrail: at least 50 times the per-message client and
// within 3 times the server-side move; "not assessed" unless all three are valid.
std::string ImapGoalLine(const Measurement& mailtrail, const Measurement& imaplib, const Measurement& move);

// Where the time goes: mailtrail's seconds against the bulk IMAP commands alone,
// and those against the server-side move; empty unless all three are valid.
std::string ProtocolFloorLine(const Measurement& mailtrail, const Measurement& bulk, const Measurement& move);

// The bulk IMAP commands spread over two connections at once, against imaplib:
// the best any client doing a pass's commands over this server reaches, to set
// the goal against; empty unless both are valid.
std::string ParallelFloorLine(const Measurement& parallel_bulk, const Measurement& imaplib);

}  // namespace mailtrail::bench
