#include "service/show.h"

#include <string>

namespace mailtrail::service {

Status ReadEntryMessage(db::Database& db, std::int64_t entry_no, const mailstore::ChunkSink& sink,
                        const MailStoreOpener& open_mail_store) {
  MT_ASSIGN_OR_RETURN(auto entry, db.GetEntry(entry_no));
  if (!entry) return Status::NotFound("Interaction log entry " + std::to_string(entry_no) + " does not exist.");
  const Status gone = Status::NotFound(std::string(kMessageGone));
  if (entry->attachment_no == 0) return gone;
  MT_ASSIGN_OR_RETURN(auto attachment, db.GetAttachment(entry->attachment_no));
  if (!attachment) return gone;
  MT_ASSIGN_OR_RETURN(domain::Setup setup, db.LoadSetup());
  MT_ASSIGN_OR_RETURN(auto store, OpenStore(open_mail_store, setup));
  Status read = store->ReadStored(*attachment, sink);
  return read.code() == StatusCode::kNotFound ? gone : read;
}

}  // namespace mailtrail::service
