// A real PostgreSQL server for tests: a cluster made by initdb in a temporary
// folder, listening on a free loopback port, stopped and removed (with everything
// it wrote) when the object dies. No system-wide state is touched. Any user can run
// it; as root, the server runs as the `postgres` system user (else `nobody`),
// because PostgreSQL refuses to run as root. If the test program dies, the server
// gets SIGQUIT and stops at once; its folder stays behind.
//
// It trades durability for speed (fsync=off): test data only.
//
// Thread-safety: one thread drives an instance, and the same thread must start and
// restart it (the server stops when that thread ends); the server itself serves
// many connections.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace mailtrail::testing {

class PostgresServer {
 public:
  // The superuser the tests connect as. The server trusts it from 127.0.0.1
  // without a password; every other user must give one (scram-sha-256).
  static constexpr std::string_view kUser = "mailtrail";
  // A database the server starts with, owned by kUser.
  static constexpr std::string_view kDatabase = "mailtrail";

  // Runs initdb, starts the server and waits until it accepts connections (well
  // under a second on a laptop). Errors: kUnavailable (PostgreSQL is not
  // installed, or did not start; the message carries its log).
  static Result<std::unique_ptr<PostgresServer>> Start();
  // The server the tests of this program share: started by the first call, from
  // the thread that runs the tests, and stopped when the program exits. Errors:
  // those of Start, again on every call.
  static Result<PostgresServer*> Shared();

  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const { return port_; }
  // The folder holding the cluster, the sockets and the logs.
  const std::filesystem::path& folder() const { return folder_; }
  // postgresql://USER@127.0.0.1:PORT/DATABASE; USER defaults to kUser.
  std::string Url(std::string_view database, std::string_view user = kUser) const;

  // Creates an empty database (UTF-8, C collation) named `name`, owned by kUser.
  // Errors: kUnavailable (the server refused, e.g. the name is taken, or is down;
  // the message carries psql's output).
  Status CreateDatabase(std::string_view name);
  // Creates an empty database as CreateDatabase does, named `label` and a number
  // no earlier call on this server got, and returns its Url. Same errors.
  Result<std::string> CreateFreshDatabase(std::string_view label);
  // Creates a user who logs in with `password` and owns nothing. Same errors.
  Status CreateUser(std::string_view name, std::string_view password);

  // Stops the server (fast shutdown: sessions end, connections drop). OK when it
  // is not running.
  Status Stop();
  // Stops the server if it runs, and starts it again on the same port with the
  // same data. Errors: as Start.
  Status Restart();
  // What the server logged so far.
  std::string Log() const;

 private:
  PostgresServer(std::filesystem::path bin_dir, std::filesystem::path folder);
  Status InitializeCluster();
  Status Launch();
  // Runs `sql` as kUser through psql.
  Status Sql(const std::string& sql);

  const std::filesystem::path bin_dir_;
  const std::filesystem::path folder_;
  int port_ = 0;
  pid_t postmaster_pid_ = 0;  // 0: not running
  int fresh_databases_ = 0;
};

}  // namespace mailtrail::testing
