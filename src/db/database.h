// Database: the one interface to the stored directory, setup and log.
// Implemented with SOCI, on SQLite and on PostgreSQL through the same code.
//
// Thread-safety: an instance is used by one thread at a time. Several instances,
// in one process or many, may share a database: each call is atomic, and two
// writers racing for one key get kAlreadyExists or kFailedPrecondition, as the
// method says, never a half-written state.
//
// A PostgreSQL connection found lost is opened again by the next call; a call
// that cannot have reached the database yet (a read, a write whose BEGIN failed)
// runs again on it at once. A write cut off later returns kUnavailable: it may
// have been committed or not (the logging pass repairs either case).
//
// Methods other than Initialize and CheckSchema need an up-to-date schema; check
// it with CheckSchema after opening.
// Errors every method may return: kUnavailable (cannot reach/open the database,
// lost the connection, or it stayed locked), kCorruption (the file is not a
// database of ours), kIOError, kInternal (the database refused a query: a bug, or
// no schema). Methods list the others they return.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/job.h"
#include "domain/model.h"
#include "domain/user.h"

namespace mailtrail::db {

// Which interaction log entries to list, ordered by entry no. Every field left
// at its default matches any entry.
struct EntryFilter {
  std::string salesperson_code;
  std::string contact_no;
  std::string date_from;  // YYYY-MM-DD, inclusive
  std::string date_to;    // YYYY-MM-DD, inclusive
  std::optional<domain::InformationFlow> information_flow;
  std::string template_code;
  std::string subject_contains;  // case-insensitive for ASCII letters
  bool review_only = false;      // only entries whose attachment is marked for review
  std::int64_t attachment_no = 0;  // only the entries of this attachment; 0: any
  // Keyset pagination: only entries numbered above this, and at most `limit` of
  // them (0: all), so that a page costs the same wherever it is.
  std::int64_t after_entry_no = 0;
  std::size_t limit = 0;
};

// How many entries one period, salesperson and information flow have
// (Database::CountEntries).
struct EntryCount {
  std::size_t period = 0;  // index of the period's first day among the bounds
  std::string salesperson_code;
  domain::InformationFlow information_flow = domain::InformationFlow::kOutbound;
  std::int64_t entries = 0;
};

// Most bounds Database::CountEntries takes: two years of weeks and more.
inline constexpr std::size_t kMaxCountBounds = 201;

// A new attachment and the entries that point at it; numbers are assigned on commit.
struct NewAttachment {
  domain::Attachment attachment;                    // attachment_no ignored
  std::vector<domain::InteractionLogEntry> entries;  // entry_no, attachment_no ignored
};

// A stored copy that replaces a lost one.
struct Relink {
  std::int64_t attachment_no = 0;
  domain::StoredLocation location;
};

// A job leased to a worker, and the run opened for it.
struct LeasedJob {
  domain::JobQueueEntry job;
  std::int64_t run_id = 0;
};

// Everything one batch of the logging pass records, committed in one transaction.
// What identifies a message to rule 7: its Message-ID, else its content hash.
struct MessageIdentity {
  std::string message_id;  // may be empty
  std::string content_hash;
};

// A copy of a queue message into a folder that a pass is about to make: the
// message is named by its identity (as rule 7 compares messages: "mid:" and the
// Message-ID, else "sha256:" and the content hash).
struct PendingCopy {
  std::string folder;
  std::string identity;
  bool operator==(const PendingCopy&) const = default;
};

// Where a relog of one folder got to: the last message it finished, as the
// folder's listing named it, and how many of how many messages are done.
struct RelogPosition {
  std::string folder;
  std::string message_key;        // mailstore::MessageRef::key
  std::int64_t uidvalidity = 0;   // mailstore::MessageRef::uidvalidity
  domain::UnixTime arrived_at = 0;
  std::int64_t done = 0;
  std::int64_t total = 0;
  bool operator==(const RelogPosition&) const = default;
};

// An entry brought from another system (Business Central's Interaction Log
// Entries), known there by `source_entry_no`.
struct ImportedEntry {
  std::string source_entry_no;
  domain::InteractionLogEntry entry;  // entry_no, attachment_no ignored; evaluation, canceled kept
};

struct LoggingBatch {
  std::vector<NewAttachment> new_attachments;
  std::vector<Relink> relinks;
  std::vector<PendingCopy> settled_copies;  // recorded with RecordPendingCopies; now done with
};

class Database {
 public:
  virtual ~Database() = default;

