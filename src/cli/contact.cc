// mailtrail contact add|list|set|alt-address add
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/import.h"
#include "cli/output.h"
#include "service/json_views.h"
#include "service/directory_admin.h"

namespace mailtrail::cli {
namespace {

struct AddOptions {
  domain::Contact contact;
  std::string type = "company";
};

void AddAdd(CLI::App& parent, Context& context) {
  auto options = std::make_shared<AddOptions>();
  auto* command = parent.add_subcommand("add", "Register a contact and print its no");
  command->add_option("--name", options->contact.name, "Name")->required();
  command->add_option("--email", options->contact.email, "Email address mail is matched on");
  command->add_option("--type", options->type, "company or person")
      ->check(CLI::IsMember({"company", "person"}))
      ->default_str("company");
  command->add_option("--company", options->contact.company_no, "No of the company a person works for");
  command->add_option("--no", options->contact.no, "No to use instead of the next in the CT000001 series");
  command->add_flag("--do-not-log", options->contact.do_not_log,
                    "Never store or log mail from or to this contact's addresses");
  command->callback([&context, options] {
    context.Run([&context, options]() -> Status {
      domain::Contact contact = options->contact;
      contact.type = *domain::ParseContactType(options->type);
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(std::string no, service::AddContact(*database, std::move(contact)));
      context.out << no << '\n';
      return Status::Ok();
    });
  });
}

void AddList(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("list", "List contacts by no");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto contacts, database->ListContacts());
      if (*format == Format::kJson) {
        context.out << service::JsonArray(contacts, service::ContactJson).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& c : contacts) {
        rows.push_back({c.no, std::string(domain::ToString(c.type)), c.name, c.email, c.company_no,
                        c.do_not_log ? "yes" : ""});
      }
      PrintTable(context.out, {"No", "Type", "Name", "Email", "Company No", "Do Not Log"}, rows);
      return Status::Ok();
    });
  });
}

struct SetOptions {
  std::string no;
  std::optional<std::string> email;
  std::optional<bool> do_not_log;
};

void AddSet(CLI::App& parent, Context& context) {
  auto options = std::make_shared<SetOptions>();
  auto* command = parent.add_subcommand(
      "set", "Change a contact's email (a company's new email reaches persons that had the old one, "
             "while the setup inherits communication details) or its do-not-log mark");
  command->add_option("NO", options->no, "Contact no")->required();
  auto* email = command->add_option("--email", options->email, "New email address (empty to clear)");
  auto* do_not_log = command->add_option("--do-not-log", options->do_not_log,
                                         "true: never store or log mail from or to the contact; false: as usual");
  command->callback([&context, options, email, do_not_log] {
    context.Run([&context, options, email, do_not_log]() -> Status {
      if (email->count() == 0 && do_not_log->count() == 0) {
        return Status::InvalidArgument("Nothing to change: give --email, --do-not-log or both.");
      }
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      if (options->email) MT_RETURN_IF_ERROR(service::SetContactEmail(*database, options->no, *options->email));
      if (options->do_not_log) {
        MT_RETURN_IF_ERROR(service::SetContactDoNotLog(*database, options->no, *options->do_not_log));
      }
      return Status::Ok();
    });
  });
}

void AddAltAddress(CLI::App& parent, Context& context) {
  auto address = std::make_shared<domain::ContactAltAddress>();
  auto* group = parent.add_subcommand("alt-address", "Manage a contact's alternative addresses");
  group->require_subcommand(1);
  auto* command = group->add_subcommand("add", "Add an alternative address to a contact");
  command->add_option("NO", address->contact_no, "Contact no")->required();
  command->add_option("CODE", address->code, "Code of the address, e.g. HOME")->required();
  command->add_option("--email", address->email, "Email address")->required();
  command->callback([&context, address] {
    context.Run([&context, address]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::AddContactAltAddress(*database, *address);
    });
  });
}

}  // namespace

void AddContactCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("contact", "Manage contacts (companies and persons)");
  command->require_subcommand(1);
  AddAdd(*command, context);
  AddList(*command, context);
  AddSet(*command, context);
  AddAltAddress(*command, context);
  AddContactImport(*command, context);
}

}  // namespace mailtrail::cli
