// The JSON form of the domain's records, one for the CLI's --format json and the
// REST API alike, so that a script sees the same fields either way.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "domain/model.h"
#include "domain/user.h"

namespace mailtrail::service {

// Fields in this order: entry_no, contact_no, contact_company_no,
// contact_alt_address_code, salesperson_code, interaction_template_code,
// interaction_group_code, information_flow, initiated_by, date, time,
// description, subject, message_id, attachment_no, cost, duration_min,
// email_logged, evaluation, canceled.
nlohmann::ordered_json EntryJson(const domain::InteractionLogEntry& entry);
// code, name, email.
nlohmann::ordered_json SalespersonJson(const domain::Salesperson& salesperson);
// no, type, name, email, company_no.
nlohmann::ordered_json ContactJson(const domain::Contact& contact);
// name, permission_set; never the password hash.
nlohmann::ordered_json UserJson(const domain::User& user);

// A JSON array of `view` of each item, e.g. JsonArray(contacts, ContactJson).
template <typename T>
nlohmann::ordered_json JsonArray(const std::vector<T>& items, nlohmann::ordered_json (*view)(const T&)) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const T& item : items) array.push_back(view(item));
  return array;
}

}  // namespace mailtrail::service
