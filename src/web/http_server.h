// HttpServer: `mailtrail serve --listen`'s HTTP server (cpp-httplib) with the
// REST API and the web UI on it, on threads of its own.
//
// Thread-safety: Start, port and Stop are called from one thread.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "web/rest_api.h"

namespace mailtrail::web {

class HttpServer {
 public:
  // Binds `host`:`port` (port 0: a free one) and serves until Stop.
  // Errors: kInvalidArgument (bad address), kUnavailable (cannot bind: in use, no
  // permission).
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& host, int port, ApiOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  // Stops accepting, lets requests in progress finish. Idempotent.
  void Stop();

 private:
  HttpServer() = default;

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080" for every address;
// port 0 for a free one).
// kInvalidArgument says which form is expected.
Result<std::pair<std::string, int>> ParseListenAddress(std::string_view address);

}  // namespace mailtrail::web
