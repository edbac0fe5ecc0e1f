// mailtrail relog: re-processes every message of the storage folder (or another
// folder) by the rules of the pass, to restore entries and links.
#include <iostream>

#include "cli/context.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "service/email_logging.h"

namespace mailtrail::cli {

void AddRelogCommand(CLI::App& app, Context& context) {
  auto options = std::make_shared<service::RelogOptions>();
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = app.add_subcommand(
      "relog", "Re-process every message of the storage folder (or --folder): restore entries and links");
  command->add_option("--folder", options->folder,
                      "The folder to relog (default: the storage folder). Its messages are copied into the "
                      "storage folder as a pass copies them, unless a copy is there already; the folder "
                      "itself is left as it is");
  command->add_flag("--restart", options->restart,
                    "Start from the first message, even where an interrupted relog of the folder got further");
  command->footer(
      "Every message of the folder goes through the rules of a pass (see log-email), oldest\n"
      "first, whatever the setup's batch size. A message logged before keeps its entries; when\n"
      "its stored copy is gone (deleted, or the storage folder was renamed or moved), its link\n"
      "is re-pointed to this message (over the storage folder) or to its copy in the storage\n"
      "folder. A message not logged is logged. Nothing is logged twice, and nothing is stored\n"
      "twice. Nothing is deleted from the folder, moved to a review folder, or changed in it:\n"
      "over the storage folder the messages are their own stored copies.\n"
      "\n"
      "The same as Business Central's recipes (copy the storage folder into the queue, or\n"
      "rename it as the queue and create a new storage folder, then run email logging), without\n"
      "touching the storage folder.\n"
      "\n"
      "Progress goes to standard error: on a terminal one line redrawn (count, messages/s, time\n"
      "left), else a line every few seconds. After each batch the database records where the\n"
      "relog got to; a relog that was interrupted (Ctrl-C, a crash, an error) resumes there when\n"
      "run again, unless --restart. The service runs it as a job too: jobs add --object relog.\n"
      "Exit status 0 when the relog ran to the end.");
  AddFormatOption(command, *format, {"text", "json"});
  command->callback([&context, options, format] {
    context.Run([&context, options, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const service::PassOptions pass_options, context.ConfiguredPassOptions());
      ProgressReporter reporter(std::cerr, StderrIsTerminal(), "Relog", "messages");
      service::RelogOptions relog = *options;
      relog.progress = [&reporter](const service::RelogProgress& progress) {
        reporter.Update(progress.done, progress.total);
      };
      auto summary = service::RunRelog(*database, relog, pass_options);
      reporter.Finish();
      if (!summary.ok()) return summary.status();
      const service::PassSummary& s = *summary;
      if (*format == Format::kJson) {
        context.out << service::PassSummaryJson(s, 2) << '\n';
        return Status::Ok();
      }
      context.out << "Logged " << s.logged << " message(s) as " << s.entries << " new interaction log entr"
                  << (s.entries == 1 ? "y" : "ies") << ".\n"
                  << "Logged before: " << s.duplicate << ", of which " << s.relinked << " re-linked to "
                  << "a copy in the storage folder.\n"
                  << "Not logged (see log-email): " << s.removed() - s.duplicate << ".\n";
      if (s.failed > 0) {
        context.out << "Could not be read or parsed, or past a limit (the log says why): " << s.failed << ".\n";
      }
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
