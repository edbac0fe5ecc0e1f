// SociDatabase: the Database over SOCI sessions. The SQL is written once for
// every supported database; what differs is in the Dialect.
//
// Every database failure is caught and returned as a Status (see
// Dialect::error_status); no exception leaves a method.
//
// A lost connection (the server restarted, the network dropped; never with
// SQLite) is replaced by a new one when a call finds it lost, and the call runs
// again on the new connection if nothing of it can have reached the database: a
// read, or a write whose BEGIN failed. A write that loses the connection after its
// BEGIN returns kUnavailable and is not repeated, because a COMMIT in flight may
// have been applied; the next call connects again.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

// Opens a new session on one database. Errors: those of OpenDatabase.
using Connector = std::function<Result<std::unique_ptr<soci::session>>()>;

class SociDatabase final : public Database {
 public:
  // A Database over the sessions `connect` opens, on a database that speaks
  // `dialect`; the first is opened now. Errors: those of `connect`.
  static Result<std::unique_ptr<Database>> Open(const Dialect& dialect, Connector connect);

  Status Initialize() override;
  Status CheckSchema() override;
  Status RunInTransaction(const std::function<Status()>& body) override;

  Status AddSalesperson(const domain::Salesperson& salesperson) override;
  Result<std::vector<domain::Salesperson>> ListSalespersons() override;
  Result<std::optional<domain::Salesperson>> FindSalesperson(std::string_view code) override;
  Status UpdateSalesperson(const domain::Salesperson& salesperson) override;

