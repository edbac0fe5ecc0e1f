// mailtrail links check [--repair]: every attachment's link to its stored
// message, the broken ones listed and, with --repair, re-pointed.
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/context.h"
#include "cli/output.h"
#include "service/links.h"

namespace mailtrail::cli {
namespace {

std::string Where(const domain::StoredLocation& location) {
  std::string where = location.folder + " " + location.key;
  if (location.uidvalidity != 0) where += " (UIDVALIDITY " + std::to_string(location.uidvalidity) + ")";
  return where;
}

std::string EntryNos(const std::vector<std::int64_t>& entry_nos) {
  std::string text;
  for (std::int64_t no : entry_nos) text += (text.empty() ? "" : ", ") + std::to_string(no);
  return text;
}

// What became of a broken link: repaired, found (and not repaired), or nothing.
std::string Outcome(const service::BrokenLink& link) {
  if (link.repaired) return "repaired";
  return link.found_at ? "found" : "not found";
}

nlohmann::ordered_json LocationJson(const domain::StoredLocation& location) {
  return {{"folder", location.folder}, {"key", location.key}, {"uidvalidity", location.uidvalidity}};
}

void Print(std::ostream& out, const service::LinkCheckSummary& summary, Format format) {
  if (format == Format::kJson) {
    nlohmann::ordered_json broken = nlohmann::ordered_json::array();
    for (const service::BrokenLink& link : summary.broken) {
      broken.push_back({{"attachment_no", link.attachment.attachment_no},
                        {"entry_nos", link.entry_nos},
                        {"message_id", link.attachment.message_id},
                        {"content_hash", link.attachment.content_hash},
                        {"was_at", LocationJson(link.attachment.location)},
                        {"found_at", link.found_at ? LocationJson(*link.found_at) : nlohmann::ordered_json()},
                        {"outcome", Outcome(link)}});
    }
    out << nlohmann::ordered_json{{"checked", summary.checked},
                                  {"broken", summary.broken.size()},
                                  {"found", summary.found()},
                                  {"repaired", summary.repaired()},
                                  {"remaining", summary.remaining()},
                                  {"links", broken}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    return;
  }
  if (!summary.broken.empty()) {
    std::vector<Row> rows;
    for (const service::BrokenLink& link : summary.broken) {
      const std::string identity =
          link.attachment.message_id.empty() ? "sha256:" + link.attachment.content_hash : link.attachment.message_id;
      rows.push_back({std::to_string(link.attachment.attachment_no), EntryNos(link.entry_nos), identity,
                      Where(link.attachment.location), link.found_at ? Where(*link.found_at) : "", Outcome(link)});
    }
    PrintTable(out, {"Attachment No", "Entry Nos", "Message-ID", "Pointed At", "Found At", "Outcome"}, rows);
  }
  out << "Checked " << summary.checked << " attachment(s): " << summary.broken.size() << " broken link(s), "
      << summary.found() << " found, " << summary.repaired() << " repaired, " << summary.remaining()
      << " remaining.\n";
}

}  // namespace

void AddLinksCommand(CLI::App& app, Context& context) {
  auto* links = app.add_subcommand("links", "Check the links from interaction log entries to their stored messages");
  links->require_subcommand(1);
  auto repair = std::make_shared<bool>(false);
  auto format = std::make_shared<Format>(Format::kTable);
  auto* check = links->add_subcommand(
      "check",
      "List every attachment whose stored message is no longer where its link points; --repair re-points them");
  check->add_flag("--repair", *repair,
                  "Re-point each broken link whose message was found (by Message-ID, or by content hash when it "
                  "has none) in the storage folder or in the folder the link names");
  AddFormatOption(check, *format, {"table", "json"});
  check->footer(
      "A link breaks when the stored message is not where the attachment points: the storage folder was\n"
      "changed in the setup and the mail moved there, or a message was moved on the server. Each broken\n"
      "link is looked for in the setup's storage folder, then in the folder it names. Show repairs the\n"
      "link of the message it shows the same way.\n"
      "Columns: the attachment no, its entries, its Message-ID (sha256:HASH when it has none), where it\n"
      "pointed, where its message was found, and the outcome (repaired, found, not found).\n"
      "Progress goes to stderr when it is a terminal. Exit status: 0 when no broken link remains, 1\n"
      "otherwise (without --repair, every broken link remains).");
  check->callback([&context, repair, format] {
    context.Run([&context, repair, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      service::LinkCheckOptions options{.repair = *repair, .open_mail_store = context.MailStoreOpener()};
      if (::isatty(STDERR_FILENO) != 0) {
        options.progress = [](std::int64_t checked, std::int64_t broken) {
          std::cerr << "\rChecked " << checked << " attachment(s), " << broken << " broken link(s)" << std::flush;
        };
      }
      MT_ASSIGN_OR_RETURN(const service::LinkCheckSummary summary, service::CheckLinks(*database, options));
      if (options.progress) std::cerr << '\n';
      Print(context.out, summary, *format);
      if (summary.remaining() == 0) return Status::Ok();
      return Status::FailedPrecondition(std::to_string(summary.remaining()) + " broken link(s) remain" +
                                        (*repair ? "." : "; run mailtrail links check --repair."));
    });
  });
}

}  // namespace mailtrail::cli