  // Creates or upgrades the schema (versioned migrations), then seeds group
  // SYSTEM, template EMAIL and a setup naming it when they are missing; never
  // overwrites what is there. Idempotent. kFailedPrecondition when the schema is
  // newer than this program.
  virtual Status Initialize() = 0;

  // Errors: kFailedPrecondition when the schema is missing or older than this
  // program ("run mailtrail init"), or newer.
  virtual Status CheckSchema() = 0;

  // Runs `body` in one write transaction: every call `body` makes on this
  // Database joins it, and it is committed when `body` returns OK, else rolled
  // back (what `body` returns is returned). A call nested in `body` joins too.
  // Errors: those of `body`, and kUnavailable when the transaction cannot start
  // or its connection is lost (then it may or may not have been committed).
  virtual Status RunInTransaction(const std::function<Status()>& body) = 0;

  // --- directory ---
  // kAlreadyExists when the code is taken.
  virtual Status AddSalesperson(const domain::Salesperson& salesperson) = 0;
  virtual Result<std::vector<domain::Salesperson>> ListSalespersons() = 0;
  virtual Result<std::optional<domain::Salesperson>> FindSalesperson(std::string_view code) = 0;
  // Saves the name and email of the salesperson with that code. kNotFound.
  virtual Status UpdateSalesperson(const domain::Salesperson& salesperson) = 0;

  // The no after the largest one of the CT000001 series (CT000001 when there is
  // none); nos of other forms are ignored. kFailedPrecondition after CT999999.
  virtual Result<std::string> NextContactNo() = 0;
  // kAlreadyExists when the no is taken.
  virtual Status AddContact(const domain::Contact& contact) = 0;
  virtual Result<std::optional<domain::Contact>> FindContact(std::string_view no) = 0;
  // Ordered by no.
  virtual Result<std::vector<domain::Contact>> ListContacts() = 0;
  // The persons of the company `company_no`, ordered by no.
  virtual Result<std::vector<domain::Contact>> ListPersonsOf(std::string_view company_no) = 0;
  // Sets the contact's email; when `push_to_persons_with` is set, also sets it on
  // the persons of this company whose email equals that value, ignoring case.
  // One transaction.
  // kNotFound when the contact does not exist.
  virtual Status SetContactEmail(std::string_view no, std::string_view email,
                                 std::optional<std::string> push_to_persons_with) = 0;
  // kNotFound (contact), kAlreadyExists (code taken for that contact).
  virtual Status AddAltAddress(const domain::ContactAltAddress& address) = 0;
  // Ordered by contact no, then code.
  virtual Result<std::vector<domain::ContactAltAddress>> ListAltAddresses() = 0;
  // The alt addresses of one contact, ordered by code.
  virtual Result<std::vector<domain::ContactAltAddress>> ListAltAddressesOf(std::string_view contact_no) = 0;
  // Renames a contact. kNotFound when it does not exist.
  virtual Status SetContactName(std::string_view no, std::string_view name) = 0;
  // Marks the contact do-not-log, or clears the mark. kNotFound when it does not exist.
  virtual Status SetContactDoNotLog(std::string_view no, bool do_not_log) = 0;

