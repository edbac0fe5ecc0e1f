// The two baselines measured in the same run as mailtrail:
// - the per-message client a typical CRM has (bench/baseline_imaplib.py), and
// - Dovecot's server-side `doveadm move` of the whole queue, with no logic: the floor.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "measurement.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

struct ImaplibRun {
  std::filesystem::path python;     // Debian's /usr/bin/python3
  std::filesystem::path script;     // bench/baseline_imaplib.py
  std::filesystem::path directory;  // JSON of the registered addresses
  std::filesystem::path workspace;  // holds its SQLite database
  std::string user;
  std::string password;  // passed in MAILTRAIL_IMAP_PASSWORD
  std::chrono::seconds timeout{300};
};

Measurement MeasureImaplib(const ImaplibRun& run, const testing::DovecotServer& server, const Arena& arena);

// `doveadm move -u USER STORAGE mailbox QUEUE all`.
Measurement MeasureDoveadmMove(const std::string& user, const Arena& arena, std::chrono::seconds timeout);

}  // namespace mailtrail::bench
