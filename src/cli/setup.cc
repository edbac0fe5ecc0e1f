// mailtrail setup set|show
#include <nlohmann/json.hpp>

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

}  // namespace

void AddSetupCommand(CLI::App& app, Context& context) {
  auto* parent = app.add_subcommand("setup", "Show or change the email logging setup");
  parent->require_subcommand(1);

  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto* set = parent->add_subcommand("set", "Change one setup key");
  set->footer(
      "Keys:\n"
      "  mail-store                     maildir:///ABSOLUTE/PATH (Maildir++, as Dovecot lays it out),\n"
      "                                 imap://USER@HOST[:PORT] or imaps://USER@HOST[:PORT]; the password\n"
      "                                 or OAuth2 token comes from MAILTRAIL_IMAP_PASSWORD/_TOKEN or the\n"
      "                                 secrets file, never from the command line\n"
      "  queue-folder                   folder staff copy mail into, e.g. Queue\n"
      "  storage-folder                 folder logged mail is kept in, e.g. Storage\n"
      "  email-template                 interaction template of logged mail (group SYSTEM), e.g. EMAIL\n"
      "  batch-size                     messages per pass, 0 = no limit (default 0)\n"
      "  recipients                     to | to,cc: recipients considered (default to; Bcc never)\n"
      "  inherit-communication-details  true | false: persons take their company's email (default true)\n"
      "  unmatched-action               delete | move:FOLDER for unregistered mail (default delete)\n"
      "  require-tls                    true | false: IMAP never logs in without TLS (default false)\n"
      "  ca-file                        IMAP: PEM file of the CA to trust instead of the system's");
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
