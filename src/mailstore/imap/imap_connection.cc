#include "mailstore/imap/imap_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "mailstore/imap/tls_verify.h"
#include "mailstore/message_id.h"

namespace mailtrail::mailstore {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// libetpan counts its network timeouts in whole seconds.
time_t TimeoutSeconds(milliseconds timeout) {
  return static_cast<time_t>(std::max<std::int64_t>(1, (timeout.count() + 999) / 1000));
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

int RemainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<std::int64_t>(left, 0, 1 << 30));
}

// Keeps SIGPIPE from ending the process while a command writes to a socket the
// server has closed (libetpan sends without MSG_NOSIGNAL): blocks it in this
// thread and discards one the command raised. The write fails with EPIPE instead.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    ::sigemptyset(&pipe_);
    ::sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    ::sigpending(&pending);
    was_pending_ = ::sigismember(&pending, SIGPIPE) == 1;
    ::pthread_sigmask(SIG_BLOCK, &pipe_, &saved_mask_);
  }
  ~SigpipeGuard() {
    sigset_t pending;
    ::sigpending(&pending);
    if (!was_pending_ && ::sigismember(&pending, SIGPIPE) == 1) {
      const timespec no_wait{};
      ::sigtimedwait(&pipe_, nullptr, &no_wait);
    }
    ::pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_;
  sigset_t saved_mask_;
  bool was_pending_ = false;
};

// A socket file descriptor, closed unless released.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket& operator=(Socket&&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Waits until a non-blocking connect on `fd` finishes; 0 or the errno it failed with.
int FinishConnect(int fd, Clock::time_point deadline) {
  pollfd ready{.fd = fd, .events = POLLOUT, .revents = 0};
  int polled;
  do {
    polled = ::poll(&ready, 1, RemainingMs(deadline));
  } while (polled < 0 && errno == EINTR);
  if (polled < 0) return errno;
  if (polled == 0) return ETIMEDOUT;
  int error = 0;
  socklen_t length = sizeof error;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
  return error;
}

using Addresses = std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)>;

// A lookup of the server's addresses, shared by the caller and the thread that
// runs it, so that a caller that stops waiting leaves it nothing dangling.
struct Lookup {
  Lookup(std::string host_name, std::string port_name) : host(std::move(host_name)), port(std::move(port_name)) {}
  ~Lookup() {
    if (found != nullptr) ::freeaddrinfo(found);
  }
  const std::string host;
  const std::string port;
  int code = 0;
  addrinfo* found = nullptr;
  std::promise<void> done;
};

// The server's addresses, looked up within `timeout`: getaddrinfo has no timeout
// of its own and may wait on an unanswering DNS server for much longer.
Result<Addresses> Resolve(const ImapUrl& url, milliseconds timeout) {
  auto lookup = std::make_shared<Lookup>(url.host, std::to_string(url.port));
  std::future<void> done = lookup->done.get_future();
  std::thread([lookup] {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    lookup->code = ::getaddrinfo(lookup->host.c_str(), lookup->port.c_str(), &hints, &lookup->found);
    lookup->done.set_value();
  }).detach();
  if (done.wait_for(timeout) != std::future_status::ready) {
    return Status::Unavailable("Looking up the IMAP server " + url.host + " took longer than " +
                               std::to_string(TimeoutSeconds(timeout)) + " s.");
  }
  if (lookup->code != 0) {
    return Status::Unavailable("Cannot find the IMAP server " + url.host + ": " + ::gai_strerror(lookup->code) + ".");
  }
  return Addresses(std::exchange(lookup->found, nullptr), &::freeaddrinfo);
}

