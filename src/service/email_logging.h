// The email-logging pass: validates the setup, then processes the queue folder in
// batches by the processing contract of DESIGN.md. Owns no I/O itself: it works
// through the Database and MailStore interfaces.
//
// Order of effects per batch (crash safety): copy to storage and make it durable,
// then commit attachments and entries in one transaction, then delete from the
// queue. A pass interrupted anywhere is repaired by the next one (rules 7 and 8).
//
// Thread-safety: one pass at a time per database and queue folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "domain/model.h"
#include "mailstore/mail_store.h"
#include "mime/envelope_reader.h"

namespace mailtrail::service {

// Counts of one pass, by outcome. A message counts once.
struct PassSummary {
  std::int64_t logged = 0;            // stored and logged (rule 8)
  std::int64_t entries = 0;           // entries created
  std::int64_t sensitive = 0;         // rule 1
  std::int64_t never_logged = 0;      // rule 1a: the never-log list, do-not-log contacts
  std::int64_t address_too_long = 0;  // rule 2
  std::int64_t invalid = 0;           // rule 3
  std::int64_t unregistered = 0;      // rule 6
  std::int64_t duplicate = 0;         // rule 7
  std::int64_t relinked = 0;          // of those, logged before: their link now points at this copy
  std::int64_t unauthenticated = 0;   // moved to review: sender not authenticated
  std::int64_t failed = 0;            // could not be read; left in the queue

