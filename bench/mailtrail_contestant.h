// The contestant under test: the real `mailtrail` binary, one `log-email` pass
// over the whole queue through one of its mail stores. Preparing and running the
// binary is shared by the benchmarks.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "corpus/directory.h"
#include "measurement.h"
#include "process.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

struct MailtrailRun {
  std::string contestant;           // its row's name, e.g. "mailtrail log-email (IMAP)"
  std::filesystem::path binary;     // build/mailtrail
  std::filesystem::path workspace;  // holds the SQLite database; the child's working folder
  std::string owner;                // whose queue it processes: a Dovecot user, or a Maildir root
  std::string password;             // passed in MAILTRAIL_IMAP_PASSWORD
  std::chrono::seconds timeout{300};

  std::filesystem::path database() const { return workspace / "mailtrail.db"; }
};

// What points mailtrail at a mail store.
struct StoreSetup {
  std::string url;                                        // the mail-store setup key
  std::vector<std::pair<std::string, std::string>> more;  // further setup keys, e.g. {"ca-file", PATH}
};

// The user's mail on the run's Dovecot, over STARTTLS with the test CA.
StoreSetup ImapStoreSetup(const testing::DovecotServer& server, const std::string& user);

// `mailtrail --db sqlite://DATABASE ARGUMENTS...` in the workspace, with the
// password in the environment and run.timeout.
ProcessSpec MailtrailCommand(const MailtrailRun& run, const std::vector<std::string>& arguments);

// Runs a preparation step and returns its stdout without the trailing newline.
// Throws std::runtime_error when it fails (the benchmark itself is broken then).
std::string MustRunMailtrail(const MailtrailRun& run, const std::vector<std::string>& arguments);

// Creates the database, sets the setup up for the store's queue and storage
// folders with batch-size 0 and registers the directory, all through the CLI
// (untimed). Returns why mailtrail cannot run the benchmark (e.g. its build
// rejects the store's URL), or "" when it can.
std::string PrepareMailtrail(const MailtrailRun& run, const StoreSetup& store, const Arena& arena,
                             const Directory& directory);

// Times `mailtrail log-email --format json` and checks its counts and folders.
Measurement MeasureMailtrail(const MailtrailRun& run, const Arena& arena);

// mailtrail's row: prepared and measured, not available, or invalid when a
// preparation step failed; the baselines run regardless. `before_timing`, when
// set, runs between the two (e.g. to write the queue).
Measurement MailtrailRow(const MailtrailRun& run, const StoreSetup& store, const Arena& arena,
                         const Directory& directory, const std::function<void()>& before_timing = {});

}  // namespace mailtrail::bench
