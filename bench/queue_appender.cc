#include "queue_appender.h"

#include <ctime>
#include <stdexcept>
#include <utility>

#include "interrupt.h"

namespace mailtrail::bench {
namespace {

std::string WithCrlf(const std::string& message) {
  std::string crlf;
  crlf.reserve(message.size() + message.size() / 32);
  for (char c : message) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return crlf;
}

}  // namespace

QueueAppender::QueueAppender(const testing::DovecotServer& server, const std::string& user, const std::string& password,
                             std::string folder)
    : folder_(std::move(folder)) {
  auto url = mailstore::ParseImapUrl(server.Url(user));
  if (!url.ok()) throw std::runtime_error(url.status().message());
  auto opened = mailstore::ImapConnection::Open(
      *url, {.require_tls = true, .ca_file = server.ca_file().string(), .password = password});
  if (!opened.ok()) throw std::runtime_error("cannot log in to Dovecot: " + opened.status().message());
  connection_ = std::move(opened).value();
}

void QueueAppender::Append(const std::string& message) {
  const Status status =
      connection_->Append(folder_, {}, static_cast<domain::UnixTime>(std::time(nullptr)), WithCrlf(message));
  ThrowIfInterrupted();
  if (!status.ok()) throw std::runtime_error("APPEND to " + folder_ + " failed: " + status.message());
}

}  // namespace mailtrail::bench