// A connected, blocking TCP socket to the server (libetpan wants it blocking).
Result<Socket> ConnectTcp(const ImapUrl& url, milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  MT_ASSIGN_OR_RETURN(const Addresses addresses, Resolve(url, timeout));
  const addrinfo* found = addresses.get();
  int error = 0;
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    Socket socket(
        ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address->ai_protocol));
    if (socket.get() < 0) {
      error = errno;
      continue;
    }
    error = ::connect(socket.get(), address->ai_addr, address->ai_addrlen) == 0 ? 0 : errno;
    if (error == EINPROGRESS) error = FinishConnect(socket.get(), deadline);
    if (error == 0 && ::fcntl(socket.get(), F_SETFL, ::fcntl(socket.get(), F_GETFL) & ~O_NONBLOCK) != 0) {
      error = errno;
    }
    if (error == 0) return socket;
  }
  if (error == ETIMEDOUT) {
    return Status::Unavailable("The IMAP server " + url.Endpoint() + " did not accept a connection within " +
                               std::to_string(TimeoutSeconds(timeout)) + " s.");
  }
  return Status::Unavailable("Cannot connect to the IMAP server " + url.Endpoint() + ": " + std::strerror(error) + ".");
}

// TLS context callback: sends the host name (SNI) unless it is an IP address.
void SetServerName(mailstream_ssl_context* context, void* host) {
  auto* name = static_cast<std::string*>(host);
  std::array<unsigned char, sizeof(in6_addr)> address;
  if (::inet_pton(AF_INET, name->c_str(), address.data()) == 1 ||
      ::inet_pton(AF_INET6, name->c_str(), address.data()) == 1) {
    return;
  }
  mailstream_ssl_set_server_name(context, name->data());
}

// libetpan results that mean the conversation itself broke.
bool IsWireFailure(int code) {
  switch (code) {
    case MAILIMAP_ERROR_BAD_STATE:
    case MAILIMAP_ERROR_STREAM:
    case MAILIMAP_ERROR_PARSE:
    case MAILIMAP_ERROR_CONNECTION_REFUSED:
    case MAILIMAP_ERROR_MEMORY:
    case MAILIMAP_ERROR_FATAL:
    case MAILIMAP_ERROR_PROTOCOL:
    case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
    case MAILIMAP_ERROR_SSL: return true;
    default: return false;
  }
}

// ---- Flags and dates ----

std::string FlagName(const mailimap_flag* flag) {
  switch (flag->fl_type) {
    case MAILIMAP_FLAG_ANSWERED: return "\\Answered";
    case MAILIMAP_FLAG_FLAGGED: return "\\Flagged";
    case MAILIMAP_FLAG_DELETED: return "\\Deleted";
    case MAILIMAP_FLAG_SEEN: return "\\Seen";
    case MAILIMAP_FLAG_DRAFT: return "\\Draft";
    case MAILIMAP_FLAG_KEYWORD: return flag->fl_data.fl_keyword != nullptr ? flag->fl_data.fl_keyword : "";
    case MAILIMAP_FLAG_EXTENSION:
      return flag->fl_data.fl_extension != nullptr ? std::string("\\") + flag->fl_data.fl_extension : "";
    default: return "";
  }
}

mailimap_flag* NewFlag(const std::string& name) {
  const std::string upper = Upper(name);
  if (upper == "\\ANSWERED") return mailimap_flag_new_answered();
  if (upper == "\\FLAGGED") return mailimap_flag_new_flagged();
  if (upper == "\\DELETED") return mailimap_flag_new_deleted();
  if (upper == "\\SEEN") return mailimap_flag_new_seen();
  if (upper == "\\DRAFT") return mailimap_flag_new_draft();
  if (name.starts_with('\\')) return mailimap_flag_new_flag_extension(::strdup(name.c_str() + 1));
  return mailimap_flag_new_flag_keyword(::strdup(name.c_str()));
}

etpan::FlagList NewFlagList(const std::vector<std::string>& flags) {
  etpan::FlagList list(mailimap_flag_list_new_empty());
  for (const std::string& flag : flags) {
    if (Upper(flag) != "\\RECENT") mailimap_flag_list_add(list.get(), NewFlag(flag));  // \Recent is the server's
  }
  return list;
}

