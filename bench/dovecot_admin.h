// doveadm against the harness's Dovecot, for what testing::DovecotServer does not
// offer: counting a folder's messages and the server-side move baseline.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "testing/dovecot_server.h"

namespace mailtrail::bench {

class DovecotAdmin {
 public:
  explicit DovecotAdmin(const testing::DovecotServer& server);

  // The argv of `doveadm -c CONFIG ARGUMENTS...` for RunProcess.
  std::vector<std::string> Command(std::initializer_list<std::string> arguments) const;
  // Messages in `folder` of `user`, as Dovecot counts them (this also makes Dovecot
  // index mail dropped into the folder's new/). Throws std::runtime_error on failure.
  std::int64_t MessageCount(const std::string& user, const std::string& folder) const;
  const std::filesystem::path& config() const { return config_; }
  // "2.3.19.1 (9b53102964)", or "unknown".
  static std::string Version();

 private:
  std::filesystem::path config_;
};

}  // namespace mailtrail::bench
