// One contestant's result in a benchmark, and the checks that make it count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "corpus/messages.h"
#include "dovecot_admin.h"
#include "process.h"
#include "server_cpu.h"

namespace mailtrail::bench {

struct Measurement {
  std::string contestant;
  std::string unavailable;  // set: not run, and why
  std::string invalid;      // set: ran, but the figures do not count, and why
  std::int64_t messages = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  double peak_rss_mb = 0;
  std::optional<OutcomeCounts> counts;       // as the contestant reported them
  std::optional<double> server_cpu_seconds;  // Dovecot's imap processes serving it (IMAP)
  // Messages in the storage folder afterwards, or what else stored_what names.
  std::int64_t stored = 0;
  std::string stored_what = "messages in storage afterwards";

  bool valid() const { return unavailable.empty() && invalid.empty(); }
  double MessagesPerSecond() const { return seconds > 0 ? static_cast<double>(messages) / seconds : 0; }
};

// What every contestant shares: where the queues are and how big they are.
struct Arena {
  const DovecotAdmin* admin = nullptr;       // IMAP: the Dovecot of the run
  const ServerCpu* server_cpu = nullptr;     // IMAP: its CPU counters
  // Messages in `folder` of a contestant's `owner`: a Dovecot user, or a Maildir root.
  std::function<std::int64_t(const std::string& owner, const std::string& folder)> count;
  std::string queue_folder = "Queue";
  std::string storage_folder = "Storage";
  std::int64_t queue_size = 0;
};

// Makes the measurement invalid for `why`, unless it already is for another reason.
void MarkInvalid(Measurement& measurement, const std::string& why);
// Copies the time, CPU and memory figures of `run`; a failed run makes the
// measurement invalid.
void TakeFigures(const ProcessResult& run, Measurement& measurement);
// Parses `json` ({"logged": N, ...}) into measurement.counts; invalid when it does
// not parse or its messages do not add up to the queue size.
void TakeCounts(const std::string& json, const Arena& arena, Measurement& measurement);
// Looks at `owner`'s folders after the pass: invalid unless the queue is empty;
// records the stored count.
void CheckFolders(const Arena& arena, const std::string& owner, Measurement& measurement);

// Dovecot's CPU so far (ServerCpu), and what it spent since `before` into the measurement.
std::optional<double> ServerCpuNow(const Arena& arena);
void TakeServerCpu(const Arena& arena, std::optional<double> before, Measurement& measurement);

}  // namespace mailtrail::bench