domain::UnixTime ToUnixTime(const mailimap_date_time& date) {
  std::tm fields{};
  fields.tm_year = date.dt_year - 1900;
  fields.tm_mon = date.dt_month - 1;
  fields.tm_mday = date.dt_day;
  fields.tm_hour = date.dt_hour;
  fields.tm_min = date.dt_min;
  fields.tm_sec = date.dt_sec;
  const int zone = std::abs(date.dt_zone);  // +HHMM as a number, e.g. -130 for -01:30
  const int offset_seconds = (zone / 100 * 60 + zone % 100) * 60 * (date.dt_zone < 0 ? -1 : 1);
  return static_cast<domain::UnixTime>(::timegm(&fields)) - offset_seconds;
}

etpan::DateTime ToImapDate(domain::UnixTime time) {
  const time_t seconds = static_cast<time_t>(time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  return etpan::DateTime(
      mailimap_date_time_new(utc.tm_mday, utc.tm_mon + 1, utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec, 0));
}

// ---- Fetch results ----

bool IsHeaderFieldsSection(const mailimap_section* section) {
  const mailimap_section_spec* spec = section == nullptr ? nullptr : section->sec_spec;
  return spec != nullptr && spec->sec_type == MAILIMAP_SECTION_SPEC_SECTION_MSGTEXT &&
         spec->sec_data.sec_msgtext != nullptr &&
         spec->sec_data.sec_msgtext->sec_type == MAILIMAP_SECTION_MSGTEXT_HEADER_FIELDS;
}

void ReadStaticItem(const mailimap_msg_att_static& item, FetchedMessage& message) {
  switch (item.att_type) {
    case MAILIMAP_MSG_ATT_UID: message.uid = item.att_data.att_uid; break;
    case MAILIMAP_MSG_ATT_RFC822_SIZE: message.size = item.att_data.att_rfc822_size; break;
    case MAILIMAP_MSG_ATT_INTERNALDATE:
      if (item.att_data.att_internal_date != nullptr)
        message.internal_date = ToUnixTime(*item.att_data.att_internal_date);
      break;
    case MAILIMAP_MSG_ATT_BODY_SECTION: {
      const mailimap_msg_att_body_section* section = item.att_data.att_body_section;
      if (section == nullptr || section->sec_body_part == nullptr) break;
      const std::string_view part(section->sec_body_part, section->sec_length);
      if (IsHeaderFieldsSection(section->sec_section)) {
        message.message_id = ParseMessageId(part);
      } else {
        message.body.assign(part);
      }
      break;
    }
    default: break;
  }
}

FetchedMessage ReadFetched(mailimap_msg_att* attributes) {
  FetchedMessage message;
  etpan::ForEach<mailimap_msg_att_item>(attributes->att_list, [&message](mailimap_msg_att_item* item) {
    if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC && item->att_data.att_static != nullptr) {
      ReadStaticItem(*item->att_data.att_static, message);
    } else if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC && item->att_data.att_dyn != nullptr) {
      etpan::ForEach<mailimap_flag_fetch>(item->att_data.att_dyn->att_list, [&message](mailimap_flag_fetch* flag) {
        if (flag->fl_type == MAILIMAP_FLAG_FETCH_RECENT) message.flags.push_back("\\Recent");
        if (flag->fl_type == MAILIMAP_FLAG_FETCH_OTHER && flag->fl_flag != nullptr) {
          message.flags.push_back(FlagName(flag->fl_flag));
        }
      });
    }
  });
  return message;
}

etpan::FetchType NewFetchType(unsigned items) {
  etpan::FetchType type(mailimap_fetch_type_new_fetch_att_list_empty());
  mailimap_fetch_type_new_fetch_att_list_add(type.get(), mailimap_fetch_att_new_uid());
  if (items & kFetchFlags) mailimap_fetch_type_new_fetch_att_list_add(type.get(), mailimap_fetch_att_new_flags());
  if (items & kFetchInternalDate) {
    mailimap_fetch_type_new_fetch_att_list_add(type.get(), mailimap_fetch_att_new_internaldate());
  }
  if (items & kFetchSize) {
    mailimap_fetch_type_new_fetch_att_list_add(type.get(), mailimap_fetch_att_new_rfc822_size());
  }
  if (items & kFetchBody) {
    mailimap_fetch_type_new_fetch_att_list_add(type.get(),
                                               mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nullptr)));
  }
  if (items & kFetchHeader) {
    mailimap_fetch_type_new_fetch_att_list_add(type.get(),
                                               mailimap_fetch_att_new_body_peek_section(mailimap_section_new_header()));
  }
  if (items & kFetchMessageId) {
    clist* names = clist_new();
    clist_append(names, ::strdup("MESSAGE-ID"));
    mailimap_fetch_type_new_fetch_att_list_add(
        type.get(), mailimap_fetch_att_new_body_peek_section(
                        mailimap_section_new_header_fields(mailimap_header_list_new(names))));
  }
  return type;
}

