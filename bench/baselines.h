// Baselines measured in the same run as mailtrail:
// - scripts in Python's standard library: the per-message client a typical CRM
//   has (bench/baseline_imaplib.py, bench/baseline_maildir.py), and the bulk IMAP
//   commands of a pass with no logic (bench/baseline_bulk_imap.py): what the
//   server spends on the protocol whoever the client is, and
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

// A baseline written in Python.
struct PythonRun {
  std::string contestant;              // its row's name
  std::filesystem::path python;        // Debian's /usr/bin/python3
  std::filesystem::path script;        // one of bench/baseline_*.py
  std::vector<std::string> arguments;  // after the connection arguments, if any
  std::filesystem::path workspace;     // its working folder
  bool reports_counts = false;         // prints the outcome counts as JSON
  std::string owner;                   // whose folders it works on: a Dovecot user, or a Maildir root
  std::string password;                // IMAP: passed in MAILTRAIL_IMAP_PASSWORD
  std::chrono::seconds timeout{300};
};

// "Python 3.11.2", or "no Python".
std::string PythonVersion(const std::filesystem::path& python);

// Runs the script with run.arguments; valid when it exits 0, the queue is empty
// afterwards and, with reports_counts, its counts add up to the queue.
Measurement MeasurePythonScript(const PythonRun& run, const Arena& arena);

// The same against the Dovecot of the run: with --host, --port, --user (the
// owner), --ca-file, --queue and --storage before run.arguments.
Measurement MeasurePythonClient(PythonRun run, const testing::DovecotServer& server, const Arena& arena);

// `doveadm move -u USER STORAGE mailbox QUEUE all`.
Measurement MeasureDoveadmMove(const std::string& user, const Arena& arena, std::chrono::seconds timeout);

}  // namespace mailtrail::bench
