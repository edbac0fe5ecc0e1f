#include "service/entry_export.h"

#include <string>
#include <vector>

#include "common/csv_writer.h"
#include "service/json_views.h"

namespace mailtrail::service {
namespace {

using nlohmann::ordered_json;

std::string Dumped(const ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// CSV carries every JSON field, in the same order and under the same names.
std::vector<std::string> CsvFields(const ordered_json& object, bool names) {
  std::vector<std::string> fields;
  for (const auto& [key, value] : object.items()) {
    fields.push_back(names ? key : value.is_string() ? value.get<std::string>() : Dumped(value));
  }
  return fields;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "json") return ExportFormat::kJson;
  return std::nullopt;
}

Status ExportEntries(db::Database& db, db::EntryFilter filter, ExportFormat format,
                     const std::function<void(std::string_view)>& write, std::size_t page_size) {
  filter.after_entry_no = 0;
  filter.limit = page_size;
  if (format == ExportFormat::kCsv) write(CsvLine(CsvFields(EntryJson({}), true)));
  bool first = true;
  while (true) {
    MT_ASSIGN_OR_RETURN(const std::vector<domain::InteractionLogEntry> page, db.ListEntries(filter));
    for (const domain::InteractionLogEntry& entry : page) {
      if (format == ExportFormat::kCsv) {
        write(CsvLine(CsvFields(EntryJson(entry), false)));
      } else {
        write((first ? "[\n" : ",\n") + Dumped(EntryJson(entry)));
      }
      first = false;
    }
    if (page.size() < filter.limit) break;
    filter.after_entry_no = page.back().entry_no;
  }
  if (format == ExportFormat::kJson) write(first ? "[]\n" : "\n]\n");
  return Status::Ok();
}

}  // namespace mailtrail::service
