// The REST API under /api/v1: JSON in and out, what the web pages and scripts
// use. Every route but sign-in needs a caller whose permission set grants the
// route's permission (domain/user.h): 401 without a valid token, 403 when the set
// does not grant it. Scripts send `Authorization: Bearer TOKEN`; the pages sign in
// for a session cookie (HttpOnly, SameSite=Strict) and send each change with the
// X-CSRF-Token header that goes with it. Bodies are JSON sent as application/json,
// which a page of another site cannot send without the server's consent (CORS). Errors are
// {"error": message, "code": name} with the status a Status code maps to (400
// invalid argument, 403 permission denied, 404 not found, 409 already exists or
// failed precondition, 503 unavailable, 500 otherwise).
//
// Thread-safety: handlers run on the server's threads, each on a database
// connection of its own from a pool.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/user.h"
#include "mime/parse_limits.h"
#include "service/email_logging.h"
#include "service/metrics.h"
#include "service/show.h"

namespace mailtrail::web {

using DatabaseOpener = std::function<Result<std::unique_ptr<db::Database>>()>;

struct ApiOptions {
  // Opens a connection to the database; called as the pool needs more.
  DatabaseOpener open_database;
  // Opens the setup's mail store, for Show. Default: without credentials.
  service::MailStoreOpener open_mail_store;
  // Limits on the stored messages Show renders. Default: mime::ParseLimits{}.
  mime::ParseLimits parse_limits;
  // How long Show waits for a stored message not yet synchronized to the mail
  // server (service::ShowOptions::sync_wait). Default: that of ShowOptions.
  std::chrono::milliseconds show_sync_wait = service::ShowOptions().sync_wait;
  // Sign-ins that fail from one address within `sign_in_window` before that
  // address is refused (429) until the window has passed. Default: 5 a minute.
  int max_failed_sign_ins = 5;
  std::chrono::seconds sign_in_window{60};
  // How long a sign-in lasts (its token, or the page's session cookie) before
  // the user signs in again. Default: 12 hours.
  std::chrono::seconds session_lifetime{12 * 3600};
  // This process's pass counters, served at GET /metrics. Default: none (404).
  const service::PassMetrics* metrics = nullptr;
  // Items per page (entries, job runs) when a request names no limit, and the
  // most it may name. Defaults: 50 and 1000.
  std::size_t default_page_size = 50;
  std::size_t max_page_size = 1000;
  // Starts job `job_id` in the background of the serving process and returns at
  // once (POST /api/v1/jobs/{job_id}/run: 202); the run shows in the job's run
  // log. The route has checked that the job exists and may run now. Errors:
  // kFailedPrecondition when this process is already running a job started so
  // (409). Called from the server's threads. Default: none, and the route
  // answers 503.
  std::function<Status(std::int64_t job_id)> start_job_now;
};

// One route of the API, as the OpenAPI document and the tests see it.
struct ApiRoute {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // OpenAPI form: /api/v1/entries/{entry_no}
  // What the caller's permission set must grant; none: no token needed.
  std::optional<domain::Permission> permission;
  std::string summary;
};

// Every route, in the order the OpenAPI document lists them.
const std::vector<ApiRoute>& ApiRoutes();

// The OpenAPI 3 document of ApiRoutes(), served at /api/v1/openapi.json.
std::string OpenApiDocument();

// Registers every route of ApiRoutes() on `server`.
void RegisterApi(httplib::Server& server, ApiOptions options);

}  // namespace mailtrail::web