// The UIDs of a COPYUID set, or nothing when it holds more than `limit` (a
// server's nonsense must not make us allocate without bound).
std::vector<std::uint32_t> ExpandSet(const mailimap_set* set, std::size_t limit) {
  std::vector<std::uint32_t> uids;
  bool too_many = false;
  etpan::ForEach<mailimap_set_item>(set->set_list, [&](mailimap_set_item* item) {
    const std::uint32_t first = std::min(item->set_first, item->set_last);
    const std::uint32_t last = std::max(item->set_first, item->set_last);
    if (too_many || std::size_t{last - first} + 1 > limit - uids.size()) {
      too_many = true;
      return;
    }
    for (std::uint32_t uid = first;; ++uid) {
      uids.push_back(uid);
      if (uid == last) break;
    }
  });
  if (too_many) uids.clear();
  return uids;
}

}  // namespace

// ---- UidSet ----

UidSet UidSet::Of(std::vector<std::uint32_t> uids) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  UidSet set;
  set.uids_ = std::move(uids);
  return set;
}

UidSet UidSet::From(std::uint32_t first) {
  UidSet set;
  set.from_ = std::max<std::uint32_t>(first, 1);
  return set;
}

etpan::Set UidSet::ToEtpan() const {
  if (from_ != 0) return etpan::Set(mailimap_set_new_interval(from_, 0));  // 0 is "*"
  etpan::Set set(mailimap_set_new_empty());
  for (std::size_t i = 0; i < uids_.size();) {
    std::size_t end = i + 1;
    while (end < uids_.size() && uids_[end] == uids_[end - 1] + 1) ++end;
    mailimap_set_add_interval(set.get(), uids_[i], uids_[end - 1]);
    i = end;
  }
  return set;
}

// ---- SearchKey ----

SearchKey SearchKey::Uids(const UidSet& uids) {
  return SearchKey(mailimap_search_key_new_uid(uids.ToEtpan().release()));
}

SearchKey SearchKey::Header(const std::string& name, const std::string& value) {
  return SearchKey(mailimap_search_key_new_header(::strdup(name.c_str()), ::strdup(value.c_str())));
}

SearchKey SearchKey::SizeIs(std::int64_t size) {
  const auto bytes = static_cast<std::uint32_t>(std::clamp<std::int64_t>(size, 0, UINT32_MAX - 1));
  SearchKey smaller(mailimap_search_key_new_smaller(bytes + 1));
  if (bytes == 0) return smaller;
  std::vector<SearchKey> both;
  both.push_back(SearchKey(mailimap_search_key_new_larger(bytes - 1)));
  both.push_back(std::move(smaller));
  return AllOf(std::move(both));
}

SearchKey SearchKey::Deleted() {
  return SearchKey(mailimap_search_key_new(MAILIMAP_SEARCH_KEY_DELETED, nullptr, nullptr, nullptr, nullptr, nullptr,
                                           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                           nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0, nullptr,
                                           nullptr, nullptr));
}

SearchKey SearchKey::AllOf(std::vector<SearchKey> keys) {
  if (keys.size() == 1) return std::move(keys.front());
  SearchKey all(mailimap_search_key_new_multiple_empty());
  for (SearchKey& key : keys) mailimap_search_key_multiple_add(all.get(), key.key_.release());
  return all;
}

