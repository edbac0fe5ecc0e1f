#include "service/json_views.h"

#include <cstdio>
#include <ctime>

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
          {"attachment_no", e.attachment_no != 0 ? nlohmann::ordered_json(e.attachment_no) : nullptr},
          {"cost", e.cost},
          {"duration_min", e.duration_min},
          {"email_logged", e.email_logged},
          {"evaluation", domain::ToString(e.evaluation)},
          {"canceled", e.canceled},
          {"postponed", e.postponed},
          {"file_name", e.file_name},
          {"sender_check", e.sender_check.empty() ? nullptr : nlohmann::ordered_json(e.sender_check)},
          {"review", e.review}};
}

nlohmann::ordered_json GroupJson(const domain::InteractionGroup& g) {
  return {{"code", g.code}, {"description", g.description}};
}

nlohmann::ordered_json TemplateJson(const domain::InteractionTemplate& t) {
  auto text_or_null = [](const auto& value) {
    return value ? nlohmann::ordered_json(domain::ToString(*value)) : nlohmann::ordered_json();
  };
  return {{"code", t.code},
          {"group_code", t.group_code},
          {"description", t.description},
          {"unit_cost", t.unit_cost},
          {"unit_duration_min", t.unit_duration_min},
          {"information_flow", text_or_null(t.information_flow)},
          {"initiated_by", text_or_null(t.initiated_by)}};
}

nlohmann::ordered_json SalespersonJson(const domain::Salesperson& s) {
  return {{"code", s.code}, {"name", s.name}, {"email", s.email}};
}

nlohmann::ordered_json ContactJson(const domain::Contact& c) {
  return {{"no", c.no},
          {"type", domain::ToString(c.type)},
          {"name", c.name},
          {"email", c.email},
          {"company_no", c.company_no},
          {"do_not_log", c.do_not_log}};
}

nlohmann::ordered_json AltAddressJson(const domain::ContactAltAddress& a) {
  return {{"contact_no", a.contact_no}, {"code", a.code}, {"email", a.email}};
}

nlohmann::ordered_json UserJson(const domain::User& u) {
  return {{"name", u.name}, {"permission_set", domain::ToString(u.permission_set)}};
}

nlohmann::ordered_json JobJson(const domain::JobQueueEntry& j) {
  return {{"id", j.id},
          {"object_to_run", j.object_to_run},
          {"description", j.description},
          {"category", j.category},
          {"every_minutes", j.recurrence.every_minutes},
          {"start_time", FormatTimeOfDay(j.recurrence.start_minute)},
          {"end_time", FormatTimeOfDay(j.recurrence.end_minute)},
          {"weekdays", domain::WeekdaysToString(j.recurrence.weekdays)},
          {"earliest_start", FormatTime(j.earliest_start)},
          {"status", domain::ToString(j.status)},
          {"max_attempts", j.max_attempts},
          {"attempts", j.attempts},
          {"last_error", j.last_error},
          {"last_error_context", j.last_error_context},
          {"worker", j.lease_owner}};
}

nlohmann::ordered_json RunJson(const domain::JobRun& r) {
  return {{"id", r.id},
          {"job_id", r.job_id},
          {"worker", r.worker},
          {"started_at", FormatTime(r.started_at)},
          {"ended_at", FormatTime(r.ended_at)},
          {"status", domain::ToString(r.status)},
          {"summary", r.summary.empty() ? nlohmann::ordered_json()
                                        : nlohmann::ordered_json::parse(r.summary, nullptr, false)},
          {"error", r.error},
          {"error_context", r.error_context},
          {"progress", {{"done", r.progress_done}, {"total", r.progress_total}}}};
}

std::string FormatTime(domain::UnixTime when) {
  if (when == 0) return "";
  std::time_t seconds = static_cast<std::time_t>(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%SZ", &parts);
  return text;
}

std::string FormatTimeOfDay(const std::optional<int>& minute) {
  if (!minute) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", *minute / 60, *minute % 60);
  return text;
}

}  // namespace mailtrail::service
