#include "service/bc_entry_import.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "domain/address.h"
#include "domain/address.h"
#include "domain/rules.h"
#include "service/csv_table.h"

namespace mailtrail::service {
namespace {

// The whole of `text` as a number of 1 to `max_digits` digits; nullopt otherwise.
std::optional<int> Digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.front() == '-' || text.front() == '+') {
    return std::nullopt;
  }
  return value;
}

// `text` cut at each `separator`.
std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<std::string> IsoDate(int year, int month, int day) {
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return std::string(text);
}

// The year of a date cell: four digits, or two for 20YY.
std::optional<int> Year(std::string_view text) {
  if (text.size() == 2) {
    const auto year = Digits(text, 2);
    return year ? std::optional<int>(2000 + *year) : std::nullopt;
  }
  return text.size() == 4 ? Digits(text, 4) : std::nullopt;
}

enum Column {
  kEntryNo,
  kContactNo,
  kContactCompanyNo,
  kDate,
  kTime,
  kSalespersonCode,
  kTemplateCode,
  kGroupCode,
  kDescription,
  kSubject,
  kInformationFlow,
  kInitiatedBy,
  kCost,
  kDuration,
  kEvaluation,
  kCanceled,
  kEmailLogged,
};

std::vector<CsvColumn> Columns() {
  return {{"Entry No.", {}, true},
          {"Contact No.", {}, true},
          {"Contact Company No.", {}},
          {"Date", {}, true},
          {"Time of Interaction", {}},
          {"Salesperson Code", {}},
          {"Interaction Template Code", {}},
          {"Interaction Group Code", {}},
          {"Description", {}},
          {"Subject", {}},
          {"Information Flow", {}},
          {"Initiated By", {}},
          {"Cost (LCY)", {}},
          {"Duration (Min.)", {}},
          {"Evaluation", {}},
          {"Canceled", {}},
          {"E-Mail Logged", {}}};
}

// Reads one row into an entry; returns the first bad value's error, or "".
class RowReader {
 public:
  RowReader(db::Database& db, const CsvTable& table, const SpreadsheetLocale& locale)
      : db_(db), table_(table), locale_(locale) {}

  Result<std::string> Read(const CsvRecord& row, db::ImportedEntry& imported) {
    row_ = &row;
    domain::InteractionLogEntry& entry = imported.entry;
    imported.source_entry_no = Value(kEntryNo);
    if (imported.source_entry_no.empty()) return Error(kEntryNo, "an entry no is required.");
    if (!entry_nos_.insert(imported.source_entry_no).second) {
      return Error(kEntryNo, "entry " + imported.source_entry_no + " is in the file twice.");
    }
    entry.contact_no = Value(kContactNo);
    MT_ASSIGN_OR_RETURN(const std::optional<domain::Contact> contact, FindContact(entry.contact_no));
    if (!contact) return Error(kContactNo, "contact '" + entry.contact_no + "' does not exist.");
    entry.contact_company_no = Value(kContactCompanyNo).empty() ? contact->company_no : Value(kContactCompanyNo);
    entry.salesperson_code = domain::UpperCaseCode(Value(kSalespersonCode));
    if (!entry.salesperson_code.empty()) {
      MT_ASSIGN_OR_RETURN(const bool exists, SalespersonExists(entry.salesperson_code));
      if (!exists) return Error(kSalespersonCode, "salesperson '" + entry.salesperson_code + "' does not exist.");
    }
    const std::optional<std::string> date = ParseSpreadsheetDate(Value(kDate), locale_);
    if (!date) return Error(kDate, "'" + Value(kDate) + "' is not a date (" + DateForms() + ").");
    entry.date = *date;
    const std::optional<std::string> time = ParseSpreadsheetTime(Value(kTime));
    if (!time) return Error(kTime, "'" + Value(kTime) + "' is not a time (14:35, 14:35:07 or 2:35 PM).");
    entry.time = *time;
    entry.interaction_template_code = domain::UpperCaseCode(Value(kTemplateCode));
    entry.interaction_group_code = domain::UpperCaseCode(Value(kGroupCode));
    entry.description = domain::Utf8Prefix(Value(kDescription), domain::kDescriptionLength);
    entry.subject = table_.Has(kSubject) && !Value(kSubject).empty() ? Value(kSubject) : Value(kDescription);
    MT_ASSIGN_OR_RETURN(std::string error, ReadDirection(entry));
    if (!error.empty()) return error;
    MT_ASSIGN_OR_RETURN(error, ReadFigures(entry));
    return error;
  }