  // The never-log list: addresses and domains whose mail is never stored or
  // logged, in the form domain::CheckNeverLogEntry returns. kAlreadyExists.
  virtual Status AddNeverLog(std::string_view entry) = 0;
  // kNotFound when `entry` is not on the list.
  virtual Status RemoveNeverLog(std::string_view entry) = 0;
  // In text order.
  virtual Result<std::vector<std::string>> ListNeverLog() = 0;

  // kAlreadyExists when the code is taken.
  virtual Status AddGroup(const domain::InteractionGroup& group) = 0;
  virtual Result<std::vector<domain::InteractionGroup>> ListGroups() = 0;
  // kAlreadyExists (code), kNotFound (group).
  virtual Status AddTemplate(const domain::InteractionTemplate& tmpl) = 0;
  virtual Result<std::optional<domain::InteractionTemplate>> FindTemplate(std::string_view code) = 0;
  virtual Result<std::vector<domain::InteractionTemplate>> ListTemplates() = 0;

  // --- users ---
  // kAlreadyExists when the name is taken.
  virtual Status AddUser(const domain::User& user) = 0;
  virtual Result<std::optional<domain::User>> FindUser(std::string_view name) = 0;
  // Ordered by name.
  virtual Result<std::vector<domain::User>> ListUsers() = 0;
  // Saves the permission set and password hash of the user of that name.
  // kNotFound when there is none.
  virtual Status UpdateUser(const domain::User& user) = 0;
  // Removes the user and its API tokens. kNotFound when there is none.
  virtual Status RemoveUser(std::string_view name) = 0;

  // API tokens: stored by the SHA-256 of the token, never the token.
  // kNotFound when the user does not exist; kAlreadyExists when the hash does.
  virtual Status AddApiToken(const domain::ApiToken& token) = 0;
  virtual Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) = 0;
  // Revokes a token (signing out). kNotFound when there is no such hash.
  virtual Status RemoveApiToken(std::string_view token_hash) = 0;
  // Removes the tokens that expired before `now`; returns how many.
  virtual Result<std::int64_t> RemoveExpiredApiTokens(domain::UnixTime now) = 0;

  // --- setup ---
  virtual Result<domain::Setup> LoadSetup() = 0;
  virtual Status SaveSetup(const domain::Setup& setup) = 0;

  // --- email log ---
  // For each message, the attachment it was logged with, if any: by Message-ID
  // when it has one, else by content hash among attachments without a
  // Message-ID (the lowest attachment no when several have it).
  virtual Result<std::vector<std::optional<domain::Attachment>>> FindLoggedAttachments(
      const std::vector<MessageIdentity>& messages) = 0;
  // One message: FindLoggedAttachments of one.
  Result<std::optional<domain::Attachment>> FindLoggedAttachment(std::string_view message_id,
                                                                 std::string_view content_hash) {
    MT_ASSIGN_OR_RETURN(auto found, FindLoggedAttachments({{std::string(message_id), std::string(content_hash)}}));
    return std::move(found.front());
  }
  virtual Result<std::optional<domain::Attachment>> GetAttachment(std::int64_t attachment_no) = 0;
  // The attachments numbered above `after_attachment_no`, ordered by number, at
  // most `limit` of them (0: all): keyset pages, for reading every link.
  virtual Result<std::vector<domain::Attachment>> ListAttachments(std::int64_t after_attachment_no,
                                                                  std::size_t limit) = 0;

  // Records a whole batch atomically: all of it or none of it. Entries take their
  // attachment's number and Message-ID. Errors: kNotFound (a relink names no
  // attachment), kFailedPrecondition (the batch breaks a rule of the schema: an
  // entry for a contact that does not exist, a Message-ID already logged).
  virtual Status CommitLoggingBatch(const LoggingBatch& batch) = 0;

  // Records `copies` durably before they are made, and returns for each whether
  // it was recorded already: an earlier pass copied the message, or was about
  // to, and stopped before it committed its batch (which clears the records), so
  // a copy may be in the folder. Lets a mail store look for such copies only
  // where one may be.
  virtual Result<std::vector<bool>> RecordPendingCopies(const std::vector<PendingCopy>& copies) = 0;

