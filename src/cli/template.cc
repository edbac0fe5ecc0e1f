// mailtrail template add|list
#include "cli/context.h"
#include "cli/output.h"
#include "service/interactions.h"

namespace mailtrail::cli {
namespace {

std::string FormatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

void AddTemplateCommand(CLI::App& app, Context& context) {
  auto* parent = app.add_subcommand("template", "Manage interaction templates");
  parent->require_subcommand(1);

  auto tmpl = std::make_shared<domain::InteractionTemplate>();
  auto* add = parent->add_subcommand("add", "Add an interaction template");
  add->add_option("CODE", tmpl->code, "Code")->required();
  add->add_option("--group", tmpl->group_code, "Interaction group code")->required();
  add->add_option("--description", tmpl->description, "Description");
  add->add_option("--unit-cost", tmpl->unit_cost, "Cost of one interaction (default 0)");
  add->add_option("--unit-duration", tmpl->unit_duration_min, "Minutes one interaction takes (default 0)");
  // Unset: each interaction says.
  auto flow = std::make_shared<std::string>();
  auto initiated_by = std::make_shared<std::string>();
  add->add_option("--information-flow", *flow, "inbound or outbound: the direction of its interactions")
      ->check(CLI::IsMember({"inbound", "outbound"}));
  add->add_option("--initiated-by", *initiated_by, "us or them: who starts its interactions")
      ->check(CLI::IsMember({"us", "them"}));
  add->callback([&context, tmpl, flow, initiated_by] {
    context.Run([&context, tmpl, flow, initiated_by]() -> Status {
      if (!flow->empty()) tmpl->information_flow = domain::ParseInformationFlow(*flow);
      if (!initiated_by->empty()) tmpl->initiated_by = domain::ParseInitiatedBy(*initiated_by);
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::AddInteractionTemplate(*database, *tmpl).status();
    });
  });

  auto* list = parent->add_subcommand("list", "List interaction templates");
  list->callback([&context] {
    context.Run([&context]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto templates, database->ListTemplates());
      std::vector<Row> rows;
      for (const auto& t : templates) {
        rows.push_back({t.code, t.group_code, t.description, FormatNumber(t.unit_cost),
                        FormatNumber(t.unit_duration_min)});
      }
      PrintTable(context.out, {"Code", "Group", "Description", "Unit Cost", "Unit Duration (min)"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
