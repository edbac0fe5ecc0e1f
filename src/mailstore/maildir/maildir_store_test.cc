// What is particular to the Maildir store: URLs, the on-disk layout Dovecot
// shares, file names and flags, hard links, and its error messages.
#include "mailstore/maildir/maildir_store.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mailstore/mail_store_test_util.h"
#include "testing/test_util.h"

namespace mailtrail::mailstore {
namespace {

namespace fs = std::filesystem;
using domain::StoredLocation;

// The unique base name of a message as a delivery agent writes it, with Dovecot's size field.
constexpr const char* kBaseName = "1772442900.M1P2.mx,S=12";

std::vector<std::string> Tree(const fs::path& dir) {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    paths.push_back(fs::relative(entry.path(), dir).string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

ino_t Inode(const fs::path& file) {
  struct stat st;
  return ::stat(file.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST(OpenMailStoreTest, RejectsOtherUrls) {
  for (const char* url :
       {"mbox:///var/mail/sales", "/var/mail/sales", "maildir://var/mail/sales", "maildir:", ""}) {
    auto store = OpenMailStore(url);
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument) << url;
    EXPECT_NE(store.status().message().find("use maildir:///ABSOLUTE/PATH"), std::string::npos)
        << store.status().message();
  }
}

TEST(OpenMailStoreTest, MissingRootIsNotFoundAndNotCreated) {
  testing::TempDir dir;
  const fs::path root = dir.path() / "mail";
  auto store = OpenMailStore("maildir://" + root.string());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store.status().message(), "The maildir '" + root.string() + "' does not exist.");
  EXPECT_FALSE(fs::exists(root));
}

TEST(OpenMailStoreTest, RootThatIsNotAMaildirIsCorruption) {
  testing::TempDir dir;
  const fs::path file = dir.path() / "file";
  testing::WriteFile(file, "not a maildir");
  const fs::path incomplete = dir.path() / "incomplete";
  fs::create_directories(incomplete / "cur");
  fs::create_directories(incomplete / "new");

  for (const fs::path& root : {file, incomplete}) {
    auto store = OpenMailStore("maildir://" + root.string());
    EXPECT_EQ(store.status().code(), StatusCode::kCorruption);
    EXPECT_EQ(store.status().message(),
              "'" + root.string() + "' is not a maildir (it has no cur, new and tmp folders).");
  }
  EXPECT_FALSE(fs::exists(incomplete / "tmp"));
}

TEST(OpenMailStoreTest, OpensARootMadeByCreateRoot) {
  testing::TempDir dir;
  const fs::path root = dir.path() / "var" / "mail";
  ASSERT_TRUE(IsOk(MaildirStore::CreateRoot(root.string())));
  ASSERT_TRUE(IsOk(MaildirStore::CreateRoot(root.string())));  // idempotent
  EXPECT_EQ(Tree(root), (std::vector<std::string>{"cur", "new", "tmp"}));

  EXPECT_TRUE(IsOk(OpenMailStore("maildir://" + root.string()).status()));
  EXPECT_TRUE(IsOk(OpenMailStore("maildir://" + root.string() + "/").status()));
}

class MaildirStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(IsOk(MaildirStore::CreateRoot(root_.string())));
    auto store = MaildirStore::Open(root_.string());
    ASSERT_TRUE(IsOk(store.status()));
    store_ = std::move(store).value();
    ASSERT_TRUE(IsOk(store_->CreateFolder("Queue")));
    ASSERT_TRUE(IsOk(store_->CreateFolder("Storage")));
  }

  // Puts `raw` at `key` ("new/NAME" or "cur/NAME:2,FLAGS") in the queue.
  MessageRef QueueFile(const std::string& key, std::string_view raw) {
    testing::WriteFile(queue_ / key, raw);
    return {.key = key, .draft = false, .size = static_cast<std::int64_t>(raw.size()), .arrived_at = 0};
  }

  Result<std::vector<StoredLocation>> CopyToStorage(const MessageRef& message, std::string_view raw) {
    return store_->CopyMessages(
        "Queue", {{.source = message, .message_id = "", .content_hash = Sha256Hex(raw)}}, "Storage");
  }

  testing::TempDir dir_;
  const fs::path root_ = dir_.path() / "mail";
  const fs::path queue_ = root_ / ".Queue";
  const fs::path storage_ = root_ / ".Storage";
  std::unique_ptr<MaildirStore> store_;
};

TEST_F(MaildirStoreTest, LaysFoldersOutAsDovecotDoes) {
  ASSERT_TRUE(IsOk(store_->CreateFolder("Sales/Queue")));
  ASSERT_TRUE(IsOk(store_->CreateFolder("INBOX")));

  const std::vector<std::string> folder = {"cur", "maildirfolder", "new", "tmp"};
  EXPECT_EQ(Tree(queue_), folder);
  EXPECT_EQ(Tree(root_ / ".Sales.Queue"), folder);
  EXPECT_TRUE(fs::is_regular_file(queue_ / "maildirfolder"));
  EXPECT_FALSE(fs::exists(root_ / "maildirfolder"));
  EXPECT_FALSE(fs::exists(root_ / ".Sales"));

  EXPECT_EQ(*store_->FolderPath("Sales/Queue"), (root_ / ".Sales.Queue").string());
  EXPECT_EQ(*store_->FolderPath("inbox"), root_.string());
  EXPECT_EQ(*store_->FolderPath("Sales Queue"), (root_ / ".Sales Queue").string());
}

TEST_F(MaildirStoreTest, RejectsFolderNamesThatDoNotMapToOneDirectory) {
  const std::vector<std::string> before = Tree(root_);
  for (const char* name : {"", "/Queue", "Queue/", "Sales//Queue", "..", "Sales/../Queue", ".Queue",
                           "Sales.Queue", "Q&A", "Verk\xC3\xA4ufe", "Tab\tQueue"}) {
    EXPECT_EQ(store_->CreateFolder(name).code(), StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(store_->CheckFolder(name).code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_EQ(Tree(root_), before);
  EXPECT_EQ(store_->CheckFolder("Sales.Queue").message(),
            "The folder name 'Sales.Queue' is not valid: '.' separates folder levels on disk, so a name "
            "cannot contain it.");
}

TEST_F(MaildirStoreTest, FolderThatIsNotAMaildirIsCorruption) {
  fs::create_directories(root_ / ".Broken" / "cur");
  Status status = store_->CheckFolder("Broken");
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_EQ(status.message(),
            "'" + (root_ / ".Broken").string() + "' is not a maildir (it has no cur, new and tmp folders).");
}

TEST_F(MaildirStoreTest, ListsMessageFilesWithTheirDraftFlag) {
  QueueFile("new/1.M1P1.mx", "a");
  QueueFile("cur/2.M1P1.mx:2,DS", "b");
  QueueFile("cur/3.M1P1.mx:2,S", "c");
  QueueFile("cur/4.M1P1.mx:2,Sd", "d");  // a lower-case letter is a keyword, not the draft flag
  QueueFile("cur/.hidden", "e");
  QueueFile("tmp/5.M1P1.mx", "f");
  fs::create_directories(queue_ / "cur" / "6.M1P1.mx:2,S");

  auto listed = store_->ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  std::vector<std::pair<std::string, bool>> drafts;
  for (const MessageRef& message : *listed) drafts.emplace_back(message.key, message.draft);
  // Files written in the same second are listed by name.
  EXPECT_EQ(drafts, (std::vector<std::pair<std::string, bool>>{{"new/1.M1P1.mx", false},
                                                               {"cur/2.M1P1.mx:2,DS", true},
                                                               {"cur/3.M1P1.mx:2,S", false},
                                                               {"cur/4.M1P1.mx:2,Sd", false}}));
}

TEST_F(MaildirStoreTest, ReadsInChunksOfAtMost64KiB) {
  const std::string raw(3 * 1024 * 1024 + 5, 'x');
  const MessageRef message = QueueFile("new/1.M1P1.mx", raw);
  std::size_t chunks = 0, bytes = 0, largest = 0;
  ASSERT_TRUE(IsOk(store_->ReadMessage("Queue", message, [&](std::string_view chunk) {
    ++chunks;
    bytes += chunk.size();
    largest = std::max(largest, chunk.size());
  })));
  EXPECT_EQ(bytes, raw.size());
  EXPECT_EQ(largest, 64u * 1024u);
  EXPECT_GE(chunks, raw.size() / (64 * 1024));
}

TEST_F(MaildirStoreTest, RejectsKeysOutsideNewAndCur) {
  for (const char* key :
       {"tmp/1.M1P1.mx", "../.Storage/cur/1", "cur/", "cur/.hidden", "new/a/b", "1.M1P1.mx"}) {
    const MessageRef message{.key = key, .draft = false, .size = 0, .arrived_at = 0};
    EXPECT_EQ(store_->ReadMessage("Queue", message, [](std::string_view) {}).code(),
              StatusCode::kInvalidArgument)
        << key;
    EXPECT_EQ(store_->DeleteMessages("Queue", {message}).code(), StatusCode::kInvalidArgument) << key;
  }
  for (const char* key : {"", "1.M1P1.mx:2,S", "../1.M1P1.mx"}) {
    EXPECT_EQ(store_->Exists({.location = {.folder = "Storage", .key = key, .uidvalidity = 0}}).status().code(),
              StatusCode::kInvalidArgument)
        << key;
  }
}

TEST_F(MaildirStoreTest, ErrorsNameThePathAndTheReason) {
  fs::create_directories(queue_ / "cur" / "1.M1P1.mx:2,S");
  const MessageRef message{.key = "cur/1.M1P1.mx:2,S", .draft = false, .size = 0, .arrived_at = 0};
  Status status = store_->ReadMessage("Queue", message, [](std::string_view) {});
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message(),
            "Cannot read '" + (queue_ / "cur" / "1.M1P1.mx:2,S").string() + "': Is a directory");

  const StoredLocation gone{.folder = "Storage", .key = kBaseName, .uidvalidity = 0};
  status = store_->ReadStored({.location = gone}, [](std::string_view) {});
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(),
            std::string("The stored message '") + kBaseName + "' is no longer in the folder 'Storage'.");
}

TEST_F(MaildirStoreTest, CopyIsAHardLinkInCurKeepingTheFlags) {
  const std::string raw = "Subject: a\r\n";
  const MessageRef seen = QueueFile(std::string("cur/") + kBaseName + ":2,S", raw);
  const MessageRef unseen = QueueFile("new/1772442901.M1P2.mx", raw);

  auto stored = store_->CopyMessages("Queue",
                                     {{.source = seen, .message_id = "", .content_hash = Sha256Hex(raw)},
                                      {.source = unseen, .message_id = "", .content_hash = Sha256Hex(raw)}},
                                     "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  EXPECT_EQ(*stored, (std::vector<StoredLocation>{
                         {.folder = "Storage", .key = kBaseName, .uidvalidity = 0},
                         {.folder = "Storage", .key = "1772442901.M1P2.mx", .uidvalidity = 0}}));
  EXPECT_EQ(Tree(storage_),
            (std::vector<std::string>{"cur", std::string("cur/") + kBaseName + ":2,S",
                                      "cur/1772442901.M1P2.mx:2,", "maildirfolder", "new", "tmp"}));
  EXPECT_EQ(Inode(storage_ / "cur" / (std::string(kBaseName) + ":2,S")), Inode(queue_ / seen.key));
  EXPECT_EQ(Inode(storage_ / "cur" / "1772442901.M1P2.mx:2,"), Inode(queue_ / unseen.key));
}

TEST_F(MaildirStoreTest, CopyDropsTheTrashedFlag) {
  const std::string raw = "Subject: a\r\n";
  const MessageRef trashed = QueueFile(std::string("cur/") + kBaseName + ":2,ST", raw);
  ASSERT_TRUE(IsOk(CopyToStorage(trashed, raw).status()));
  EXPECT_TRUE(fs::exists(storage_ / "cur" / (std::string(kBaseName) + ":2,S")));
  EXPECT_TRUE(fs::exists(queue_ / trashed.key)) << "the queue copy keeps its flags";
}

TEST_F(MaildirStoreTest, DeletesAMessageAMailClientMovedSinceItWasListed) {
  const MessageRef listed = QueueFile(std::string("new/") + kBaseName, "Subject: a\r\n");
  fs::rename(queue_ / listed.key, queue_ / "cur" / (std::string(kBaseName) + ":2,S"));
  ASSERT_TRUE(IsOk(store_->DeleteMessages("Queue", {listed})));
  EXPECT_TRUE(fs::is_empty(queue_ / "cur"));
  EXPECT_TRUE(fs::is_empty(queue_ / "new"));
}

TEST_F(MaildirStoreTest, AdoptsAnEqualCopyThatIsNotAHardLink) {
  const std::string raw = "Subject: a\r\n";
  const MessageRef message = QueueFile(std::string("new/") + kBaseName, raw);
  // Left by an earlier copy across file systems, and read by a user since.
  testing::WriteFile(storage_ / "cur" / (std::string(kBaseName) + ":2,S"), raw);
  const std::vector<std::string> before = Tree(storage_);

  auto stored = CopyToStorage(message, raw);
  ASSERT_TRUE(IsOk(stored.status()));
  EXPECT_EQ(stored->front().key, kBaseName);
  EXPECT_EQ(Tree(storage_), before);
}

TEST_F(MaildirStoreTest, FindsAndAdoptsAStoredMessageInNew) {
  const std::string raw = "Subject: a\r\n";
  const MessageRef message = QueueFile(std::string("cur/") + kBaseName + ":2,S", raw);
  testing::WriteFile(storage_ / "new" / kBaseName, raw);
  const std::vector<std::string> before = Tree(storage_);

  auto stored = CopyToStorage(message, raw);
  ASSERT_TRUE(IsOk(stored.status()));
  EXPECT_EQ(stored->front().key, kBaseName);
  EXPECT_EQ(Tree(storage_), before);
  EXPECT_TRUE(*store_->Exists({.location = stored->front()}));
  EXPECT_EQ(*Collect([&](const ChunkSink& sink) { return store_->ReadStored({.location = stored->front()}, sink); }), raw);
}

TEST_F(MaildirStoreTest, DifferentMessageWithTheSameNameGetsANumberedName) {
  const std::string raw = "Subject: a\r\n", other = "Subject: b\r\n";
  ASSERT_EQ(raw.size(), other.size());  // so only the content hash tells them apart
  const MessageRef message = QueueFile(std::string("cur/") + kBaseName + ":2,S", raw);
  const fs::path foreign = storage_ / "cur" / (std::string(kBaseName) + ":2,S");
  testing::WriteFile(foreign, other);

  auto stored = CopyToStorage(message, raw);
  ASSERT_TRUE(IsOk(stored.status()));
  EXPECT_EQ(stored->front().key, "1772442900.M1P2.mx-1,S=12");
  EXPECT_EQ(testing::ReadFile(storage_ / "cur" / "1772442900.M1P2.mx-1,S=12:2,S"), raw);
  EXPECT_EQ(testing::ReadFile(foreign), other);

  const std::vector<std::string> after_first = Tree(storage_);
  auto stored_again = CopyToStorage(message, raw);
  ASSERT_TRUE(IsOk(stored_again.status()));
  EXPECT_EQ(*stored_again, *stored);
  EXPECT_EQ(Tree(storage_), after_first);
}

TEST_F(MaildirStoreTest, AForeignFileThatAppearsAfterTheFirstCopyIsNotOverwritten) {
  const std::string raw = "Subject: a\r\n", other = "Subject: b\r\n";
  const MessageRef first = QueueFile("cur/1772442800.M1P2.mx:2,S", raw);
  ASSERT_TRUE(IsOk(CopyToStorage(first, raw).status()));  // the store now knows Storage's names
  // Someone else puts a different message under the name the next copy would take.
  const MessageRef second = QueueFile(std::string("cur/") + kBaseName + ":2,S", raw);
  const fs::path foreign = storage_ / "cur" / (std::string(kBaseName) + ":2,S");
  testing::WriteFile(foreign, other);

  auto stored = CopyToStorage(second, raw);
  ASSERT_TRUE(IsOk(stored.status()));
  EXPECT_EQ(stored->front().key, "1772442900.M1P2.mx-1,S=12");
  EXPECT_EQ(testing::ReadFile(foreign), other);
}

// Sets the modification time, which orders a listing, of `file` to `seconds`.
void SetArrival(const fs::path& file, std::int64_t seconds) {
  const timespec times[2] = {{.tv_sec = seconds, .tv_nsec = 0}, {.tv_sec = seconds, .tv_nsec = 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0) << file;
}

std::vector<std::string> Keys(const std::vector<MessageRef>& messages) {
  std::vector<std::string> keys;
  for (const MessageRef& message : messages) keys.push_back(message.key);
  return keys;
}

TEST_F(MaildirStoreTest, ListingInRoundsFollowsArrivalsAndDepartures) {
  for (int i = 1; i <= 5; ++i) {
    const std::string key = "new/" + std::to_string(i) + ".M1P1.mx";
    QueueFile(key, std::string(static_cast<std::size_t>(i), 'x'));
    SetArrival(queue_ / key, 1772442000 + 10 * i);
  }
  auto first = store_->ListMessages("Queue", 2);
  ASSERT_TRUE(IsOk(first.status()));
  EXPECT_EQ(Keys(*first), (std::vector<std::string>{"new/1.M1P1.mx", "new/2.M1P1.mx"}));

  // The round is done with; meanwhile a client moves one message to cur/ and an
  // older one is copied in.
  fs::remove(queue_ / "new/1.M1P1.mx");
  fs::remove(queue_ / "new/2.M1P1.mx");
  fs::rename(queue_ / "new/4.M1P1.mx", queue_ / "cur/4.M1P1.mx:2,S");
  QueueFile("new/0.M1P1.mx", "late");
  SetArrival(queue_ / "new/0.M1P1.mx", 1772441000);

  auto second = store_->ListMessages("Queue", 3);
  ASSERT_TRUE(IsOk(second.status()));
  EXPECT_EQ(Keys(*second), (std::vector<std::string>{"new/0.M1P1.mx", "new/3.M1P1.mx", "cur/4.M1P1.mx:2,S"}));
  // Sizes and times are those of the files, whether or not this listing had to look at them.
  EXPECT_EQ((*second)[0].size, 4);
  EXPECT_EQ((*second)[1].size, 3);
  EXPECT_EQ((*second)[2].size, 4);
  EXPECT_EQ((*second)[2].arrived_at, 1772442040);

  auto all = store_->ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(all.status()));
  EXPECT_EQ(Keys(*all),
            (std::vector<std::string>{"new/0.M1P1.mx", "new/3.M1P1.mx", "cur/4.M1P1.mx:2,S", "new/5.M1P1.mx"}));
}

// Removes a directory tree made outside the system temp folder.
struct RemoveOnExit {
  fs::path path;
  ~RemoveOnExit() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

TEST_F(MaildirStoreTest, CopiesThroughTmpAcrossFileSystems) {
  char other_fs_template[] = "/dev/shm/mailtrail-test-XXXXXX";
  if (!fs::is_directory("/dev/shm") || ::mkdtemp(other_fs_template) == nullptr) {
    GTEST_SKIP() << "no /dev/shm";
  }
  const RemoveOnExit other_fs{other_fs_template};
  struct stat shm, here;
  if (::stat(other_fs.path.c_str(), &shm) != 0 || ::stat(root_.c_str(), &here) != 0 ||
      shm.st_dev == here.st_dev) {
    GTEST_SKIP() << "/dev/shm is on the same file system as " << root_;
  }
  // The storage folder lives on the other file system.
  ASSERT_TRUE(IsOk(MaildirStore::CreateRoot((other_fs.path / "Storage").string())));
  fs::create_directory_symlink(other_fs.path / "Storage", root_ / ".Archive");
  const std::string raw = "Subject: a\r\n";
  const MessageRef message = QueueFile(std::string("cur/") + kBaseName + ":2,S", raw);

  auto stored = store_->CopyMessages(
      "Queue", {{.source = message, .message_id = "", .content_hash = Sha256Hex(raw)}}, "Archive");
  ASSERT_TRUE(IsOk(stored.status()));
  const fs::path copy = other_fs.path / "Storage" / "cur" / (std::string(kBaseName) + ":2,S");
  EXPECT_EQ(testing::ReadFile(copy), raw);
  EXPECT_NE(Inode(copy), Inode(queue_ / message.key));
  EXPECT_TRUE(fs::is_empty(other_fs.path / "Storage" / "tmp"));

  auto stored_again = store_->CopyMessages(
      "Queue", {{.source = message, .message_id = "", .content_hash = Sha256Hex(raw)}}, "Archive");
  ASSERT_TRUE(IsOk(stored_again.status()));
  EXPECT_EQ(*stored_again, *stored);
  EXPECT_EQ(Tree(other_fs.path / "Storage").size(), 4u);  // cur, cur/copy, new, tmp
}

}  // namespace
}  // namespace mailtrail::mailstore
