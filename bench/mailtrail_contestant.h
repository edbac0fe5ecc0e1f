// The contestant under test: the real `mailtrail` binary, one `log-email` pass
// over the whole queue through its IMAP mail store. Preparing and running the
// binary is shared with the latency benchmark.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus/directory.h"
#include "measurement.h"
#include "process.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

inline constexpr char kMailtrailContestant[] = "mailtrail log-email (IMAP)";

struct MailtrailRun {
  std::filesystem::path binary;     // build/mailtrail
  std::filesystem::path workspace;  // holds the SQLite database; the child's working folder
  std::string user;                 // Dovecot user whose queue it processes
  std::string password;             // passed in MAILTRAIL_IMAP_PASSWORD
  std::chrono::seconds timeout{300};

  std::filesystem::path database() const { return workspace / "mailtrail.db"; }
};

// `mailtrail --db sqlite://DATABASE ARGUMENTS...` in the workspace, with the
// password in the environment and run.timeout.
ProcessSpec MailtrailCommand(const MailtrailRun& run, const std::vector<std::string>& arguments);

// Runs a preparation step and returns its stdout without the trailing newline.
// Throws std::runtime_error when it fails (the benchmark itself is broken then).
std::string MustRunMailtrail(const MailtrailRun& run, const std::vector<std::string>& arguments);

// Creates the database, sets the setup up for the user's IMAP folders and registers
// the directory, all through the CLI (untimed). Returns why mailtrail cannot run
// the benchmark (e.g. its build rejects imap:// mail stores), or "" when it can.
std::string PrepareMailtrail(const MailtrailRun& run, const testing::DovecotServer& server, const Arena& arena,
                             const Directory& directory);

// Times `mailtrail log-email --format json` and checks its counts and folders.
Measurement MeasureMailtrail(const MailtrailRun& run, const Arena& arena);

}  // namespace mailtrail::bench
