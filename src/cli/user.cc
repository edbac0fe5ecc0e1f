// mailtrail user add|list|set-password|set-permission-set|token|remove
//
// A password is read from standard input, never from the command line: asked
// for twice without echo on a terminal, else the first line of the input
// (`printf '%s\n' "$PASSWORD" | mailtrail user add ann`).
#include <termios.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/output.h"
#include "service/json_views.h"
#include "service/users.h"

namespace mailtrail::cli {
namespace {

const char kPermissionSetHelp[] =
    "BASIC (read entries, Show), RM-CONT (also contacts, salespersons, interactions) or "
    "EMAIL-LOGGING-ADMIN (also setup, templates, job queue, users)";

Result<domain::PermissionSet> ParseSet(const std::string& text) {
  const std::optional<domain::PermissionSet> set = domain::ParsePermissionSet(text);
  if (!set) {
    return Status::InvalidArgument("'" + text + "' is not a permission set: use BASIC, RM-CONT or EMAIL-LOGGING-ADMIN.");
  }
  return *set;
}

// One line of standard input, without its line end; with `prompt` and echo off
// when it is a terminal.
Result<std::string> ReadSecretLine(const char* prompt) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << '\n';
  }
  if (!read) return Status::InvalidArgument("No password was given on standard input.");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: typed twice on a terminal, else one line of the input.
Result<std::string> ReadNewPassword() {
  MT_ASSIGN_OR_RETURN(std::string password, ReadSecretLine("New password: "));
  if (::isatty(STDIN_FILENO) == 1) {
    MT_ASSIGN_OR_RETURN(std::string again, ReadSecretLine("Repeat it: "));
    if (again != password) return Status::InvalidArgument("The two passwords differ.");
  }
  return password;
}

void AddAdd(CLI::App& parent, Context& context) {
  struct Options {
    std::string name;
    std::string set = "BASIC";
  };
  auto options = std::make_shared<Options>();
  auto* command = parent.add_subcommand("add", "Add a user; the password is read from standard input");
  command->add_option("NAME", options->name, "User name: letters, digits and . _ @ -")->required();
  command->add_option("--permission-set", options->set, kPermissionSetHelp)->capture_default_str();
  command->callback([&context, options] {
    context.Run([&context, options]() -> Status {
      MT_ASSIGN_OR_RETURN(const domain::PermissionSet set, ParseSet(options->set));
      MT_RETURN_IF_ERROR(domain::ValidateUserName(options->name));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const std::string password, ReadNewPassword());
      return service::AddUser(*database, options->name, password, set);
    });
  });
}

void AddList(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("list", "List users and their permission sets");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const std::vector<domain::User> users, database->ListUsers());
      if (*format == Format::kJson) {
        context.out << service::JsonArray(users, service::UserJson).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& u : users) rows.push_back({u.name, std::string(domain::ToString(u.permission_set))});
      PrintTable(context.out, {"Name", "Permission set"}, rows);
      return Status::Ok();
    });
  });
}

void AddSetPassword(CLI::App& parent, Context& context) {
  auto name = std::make_shared<std::string>();
  auto* command =
      parent.add_subcommand("set-password", "Give a user a new password, read from standard input");
  command->add_option("NAME", *name, "User name")->required();
  command->callback([&context, name] {
    context.Run([&context, name]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(std::optional<domain::User> user, database->FindUser(*name));
      if (!user) return Status::NotFound("User '" + *name + "' does not exist.");
      MT_ASSIGN_OR_RETURN(const std::string password, ReadNewPassword());
      return service::SetPassword(*database, *name, password);
    });
  });
}

void AddSetPermissionSet(CLI::App& parent, Context& context) {
  auto name = std::make_shared<std::string>();
  auto set = std::make_shared<std::string>();
  auto* command = parent.add_subcommand("set-permission-set", "Change what a user may do");
  command->add_option("NAME", *name, "User name")->required();
  command->add_option("SET", *set, kPermissionSetHelp)->required();
  command->callback([&context, name, set] {
    context.Run([&context, name, set]() -> Status {
      MT_ASSIGN_OR_RETURN(const domain::PermissionSet permission_set, ParseSet(*set));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::SetPermissionSet(*database, *name, permission_set);
    });
  });
}

void AddToken(CLI::App& parent, Context& context) {
  auto name = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>();
  auto* command = parent.add_subcommand(
      "token", "Make a bearer token for the REST API, acting as the user; it is printed this once");
  command->add_option("NAME", *name, "User name")->required();
  command->add_option("--label", *label, "What the token is for, e.g. the script using it");
  command->callback([&context, name, label] {
    context.Run([&context, name, label]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const std::string token, service::IssueApiToken(*database, *name, *label));
      context.out << token << '\n';
      return Status::Ok();
    });
  });
}

void AddRemove(CLI::App& parent, Context& context) {
  auto name = std::make_shared<std::string>();
  auto* command = parent.add_subcommand("remove", "Remove a user");
  command->add_option("NAME", *name, "User name")->required();
  command->footer("Its API tokens stop working with it.");
  command->callback([&context, name] {
    context.Run([&context, name]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return database->RemoveUser(*name);
    });
  });
}

}  // namespace

void AddUserCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "user", "Manage the users who sign in, and their permission sets (passwords are stored as argon2id hashes)");
  command->require_subcommand(1);
  AddAdd(*command, context);
  AddList(*command, context);
  AddSetPassword(*command, context);
  AddSetPermissionSet(*command, context);
  AddToken(*command, context);
  AddRemove(*command, context);
}

}  // namespace mailtrail::cli