  Status AddUser(const domain::User& user) override;
  Result<std::optional<domain::User>> FindUser(std::string_view name) override;
  Result<std::vector<domain::User>> ListUsers() override;
  Status UpdateUser(const domain::User& user) override;
  Status RemoveUser(std::string_view name) override;
  Status AddApiToken(const domain::ApiToken& token) override;
  Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) override;
  Status RemoveApiToken(std::string_view token_hash) override;
  Result<std::int64_t> RemoveExpiredApiTokens(domain::UnixTime now) override;

  Result<std::string> NextContactNo() override;
  Status AddContact(const domain::Contact& contact) override;
  Result<std::optional<domain::Contact>> FindContact(std::string_view no) override;
  Result<std::vector<domain::Contact>> ListContacts() override;
  Result<std::vector<domain::Contact>> ListPersonsOf(std::string_view company_no) override;
  Status SetContactEmail(std::string_view no, std::string_view email,
                         std::optional<std::string> push_to_persons_with) override;
  Status AddAltAddress(const domain::ContactAltAddress& address) override;
  Result<std::vector<domain::ContactAltAddress>> ListAltAddresses() override;
  Result<std::vector<domain::ContactAltAddress>> ListAltAddressesOf(std::string_view contact_no) override;
  Status SetContactName(std::string_view no, std::string_view name) override;
  Status SetContactDoNotLog(std::string_view no, bool do_not_log) override;
  Status AddNeverLog(std::string_view entry) override;
  Status RemoveNeverLog(std::string_view entry) override;
  Result<std::vector<std::string>> ListNeverLog() override;

  Status AddGroup(const domain::InteractionGroup& group) override;
  Result<std::vector<domain::InteractionGroup>> ListGroups() override;
  Status AddTemplate(const domain::InteractionTemplate& tmpl) override;
  Result<std::optional<domain::InteractionTemplate>> FindTemplate(std::string_view code) override;
  Result<std::vector<domain::InteractionTemplate>> ListTemplates() override;

  Result<domain::Setup> LoadSetup() override;
  Status SaveSetup(const domain::Setup& setup) override;

  Result<std::vector<std::optional<domain::Attachment>>> FindLoggedAttachments(
      const std::vector<MessageIdentity>& messages) override;
  Result<std::optional<domain::Attachment>> GetAttachment(std::int64_t attachment_no) override;
  Result<std::vector<domain::Attachment>> ListAttachments(std::int64_t after_attachment_no,
                                                          std::size_t limit) override;
  Status CommitLoggingBatch(const LoggingBatch& batch) override;
  Result<std::vector<bool>> RecordPendingCopies(const std::vector<PendingCopy>& copies) override;
  Result<std::vector<domain::InteractionLogEntry>> ListEntries(const EntryFilter& filter) override;
  Result<std::optional<domain::InteractionLogEntry>> GetEntry(std::int64_t entry_no) override;
  Status SetEntryEvaluation(std::int64_t entry_no, domain::Evaluation evaluation) override;
  Status SetEntryCanceled(std::int64_t entry_no, bool canceled) override;
  Result<std::int64_t> DeleteCanceledEntries() override;
  Result<std::optional<domain::InteractionFile>> GetEntryFile(std::int64_t entry_no) override;
  Result<std::int64_t> AddInteraction(const domain::InteractionLogEntry& entry,
                                      const std::optional<domain::InteractionFile>& file) override;
  Result<std::vector<domain::InteractionLogEntry>> ListPostponedInteractions() override;
  Result<std::optional<domain::InteractionLogEntry>> GetPostponedInteraction(std::int64_t entry_no) override;
  Status SavePostponedInteraction(const domain::InteractionLogEntry& entry,
                                  const std::optional<domain::InteractionFile>& file) override;
  Status DeletePostponedInteraction(std::int64_t entry_no) override;
  Result<std::vector<EntryCount>> CountEntries(const std::vector<std::string>& bounds) override;
  Result<std::size_t> ImportEntries(std::string_view source, const std::vector<ImportedEntry>& entries) override;

  Result<std::int64_t> AddJob(const domain::JobQueueEntry& job) override;
  Result<std::vector<domain::JobQueueEntry>> ListJobs() override;
  Result<std::optional<domain::JobQueueEntry>> GetJob(std::int64_t id) override;
  Status UpdateJob(const domain::JobQueueEntry& job) override;
  Result<std::optional<LeasedJob>> LeaseJob(std::string_view worker, domain::UnixTime now,
                                            domain::UnixTime lease_until,
                                            std::optional<std::int64_t> only_job) override;
  Status RenewLease(std::int64_t job_id, std::string_view worker,
                    domain::UnixTime lease_until) override;
  Status FinishJobRun(const domain::JobQueueEntry& job, std::string_view worker,
                      const domain::JobRun& run) override;
  Result<std::vector<domain::JobRun>> ListJobRuns(std::int64_t job_id, std::size_t limit) override;
  Status SetJobRunProgress(std::int64_t run_id, std::int64_t done, std::int64_t total) override;

  Result<std::optional<RelogPosition>> GetRelogPosition(std::string_view folder) override;
  Status SaveRelogPosition(const RelogPosition& position) override;
  Status ClearRelogPosition(std::string_view folder) override;

 private:
  // Whether a body may run a second time, on a new connection, after it found the
  // connection lost: only when running it twice does what running it once does.
  enum class Repeatable { kNo, kYes };

  SociDatabase(const Dialect& dialect, Connector connect, std::unique_ptr<soci::session> session);

  // Runs `body`, turning a database failure into a Status that names `action`.
  template <typename Body>
  auto Guarded(std::string_view action, Repeatable repeatable, Body&& body) -> decltype(body());
  // A read: Guarded, repeated on a new connection when the connection was lost.
  template <typename Body>
  auto Read(std::string_view action, Body&& body) -> decltype(body());
  // Runs `body` in a write transaction, committed when `body` returns OK (a Status,
  // or a Result holding a value). Inside RunInTransaction, `body` runs in a
  // savepoint instead, undone when it fails, so that a caller may go on.
  template <typename Body>
  auto Write(std::string_view action, Body&& body) -> decltype(body());

  const Dialect& dialect_;
  const Connector connect_;
  std::unique_ptr<soci::session> session_;
  // Inside RunInTransaction: writes join its transaction, and a lost connection
  // is never replaced (the transaction would be lost with it).
  bool in_transaction_ = false;
};

}  // namespace mailtrail::db
