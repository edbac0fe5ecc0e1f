#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "mailstore/imap/imap_store.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/mail_store.h"
#include "mailstore/maildir/maildir_store.h"

namespace mailtrail::mailstore {

Status MailStore::ReadMessage(std::string_view folder, const MessageRef& message, const ChunkSink& sink) {
  MT_ASSIGN_OR_RETURN(std::vector<Status> read,
                      ReadMessages(folder, {message}, ReadExtent::kWhole, [&sink](std::size_t, std::string_view chunk) {
                        sink(chunk);
                        return true;
                      }));
  return read.front();
}

Result<bool> MailStore::Exists(const domain::Attachment& attachment) {
  MT_ASSIGN_OR_RETURN(const std::vector<bool> exist, ExistAll({attachment}));
  return exist.front();
}

namespace {

constexpr std::string_view kMaildirScheme = "maildir://";
constexpr std::string_view kForms = "use maildir:///ABSOLUTE/PATH, imap://USER@HOST[:PORT] or imaps://USER@HOST[:PORT]";

}  // namespace

Status CheckMailStoreUrl(std::string_view url) {
  if (IsImapUrl(url)) return ParseImapUrl(url).status();
  const std::string quoted_url = "'" + std::string(url) + "'";
  if (!url.starts_with(kMaildirScheme)) {
    return Status::InvalidArgument("The mail store " + quoted_url + " is not supported; " + std::string(kForms) +
                                   ".");
  }
  if (!url.substr(kMaildirScheme.size()).starts_with('/')) {
    return Status::InvalidArgument("The mail store " + quoted_url +
                                   " has no absolute path; use maildir:///ABSOLUTE/PATH.");
  }
  return Status::Ok();
}

Result<std::unique_ptr<MailStore>> OpenMailStore(std::string_view url, const ConnectOptions& options) {
  MT_RETURN_IF_ERROR(CheckMailStoreUrl(url));
  if (IsImapUrl(url)) {
    MT_ASSIGN_OR_RETURN(std::unique_ptr<ImapStore> store, ImapStore::Open(*ParseImapUrl(url), options));
    return std::unique_ptr<MailStore>(std::move(store));
  }
  MT_ASSIGN_OR_RETURN(std::unique_ptr<MaildirStore> store,
                      MaildirStore::Open(std::string(url.substr(kMaildirScheme.size()))));
  return std::unique_ptr<MailStore>(std::move(store));
}

}  // namespace mailtrail::mailstore
