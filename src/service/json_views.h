// The JSON form of the domain's records, one for the CLI's --format json and the
// REST API alike, so that a script sees the same fields either way.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/job.h"
#include "domain/model.h"
#include "domain/user.h"

namespace mailtrail::service {

// Fields in this order: entry_no, contact_no, contact_company_no,
// contact_alt_address_code, salesperson_code, interaction_template_code,
// interaction_group_code, information_flow, initiated_by, date, time,
// description, subject, message_id, attachment_no (null for an interaction a
// person created), cost, duration_min, email_logged, evaluation, canceled,
// postponed, file_name ("" without a file).
nlohmann::ordered_json EntryJson(const domain::InteractionLogEntry& entry);
// code, description.
nlohmann::ordered_json GroupJson(const domain::InteractionGroup& group);
// code, group_code, description, unit_cost, unit_duration_min, information_flow
// and initiated_by (null when the template leaves them to each interaction).
nlohmann::ordered_json TemplateJson(const domain::InteractionTemplate& tmpl);
// code, name, email.
nlohmann::ordered_json SalespersonJson(const domain::Salesperson& salesperson);
// no, type, name, email, company_no.
nlohmann::ordered_json ContactJson(const domain::Contact& contact);
// contact_no, code, email.
nlohmann::ordered_json AltAddressJson(const domain::ContactAltAddress& address);
// name, permission_set; never the password hash.
nlohmann::ordered_json UserJson(const domain::User& user);
// id, object_to_run, description, category, every_minutes, start_time, end_time,
// weekdays, earliest_start, status, max_attempts, attempts, last_error,
// last_error_context, worker (while in process).
nlohmann::ordered_json JobJson(const domain::JobQueueEntry& job);
// id, job_id, worker, started_at, ended_at, status, summary (the pass's counts as
// an object; null while running), error, error_context, progress ({done, total}:
// messages, for a relog; 0 of 0 for other jobs).
nlohmann::ordered_json RunJson(const domain::JobRun& run);

// "YYYY-MM-DD HH:MM:SSZ" (UTC); "" for 0, a time not yet set.
std::string FormatTime(domain::UnixTime when);
// Minutes since midnight as "HH:MM"; "" when unset.
std::string FormatTimeOfDay(const std::optional<int>& minute);

// A JSON array of `view` of each item, e.g. JsonArray(contacts, ContactJson).
template <typename T>
nlohmann::ordered_json JsonArray(const std::vector<T>& items, nlohmann::ordered_json (*view)(const T&)) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const T& item : items) array.push_back(view(item));
  return array;
}

}  // namespace mailtrail::service