  // The entries: every method here passes over postponed interactions (below),
  // which are not among the entries until they are completed.
  // Ordered by entry no.
  virtual Result<std::vector<domain::InteractionLogEntry>> ListEntries(const EntryFilter& filter) = 0;
  virtual Result<std::optional<domain::InteractionLogEntry>> GetEntry(std::int64_t entry_no) = 0;
  // A person's afterthoughts on an entry. kNotFound when it does not exist.
  virtual Status SetEntryEvaluation(std::int64_t entry_no, domain::Evaluation evaluation) = 0;
  virtual Status SetEntryCanceled(std::int64_t entry_no, bool canceled) = 0;
  // Deletes every canceled entry (their attachments stay, their files go);
  // returns how many.
  virtual Result<std::int64_t> DeleteCanceledEntries() = 0;
  // The file of an entry a person created; nullopt when the entry has none or
  // does not exist. kCorruption when the stored content is damaged.
  virtual Result<std::optional<domain::InteractionFile>> GetEntryFile(std::int64_t entry_no) = 0;
  // Counts the entries that are not canceled by period, salesperson and
  // information flow, in the database rather than by reading the entries.
  // `bounds` are YYYY-MM-DD dates in ascending order: period i holds the entries
  // dated from bounds[i] up to, not including, bounds[i + 1]. Counts of zero are
  // left out; rows are ordered by period, salesperson code, information flow.
  // kInvalidArgument when there are fewer than 2 or more than kMaxCountBounds
  // bounds, or they are not ascending.
  virtual Result<std::vector<EntryCount>> CountEntries(const std::vector<std::string>& bounds) = 0;

  // --- interactions people create ---
  // Records `entry` (its entry_no and attachment_no ignored: it has no stored
  // message) with `file`, if any, in one transaction; returns its entry no. A
  // postponed entry is a postponed interaction.
  // Errors: kFailedPrecondition (the contact does not exist).
  virtual Result<std::int64_t> AddInteraction(const domain::InteractionLogEntry& entry,
                                              const std::optional<domain::InteractionFile>& file) = 0;
  // Ordered by entry no.
  virtual Result<std::vector<domain::InteractionLogEntry>> ListPostponedInteractions() = 0;
  // nullopt when `entry_no` names no postponed interaction.
  virtual Result<std::optional<domain::InteractionLogEntry>> GetPostponedInteraction(std::int64_t entry_no) = 0;
  // In one transaction, saves every field of postponed interaction
  // `entry.entry_no` but its attachment (it has none) and, when `file` is set,
  // puts it in place of the file it had. `entry.postponed` false completes it: it
  // is then an entry like any other.
  // Errors: kNotFound (no such postponed interaction: never, or no longer, since
  // another caller completed or deleted it), kFailedPrecondition (the contact
  // does not exist).
  virtual Status SavePostponedInteraction(const domain::InteractionLogEntry& entry,
                                          const std::optional<domain::InteractionFile>& file) = 0;
  // Deletes a postponed interaction and its file. kNotFound when there is none.
  virtual Status DeletePostponedInteraction(std::int64_t entry_no) = 0;

  // Records the entries imported from `source` (e.g. "business-central") that
  // were not imported from it before, judged by their source entry no, in one
  // transaction, as entries without a stored message; returns how many it
  // recorded. Errors: kFailedPrecondition (an entry's contact does not exist).
  virtual Result<std::size_t> ImportEntries(std::string_view source, const std::vector<ImportedEntry>& entries) = 0;

  // --- job queue ---
  // Adds a job and returns its id (the id field of `job` is ignored).
  virtual Result<std::int64_t> AddJob(const domain::JobQueueEntry& job) = 0;
  // Ordered by id.
  virtual Result<std::vector<domain::JobQueueEntry>> ListJobs() = 0;
  virtual Result<std::optional<domain::JobQueueEntry>> GetJob(std::int64_t id) = 0;
  // Saves every field of `job` but its id. kNotFound when there is no such job.
  virtual Status UpdateJob(const domain::JobQueueEntry& job) = 0;