SearchKey SearchKey::AnyOf(std::vector<SearchKey> keys) {
  SearchKey any = std::move(keys.back());
  for (std::size_t i = keys.size() - 1; i-- > 0;) {
    any = SearchKey(mailimap_search_key_new_or(keys[i].key_.release(), any.key_.release()));
  }
  return any;
}

// ---- ImapConnection ----

ImapConnection::ImapConnection(ImapUrl url, etpan::Session session, milliseconds timeout)
    : url_(std::move(url)), session_(std::move(session)), timeout_(timeout) {}

ImapConnection::~ImapConnection() {
  // mailimap_free would say LOGOUT on any stream it still has; a lost connection
  // is closed without a word.
  if (session_->imap_stream == nullptr) return;
  SigpipeGuard guard;
  if (lost_) {
    mailstream_close(session_->imap_stream);
    session_->imap_stream = nullptr;
  } else {
    mailimap_logout(session_.get());  // closes the stream
  }
}

Result<std::unique_ptr<ImapConnection>> ImapConnection::Open(const ImapUrl& url, const ConnectOptions& options) {
  etpan::Session session(mailimap_new(0, nullptr));
  if (!session) return Status::Internal("libetpan cannot make an IMAP session.");
  mailimap_set_timeout(session.get(), TimeoutSeconds(options.timeout));
  std::unique_ptr<ImapConnection> connection(new ImapConnection(url, std::move(session), options.timeout));
  MT_RETURN_IF_ERROR(connection->Connect(options));
  MT_RETURN_IF_ERROR(connection->Login(options));
  MT_RETURN_IF_ERROR(connection->LoadCapabilities());
  return connection;
}

bool ImapConnection::HasCapability(std::string_view capability) const {
  return capabilities_.contains(Upper(capability));
}

Status ImapConnection::Connect(const ConnectOptions& options) {
  MT_ASSIGN_OR_RETURN(Socket socket, ConnectTcp(url_, options.timeout));
  const time_t timeout = TimeoutSeconds(options.timeout);
  std::string host = url_.host;
  mailstream* stream = url_.implicit_tls
                           ? mailstream_ssl_open_with_callback_timeout(socket.get(), timeout, SetServerName, &host)
                           : mailstream_socket_open_timeout(socket.get(), timeout);
  if (stream == nullptr) {
    return Status::Unavailable("The TLS handshake with the IMAP server " + url_.Endpoint() +
                               " failed (is it an imaps:// port?).");
  }
  socket.release();  // the stream closes it
  int greeted;
  {
    SigpipeGuard guard;
    greeted = mailimap_connect(session_.get(), stream);  // the session owns the stream from here on
  }
  if (greeted != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && greeted != MAILIMAP_NO_ERROR_AUTHENTICATED) {
    lost_ = true;
    return Status::Unavailable("The IMAP server " + url_.Endpoint() + " did not greet within " +
                               std::to_string(timeout) + " s, or refused the connection.");
  }
  if (url_.implicit_tls) MT_RETURN_IF_ERROR(CheckCertificate(options));
  MT_RETURN_IF_ERROR(LoadCapabilities());
  if (url_.implicit_tls) return Status::Ok();
  if (HasCapability("STARTTLS")) return StartTls(options);
  if (options.require_tls) {
    return Status::FailedPrecondition("The IMAP server " + url_.Endpoint() +
                                      " does not offer STARTTLS, and the setup requires TLS (require-tls).");
  }
  return Status::Ok();
}

Status ImapConnection::StartTls(const ConnectOptions& options) {
  MT_RETURN_IF_ERROR(Command("STARTTLS", [this] { return mailimap_starttls(session_.get()); }));
  mailstream_low* plain = mailstream_get_low(session_->imap_stream);
  std::string host = url_.host;
  mailstream_low* tls = mailstream_low_tls_open_with_callback_timeout(
      mailstream_low_get_fd(plain), TimeoutSeconds(options.timeout), SetServerName, &host);
  if (tls == nullptr) {
    lost_ = true;
    return Status::Unavailable("The TLS handshake with the IMAP server " + url_.Endpoint() + " failed.");
  }
  mailstream_low_free(plain);  // frees without closing the socket, which `tls` now uses
  mailstream_set_low(session_->imap_stream, tls);
  MT_RETURN_IF_ERROR(CheckCertificate(options));
  return LoadCapabilities();  // what was said before TLS does not count (RFC 3501, 6.2.1)
}

