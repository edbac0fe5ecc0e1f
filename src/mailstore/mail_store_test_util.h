// Helpers shared by the mail store tests.
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <functional>
#include <string>
#include <string_view>

#include "mailstore/mail_store.h"

namespace mailtrail::mailstore {

// Passes when `status` is OK; otherwise fails and shows it.
inline ::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}

// Lower-case hex SHA-256 of `bytes`, the form CopyRequest::content_hash takes.
inline std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

// All the bytes `read` streams to its sink, or its error.
inline Result<std::string> Collect(const std::function<Status(const ChunkSink&)>& read) {
  std::string bytes;
  Status status = read([&bytes](std::string_view chunk) { bytes.append(chunk); });
  if (!status.ok()) return status;
  return bytes;
}

}  // namespace mailtrail::mailstore
