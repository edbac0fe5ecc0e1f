// mailtrail serve: the service. Runs the job queue (email logging on its
// schedule, and at once on new mail) until SIGINT or SIGTERM.
#include <spdlog/spdlog.h>

#include "cli/context.h"
#include "cli/logging.h"
#include "cli/signals.h"
#include "cli/version.h"
#include "service/job_queue.h"
#include "service/worker.h"
#include "web/http_server.h"

namespace mailtrail::cli {

void AddServeCommand(CLI::App& app, Context& context) {
  auto worker = std::make_shared<std::string>();
  auto no_push = std::make_shared<bool>(false);
  auto lease_s = std::make_shared<int>(120);
  auto listen = std::make_shared<std::string>();
  auto* command = app.add_subcommand("serve", "Run the mailtrail service: the job queue, with push for new mail");
  command->footer(
      "Runs the jobs of `mailtrail jobs list` that are ready (resume the email logging job to enable it),\n"
      "and runs email logging at once when mail reaches the queue folder (IMAP IDLE, inotify).\n"
      "Several `serve` processes may share one PostgreSQL database: each job runs on one at a time.\n"
      "With --listen (or http.listen in the configuration), it also serves the REST API under /api/v1\n"
      "(bearer tokens: `mailtrail user token`, or POST /api/v1/sessions; see /api/v1/openapi.json).\n"
      "SIGINT or SIGTERM stops after the batch in progress.");
  command->add_option("--worker", *worker, "Name in the job log (default HOSTNAME:PID)");
  command->add_flag("--no-push", *no_push, "Only run jobs on their schedule; do not watch the queue folder");
  command->add_option("--lease", *lease_s,
                      "Seconds a job is leased (renewed after every batch); a dead worker's job is taken "
                      "back after this (default 120)")
      ->check(CLI::PositiveNumber);
  command->add_option("--listen", *listen, "Serve the REST API on HOST:PORT, e.g. 127.0.0.1:8080");
  command->callback([&context, worker, no_push, lease_s, listen] {
    context.Run([&context, worker, no_push, lease_s, listen]() -> Status {
      // First of all, so that SIGTERM while starting up also stops cleanly.
      const std::atomic<bool>& stop = StopOnSignals();
      // Fail fast on a bad configuration or a database that was never initialised.
      MT_RETURN_IF_ERROR(context.OpenDatabase().status());
      LogAsService(*context.GetConfig());
      const std::string address = listen->empty() ? context.GetConfig()->listen : *listen;
      service::PassMetrics metrics;
      service::WorkerOptions options;
      options.jobs.worker = worker->empty() ? service::DefaultWorkerName() : *worker;
      options.jobs.metrics = &metrics;
      MT_ASSIGN_OR_RETURN(options.jobs.pass_options, context.ConfiguredPassOptions());
      options.push = !*no_push;
      options.jobs.lease = std::chrono::seconds(*lease_s);
      const service::DatabaseOpener open_database = [&context] { return context.OpenDatabase(); };
      // Run now from the web UI, on a thread of its own; stopped after the HTTP server.
      service::JobStarter run_now(open_database, options.jobs);
      std::unique_ptr<web::HttpServer> http;
      if (!address.empty()) {
        MT_ASSIGN_OR_RETURN(const auto host_port, web::ParseListenAddress(address));
        web::ApiOptions api;
        api.open_database = open_database;
        api.open_mail_store = context.MailStoreOpener();
        api.parse_limits = context.GetConfig()->limits;
        api.show_sync_wait = std::chrono::milliseconds(context.GetConfig()->show_sync_wait_ms);
        api.metrics = &metrics;
        api.start_job_now = [&run_now](std::int64_t job_id) { return run_now.Start(job_id); };
        MT_ASSIGN_OR_RETURN(http, web::HttpServer::Start(host_port.first, host_port.second, std::move(api)));
        spdlog::info("Web UI on http://{0}:{1}/ and REST API on http://{0}:{1}/api/v1", host_port.first, http->port());
      }
      spdlog::info("mailtrail serve started as {}, version {}", options.jobs.worker, kVersion);
      Status status = service::RunWorker(open_database, options, stop);
      spdlog::info("mailtrail serve stopped");
      return status;
    });
  });
}

}  // namespace mailtrail::cli
