// Helpers shared by the tests: temporary folders and small raw messages.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mailtrail::testing {

// A fresh directory under the system temp folder, removed with everything in it
// when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The raw bytes of a file; throws std::runtime_error when it cannot be read.
std::string ReadFile(const std::filesystem::path& file);
// Writes `bytes` to `file`, creating parent folders; throws on failure.
void WriteFile(const std::filesystem::path& file, std::string_view bytes);

// A loopback port nobody listens on right now (bound, read back, closed).
int FreeLoopbackPort();

// Folder with the test data checked into the repository (testdata/).
std::filesystem::path TestDataDir();

// A small RFC 5322 message. Empty fields are left out of the headers.
struct TestMessage {
  std::string from;
  std::string to;
  std::string cc;
  std::string bcc;
  std::string subject = "Hello";
  std::string date = "Mon, 02 Mar 2026 09:15:00 +0000";
  std::string message_id;  // without angle brackets; empty: no Message-ID header
  std::vector<std::string> extra_headers;  // full lines, e.g. "Sensitivity: Private"
  std::string content_type = "text/plain; charset=utf-8";
  std::string body = "Body text.\n";
  std::string Render() const;
};

}  // namespace mailtrail::testing
