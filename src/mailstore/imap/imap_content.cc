#include "mailstore/imap/imap_content.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace mailtrail::mailstore {
namespace {

// Message-IDs asked for in one UID SEARCH (as ORed HEADER keys), which keeps the
// command line far below servers' limits (Dovecot: 64 KiB).
constexpr std::size_t kWantedPerSearch = 50;

// Whether `id` can be searched for as a quoted string on any server: printable
// ASCII without '"' or '\'. Anything else would need a literal, which not every
// server takes in SEARCH; such messages are looked for by size instead.
bool IsSearchable(std::string_view id) {
  return !id.empty() &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7f && c != '"' && c != '\\'; });
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  ::sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> FetchBatches(const std::vector<std::int64_t>& sizes) {
  std::vector<std::pair<std::size_t, std::size_t>> batches;
  std::size_t first = 0;
  std::int64_t bytes = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const std::int64_t size = std::max<std::int64_t>(sizes[i], 0);
    if (i > first && (i - first == kMaxMessagesPerFetch || bytes + size > kMaxBytesPerFetch)) {
      batches.emplace_back(first, i);
      first = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (first < sizes.size()) batches.emplace_back(first, sizes.size());
  return batches;
}

Result<std::vector<std::uint32_t>> SearchCandidates(ImapConnection& connection, const std::vector<ContentId>& wanted) {
  std::set<std::uint32_t> uids;
  for (std::size_t first = 0; first < wanted.size(); first += kWantedPerSearch) {
    std::vector<SearchKey> keys;
    for (std::size_t i = first; i < std::min(wanted.size(), first + kWantedPerSearch); ++i) {
      keys.push_back(IsSearchable(wanted[i].message_id) ? SearchKey::Header("Message-ID", wanted[i].message_id)
                                                        : SearchKey::SizeIs(wanted[i].size));
    }
    MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> found,
                        connection.UidSearch(SearchKey::AnyOf(std::move(keys))));
    uids.insert(found.begin(), found.end());
  }
  return std::vector<std::uint32_t>(uids.begin(), uids.end());
}

Result<std::vector<std::uint32_t>> MatchByContent(ImapConnection& connection, const std::vector<ContentId>& wanted,
                                                  const std::vector<std::uint32_t>& candidates) {
  std::vector<std::uint32_t> matches(wanted.size(), 0);
  if (candidates.empty() || wanted.empty()) return matches;
  std::set<std::int64_t> hashed_sizes;  // sizes of the wanted messages known by content hash
  std::set<std::int64_t> wanted_sizes;
  for (const ContentId& id : wanted) {
    wanted_sizes.insert(id.size);
    if (!id.content_hash.empty()) hashed_sizes.insert(id.size);
  }
  const std::set<std::uint32_t> candidate_set(candidates.begin(), candidates.end());

  MT_ASSIGN_OR_RETURN(const std::vector<FetchedMessage> listed,
                      connection.UidFetch(UidSet::Of(candidates), kFetchSize | kFetchMessageId));
  std::map<std::uint32_t, const FetchedMessage*> of_wanted_size;  // ascending UIDs
  for (const FetchedMessage& message : listed) {
    if (candidate_set.contains(message.uid) && wanted_sizes.contains(message.size)) {
      of_wanted_size[message.uid] = &message;
    }
  }
  std::vector<std::uint32_t> to_hash;
  std::vector<std::int64_t> to_hash_sizes;
  for (const auto& [uid, message] : of_wanted_size) {
    if (!hashed_sizes.contains(message->size)) continue;
    to_hash.push_back(uid);
    to_hash_sizes.push_back(message->size);
  }
  std::map<std::uint32_t, std::string> hash_by_uid;
  for (const auto& [first, end] : FetchBatches(to_hash_sizes)) {
    MT_ASSIGN_OR_RETURN(const std::vector<FetchedMessage> bodies,
                        connection.UidFetch(UidSet::Of({to_hash.begin() + static_cast<std::ptrdiff_t>(first),
                                                        to_hash.begin() + static_cast<std::ptrdiff_t>(end)}),
                                            kFetchBody));
    for (const FetchedMessage& message : bodies) {
      if (of_wanted_size.contains(message.uid)) hash_by_uid[message.uid] = Sha256Hex(message.body);
    }
  }
  std::set<std::uint32_t> taken;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const ContentId& id = wanted[i];
    for (const auto& [uid, message] : of_wanted_size) {  // the lowest UID first
      if (taken.contains(uid) || message->size != id.size) continue;
      const auto hash = hash_by_uid.find(uid);
      const bool same = id.content_hash.empty() ? !id.message_id.empty() && message->message_id == id.message_id
                                                : hash != hash_by_uid.end() && hash->second == id.content_hash;
      if (!same) continue;
      matches[i] = uid;
      taken.insert(uid);
      break;
    }
  }
  return matches;
}

Result<std::uint32_t> FindByMessageId(ImapConnection& connection, const std::string& message_id) {
  if (!IsSearchable(message_id)) return 0u;
  // In brackets, as HEADER matches a substring: "<1@x>" is not in "<21@x>".
  MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> found,
                      connection.UidSearch(SearchKey::Header("Message-ID", "<" + message_id + ">")));
  return found.empty() ? 0u : found.front();
}

Result<std::vector<std::uint32_t>> FindStoredMessages(ImapConnection& connection,
                                                      const std::vector<ContentId>& wanted) {
  MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> candidates, SearchCandidates(connection, wanted));
  MT_ASSIGN_OR_RETURN(std::vector<std::uint32_t> found, MatchByContent(connection, wanted, candidates));
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (found[i] != 0) continue;
    MT_ASSIGN_OR_RETURN(found[i], FindByMessageId(connection, wanted[i].message_id));
  }
  return found;
}

}  // namespace mailtrail::mailstore
