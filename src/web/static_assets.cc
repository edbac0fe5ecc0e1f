#include "web/static_assets.h"

#include <string>

namespace mailtrail::web {
namespace {

std::string ContentType(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void RegisterStaticAssets(httplib::Server& server) {
  for (const auto& [path, bytes] : EmbeddedAssets()) {
    auto serve = [path = path, bytes = bytes](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Security-Policy", std::string(kPagePolicy));
      response.set_content(std::string(bytes), ContentType(path));
    };
    server.Get(std::string(path), serve);
    if (path == "/index.html") server.Get("/", serve);
  }
}

}  // namespace mailtrail::web
