#include "service/json_views.h"

namespace mailtrail::service {

nlohmann::ordered_json EntryJson(const domain::InteractionLogEntry& e) {
  return {{"entry_no", e.entry_no},
          {"contact_no", e.contact_no},
          {"contact_company_no", e.contact_company_no},
          {"contact_alt_address_code", e.contact_alt_address_code},
          {"salesperson_code", e.salesperson_code},
          {"interaction_template_code", e.interaction_template_code},
          {"interaction_group_code", e.interaction_group_code},
          {"information_flow", domain::ToString(e.information_flow)},
          {"initiated_by", domain::ToString(e.initiated_by)},
          {"date", e.date},
          {"time", e.time},
          {"description", e.description},
          {"subject", e.subject},
          {"message_id", e.message_id},
          {"attachment_no", e.attachment_no},
          {"cost", e.cost},
          {"duration_min", e.duration_min},
          {"email_logged", e.email_logged},
          {"evaluation", domain::ToString(e.evaluation)},
          {"canceled", e.canceled}};
}

nlohmann::ordered_json SalespersonJson(const domain::Salesperson& s) {
  return {{"code", s.code}, {"name", s.name}, {"email", s.email}};
}

nlohmann::ordered_json ContactJson(const domain::Contact& c) {
  return {{"no", c.no},
          {"type", domain::ToString(c.type)},
          {"name", c.name},
          {"email", c.email},
          {"company_no", c.company_no}};
}

nlohmann::ordered_json UserJson(const domain::User& u) {
  return {{"name", u.name}, {"permission_set", domain::ToString(u.permission_set)}};
}

}  // namespace mailtrail::service
