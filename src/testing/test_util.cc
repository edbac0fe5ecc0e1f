#include "testing/test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace mailtrail::testing {

TempDir::TempDir() {
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("mailtrail-test-" + std::to_string(random()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& file, std::string_view bytes) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::filesystem::path TestDataDir() {
  if (const char* dir = std::getenv("MAILTRAIL_TESTDATA")) return dir;
  return std::filesystem::path(MAILTRAIL_SOURCE_DIR) / "testdata";
}

std::string TestMessage::Render() const {
  std::string out;
  auto header = [&out](std::string_view name, const std::string& value) {
    if (!value.empty()) out.append(name).append(": ").append(value).append("\r\n");
  };
  header("From", from);
  header("To", to);
  header("Cc", cc);
  header("Bcc", bcc);
  header("Subject", subject);
  header("Date", date);
  if (!message_id.empty()) header("Message-ID", "<" + message_id + ">");
  for (const auto& line : extra_headers) out.append(line).append("\r\n");
  out.append("MIME-Version: 1.0\r\nContent-Type: ").append(content_type).append("\r\n\r\n");
  out.append(body);
  return out;
}

}  // namespace mailtrail::testing
