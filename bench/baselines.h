// The baselines measured in the same run as mailtrail:
// - the per-message client a typical CRM has (bench/baseline_imaplib.py),
// - the bulk IMAP commands of a pass with no logic (bench/baseline_bulk_imap.py):
//   what the server spends on the protocol whoever the client is, and
// - Dovecot's server-side `doveadm move` of the whole queue, with no logic and no
//   protocol: the floor.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "measurement.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

// A baseline written in Python against the Dovecot of the run.
struct PythonClientRun {
  std::string contestant;                // its row's name
  std::filesystem::path python;          // Debian's /usr/bin/python3
  std::filesystem::path script;          // one of bench/baseline_*.py
  std::vector<std::string> arguments;    // after the connection arguments
  std::filesystem::path workspace;       // its working folder
  bool reports_counts = false;           // prints the outcome counts as JSON
  std::string user;
  std::string password;  // passed in MAILTRAIL_IMAP_PASSWORD
  std::chrono::seconds timeout{300};
};

// Runs the script with --host, --port, --user, --ca-file, --queue and --storage
// first; valid when it exits 0, the queue is empty afterwards and, with
// reports_counts, its counts add up to the queue.
Measurement MeasurePythonClient(const PythonClientRun& run, const testing::DovecotServer& server,
                                const Arena& arena);

// `doveadm move -u USER STORAGE mailbox QUEUE all`.
Measurement MeasureDoveadmMove(const std::string& user, const Arena& arena, std::chrono::seconds timeout);

}  // namespace mailtrail::bench
