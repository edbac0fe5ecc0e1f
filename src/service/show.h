// Show: the stored message behind an interaction log entry.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "mailstore/mail_store.h"
#include "service/email_logging.h"

namespace mailtrail::service {

// What a person sees when the stored message cannot be read.
inline constexpr std::string_view kMessageGone = "The email message cannot be displayed or has been deleted.";

// Streams the raw stored message of entry `entry_no` to `sink`.
// Errors: kNotFound "Interaction log entry N does not exist.", kNotFound with
// kMessageGone (no attachment, or its stored copy is gone), and whatever opening
// the setup's mail store returns.
Status ReadEntryMessage(db::Database& db, std::int64_t entry_no, const mailstore::ChunkSink& sink,
                        const MailStoreOpener& open_mail_store = {});

}  // namespace mailtrail::service