 private:
  std::string Value(Column column) const { return table_.Value(*row_, column); }
  std::string Error(Column column, std::string_view message) const { return table_.Error(*row_, column, message); }

  std::string DateForms() const {
    return locale_.day_first ? "2025-01-31, 31/01/2025 or 31.01.2025" : "2025-01-31, 1/31/2025 or 31.01.2025";
  }

  Result<std::string> ReadDirection(domain::InteractionLogEntry& entry) const {
    const std::string flow = domain::AsciiLower(Value(kInformationFlow));
    const std::string initiated_by = domain::AsciiLower(Value(kInitiatedBy));
    std::optional<domain::InformationFlow> parsed_flow = domain::ParseInformationFlow(flow);
    std::optional<domain::InitiatedBy> parsed_initiator = domain::ParseInitiatedBy(initiated_by);
    if (!flow.empty() && !parsed_flow) return Error(kInformationFlow, "the value is Inbound or Outbound.");
    if (!initiated_by.empty() && !parsed_initiator) return Error(kInitiatedBy, "the value is Us or Them.");
    if (!parsed_flow) {
      parsed_flow = parsed_initiator == domain::InitiatedBy::kThem ? domain::InformationFlow::kInbound
                                                                   : domain::InformationFlow::kOutbound;
    }
    if (!parsed_initiator) {
      parsed_initiator =
          parsed_flow == domain::InformationFlow::kInbound ? domain::InitiatedBy::kThem : domain::InitiatedBy::kUs;
    }
    entry.information_flow = *parsed_flow;
    entry.initiated_by = *parsed_initiator;
    return std::string();
  }

  Result<std::string> ReadFigures(domain::InteractionLogEntry& entry) const {
    const std::optional<double> cost = ParseSpreadsheetNumber(Value(kCost));
    if (!cost) return Error(kCost, "'" + Value(kCost) + "' is not a number.");
    const std::optional<double> duration = ParseSpreadsheetNumber(Value(kDuration));
    if (!duration) return Error(kDuration, "'" + Value(kDuration) + "' is not a number.");
    entry.cost = *cost;
    entry.duration_min = *duration;
    const std::optional<domain::Evaluation> evaluation =
        domain::ParseEvaluation(domain::AsciiLower(Value(kEvaluation)));
    if (!evaluation) {
      return Error(kEvaluation, "the value is Very Positive, Positive, Neutral, Negative, Very Negative or empty.");
    }
    entry.evaluation = *evaluation;
    const std::optional<bool> canceled = ParseYesNo(Value(kCanceled));
    if (!canceled) return Error(kCanceled, "the value is Yes or No.");
    entry.canceled = *canceled;
    const std::optional<bool> email_logged = ParseYesNo(Value(kEmailLogged));
    if (!email_logged) return Error(kEmailLogged, "the value is Yes or No.");
    entry.email_logged = *email_logged;
    return std::string();
  }

  Result<std::optional<domain::Contact>> FindContact(const std::string& no) {
    if (no.empty()) return std::optional<domain::Contact>();
    auto cached = contacts_.find(no);
    if (cached == contacts_.end()) {
      MT_ASSIGN_OR_RETURN(std::optional<domain::Contact> contact, db_.FindContact(no));
      cached = contacts_.emplace(no, std::move(contact)).first;
    }
    return cached->second;
  }

  Result<bool> SalespersonExists(const std::string& code) {
    auto cached = salespersons_.find(code);
    if (cached == salespersons_.end()) {
      MT_ASSIGN_OR_RETURN(const std::optional<domain::Salesperson> salesperson, db_.FindSalesperson(code));
      cached = salespersons_.emplace(code, salesperson.has_value()).first;
    }
    return cached->second;
  }

  db::Database& db_;
  const CsvTable& table_;
  const SpreadsheetLocale& locale_;
  const CsvRecord* row_ = nullptr;
  std::set<std::string> entry_nos_;
  std::map<std::string, std::optional<domain::Contact>> contacts_;
  std::map<std::string, bool> salespersons_;
};

}  // namespace

