#include "service/links.h"

#include <algorithm>
#include <map>
#include <string>

namespace mailtrail::service {
namespace {

// Fills those of `found` (one per attachments[i]) at `indices` that are still
// empty with what `folder` holds.
Status FindIn(mailstore::MailStore& store, const std::string& folder,
              const std::vector<domain::Attachment>& attachments, const std::vector<std::size_t>& indices,
              std::vector<std::optional<domain::StoredLocation>>& found) {
  std::vector<domain::Attachment> wanted;
  std::vector<std::size_t> wanted_indices;
  for (std::size_t i : indices) {
    if (found[i]) continue;
    wanted.push_back(attachments[i]);
    wanted_indices.push_back(i);
  }
  if (wanted.empty() || folder.empty()) return Status::Ok();
  MT_ASSIGN_OR_RETURN(const auto there, store.FindStoredIn(folder, wanted));
  for (std::size_t k = 0; k < there.size(); ++k) found[wanted_indices[k]] = there[k];
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::optional<domain::StoredLocation>>> FindMovedMessages(
    mailstore::MailStore& store, const domain::Setup& setup, const std::vector<domain::Attachment>& attachments) {
  std::vector<std::optional<domain::StoredLocation>> found(attachments.size());
  std::vector<std::size_t> all(attachments.size());
  std::map<std::string, std::vector<std::size_t>> by_own_folder;
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    all[i] = i;
    if (attachments[i].location.folder != setup.storage_folder) {
      by_own_folder[attachments[i].location.folder].push_back(i);
    }
  }
  MT_RETURN_IF_ERROR(FindIn(store, setup.storage_folder, attachments, all, found));
  for (const auto& [folder, indices] : by_own_folder) {
    MT_RETURN_IF_ERROR(FindIn(store, folder, attachments, indices, found));
  }
  return found;
}

std::int64_t LinkCheckSummary::found() const {
  return std::count_if(broken.begin(), broken.end(), [](const BrokenLink& link) { return link.found_at.has_value(); });
}

std::int64_t LinkCheckSummary::repaired() const {
  return std::count_if(broken.begin(), broken.end(), [](const BrokenLink& link) { return link.repaired; });
}

Result<LinkCheckSummary> CheckLinks(db::Database& db, const LinkCheckOptions& options) {
  MT_ASSIGN_OR_RETURN(const domain::Setup setup, db.LoadSetup());
  if (setup.mail_store.empty()) {
    return Status::FailedPrecondition("The setup names no mail store (mailtrail setup set mail-store URL).");
  }
  MT_ASSIGN_OR_RETURN(auto store, OpenStore(options.open_mail_store, setup));
  LinkCheckSummary summary;
  for (std::int64_t after = 0;;) {
    MT_ASSIGN_OR_RETURN(const std::vector<domain::Attachment> page,
                        db.ListAttachments(after, std::max<std::size_t>(options.page_size, 1)));
    if (page.empty()) break;
    after = page.back().attachment_no;
    summary.checked += static_cast<std::int64_t>(page.size());
    MT_ASSIGN_OR_RETURN(const std::vector<bool> exist, store->ExistAll(page));
    std::vector<domain::Attachment> broken;
    for (std::size_t i = 0; i < page.size(); ++i) {
      if (!exist[i]) broken.push_back(page[i]);
    }
    MT_ASSIGN_OR_RETURN(const auto found, FindMovedMessages(*store, setup, broken));
    db::LoggingBatch relinks;
    for (std::size_t i = 0; i < broken.size(); ++i) {
      const bool repair = options.repair && found[i].has_value();
      BrokenLink link{.attachment = broken[i], .entry_nos = {}, .found_at = found[i], .repaired = repair};
      MT_ASSIGN_OR_RETURN(const auto entries, db.ListEntries({.attachment_no = broken[i].attachment_no}));
      for (const domain::InteractionLogEntry& entry : entries) link.entry_nos.push_back(entry.entry_no);
      if (repair) relinks.relinks.push_back({broken[i].attachment_no, *found[i]});
      summary.broken.push_back(std::move(link));
    }
    // The page's repairs in one transaction: all of them or none (then the error).
    if (!relinks.relinks.empty()) MT_RETURN_IF_ERROR(db.CommitLoggingBatch(relinks));
    if (options.progress) options.progress(summary.checked, static_cast<std::int64_t>(summary.broken.size()));
  }
  return summary;
}

}  // namespace mailtrail::service
