// Finding messages of the selected IMAP folder by their content, and fetching
// bodies in batches of bounded size. Internal to ImapStore.
//
// Thread-safety: functions of one ImapConnection, used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "mailstore/imap/imap_connection.h"

namespace mailtrail::mailstore {

// What identifies a message's content.
struct ContentId {
  std::string message_id;    // without angle brackets; may be empty
  std::string content_hash;  // lower-case hex SHA-256 of the message as the server serves it; may be empty
  std::int64_t size = 0;     // RFC822.SIZE
};

// One UID FETCH of bodies asks for at most this many messages and bytes, so a
// batch never holds more than that (or one larger message) in memory.
inline constexpr std::size_t kMaxMessagesPerFetch = 100;
inline constexpr std::int64_t kMaxBytesPerFetch = std::int64_t{16} << 20;

// Splits messages of sizes `sizes` into consecutive index ranges [first, second)
// within the limits above; a message larger than kMaxBytesPerFetch is a range alone.
std::vector<std::pair<std::size_t, std::size_t>> FetchBatches(const std::vector<std::int64_t>& sizes);

// UIDs (ascending) of the selected folder's messages that may hold one of
// `wanted`: with its Message-ID in the header, or, when it has none that can be
// searched for, of its size.
Result<std::vector<std::uint32_t>> SearchCandidates(ImapConnection& connection, const std::vector<ContentId>& wanted);

// For each of `wanted`, the UID of a message among `candidates` of its size and
// with its content hash, or, when it has none, its Message-ID; or 0. Each UID is
// given at most once, lowest first. Fetches the bodies only of candidates of the
// size of a wanted message with a content hash.
Result<std::vector<std::uint32_t>> MatchByContent(ImapConnection& connection, const std::vector<ContentId>& wanted,
                                                  const std::vector<std::uint32_t>& candidates);

// For each of `wanted`, the UID of the selected folder's message that holds it:
// as MatchByContent finds it among SearchCandidates, else (the server may have
// rewritten the bytes of a message moved out and back) FindByMessageId; or 0.
Result<std::vector<std::uint32_t>> FindStoredMessages(ImapConnection& connection, const std::vector<ContentId>& wanted);

// The lowest UID of the selected folder's messages whose Message-ID header holds
// `message_id` in angle brackets, or 0 (also for an empty one, or one that
// cannot be searched for).
Result<std::uint32_t> FindByMessageId(ImapConnection& connection, const std::string& message_id);

}  // namespace mailtrail::mailstore