std::optional<std::string> ParseSpreadsheetDate(std::string_view text, const SpreadsheetLocale& locale) {
  text = text.substr(0, text.find_first_of(" T"));
  for (const char separator : {'-', '/', '.'}) {
    const std::vector<std::string_view> parts = Split(text, separator);
    if (parts.size() != 3) continue;
    if (parts[0].size() == 4) {  // year first: 2025-01-31, 2025/01/31
      const auto year = Digits(parts[0], 4), month = Digits(parts[1], 2), day = Digits(parts[2], 2);
      if (year && month && day) return IsoDate(*year, *month, *day);
      return std::nullopt;
    }
    if (separator == '-') return std::nullopt;
    const bool day_first = separator == '.' || locale.day_first;
    const auto first = Digits(parts[0], 2), second = Digits(parts[1], 2);
    const auto year = Year(parts[2]);
    if (!first || !second || !year) return std::nullopt;
    return day_first ? IsoDate(*year, *second, *first) : IsoDate(*year, *first, *second);
  }
  return std::nullopt;
}

std::optional<std::string> ParseSpreadsheetTime(std::string_view text) {
  if (text.empty()) return "00:00:00";
  std::string lower = domain::AsciiLower(text);
  std::optional<bool> afternoon;
  for (const auto& [suffix, pm] : {std::pair{"am", false}, std::pair{"pm", true}}) {
    if (lower.ends_with(suffix)) {
      afternoon = pm;
      lower.resize(lower.size() - 2);
      while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    }
  }
  std::string_view clock = lower;
  clock = clock.substr(0, clock.find('.'));  // fractions of a second
  const std::vector<std::string_view> parts = Split(clock, ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  // -1 for a part that is not two digits (one for the hour).
  auto two_digits = [](std::string_view part) { return part.size() == 2 ? Digits(part, 2).value_or(-1) : -1; };
  int hour = Digits(parts[0], 2).value_or(-1);
  const int minute = two_digits(parts[1]);
  const int second = parts.size() == 3 ? two_digits(parts[2]) : 0;
  if (hour < 0 || minute < 0 || second < 0 || minute > 59 || second > 59) return std::nullopt;
  if (afternoon) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (*afternoon ? 12 : 0);
  }
  if (hour > 23) return std::nullopt;
  char formatted[32];
  std::snprintf(formatted, sizeof formatted, "%02d:%02d:%02d", hour, minute, second);
  return std::string(formatted);
}

std::optional<double> ParseSpreadsheetNumber(std::string_view text) {
  if (text.empty()) return 0.0;
  const std::size_t last_separator = text.find_last_of(".,");
  bool decimal = last_separator != std::string_view::npos;
  if (decimal && text[last_separator] == ',' && text.find('.') == std::string_view::npos &&
      text.size() - last_separator - 1 == 3) {
    decimal = false;  // 1,234: a thousands separator
  }
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == ',') {
      if (decimal && i == last_separator) plain.push_back('.');
      continue;  // a thousands separator
    }
    if (!((c >= '0' && c <= '9') || (c == '-' && i == 0))) return std::nullopt;
    plain.push_back(c);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

Result<BcImportReport> ImportBusinessCentralEntries(db::Database& db, std::string_view csv,
                                                    const SpreadsheetLocale& locale) {
  MT_ASSIGN_OR_RETURN(const CsvTable table, CsvTable::Read(csv, Columns()));
  RowReader reader(db, table, locale);
  std::vector<db::ImportedEntry> entries;
  std::vector<std::string> errors;
  for (const CsvRecord& row : table.rows()) {
    db::ImportedEntry imported;
    MT_ASSIGN_OR_RETURN(const std::string error, reader.Read(row, imported));
    if (error.empty()) {
      entries.push_back(std::move(imported));
    } else {
      errors.push_back(error);
    }
  }
  MT_RETURN_IF_ERROR(RowErrors(errors));
  MT_ASSIGN_OR_RETURN(const std::size_t imported, db.ImportEntries(kBusinessCentralSource, entries));
  return BcImportReport{.imported = imported, .already_imported = entries.size() - imported};
}

}  // namespace mailtrail::service
