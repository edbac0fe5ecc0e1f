// mailtrail log-email: one email-logging pass over the queue folder.
#include "cli/context.h"
#include "cli/output.h"
#include "service/email_logging.h"

namespace mailtrail::cli {
namespace {

void PrintSummary(std::ostream& out, const service::PassSummary& s, Format format) {
  if (format == Format::kJson) {
    out << service::PassSummaryJson(s, 2) << '\n';
    return;
  }
  out << "Logged " << s.logged << " message(s) as " << s.entries << " interaction log entr"
      << (s.entries == 1 ? "y" : "ies") << ".\n"
      << "Removed without logging: " << s.sensitive << " sensitive, " << s.never_logged
      << " from or to an address never logged, " << s.address_too_long
      << " with an address over 80 characters, " << s.invalid << " draft or without sender/recipient, "
      << s.unregistered << " not between a salesperson and a contact, " << s.duplicate
      << " already logged, " << s.unauthenticated << " moved to review as their sender was not authenticated.\n";
  if (s.failed > 0) {
    out << "Left in the queue (could not be read or parsed, or past a limit; the log says why): " << s.failed
        << ".\n";
  }
}

}  // namespace

void AddLogEmailCommand(CLI::App& app, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = app.add_subcommand(
      "log-email", "Run one email logging pass: validate the setup, then process the queue folder");
  command->footer(
      "Every message in the queue that is a concluded interaction between a salesperson and a\n"
      "contact is copied to the storage folder and logged; every other message is removed from\n"
      "the queue (sensitive mail, and mail from or to an address on the never-log list or of a\n"
      "do-not-log contact, is never stored). Exit status 0 when the pass ran.\n"
      "\n"
      "A message past a limit on untrusted input stays in the queue, counted as left there, and\n"
      "a warning names the limit. The limits, set in the configuration file's [limits] table or\n"
      "the environment, and their defaults:\n" +
      LimitsHelp());
  AddFormatOption(command, *format, {"text", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const service::PassOptions options, context.ConfiguredPassOptions());
      MT_ASSIGN_OR_RETURN(service::PassSummary summary, service::RunEmailLoggingPass(*database, options));
      PrintSummary(context.out, summary, *format);
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
