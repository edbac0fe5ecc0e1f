#include "service/show.h"

#include <algorithm>
#include <string>
#include <thread>

#include "service/links.h"

namespace mailtrail::service {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstSyncPause{250};
constexpr milliseconds kMaxSyncPause{2000};

// Reads the stored message of `attachment`; when its location does not resolve,
// finds the message again and re-points the link first. kNotFound when it is
// found nowhere.
Status ReadLinked(db::Database& db, mailstore::MailStore& store, const domain::Setup& setup,
                  const domain::Attachment& attachment, const mailstore::ChunkSink& sink) {
  const Status read = store.ReadStored(attachment, sink);
  if (read.code() != StatusCode::kNotFound) return read;
  MT_ASSIGN_OR_RETURN(const auto found, FindMovedMessages(store, setup, {attachment}));
  if (!found.front()) return read;
  MT_RETURN_IF_ERROR(db.CommitLoggingBatch({.relinks = {{attachment.attachment_no, *found.front()}}}));
  domain::Attachment relinked = attachment;
  relinked.location = *found.front();
  return store.ReadStored(relinked, sink);
}

}  // namespace

Status ReadEntryMessage(db::Database& db, std::int64_t entry_no, const mailstore::ChunkSink& sink,
                        const ShowOptions& options) {
  MT_ASSIGN_OR_RETURN(auto entry, db.GetEntry(entry_no));
  if (!entry) return Status::NotFound("Interaction log entry " + std::to_string(entry_no) + " does not exist.");
  const Status gone = Status::NotFound(std::string(kMessageGone));
  if (entry->attachment_no == 0) return gone;
  MT_ASSIGN_OR_RETURN(auto attachment, db.GetAttachment(entry->attachment_no));
  if (!attachment) return gone;
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  MT_ASSIGN_OR_RETURN(auto store, OpenStore(options.open_mail_store, setup));
  milliseconds waited{0};
  for (milliseconds pause = kFirstSyncPause;; pause = std::min(pause * 2, kMaxSyncPause)) {
    const Status read = ReadLinked(db, *store, setup, *attachment, sink);
    if (read.code() != StatusCode::kNotFound) return read;
    MT_ASSIGN_OR_RETURN(const bool may_arrive, store->MayStillArrive(attachment->location));
    if (!may_arrive) return gone;
    if (waited >= options.sync_wait) return Status::Unavailable(std::string(kMessageNotSynchronized));
    const milliseconds step = std::min(pause, options.sync_wait - waited);
    if (options.pause) {
      options.pause(step);
    } else {
      std::this_thread::sleep_for(step);
    }
    waited += step;
  }
}

}  // namespace mailtrail::service
