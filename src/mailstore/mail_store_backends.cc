#include "mailstore/mail_store_backends.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "mailstore/imap/imap_connection.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/maildir/maildir_store.h"
#include "testing/test_util.h"

namespace mailtrail::mailstore {
namespace {

namespace fs = std::filesystem;
using domain::StoredLocation;
using domain::UnixTime;

template <typename T>
T OrThrow(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  return std::move(result).value();
}

void OrThrow(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.ToString());
}

// Writes a message file into the Maildir++ folder `dir`, as a delivery agent
// would: into new/, or with Maildir flag letters into cur/; its time is its arrival.
void WriteMaildirFile(const fs::path& dir, const std::string& name, std::string_view raw, UnixTime arrived_at,
                      std::string_view flags) {
  const fs::path file = flags.empty() ? dir / "new" / name : dir / "cur" / (name + ":2," + std::string(flags));
  testing::WriteFile(file, raw);
  fs::last_write_time(file,
                      fs::file_time_type::clock::from_sys(std::chrono::sys_seconds{std::chrono::seconds{arrived_at}}));
}

// Every message of `folder` (its name on the server), with `items`.
std::vector<FetchedMessage> FetchEvery(ImapConnection& connection, const std::string& folder, unsigned items) {
  const FolderState state = OrThrow(connection.Select(folder, /*read_only=*/true));
  if (state.exists == 0) return {};
  return OrThrow(connection.UidFetch(UidSet::From(1), items));
}

// ---- Maildir ----

class MaildirBackend final : public MailBackend {
 public:
  MaildirBackend() {
    const std::string root = (dir_.path() / "mail").string();
    OrThrow(MaildirStore::CreateRoot(root));
    store_ = OrThrow(MaildirStore::Open(root));
  }

  MailStore& store() override { return *store_; }
  std::string url() const override { return "maildir://" + (dir_.path() / "mail").string(); }
  ConnectOptions credentials() const override { return {}; }

  void Deliver(std::string_view folder, std::string_view raw, UnixTime arrived_at, std::string_view flags) override {
    const std::string name =
        std::to_string(arrived_at) + ".M" + std::to_string(++deliveries_) + "P" + std::to_string(::getpid()) + ".test";
    WriteMaildirFile(FolderDir(folder), name, raw, arrived_at, flags);
  }

