#include "web/http_server.h"

#include <charconv>

#include "web/static_assets.h"

namespace mailtrail::web {

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const std::string& host, int port, ApiOptions options) {
  std::unique_ptr<HttpServer> server(new HttpServer());
  // Answers go out at once, not held back for the client's ACK (Nagle's
  // algorithm and delayed ACKs put 40 ms on each keep-alive request).
  server->server_.set_tcp_nodelay(true);
  RegisterApi(server->server_, std::move(options));
  RegisterStaticAssets(server->server_);
  server->port_ = port == 0 ? server->server_.bind_to_any_port(host.c_str())
                            : (server->server_.bind_to_port(host.c_str(), port) ? port : -1);
  if (server->port_ <= 0) {
    return Status::Unavailable("Cannot listen on " + host + ":" + std::to_string(port) +
                               " (in use, or not an address of this machine).");
  }
  server->thread_ = std::thread([raw = server.get()] { raw->server_.listen_after_bind(); });
  return server;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

Result<std::pair<std::string, int>> ParseListenAddress(std::string_view address) {
  const std::size_t colon = address.rfind(':');
  const Status wrong = Status::InvalidArgument("'" + std::string(address) +
                                               "' is not HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080, :8080).");
  if (colon == std::string_view::npos) return wrong;
  std::string host(address.substr(0, colon));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  int port = 0;
  const std::string_view digits = address.substr(colon + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || port < 0 || port > 65535) {
    return wrong;
  }
  return std::pair{host, port};
}

}  // namespace mailtrail::web
