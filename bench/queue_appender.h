// Puts messages into a queue folder the way people's mail gets there in
// production: one IMAP APPEND at a time, as a mail client's rule or a server's
// transport rule copies it, on one logged-in connection.
#pragma once

#include <memory>
#include <string>

#include "mailstore/imap/imap_connection.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

class QueueAppender {
 public:
  // Logs in as `user` over STARTTLS, trusting the server's test CA. Throws
  // std::runtime_error.
  QueueAppender(const testing::DovecotServer& server, const std::string& user, const std::string& password,
                std::string folder);

  // APPENDs `message` (LF line ends, sent with CRLF as IMAP wants them) and returns
  // once the server has confirmed it. Throws std::runtime_error, or Interrupted
  // when a signal cut it short.
  void Append(const std::string& message);

 private:
  std::unique_ptr<mailstore::ImapConnection> connection_;
  std::string folder_;
};

}  // namespace mailtrail::bench