  // The messages removed from the queue without being logged.
  std::int64_t removed() const {
    return sensitive + never_logged + address_too_long + invalid + unregistered + duplicate + unauthenticated;
  }
  // The messages the pass dealt with, whatever became of them.
  std::int64_t messages() const { return logged + removed() + failed; }
};

// The counts as a JSON object (keys logged, entries, sensitive, never_logged, address_too_long,
// unregistered, duplicate, relinked, invalid, unauthenticated, failed); `indent` as nlohmann::json::dump.
std::string PassSummaryJson(const PassSummary& summary, int indent = -1);
// The counts PassSummaryJson wrote; nullopt when `json` is not such an object. A
// key it lacks counts 0.
std::optional<PassSummary> ParsePassSummaryJson(std::string_view json);

// Opens the mail store a setup names (URL, TLS settings), with credentials the
// caller holds.
using MailStoreOpener =
    std::function<Result<std::unique_ptr<mailstore::MailStore>>(const domain::Setup& setup)>;

// Opens setup.mail_store with the setup's TLS settings and `credentials` (password
// or OAuth2 token; the rest of the options are ignored).
Result<std::unique_ptr<mailstore::MailStore>> OpenSetupMailStore(const domain::Setup& setup,
                                                                 const mailstore::ConnectOptions& credentials = {});

// `opener`, or OpenSetupMailStore when it is empty.
Result<std::unique_ptr<mailstore::MailStore>> OpenStore(const MailStoreOpener& opener, const domain::Setup& setup);

struct PassOptions {
  // Messages per database transaction (and per storage sync). Default: 500.
  // Larger ones are faster over IMAP (2,500: 0.56 s against about 0.75 s for
  // 5,000 messages in bench/imap_bench), but a batch must stay well within a job's
  // lease: on a loaded machine 2,500 Maildir messages outlasted a 5 s lease.
  std::size_t transaction_size = 500;
  // The pass lists the queue this many messages at a time (plus those that failed
  // earlier in the pass, which stay queued), so that its memory does not grow
  // with the queue; 0 lists it whole. Default: 100,000 (peak RSS 47 MB over a
  // queue of that size in bench/maildir_bench --scaling; a queue of a million
  // is listed ten times, and on Maildir a listing after the first stats only
  // the files it has not seen).
  std::size_t messages_per_listing = 100000;
  // Limits on untrusted input while parsing: a message larger than
  // max_message_bytes, or whose envelope passed a limit, stays in the queue and
  // counts as failed, with a warning naming the limit. Default: mime::ParseLimits{}.
  mime::ParseLimits parse_limits;
  // Opens the setup's mail store. Default: OpenSetupMailStore without credentials.
  MailStoreOpener open_mail_store;
  // The time used for entries of messages without any date. Default: now.
  std::function<domain::UnixTime()> clock;
  // Called after each committed batch with the counts so far (the batch may
  // still be leaving the queue); returning false ends the pass there, once that
  // is done (shutdown, a lost job lease). Default: none.
  std::function<bool(const PassSummary&)> between_batches;
  // Called before each step of a batch that changes something (its copies, its
  // commit); an error stops the pass before that step. A job renews its lease
  // here, so that a batch that takes longer than a lease is not run twice.
  // Default: none.
  std::function<Status()> before_changes;
};

// Where a pass failed, as Business Central's job errors say it; errors of a pass
// carry one of these as Status::context().
inline constexpr std::string_view kValidatingSetup = "Validating setup";
inline constexpr std::string_view kOpeningQueueFolder = "Opening queue folder";
inline constexpr std::string_view kReadingEmailMessages = "Reading email messages";
inline constexpr std::string_view kLoggingEmailMessages = "Logging email messages";
inline constexpr std::string_view kDeletingFromQueue = "Deleting email message from queue";

// Checks the setup: domain::ValidateSetup, then that the mail store opens and its
// queue, storage (and review) folders exist; returns how many messages the queue
// folder holds (listing it as a pass does). Touches no message.
// Errors: kFailedPrecondition (setup incomplete; the message is for a person),
// kNotFound (a folder is missing), and whatever opening the store or listing the
// queue returns; each with the context of the step that failed.
Result<std::size_t> ValidateEmailLogging(db::Database& db, const PassOptions& options = {});

// Runs one pass: at most setup.batch_size messages (0 = all), oldest first, a
// listing of messages_per_listing at a time; mail that arrives meanwhile is
// taken by the next listing or the next pass.
// With more than one batch it opens the mail store twice more (over IMAP, two
// more connections): one reads the next batch while a batch is logged, one
// deletes the batch before from the queue meanwhile. Each batch leaves the queue
// only after its commit, as with one store.
// Every error carries one of the contexts above.
// A message that cannot be read or parsed, or passes a limit of
// options.parse_limits, stays in the queue and counts as failed; a warning in the
// log names the message and why.
// Errors: those of ValidateEmailLogging (no message touched), and any error of the
// store or database during a batch (the batch stays in the queue, to be repaired
// by the next pass).
Result<PassSummary> RunEmailLoggingPass(db::Database& db, const PassOptions& options = {});

// How far a relog got: messages done (relogged, or skipped as relogged before it
// was interrupted) of the folder's messages when it started.
struct RelogProgress {
  std::int64_t done = 0;
  std::int64_t total = 0;
};

struct RelogOptions {
  // The folder to relog. Default: empty, the setup's storage folder.
  std::string folder;
  // Start from the first message even when an interrupted relog of the folder
  // got further. Default: false (resume).
  bool restart = false;
  // Called at the start and after each committed batch. Default: none.
  std::function<void(const RelogProgress&)> progress;
};

// Relog: re-processes every message of a folder by the rules of the pass, batch
// by batch (options.transaction_size), oldest first, whatever the setup's batch
// size. An entry that exists keeps its entries; its link is re-pointed to this
// message when its stored copy is gone (rule 7). A message not logged is logged
// (rule 8). Nothing is logged twice, and nothing is copied twice into storage:
// where a copy of the message is in the storage folder already, it is adopted.
// Over the storage folder the messages are their own stored copies: nothing is
// copied. Over any folder nothing is deleted from it, moved to review, or changed.
// After each batch the database records where the relog got to (per folder); a
// relog that was interrupted (between_batches, an error, a crash) resumes there
// unless relog.restart, and the record goes when the relog finishes.
// The folder is listed whole, once, at the start (memory grows with it); mail that
// arrives meanwhile is for the next relog.
// Errors: those of RunEmailLoggingPass, and kNotFound (with kOpeningQueueFolder)
// when relog.folder does not exist.
Result<PassSummary> RunRelog(db::Database& db, const RelogOptions& relog, const PassOptions& options = {});

}  // namespace mailtrail::service