Status ImapConnection::CheckCertificate(const ConnectOptions& options) {
  const etpan::CertificateChain chain(mailstream_get_certificate_chain(session_->imap_stream));
  std::vector<std::string> certificates;
  for (unsigned i = 0; chain && i < carray_count(chain.get()); ++i) {
    const auto* der = static_cast<const MMAPString*>(carray_get(chain.get(), i));
    certificates.emplace_back(der->str, der->len);
  }
  Status trusted = VerifyServerCertificate(certificates, url_.host, options.ca_file);
  lost_ = !trusted.ok();  // not a word more to a server that is not trusted, not even LOGOUT
  return trusted;
}

Status ImapConnection::Login(const ConnectOptions& options) {
  const char* user = url_.user.c_str();
  int code;
  if (!options.oauth2_token.empty()) {
    if (!HasCapability("AUTH=XOAUTH2")) {
      return Status::FailedPrecondition("The IMAP server " + url_.Endpoint() +
                                        " does not offer OAuth2 login (AUTHENTICATE XOAUTH2).");
    }
    SigpipeGuard guard;
    code = mailimap_oauth2_authenticate(session_.get(), user, options.oauth2_token.c_str());
  } else if (!options.password.empty()) {
    if (HasCapability("LOGINDISABLED")) {
      return Status::FailedPrecondition("The IMAP server " + url_.Endpoint() +
                                        " does not take a password without TLS; use imaps://.");
    }
    SigpipeGuard guard;
    code = mailimap_login(session_.get(), user, options.password.c_str());
  } else {
    return Status::FailedPrecondition("There is no password or OAuth2 token for the IMAP user " + url_.user +
                                      "; set MAILTRAIL_IMAP_PASSWORD or MAILTRAIL_IMAP_TOKEN, or the secrets file.");
  }
  Status status = Check(code, "login");
  if (status.code() == StatusCode::kIOError) {
    return Status::FailedPrecondition("The IMAP server refused the login for " + url_.user + ".");
  }
  return status;
}

Status ImapConnection::LoadCapabilities() {
  mailimap_capability_data* raw = nullptr;
  MT_RETURN_IF_ERROR(Command("CAPABILITY", [&] { return mailimap_capability(session_.get(), &raw); }));
  const etpan::CapabilityData data(raw);
  capabilities_.clear();
  etpan::ForEach<struct mailimap_capability>(data->cap_list, [this](struct mailimap_capability* capability) {
    if (capability->cap_type == MAILIMAP_CAPABILITY_AUTH_TYPE && capability->cap_data.cap_auth_type != nullptr) {
      capabilities_.insert("AUTH=" + Upper(capability->cap_data.cap_auth_type));
    } else if (capability->cap_type == MAILIMAP_CAPABILITY_NAME && capability->cap_data.cap_name != nullptr) {
      capabilities_.insert(Upper(capability->cap_data.cap_name));
    }
  });
  return Status::Ok();
}

template <typename Call>
Status ImapConnection::Command(std::string_view name, Call call) {
  if (lost_) return Check(MAILIMAP_ERROR_STREAM, name);
  int code;
  {
    SigpipeGuard guard;
    code = call();
  }
  return Check(code, name);
}

Status ImapConnection::Check(int code, std::string_view command) {
  if (code == MAILIMAP_NO_ERROR || code == MAILIMAP_NO_ERROR_AUTHENTICATED ||
      code == MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
    return Status::Ok();
  }
  if (IsWireFailure(code)) {
    lost_ = true;
    return Status::Unavailable("The connection to the IMAP server " + url_.Endpoint() + " broke during " +
                               std::string(command) + " (closed, or no answer within " +
                               std::to_string(TimeoutSeconds(timeout_)) + " s).");
  }
  const char* reason = session_->imap_response;
  return Status::IOError("The IMAP server " + url_.Endpoint() + " refused " + std::string(command) +
                         (reason != nullptr && *reason != '\0' ? ": " + std::string(reason) : std::string(".")));
}

