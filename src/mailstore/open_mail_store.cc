#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "mailstore/mail_store.h"
#include "mailstore/maildir/maildir_store.h"

namespace mailtrail::mailstore {

Result<std::unique_ptr<MailStore>> OpenMailStore(std::string_view url) {
  constexpr std::string_view kMaildirScheme = "maildir://";
  const std::string quoted_url = "'" + std::string(url) + "'";
  if (!url.starts_with(kMaildirScheme)) {
    return Status::InvalidArgument("The mail store " + quoted_url +
                                   " is not supported; use maildir:///ABSOLUTE/PATH.");
  }
  const std::string_view root = url.substr(kMaildirScheme.size());
  if (!root.starts_with('/')) {
    return Status::InvalidArgument("The mail store " + quoted_url +
                                   " has no absolute path; use maildir:///ABSOLUTE/PATH.");
  }
  MT_ASSIGN_OR_RETURN(std::unique_ptr<MaildirStore> store, MaildirStore::Open(std::string(root)));
  return std::unique_ptr<MailStore>(std::move(store));
}

}  // namespace mailtrail::mailstore
