#include "service/directory_import.h"

#include <algorithm>
#include <set>

#include "service/csv_table.h"
#include "service/directory_admin.h"

namespace mailtrail::service {

namespace {

enum SalespersonColumn { kSalespersonCode, kSalespersonName, kSalespersonEmail };

enum ContactColumn { kContactNo, kContactType, kContactName, kContactEmail, kContactCompanyNo, kContactDoNotLog };

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

// Runs `row` for each row in one transaction; errors of rows are collected, and
// any of them rolls the whole file back.
template <typename RowFunction>
Status ImportRows(db::Database& db, const std::vector<const CsvRecord*>& rows, RowFunction&& import_row) {
  return db.RunInTransaction([&]() -> Status {
    std::vector<std::string> errors;
    for (const CsvRecord* row : rows) {
      const Result<std::string> error = import_row(*row);  // "" when the row went in
      if (!error.ok()) return error.status();
      if (!error->empty()) errors.push_back(*error);
    }
    return RowErrors(errors);
  });
}

std::vector<const CsvRecord*> InFileOrder(const CsvTable& table) {
  std::vector<const CsvRecord*> rows;
  for (const CsvRecord& row : table.rows()) rows.push_back(&row);
  return rows;
}

}  // namespace

Result<ImportReport> ImportSalespersonsCsv(db::Database& db, std::string_view csv, const ImportOptions& options) {
  MT_ASSIGN_OR_RETURN(const CsvTable table, CsvTable::Read(csv, {{"Code", {}, true},
                                                                   {"Name", {}, true},
                                                                   {"Email", {"E-Mail"}}}));
  ImportReport report;
  std::set<std::string> seen;
  MT_RETURN_IF_ERROR(ImportRows(db, InFileOrder(table), [&](const CsvRecord& row) -> Result<std::string> {
    const domain::Salesperson salesperson{domain::UpperCaseCode(table.Value(row, kSalespersonCode)),
                                          table.Value(row, kSalespersonName), table.Value(row, kSalespersonEmail)};
    if (!salesperson.code.empty() && !seen.insert(salesperson.code).second) {
      return table.Error(row, kSalespersonCode, "'" + salesperson.code + "' is in the file twice.");
    }
    MT_ASSIGN_OR_RETURN(const std::optional<domain::Salesperson> existing, db.FindSalesperson(salesperson.code));
    if (existing && !options.update) {
      return table.Error(row, kSalespersonCode,
                         "salesperson '" + salesperson.code + "' exists already (import with --update to overwrite it).");
    }
    const Status status = existing ? UpdateSalesperson(db, salesperson) : AddSalesperson(db, salesperson);
    if (!status.ok()) return IsRowError(status) ? Result<std::string>(LineError(row, status.message())) : status;
    ++(existing ? report.updated : report.added);
    return std::string();
  }));
  return report;
}

Result<ImportReport> ImportContactsCsv(db::Database& db, std::string_view csv, const ImportOptions& options) {
  MT_ASSIGN_OR_RETURN(const CsvTable table, CsvTable::Read(csv, {{"No", {}},
                                                                   {"Type", {}},
                                                                   {"Name", {}, true},
                                                                   {"Email", {"E-Mail"}},
                                                                   {"Company No", {}},
                                                                   {"Do Not Log", {}}}));
  // Companies first, so that persons of the file can name them.
  std::vector<const CsvRecord*> rows = InFileOrder(table);
  auto is_person = [&](const CsvRecord* row) {
    const std::string type = Lower(table.Value(*row, kContactType));
    return type == "person" || (type.empty() && !table.Value(*row, kContactCompanyNo).empty());
  };
  std::stable_partition(rows.begin(), rows.end(), [&](const CsvRecord* row) { return !is_person(row); });

  ImportReport report;
  std::set<std::string> seen;
  MT_RETURN_IF_ERROR(ImportRows(db, rows, [&](const CsvRecord& row) -> Result<std::string> {
    domain::Contact contact{.no = table.Value(row, kContactNo),
                            .name = table.Value(row, kContactName),
                            .email = table.Value(row, kContactEmail),
                            .company_no = table.Value(row, kContactCompanyNo)};
    const std::string type = Lower(table.Value(row, kContactType));
    if (!type.empty() && !domain::ParseContactType(type)) {
      return table.Error(row, kContactType, "'" + type + "' is neither company nor person.");
    }
    const std::optional<bool> do_not_log = ParseYesNo(table.Value(row, kContactDoNotLog));
    if (!do_not_log) return table.Error(row, kContactDoNotLog, "the value is yes or no.");
    contact.do_not_log = *do_not_log;
    if (!contact.no.empty() && !seen.insert(contact.no).second) {
      return table.Error(row, kContactNo, "'" + contact.no + "' is in the file twice.");
    }
    std::optional<domain::Contact> existing;
    if (!contact.no.empty()) {
      MT_ASSIGN_OR_RETURN(existing, db.FindContact(contact.no));
    }
    if (existing && !options.update) {
      return table.Error(row, kContactNo,
                         "contact '" + contact.no + "' exists already (import with --update to overwrite it).");
    }
    // An existing contact keeps its type when the file leaves it out.
    contact.type = existing && type.empty() ? existing->type
                   : is_person(&row)        ? domain::ContactType::kPerson
                                            : domain::ContactType::kCompany;
    const Status status = existing ? UpdateContact(db, contact) : AddContact(db, contact).status();
    if (!status.ok()) return IsRowError(status) ? Result<std::string>(LineError(row, status.message())) : status;
    ++(existing ? report.updated : report.added);
    return std::string();
  }));
  return report;
}

}  // namespace mailtrail::service