Result<std::vector<ListEntry>> ImapConnection::List(const std::string& pattern) {
  clist* raw = nullptr;
  MT_RETURN_IF_ERROR(Command("LIST", [&] { return mailimap_list(session_.get(), "", pattern.c_str(), &raw); }));
  const etpan::ListResult list(raw);
  std::vector<ListEntry> entries;
  etpan::ForEach<mailimap_mailbox_list>(list.get(), [&entries](mailimap_mailbox_list* mailbox) {
    bool selectable = true;
    if (const mailimap_mbx_list_flags* flags = mailbox->mb_flag; flags != nullptr) {
      if (flags->mbf_type == MAILIMAP_MBX_LIST_FLAGS_SFLAG && flags->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT) {
        selectable = false;
      }
      etpan::ForEach<mailimap_mbx_list_oflag>(flags->mbf_oflags, [&selectable](mailimap_mbx_list_oflag* flag) {
        // RFC 5258's \NonExistent, which implies \Noselect.
        if (flag->of_flag_ext != nullptr && Upper(flag->of_flag_ext).ends_with("NONEXISTENT")) selectable = false;
      });
    }
    entries.push_back({mailbox->mb_name, mailbox->mb_delimiter, selectable});
  });
  return entries;
}

Status ImapConnection::Create(const std::string& folder) {
  return Command("CREATE", [&] { return mailimap_create(session_.get(), folder.c_str()); });
}

Status ImapConnection::Subscribe(const std::string& folder) {
  return Command("SUBSCRIBE", [&] { return mailimap_subscribe(session_.get(), folder.c_str()); });
}

Result<FolderState> ImapConnection::Select(const std::string& folder, bool read_only) {
  selected_.clear();  // a failed SELECT leaves no folder selected (RFC 3501, 6.3.1)
  Status status = Command(read_only ? "EXAMINE" : "SELECT", [&] {
    return read_only ? mailimap_examine(session_.get(), folder.c_str())
                     : mailimap_select(session_.get(), folder.c_str());
  });
  if (status.code() == StatusCode::kIOError) {
    return Status::NotFound("The folder '" + folder + "' cannot be opened on the IMAP server " + url_.Endpoint() + ".");
  }
  MT_RETURN_IF_ERROR(status);
  selected_ = folder;
  selected_read_only_ = read_only;
  const mailimap_selection_info* info = session_->imap_selection_info;
  return FolderState{info->sel_uidvalidity, info->sel_uidnext, info->sel_exists};
}

Result<FolderState> ImapConnection::SelectReusing(const std::string& folder, bool read_only) {
  const mailimap_selection_info* info = session_->imap_selection_info;
  if (lost_ || info == nullptr || selected_ != folder || (selected_read_only_ && !read_only)) {
    return Select(folder, read_only);
  }
  return FolderState{info->sel_uidvalidity, info->sel_uidnext, info->sel_exists};
}

Result<std::vector<std::uint32_t>> ImapConnection::UidSearch(const SearchKey& key) {
  clist* raw = nullptr;
  MT_RETURN_IF_ERROR(
      Command("UID SEARCH", [&] { return mailimap_uid_search(session_.get(), nullptr, key.get(), &raw); }));
  const etpan::SearchResult found(raw);
  std::vector<std::uint32_t> uids;
  etpan::ForEach<std::uint32_t>(found.get(), [&uids](std::uint32_t* uid) { uids.push_back(*uid); });
  std::sort(uids.begin(), uids.end());
  return uids;
}

