// Links: an attachment points at its stored message by location (folder and
// key). When that no longer resolves (the storage folder was changed in the
// setup and the mail moved there, a message was moved out of its folder and
// back), the message is found again by its Message-ID (by its content hash when
// it has none) and the link is re-pointed at it. Show does this for one entry;
// CheckLinks (`mailtrail links check`) for every attachment.
//
// Thread-safety: functions of the Database and MailStore they are given, used
// by one thread at a time. Re-pointing is one database transaction per call, so
// several callers racing to repair one link all write the same location.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "common/status.h"
#include "db/database.h"
#include "domain/model.h"
#include "mailstore/mail_store.h"
#include "service/email_logging.h"

namespace mailtrail::service {

// Where the stored messages of `attachments` are now, found by content
// (MailStore::FindStoredIn): in the setup's storage folder, else in the folder
// each attachment's location names; nullopt for those found in neither. Call it
// for attachments whose locations no longer resolve.
// Errors: those of the store.
Result<std::vector<std::optional<domain::StoredLocation>>> FindMovedMessages(
    mailstore::MailStore& store, const domain::Setup& setup, const std::vector<domain::Attachment>& attachments);

// One attachment whose location does not resolve.
struct BrokenLink {
  domain::Attachment attachment;  // as it was found, with the location that does not resolve
  std::vector<std::int64_t> entry_nos;
  std::optional<domain::StoredLocation> found_at;  // where its message is now; nullopt: nowhere
  bool repaired = false;                           // re-pointed at found_at
};

struct LinkCheckOptions {
  // Re-point the broken links whose messages were found. Default: only report.
  bool repair = false;
  // Opens the setup's mail store. Default: OpenSetupMailStore without credentials.
  MailStoreOpener open_mail_store;
  // Attachments checked (and repaired, in one transaction) per round. Default: 500.
  std::size_t page_size = 500;
  // Called after each round with the attachments checked and the broken links
  // found so far. Default: none.
  std::function<void(std::int64_t checked, std::int64_t broken)> progress;
};

struct LinkCheckSummary {
  std::int64_t checked = 0;
  std::vector<BrokenLink> broken;  // by attachment no
  std::int64_t found() const;      // broken links whose messages were found
  std::int64_t repaired() const;
  // Broken links that still do not resolve: not repaired.
  std::int64_t remaining() const { return static_cast<std::int64_t>(broken.size()) - repaired(); }
};

// Checks the link of every attachment (MailStore::ExistAll), looks for the
// messages of the broken ones (FindMovedMessages) and, with `repair`, re-points
// those found. Errors: those of the database and of opening and reading the
// setup's mail store; kFailedPrecondition when the setup names no mail store.
Result<LinkCheckSummary> CheckLinks(db::Database& db, const LinkCheckOptions& options = {});

}  // namespace mailtrail::service
