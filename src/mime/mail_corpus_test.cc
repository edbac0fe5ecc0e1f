#include "mime/mail_corpus.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "testing/test_util.h"

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;

std::filesystem::path RepositoryCorpusDir() { return mailtrail::testing::TestDataDir() / "mime" / "corpus"; }

TEST(MailCorpusTest, MailFilesAreToldApartFromDocumentationAndExpectedResults) {
  struct Case {
    const char* path;
    bool mail;
  };
  const Case cases[] = {
      {"mime4j/core/src/test/resources/testmsgs/basic-plain.msg", true},
      {"mime4j/core/src/test/resources/testmsgs/basic-plain.xml", false},
      {"mime4j/core/src/test/resources/testmsgs/basic-plain.out", false},
      {"mime4j/core/src/test/resources/testmsgs/basic-plain_decoded_1.txt", false},
      {"mime4j/core/src/test/resources/mimetools-testmsgs/ARTISTIC-LICENSE.txt", false},
      {"mime4j/mbox/src/test/resources/test-1/mbox.rlug", true},
      {"stalwart-mail-parser/resources/eml/malformed/000.eml", true},
      {"stalwart-mail-parser/resources/eml/malformed/000.json", false},
      {"stalwart-mail-parser/resources/eml/malformed/COPYING", false},
      {"zbateson-mail-mime-parser/tests/_data/emails/m0001.txt", true},
      {"zbateson-mail-mime-parser/tests/_data/emails/files/aaa.txt", false},
      {"zbateson-mail-mime-parser/tests/_data/emails/README.md", false},
      {"zbateson-mail-mime-parser/tests/_data/headers/basic", true},
      {"mimekit/UnitTests/TestData/mbox/simple.mbox.txt", true},
      {"mimekit/UnitTests/TestData/mbox/issue1189-summary.txt", false},
      {"gmime/tests/data/mbox/input/substring.mbox", true},
      {"gmime/tests/data/mbox/output/substring.mbox", false},
      {"gmime/tests/data/partial/output/photo-discuss", true},
      {"enron-mbox/SOURCE.txt", false},
      {"enron-mbox/MailDir_to_MBOX/enron/enron.south-s.sent", true},
  };
  for (const Case& c : cases) EXPECT_EQ(IsCorpusMailFile(c.path), c.mail) << c.path;
}

TEST(MailCorpusTest, MboxSplitsAsMime4jSplitsIt) {
  const std::vector<std::string> messages =
      SplitMbox(mailtrail::testing::ReadFile(RepositoryCorpusDir() / "mime4j-mbox.rlug"));
  ASSERT_EQ(messages.size(), 5u);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i],
              mailtrail::testing::ReadFile(RepositoryCorpusDir() / ("mime4j-mbox.rlug-" + std::to_string(i))))
        << "message " << i;
  }
}

TEST(MailCorpusTest, MessagesOfAnMboxAreNamedByTheirPlace) {
  std::vector<std::string> names;
  ForEachCorpusMessage(RepositoryCorpusDir(), [&names](const CorpusMessage& message) {
    if (message.name.starts_with("gmime-")) names.push_back(message.name);
  });
  EXPECT_THAT(names, ElementsAre("gmime-empty0.msg", "gmime-empty1.msg", "gmime-empty2.msg", "gmime-rfc2060.msg",
                                 "gmime-substring.mbox#1", "gmime-substring.mbox#2", "gmime-substring.mbox#3"));
}

TEST(MailCorpusTest, GMimeLosesTheMessagesAfterAPartWithoutItsEmptyLine) {
  // MimeKit finds four messages; GMime 3.2.13 stops after the second, whose
  // attachment's headers run into its base64 content. A later GMime that finds
  // them all fails this test: then drop this test and the note in mail_corpus.h.
  EXPECT_EQ(SplitMbox(mailtrail::testing::ReadFile(RepositoryCorpusDir() / "mimekit-issue1189.mbox.txt")).size(),
            2u);
}

TEST(MailCorpusTest, TheEnronMboxesHoldTheMessagesTheirSourceCounts) {
  // As testdata/mime/corpus/SOURCE.txt counts them.
  for (const auto& [file, count] : {std::pair<const char*, std::size_t>{"enron-south-s.sent", 21},
                                    {"enron-phanis-s.deleted_items", 17}}) {
    EXPECT_EQ(SplitMbox(mailtrail::testing::ReadFile(RepositoryCorpusDir() / file)).size(), count) << file;
  }
}

}  // namespace
}  // namespace mailtrail::mime
