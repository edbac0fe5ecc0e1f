// mailtrail interaction create|postponed|resume|delete: interactions created by
// hand (Create Interaction), and the postponed ones.
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/output.h"
#include "service/interactions.h"
#include "service/json_views.h"

namespace mailtrail::cli {
namespace {

// What create and resume take.
struct InteractionOptions {
  service::InteractionRequest request;
  std::string information_flow;
  std::string initiated_by;
  std::string file_path;
  std::string file_type;
};

void AddInteractionOptions(CLI::App* command, InteractionOptions& options) {
  command->add_option("--template", options.request.template_code, "Interaction template code");
  command->add_option("--contact", options.request.contact_no, "Contact no");
  command->add_option("--salesperson", options.request.salesperson_code, "Salesperson code");
  command->add_option("--description", options.request.description, "Description (default: the template's)");
  command->add_option("--information-flow", options.information_flow,
                      "inbound or outbound (default: the template's)")
      ->check(CLI::IsMember({"inbound", "outbound"}));
  command->add_option("--initiated-by", options.initiated_by, "us or them (default: the template's)")
      ->check(CLI::IsMember({"us", "them"}));
  command->add_option("--file", options.file_path, "A file to keep with it")->check(CLI::ExistingFile);
  command->add_option("--file-type", options.file_type, "The file's media type (default application/octet-stream)");
  command->add_flag("--postpone", options.request.postpone, "Save it to finish later");
}

// The request the options describe, with the file read.
Result<service::InteractionRequest> RequestOf(const InteractionOptions& options) {
  service::InteractionRequest request = options.request;
  if (!options.information_flow.empty()) {
    request.information_flow = domain::ParseInformationFlow(options.information_flow);
  }
  if (!options.initiated_by.empty()) request.initiated_by = domain::ParseInitiatedBy(options.initiated_by);
  if (!options.file_path.empty()) {
    std::ifstream in(options.file_path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::IOError("Cannot read '" + options.file_path + "'.");
    request.file = domain::InteractionFile{std::filesystem::path(options.file_path).filename().string(),
                                           options.file_type, std::move(content)};
  }
  return request;
}

void AddCreate(CLI::App& parent, Context& context) {
  auto options = std::make_shared<InteractionOptions>();
  auto* command = parent.add_subcommand("create", "Record an interaction with a contact and print its entry no");
  AddInteractionOptions(command, *options);
  command->callback([&context, options] {
    context.Run([&context, options]() -> Status {
      MT_ASSIGN_OR_RETURN(service::InteractionRequest request, RequestOf(*options));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const domain::InteractionLogEntry entry,
                          service::CreateInteraction(*database, std::move(request), std::time(nullptr)));
      context.out << entry.entry_no << '\n';
      return Status::Ok();
    });
  });
}

void AddPostponed(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("postponed", "List postponed interactions");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto postponed, database->ListPostponedInteractions());
      if (*format == Format::kJson) {
        context.out << service::JsonArray(postponed, service::EntryJson).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& e : postponed) {
        rows.push_back({std::to_string(e.entry_no), e.date, e.time, e.contact_no, e.salesperson_code,
                        e.interaction_template_code, e.description, e.file_name});
      }
      PrintTable(context.out, {"Entry No", "Date", "Time", "Contact", "Salesperson", "Template", "Description", "File"},
                 rows);
      return Status::Ok();
    });
  });
}

void AddResume(CLI::App& parent, Context& context) {
  auto options = std::make_shared<InteractionOptions>();
  auto entry_no = std::make_shared<std::int64_t>(0);
  auto* command = parent.add_subcommand(
      "resume", "Complete a postponed interaction; each option given replaces what was saved (--postpone: save it "
                "again, still postponed)");
  command->add_option("ENTRY_NO", *entry_no, "Entry no of the postponed interaction")->required();
  AddInteractionOptions(command, *options);
  command->callback([&context, options, entry_no] {
    context.Run([&context, options, entry_no]() -> Status {
      MT_ASSIGN_OR_RETURN(service::InteractionRequest request, RequestOf(*options));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::ResumeInteraction(*database, *entry_no, std::move(request)).status();
    });
  });
}

void AddDelete(CLI::App& parent, Context& context) {
  auto entry_no = std::make_shared<std::int64_t>(0);
  auto* command = parent.add_subcommand("delete", "Delete a postponed interaction");
  command->add_option("ENTRY_NO", *entry_no, "Entry no of the postponed interaction")->required();
  command->callback([&context, entry_no] {
    context.Run([&context, entry_no]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return database->DeletePostponedInteraction(*entry_no);
    });
  });
}

}  // namespace

void AddInteractionCommand(CLI::App& app, Context& context) {
  auto* parent = app.add_subcommand("interaction", "Create interactions by hand; finish or delete postponed ones");
  parent->require_subcommand(1);
  AddCreate(*parent, context);
  AddPostponed(*parent, context);
  AddResume(*parent, context);
  AddDelete(*parent, context);
}

}  // namespace mailtrail::cli