Result<std::vector<FetchedMessage>> ImapConnection::UidFetch(const UidSet& uids, unsigned items) {
  const etpan::Set set = uids.ToEtpan();
  const etpan::FetchType type = NewFetchType(items);
  clist* raw = nullptr;
  MT_RETURN_IF_ERROR(
      Command("UID FETCH", [&] { return mailimap_uid_fetch(session_.get(), set.get(), type.get(), &raw); }));
  const etpan::FetchList list(raw);
  std::vector<FetchedMessage> messages;
  etpan::ForEach<mailimap_msg_att>(list.get(), [&messages](mailimap_msg_att* attributes) {
    FetchedMessage message = ReadFetched(attributes);
    // Unsolicited FETCH responses (another client changed flags) carry no UID.
    if (message.uid != 0) messages.push_back(std::move(message));
  });
  return messages;
}

Result<CopiedUids> ImapConnection::UidCopy(const UidSet& uids, const std::string& to_folder) {
  const etpan::Set set = uids.ToEtpan();
  CopiedUids copied;
  mailimap_set* source = nullptr;
  mailimap_set* target = nullptr;
  MT_RETURN_IF_ERROR(Command("UID COPY", [&] {
    return mailimap_uidplus_uid_copy(session_.get(), set.get(), to_folder.c_str(), &copied.uidvalidity, &source,
                                     &target);
  }));
  const etpan::Set source_set(source), target_set(target);
  if (source_set && target_set) {
    copied.source = ExpandSet(source_set.get(), uids.size());
    copied.target = ExpandSet(target_set.get(), uids.size());
  }
  if (copied.source.size() != copied.target.size() || copied.source.empty()) copied = CopiedUids{};
  return copied;
}

Status ImapConnection::UidStore(const UidSet& uids, FlagChange change, const std::vector<std::string>& flags) {
  const etpan::Set set = uids.ToEtpan();
  mailimap_flag_list* list = NewFlagList(flags).release();  // the store attribute owns it
  const etpan::StoreAttFlags store(change == FlagChange::kAdd ? mailimap_store_att_flags_new_add_flags_silent(list)
                                                              : mailimap_store_att_flags_new_set_flags_silent(list));
  return Command("UID STORE", [&] { return mailimap_uid_store(session_.get(), set.get(), store.get()); });
}

Status ImapConnection::UidExpunge(const UidSet& uids) {
  const etpan::Set set = uids.ToEtpan();
  return Command("UID EXPUNGE", [&] { return mailimap_uid_expunge(session_.get(), set.get()); });
}

Status ImapConnection::Expunge() {
  return Command("EXPUNGE", [this] { return mailimap_expunge(session_.get()); });
}

Result<bool> ImapConnection::Noop() {
  if (session_->imap_selection_info != nullptr) session_->imap_selection_info->sel_has_exists = 0;
  MT_RETURN_IF_ERROR(Command("NOOP", [this] { return mailimap_noop(session_.get()); }));
  return session_->imap_selection_info != nullptr && session_->imap_selection_info->sel_has_exists != 0;
}

Result<bool> ImapConnection::Idle(milliseconds timeout) {
  MT_RETURN_IF_ERROR(Command("IDLE", [this] { return mailimap_idle(session_.get()); }));
  // A report that came with the continuation already sits in libetpan's buffer.
  if (session_->imap_stream->read_buffer_len == 0) {
    const Clock::time_point deadline = Clock::now() + timeout;
    pollfd ready{.fd = mailimap_idle_get_fd(session_.get()), .events = POLLIN, .revents = 0};
    while (::poll(&ready, 1, RemainingMs(deadline)) < 0 && errno == EINTR) {
    }
  }
  MT_RETURN_IF_ERROR(Command("IDLE (DONE)", [this] { return mailimap_idle_done(session_.get()); }));
  return session_->imap_selection_info->sel_has_exists != 0;
}

Status ImapConnection::Append(const std::string& folder, const std::vector<std::string>& flags,
                              domain::UnixTime arrived_at, std::string_view message) {
  const etpan::FlagList flag_list = NewFlagList(flags);
  const etpan::DateTime date = ToImapDate(arrived_at);
  return Command("APPEND", [&] {
    return mailimap_append(session_.get(), folder.c_str(), flag_list.get(), date.get(), message.data(), message.size());
  });
}

}  // namespace mailtrail::mailstore