  std::vector<std::string> Snapshot(std::string_view folder) override {
    std::vector<std::string> names;
    for (const char* subdir : {"cur", "new", "tmp"}) {
      for (const auto& entry : fs::directory_iterator(FolderDir(folder) / subdir)) {
        names.push_back(std::string(subdir) + "/" + entry.path().filename().string());
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<std::string> Contents(std::string_view folder) override {
    std::vector<std::tuple<fs::file_time_type, std::string, fs::path>> files;
    for (const fs::path& file : MessageFiles(folder)) {
      files.emplace_back(fs::last_write_time(file), file.filename().string(), file);
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> contents;
    for (const auto& file : files) contents.push_back(testing::ReadFile(std::get<2>(file)));
    return contents;
  }

  void SetFlags(const StoredLocation& location, std::string_view flags) override {
    fs::rename(StoredFile(location), FolderDir(location.folder) / "cur" / (location.key + ":2," + std::string(flags)));
  }

  void Remove(const StoredLocation& location) override { fs::remove(StoredFile(location)); }

  void RemoveAll(std::string_view folder) override {
    for (const fs::path& file : MessageFiles(folder)) fs::remove(file);
  }

  std::string Served(std::string_view raw) const override { return std::string(raw); }

 private:
  fs::path FolderDir(std::string_view folder) const { return OrThrow(store_->FolderPath(folder)); }

  std::vector<fs::path> MessageFiles(std::string_view folder) const {
    std::vector<fs::path> files;
    for (const char* subdir : {"cur", "new"}) {
      for (const auto& entry : fs::directory_iterator(FolderDir(folder) / subdir)) files.push_back(entry.path());
    }
    return files;
  }

  fs::path StoredFile(const StoredLocation& location) const {
    for (const fs::path& file : MessageFiles(location.folder)) {
      const std::string name = file.filename().string();
      if (name == location.key || name.starts_with(location.key + ":2,")) return file;
    }
    throw std::runtime_error("no stored file " + location.key);
  }

  testing::TempDir dir_;
  std::unique_ptr<MaildirStore> store_;
  std::atomic<int> deliveries_{0};
};

// ---- IMAP on a real server ----

// IMAP flags for Maildir flag letters.
std::vector<std::string> ImapFlags(std::string_view letters) {
  static const std::map<char, std::string> kFlags = {
      {'S', "\\Seen"}, {'R', "\\Answered"}, {'F', "\\Flagged"}, {'D', "\\Draft"}, {'T', "\\Deleted"}};
  std::vector<std::string> flags;
  for (char letter : letters) flags.push_back(kFlags.at(letter));
  return flags;
}

// Each look or change uses a connection of its own, as another mail client would;
// so the backend is safe from any thread, and unaffected by a server restart.
class ImapBackend : public MailBackend {
 public:
  MailStore& store() override { return *store_; }
  std::string url() const override { return url_; }
  ConnectOptions credentials() const override {
    return {.require_tls = true, .ca_file = ca_file_, .password = user_.password};
  }

  void Deliver(std::string_view folder, std::string_view raw, UnixTime arrived_at, std::string_view flags) override {
    OrThrow(Connect()->Append(ServerName(folder), ImapFlags(flags), arrived_at, raw));
  }

  // \Recent is left out: it is the server's note of which session saw a message
  // first, which any client that SELECTs the folder changes, not a flag of it.
  std::vector<std::string> Snapshot(std::string_view folder) override {
    return ImapFlagLines(*Connect(), ServerName(folder), /*with_recent=*/false);
  }

  std::vector<std::string> Contents(std::string_view folder) override {
    std::vector<FetchedMessage> messages = FetchEvery(*Connect(), ServerName(folder), kFetchInternalDate | kFetchBody);
    std::sort(messages.begin(), messages.end(), [](const FetchedMessage& a, const FetchedMessage& b) {
      return std::tie(a.internal_date, a.uid) < std::tie(b.internal_date, b.uid);
    });
    std::vector<std::string> contents;
    for (FetchedMessage& message : messages) contents.push_back(std::move(message.body));
    return contents;
  }

  void SetFlags(const StoredLocation& location, std::string_view flags) override {
    const std::unique_ptr<ImapConnection> connection = Connect();
    OrThrow(connection->Select(ServerName(location.folder), /*read_only=*/false).status());
    OrThrow(connection->UidStore(UidSet::Of({Uid(location)}), ImapConnection::FlagChange::kReplace, ImapFlags(flags)));
  }

  void Remove(const StoredLocation& location) override { Expunge(location.folder, UidSet::Of({Uid(location)})); }
  void RemoveAll(std::string_view folder) override { Expunge(folder, UidSet::From(1)); }

  // IMAP sends every line ending as CRLF.
  std::string Served(std::string_view raw) const override {
    std::string served;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\r' || raw[i] == '\n') {
        served += "\r\n";
        if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      } else {
        served += raw[i];
      }
    }
    return served;
  }

 protected:
  ImapBackend(std::string url, std::string ca_file, testing::MailUser user)
      : url_(std::move(url)), ca_file_(std::move(ca_file)), user_(std::move(user)) {
    store_ = OrThrow(OpenMailStore(url_, credentials()));
  }

  // Both servers separate levels with '.': Dovecot with Maildir++, Cyrus with
  // unixhierarchysep: no.
  static std::string ServerName(std::string_view folder) {
    std::string name(folder);
    std::replace(name.begin(), name.end(), '/', '.');
    return name;
  }

  const testing::MailUser& user() const { return user_; }

 private:
  static std::uint32_t Uid(const StoredLocation& location) {
    return static_cast<std::uint32_t>(std::stoul(location.key));
  }

  std::unique_ptr<ImapConnection> Connect() const {
    return OrThrow(ImapConnection::Open(OrThrow(ParseImapUrl(url_)), credentials()));
  }

  void Expunge(std::string_view folder, const UidSet& uids) const {
    const std::unique_ptr<ImapConnection> connection = Connect();
    const FolderState state = OrThrow(connection->Select(ServerName(folder), /*read_only=*/false));
    if (state.exists == 0) return;
    OrThrow(connection->UidStore(uids, ImapConnection::FlagChange::kAdd, {"\\Deleted"}));
    OrThrow(connection->UidExpunge(uids));
  }

  const std::string url_;
  const std::string ca_file_;
  const testing::MailUser user_;
  std::unique_ptr<MailStore> store_;
};

class DovecotBackend final : public ImapBackend {
 public:
  DovecotBackend() : DovecotBackend(SharedDovecot(), NewDovecotUser()) {}

  void Deliver(std::string_view folder, std::string_view raw, UnixTime arrived_at, std::string_view flags) override {
    if (raw.empty()) return DropIntoMaildir(folder, arrived_at, flags);
    ImapBackend::Deliver(folder, raw, arrived_at, flags);
  }

  // Dovecot sends a NUL byte as 0x80.
  std::string Served(std::string_view raw) const override {
    std::string served = ImapBackend::Served(raw);
    std::replace(served.begin(), served.end(), '\0', '\x80');
    return served;
  }

 private:
  DovecotBackend(testing::DovecotServer& server, const testing::DovecotServer::User& user)
      : ImapBackend(server.Url(user.name), server.ca_file().string(), user), server_(server) {}

  // Dovecot refuses to APPEND a message of zero bytes, so such a message goes
  // into the Maildir++ folder Dovecot serves, as a local delivery would put it.
  void DropIntoMaildir(std::string_view folder, UnixTime arrived_at, std::string_view flags) {
    const std::string name = std::to_string(arrived_at) + ".M" + std::to_string(++drops_) + ".empty";
    WriteMaildirFile(server_.maildir(user().name) / ("." + ServerName(folder)), name, "", arrived_at, flags);
  }

  testing::DovecotServer& server_;
  std::atomic<int> drops_{0};
};

class CyrusBackend final : public ImapBackend {
 public:
  CyrusBackend() : CyrusBackend(SharedCyrus(), NewCyrusUser()) {}

  // Cyrus quirk: APPEND refuses a message with a NUL byte ("Message contains NUL
  // characters"); such mail never reaches a Cyrus folder.
  bool Holds(std::string_view raw) const override { return raw.find('\0') == std::string_view::npos; }

  // Cyrus quirk: an 8-bit byte in the header is stored as 'X' (munge8bit).
  std::string Served(std::string_view raw) const override {
    std::string served = ImapBackend::Served(raw);
    const std::size_t header_end = served.find("\r\n\r\n");
    for (std::size_t i = 0; i < std::min(header_end, served.size()); ++i) {
      if (static_cast<unsigned char>(served[i]) >= 0x80) served[i] = 'X';
    }
    return served;
  }

 private:
  CyrusBackend(testing::CyrusServer& server, const testing::CyrusServer::User& user)
      : ImapBackend(server.Url(user.name), server.ca_file().string(), user) {}
};

}  // namespace

std::vector<std::string> ImapFlagLines(ImapConnection& connection, const std::string& folder, bool with_recent) {
  std::vector<std::string> lines;
  for (FetchedMessage& message : FetchEvery(connection, folder, kFetchFlags)) {
    if (!with_recent) std::erase(message.flags, "\\Recent");
    std::sort(message.flags.begin(), message.flags.end());
    std::string line = std::to_string(message.uid);
    for (const std::string& flag : message.flags) line += " " + flag;
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::unique_ptr<MailBackend> MakeMaildirBackend() { return std::make_unique<MaildirBackend>(); }
std::unique_ptr<MailBackend> MakeImapBackend() { return std::make_unique<DovecotBackend>(); }
std::unique_ptr<MailBackend> MakeCyrusImapBackend() { return std::make_unique<CyrusBackend>(); }

std::vector<BackendKind> AllBackendKinds() { return {{"Maildir", MakeMaildirBackend}, {"Imap", MakeImapBackend}}; }

std::vector<BackendKind> AllBackendKindsWithCyrus() {
  std::vector<BackendKind> kinds = AllBackendKinds();
  kinds.push_back({"ImapOnCyrus", MakeCyrusImapBackend});
  return kinds;
}

namespace {

// Accounts of the shared server, made when it starts: Dovecot looks at its user
// file at most once a second, so accounts added later may not log in at once.
constexpr int kSharedUsers = 200;

testing::DovecotServer::User SharedUser(int n) {
  return {"user" + std::to_string(n), "pass word " + std::to_string(n)};  // a password that needs quoting
}

}  // namespace

testing::DovecotServer& SharedDovecot() {
  static const std::unique_ptr<testing::DovecotServer> server = [] {
    testing::DovecotServer::Options options;
    options.users.clear();
    for (int n = 1; n <= kSharedUsers; ++n) options.users.push_back(SharedUser(n));
    return OrThrow(testing::DovecotServer::Start(options));
  }();
  return *server;
}

testing::DovecotServer::User NewDovecotUser() {
  static std::atomic<int> used{0};
  const int n = ++used;
  if (n > kSharedUsers) throw std::runtime_error("the shared Dovecot has no unused account left");
  SharedDovecot();
  return SharedUser(n);
}

testing::CyrusServer& SharedCyrus() {
  static const std::unique_ptr<testing::CyrusServer> server = [] {
    testing::CyrusServer::Options options;
    options.users.clear();
    return OrThrow(testing::CyrusServer::Start(options));
  }();
  return *server;
}

testing::CyrusServer::User NewCyrusUser() {
  static std::mutex adding;
  static int used = 0;
  const std::lock_guard<std::mutex> lock(adding);
  testing::CyrusServer::User user = {"user" + std::to_string(++used), "pass word " + std::to_string(used)};
  OrThrow(SharedCyrus().AddUser(user));
  return user;
}

}  // namespace mailtrail::mailstore
