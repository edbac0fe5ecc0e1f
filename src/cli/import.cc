// mailtrail salesperson import, contact import, entries import-bc.
#include "cli/import.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>

#include "service/bc_entry_import.h"
#include "service/directory_import.h"

namespace mailtrail::cli {
namespace {

// The most bytes an import file may have: millions of rows, and memory to spare.
constexpr std::size_t kMaxImportFileBytes = std::size_t{1} << 30;

Result<std::string> ReadImportFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("Cannot open '" + path + "'.");
  std::string content;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxImportFileBytes) {
      return Status::InvalidArgument("'" + path + "' is larger than " + std::to_string(kMaxImportFileBytes) + " bytes.");
    }
  }
  if (in.bad()) return Status::IOError("Cannot read '" + path + "'.");
  return content;
}

// The status of importing `path`, its message naming the file.
Status InFile(const std::string& path, Status status) {
  if (status.ok()) return status;
  const std::string separator = status.message().find('\n') == std::string::npos ? " " : "\n";
  return Status(status.code(), path + ":" + separator + status.message());
}

struct ImportArguments {
  std::string path;
  service::ImportOptions options;
};

void PrintReport(std::ostream& out, const service::ImportReport& report) {
  out << report.added << " added, " << report.updated << " updated\n";
}

// Makes `command` import the file at arguments->path when it runs:
// `import(database, text, *arguments)` reads it into the database and
// `print(out, report)` says what it did; errors name the file.
template <typename Arguments, typename Import, typename Print>
void ImportsFile(CLI::App* command, Context& context, std::shared_ptr<Arguments> arguments, Import import,
                 Print print) {
  command->callback([&context, arguments, import, print] {
    context.Run([&]() -> Status {
      MT_ASSIGN_OR_RETURN(const std::string text, ReadImportFile(arguments->path));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      auto report = import(*database, text, *arguments);
      if (!report.ok()) return InFile(arguments->path, report.status());
      print(context.out, *report);
      return Status::Ok();
    });
  });
}

}  // namespace

void AddSalespersonImport(CLI::App& salesperson, Context& context) {
  auto arguments = std::make_shared<ImportArguments>();
  auto* command = salesperson.add_subcommand("import", "Add the salespersons of a CSV file, whole or not at all");
  command->footer(
      "The first line names the columns (any order, any case; others are ignored):\n"
      "  Code (required, up to 20 characters, stored upper-case), Name (required), Email (or E-Mail).\n"
      "RFC 4180 CSV, UTF-8 (a byte order mark is fine): fields with commas, quotes or line breaks in\n"
      "double quotes; ';' as the delimiter when the header line has no comma. Every bad row is\n"
      "reported by line and column, and then nothing is added.");
  command->add_option("FILE", arguments->path, "The CSV file")->required();
  command->add_flag("--update", arguments->options.update,
                    "Overwrite the name and email of salespersons that exist (without it, a file naming one is refused)");
  ImportsFile(
      command, context, arguments,
      [](db::Database& db, const std::string& csv, const ImportArguments& args) {
        return service::ImportSalespersonsCsv(db, csv, args.options);
      },
      PrintReport);
}

void AddContactImport(CLI::App& contact, Context& context) {
  auto arguments = std::make_shared<ImportArguments>();
  auto* command = contact.add_subcommand("import", "Add the contacts of a CSV or vCard file, whole or not at all");
  command->footer(
      "CSV: the first line names the columns (any order, any case; others are ignored):\n"
      "  Name (required); No (or No.; empty: the next CT000001 no); Type (company or person; empty:\n"
      "  person when Company No or Company Name is given, else company); Email (or E-Mail); Company No\n"
      "  (a person's company: an existing contact or a company of the same file); Company Name (a\n"
      "  person's company by name when Company No is empty: the company of that name, any case, added\n"
      "  when there is none); Do Not Log (yes or no); Other Emails (more addresses, separated by\n"
      "  spaces, commas or semicolons: added as alt addresses EMAIL2, EMAIL3...).\n"
      "  CSV as `salesperson import` reads it.\n"
      "vCard (a file starting with BEGIN:VCARD; versions 4.0, 3.0 and 2.1, quoted-printable and\n"
      "  CHARSET included): one contact per card. FN (else N, else ORG) is the name; the EMAIL with PREF\n"
      "  (else the first) the email, the other EMAILs alt addresses; KIND org is a company, individual a\n"
      "  person (without KIND: a person unless FN is the ORG and N is empty); a person's ORG is its\n"
      "  Company Name. A card whose email a contact has (with its name, or as the only contact of its\n"
      "  type with that email) is that contact.\n"
      "Companies go in before persons; a person without an email takes its company's while the setup\n"
      "inherits communication details. Every bad row or card is reported by line (a card by its\n"
      "BEGIN:VCARD line), and then nothing is added.");
  command->add_option("FILE", arguments->path, "The CSV or vCard (.vcf) file")->required();
  command->add_flag("--update", arguments->options.update,
                    "Overwrite the name, email and do-not-log mark of contacts that exist (a CSV row's no, a card's "
                    "email); their type and company stay. Without it, a file naming one is refused");
  ImportsFile(
      command, context, arguments,
      [](db::Database& db, const std::string& text, const ImportArguments& args) {
        return service::LooksLikeVcard(text) ? service::ImportContactsVcard(db, text, args.options)
                                             : service::ImportContactsCsv(db, text, args.options);
      },
      PrintReport);
}

void AddEntriesImportBc(CLI::App& entries, Context& context) {
  struct Arguments {
    std::string path;
    service::SpreadsheetLocale locale;
  };
  auto arguments = std::make_shared<Arguments>();
  auto* command = entries.add_subcommand("import-bc", "Import Business Central's interaction log entries from a CSV file");
  command->footer(
      "Import Business Central's interaction log entries: the Interaction Log Entries page exported\n"
      "to Excel and saved as CSV (UTF-8). Columns by their English captions, in any order:\n"
      "  required: Entry No., Contact No., Date\n"
      "  optional: Contact Company No., Time of Interaction, Salesperson Code, Interaction Template\n"
      "  Code, Interaction Group Code, Description, Subject, Information Flow (Inbound|Outbound),\n"
      "  Initiated By (Us|Them), Cost (LCY), Duration (Min.), Evaluation, Canceled, E-Mail Logged\n"
      "Dates: 2025-01-31, 1/31/2025 (or 31/01/2025 with --day-first), 31.01.2025; a time after the\n"
      "date is ignored. Times: 14:35, 14:35:07, 2:35 PM. Numbers: 12.5, 1,234.50, 12,5.\n"
      "Contacts and salespersons must exist (import them first). Entries keep their data and have\n"
      "no stored message. Each is remembered by its Entry No.: importing a file again adds only\n"
      "what it did not add before. The file goes in whole or not at all.");
  command->add_option("FILE", arguments->path, "The CSV file")->required();
  command->add_flag("--day-first", arguments->locale.day_first,
                    "Dates with slashes are day/month/year (British, European Excel), not month/day/year");
  ImportsFile(
      command, context, arguments,
      [](db::Database& db, const std::string& csv, const Arguments& args) {
        return service::ImportBusinessCentralEntries(db, csv, args.locale);
      },
      [](std::ostream& out, const auto& report) {
        out << report.imported << " imported, " << report.already_imported << " imported before\n";
      });
}

}  // namespace mailtrail::cli
