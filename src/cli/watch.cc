// mailtrail watch: log email as it arrives (push), until SIGINT or SIGTERM.
#include <spdlog/spdlog.h>

#include "cli/context.h"
#include "cli/logging.h"
#include "cli/signals.h"
#include "service/watch.h"

namespace mailtrail::cli {
namespace {

void PrintPass(std::ostream& out, const Result<service::PassSummary>& pass) {
  if (!pass.ok()) return;  // logged by the watcher
  const service::PassSummary& s = *pass;
  const std::int64_t removed = s.removed();
  if (s.logged + removed + s.failed == 0) return;
  out << "Logged " << s.logged << " message(s) as " << s.entries << " entries; removed " << removed
      << " without logging; " << s.failed << " left in the queue." << std::endl;
}

}  // namespace

void AddWatchCommand(CLI::App& app, Context& context) {
  auto interval_s = std::make_shared<int>(600);
  auto* command = app.add_subcommand(
      "watch", "Log email as it arrives: a pass now, then whenever mail reaches the queue folder");
  command->footer(
      "Maildir queues are watched with inotify; IMAP queues with IDLE (polling where the server\n"
      "has none). A pass also runs every --interval seconds. A failing pass is retried with\n"
      "backoff. SIGINT or SIGTERM stops after the batch in progress.");
  command->add_option("--interval", *interval_s, "Seconds between passes when no mail is reported (default 600)")
      ->check(CLI::PositiveNumber);
  command->callback([&context, interval_s] {
    context.Run([&context, interval_s]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      LogAsService(*context.GetConfig());
      const std::atomic<bool>& stop = StopOnSignals();
      MT_ASSIGN_OR_RETURN(const service::PassOptions pass_options, context.ConfiguredPassOptions());
      service::WatchOptions options;
      options.interval = std::chrono::seconds(*interval_s);
      options.on_pass = [&context](const Result<service::PassSummary>& pass) { PrintPass(context.out, pass); };
      spdlog::info("Watching the queue folder; stop with Ctrl-C.");
      return service::WatchQueue(*database, pass_options, options, stop);
    });
  });
}

}  // namespace mailtrail::cli
