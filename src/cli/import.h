// The import subcommands: salesperson import, contact import, entries import-bc.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace mailtrail::cli {

void AddSalespersonImport(CLI::App& salesperson, Context& context);
void AddContactImport(CLI::App& contact, Context& context);
void AddEntriesImportBc(CLI::App& entries, Context& context);

}  // namespace mailtrail::cli