  // In one transaction, serialized against every other leasing worker (SQLite's
  // write lock; a PostgreSQL transaction-level advisory lock):
  //  1. takes back jobs whose lease ended before `now` (their worker died): the job
  //     returns to ready, its open run is closed as abandoned;
  //  2. picks the job to run: `only_job` when set (any status but in process: run
  //     now), else the ready job with the earliest earliest_start <= `now` (then
  //     lowest id) — in both cases only while no job of its category is in process;
  //  3. marks it in process, leased by `worker` until `lease_until`, and opens a
  //     run for it (status running, started_at = now).
  // Returns the job as it was before step 3 and the new run's id; nullopt when
  // nothing may run. kNotFound when `only_job` names no job.
  virtual Result<std::optional<LeasedJob>> LeaseJob(std::string_view worker, domain::UnixTime now,
                                                    domain::UnixTime lease_until,
                                                    std::optional<std::int64_t> only_job) = 0;
  // Extends a lease `worker` holds. kFailedPrecondition "lease lost" when the job
  // is no longer in process under `worker` (it expired and was taken back).
  virtual Status RenewLease(std::int64_t job_id, std::string_view worker, domain::UnixTime lease_until) = 0;
  // In one transaction, only while `worker` still holds the lease: saves `job`
  // (its new status, earliest_start, attempts, last error and its context; lease
  // cleared; its other fields keep what is stored, since the job may have been
  // edited while it ran) and closes run `run.id` with `run`'s ended_at, status,
  // summary and error. kFailedPrecondition "lease lost" otherwise, or when `run.id`
  // is not the job's open run (nothing is written).
  virtual Status FinishJobRun(const domain::JobQueueEntry& job, std::string_view worker,
                              const domain::JobRun& run) = 0;
  // The runs of a job, newest first, at most `limit`.
  virtual Result<std::vector<domain::JobRun>> ListJobRuns(std::int64_t job_id, std::size_t limit) = 0;
  // Records how far open run `run_id` got (JobRun::progress_done, progress_total).
  // kNotFound when no open run has that id (it was closed, or never was).
  virtual Status SetJobRunProgress(std::int64_t run_id, std::int64_t done, std::int64_t total) = 0;

  // --- relog: where an interrupted relog of a folder resumes ---
  // nullopt when no relog of `folder` is under way.
  virtual Result<std::optional<RelogPosition>> GetRelogPosition(std::string_view folder) = 0;
  // Records `position`, in place of its folder's previous one.
  virtual Status SaveRelogPosition(const RelogPosition& position) = 0;
  // Forgets the position of `folder` (its relog finished); none is no error.
  virtual Status ClearRelogPosition(std::string_view folder) = 0;
};

// Opens `url`: sqlite:///ABS/PATH.db, sqlite://RELATIVE/PATH.db, or a plain file
// path (SQLite); postgresql://[USER@]HOST[:PORT]/DATABASE or postgres://…
// (PostgreSQL).
// Creates the SQLite file when missing; a file that is not SQLite is never written
// to. A PostgreSQL database must exist, and USER must be allowed to create tables
// in it (its owner, say); a URL holding a password is refused: the password comes
// from MAILTRAIL_DATABASE_PASSWORD, else PGPASSWORD or ~/.pgpass
// (db/soci/postgresql.h). Errors: kInvalidArgument (unknown scheme, a malformed
// PostgreSQL URL or one holding a password, a folder), kCorruption (the file is not
// an SQLite database), kNotFound (its folder does not exist), kUnavailable (cannot
// connect to PostgreSQL: the message names HOST:PORT and never the password).
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url);

}  // namespace mailtrail::db
