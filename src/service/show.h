// Show: the stored message behind an interaction log entry.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "mailstore/mail_store.h"
#include "service/email_logging.h"

namespace mailtrail::service {

// What a person sees when the stored message cannot be read.
inline constexpr std::string_view kMessageGone = "The email message cannot be displayed or has been deleted.";
// What a person sees when the stored message has not reached this server yet.
inline constexpr std::string_view kMessageNotSynchronized =
    "The email message has not been synchronized to this mail server yet. Try again in a moment.";

struct ShowOptions {
  // Opens the setup's mail store. Default: OpenSetupMailStore without credentials.
  MailStoreOpener open_mail_store;
  // How long Show waits for a message that may not have been synchronized yet
  // (MailStore::MayStillArrive): it looks again after 250 ms, then after twice
  // as long each time, up to 2 s, until this much waiting. Default: 5 s.
  std::chrono::milliseconds sync_wait{5000};
  // Waits between looks. Default: sleeps.
  std::function<void(std::chrono::milliseconds)> pause;
};

// Streams the raw stored message of entry `entry_no` to `sink`. When the
// attachment's location no longer resolves, the message is found again
// (links.h: FindMovedMessages) and the link re-pointed at it before it is read.
// Errors: kNotFound "Interaction log entry N does not exist.", kNotFound with
// kMessageGone (no attachment, or its stored copy is gone), kUnavailable with
// kMessageNotSynchronized (the copy may still arrive, and did not within
// options.sync_wait), and whatever opening the setup's mail store and
// re-pointing the link return.
Status ReadEntryMessage(db::Database& db, std::int64_t entry_no, const mailstore::ChunkSink& sink,
                        const ShowOptions& options = {});

}  // namespace mailtrail::service
