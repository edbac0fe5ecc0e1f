// Test helper shared by the mime tests: two envelopes alike field by field.
#pragma once

#include <gtest/gtest.h>

#include "domain/model.h"

namespace mailtrail::mime {

inline void ExpectSameEnvelope(const domain::Envelope& actual, const domain::Envelope& expected) {
  EXPECT_EQ(actual.from, expected.from);
  EXPECT_EQ(actual.to, expected.to);
  EXPECT_EQ(actual.cc, expected.cc);
  EXPECT_EQ(actual.subject, expected.subject);
  EXPECT_EQ(actual.sent_at, expected.sent_at);
  EXPECT_EQ(actual.received_at, expected.received_at);
  EXPECT_EQ(actual.message_id, expected.message_id);
  EXPECT_EQ(actual.sensitivity, expected.sensitivity);
  EXPECT_EQ(actual.authentication_results, expected.authentication_results);
  EXPECT_EQ(actual.draft, expected.draft);
  EXPECT_EQ(actual.content_hash, expected.content_hash);
  EXPECT_EQ(actual.limits_passed, expected.limits_passed);
}

}  // namespace mailtrail::mime
