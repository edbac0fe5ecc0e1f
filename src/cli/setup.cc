// mailtrail setup set|show
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

#include "cli/context.h"
#include "cli/output.h"
#include "service/setup_keys.h"

namespace mailtrail::cli {
namespace {

// JSON keeps numbers and booleans typed.
nlohmann::json SetupJson(const domain::Setup& setup) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : service::SetupValues(setup)) object[key] = value;
  object["batch-size"] = setup.batch_size;
  object["inherit-communication-details"] = setup.inherit_communication_details;
  object["require-tls"] = setup.require_tls;
  return object;
}

// "Keys:" and each key with its description, wrapped to 100 columns.
std::string KeysHelp() {
  constexpr std::size_t kIndent = 33;  // two spaces, the longest key, two spaces
  constexpr std::size_t kWidth = 100;
  std::string help = "Keys:";
  for (const service::SetupKey& key : service::SetupKeys()) {
    std::string line = "  " + std::string(key.name);
    line.resize(kIndent, ' ');
    std::istringstream words{std::string(key.description)};
    for (std::string word; words >> word;) {
      if (line.size() > kIndent && line.size() + 1 + word.size() > kWidth) {
        help.append("\n").append(line);
        line.assign(kIndent, ' ');
      }
      if (line.size() > kIndent) line += ' ';
      line += word;
    }
    help.append("\n").append(line);
  }
  return help;
}

}  // namespace

void AddSetupCommand(CLI::App& app, Context& context) {
  auto* parent = app.add_subcommand("setup", "Show or change the email logging setup");
  parent->require_subcommand(1);

  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto* set = parent->add_subcommand("set", "Change one setup key");
  set->footer(KeysHelp());
  set->add_option("KEY", *key, "Setup key")->required();
  set->add_option("VALUE", *value, "New value (empty to clear a text key)")->required();
  set->callback([&context, key, value] {
    context.Run([&context, key, value]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::SetSetupValue(*database, *key, *value);
    });
  });

  auto format = std::make_shared<Format>(Format::kTable);
  auto* show = parent->add_subcommand("show", "Show the setup");
  AddFormatOption(show, *format, {"table", "json"});
  show->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(domain::Setup setup, database->LoadSetup());
      if (*format == Format::kJson) {
        context.out << SetupJson(setup).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (auto& [name, text] : service::SetupValues(setup)) rows.push_back({name, text});
      PrintTable(context.out, {"Key", "Value"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
