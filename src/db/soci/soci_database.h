// SociDatabase: the Database over one SOCI session. The SQL is written once for
// every supported database; what differs is in the Dialect.
//
// Every database failure is caught and returned as a Status (see
// Dialect::error_status); no exception leaves a method.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

class SociDatabase final : public Database {
 public:
  // REQUIRES: `session` is connected to a database that speaks `dialect`.
  SociDatabase(std::unique_ptr<soci::session> session, const Dialect& dialect);

  Status Initialize() override;
  Status CheckSchema() override;

  Status AddSalesperson(const domain::Salesperson& salesperson) override;
  Result<std::vector<domain::Salesperson>> ListSalespersons() override;

  Result<std::string> NextContactNo() override;
  Status AddContact(const domain::Contact& contact) override;
  Result<std::optional<domain::Contact>> FindContact(std::string_view no) override;
  Result<std::vector<domain::Contact>> ListContacts() override;
  Status SetContactEmail(std::string_view no, std::string_view email,
                         std::optional<std::string> push_to_persons_with) override;
  Status AddAltAddress(const domain::ContactAltAddress& address) override;
  Result<std::vector<domain::ContactAltAddress>> ListAltAddresses() override;

  Status AddGroup(const domain::InteractionGroup& group) override;
  Result<std::vector<domain::InteractionGroup>> ListGroups() override;
  Status AddTemplate(const domain::InteractionTemplate& tmpl) override;
  Result<std::optional<domain::InteractionTemplate>> FindTemplate(std::string_view code) override;
  Result<std::vector<domain::InteractionTemplate>> ListTemplates() override;

  Result<domain::Setup> LoadSetup() override;
  Status SaveSetup(const domain::Setup& setup) override;

  Result<std::optional<domain::Attachment>> FindLoggedAttachment(
      std::string_view message_id, std::string_view content_hash) override;
  Result<std::optional<domain::Attachment>> GetAttachment(std::int64_t attachment_no) override;
  Status CommitLoggingBatch(const LoggingBatch& batch) override;
  Result<std::vector<domain::InteractionLogEntry>> ListEntries(const EntryFilter& filter) override;
  Result<std::optional<domain::InteractionLogEntry>> GetEntry(std::int64_t entry_no) override;

 private:
  // Runs `body`, turning a database failure into a Status that names `action`.
  template <typename Body>
  auto Guarded(std::string_view action, Body&& body) -> decltype(body());
  // Runs `body` in a write transaction, committed when `body` returns OK.
  template <typename Body>
  Status Write(std::string_view action, Body&& body);

  std::unique_ptr<soci::session> session_;
  const Dialect& dialect_;
};

}  // namespace mailtrail::db
