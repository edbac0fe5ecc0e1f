// The web UI's files (src/web/assets), built into the binary, and the routes
// that serve them: / is index.html. Pages get a Content-Security-Policy that lets
// them run only their own script and style.
#pragma once

#include <httplib.h>

#include <string_view>
#include <utility>
#include <vector>

namespace mailtrail::web {

// Each asset as {"/NAME", bytes}; generated at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedAssets();

// The Content-Security-Policy of the pages. The frame that shows a message
// inherits it and narrows it further.
inline constexpr std::string_view kPagePolicy =
    "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

// Registers GET routes for / and every asset.
void RegisterStaticAssets(httplib::Server& server);

}  // namespace mailtrail::web
