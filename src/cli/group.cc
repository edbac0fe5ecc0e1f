// mailtrail group add|list
#include "cli/context.h"
#include "cli/output.h"
#include "service/interactions.h"

namespace mailtrail::cli {

void AddGroupCommand(CLI::App& app, Context& context) {
  auto* parent = app.add_subcommand("group", "Manage interaction groups");
  parent->require_subcommand(1);

  auto group = std::make_shared<domain::InteractionGroup>();
  auto* add = parent->add_subcommand("add", "Add an interaction group");
  add->add_option("CODE", group->code, "Code")->required();
  add->add_option("--description", group->description, "Description");
  add->callback([&context, group] {
    context.Run([&context, group]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::AddInteractionGroup(*database, *group).status();
    });
  });

  auto* list = parent->add_subcommand("list", "List interaction groups");
  list->callback([&context] {
    context.Run([&context]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto groups, database->ListGroups());
      std::vector<Row> rows;
      for (const auto& g : groups) rows.push_back({g.code, g.description});
      PrintTable(context.out, {"Code", "Description"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
