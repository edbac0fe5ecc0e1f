#include "domain/rules.h"

#include <cassert>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "domain/address.h"

namespace mailtrail::domain {
namespace {

Decision Reject(Outcome outcome, std::string reason) {
  Decision decision;
  decision.outcome = outcome;
  decision.reason = std::move(reason);
  return decision;
}

// RFC 2156: absent or "Normal" is the only value that may be logged.
bool IsSensitive(std::string_view sensitivity) {
  std::string value(sensitivity);
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return !value.empty() && value != "normal";
}

// Rule 1a: privacy looks at every address the message shows, Cc included.
bool IsNeverLogged(const Envelope& envelope, const Directory& directory) {
  if (directory.IsNeverLogged(envelope.from)) return true;
  for (const std::vector<std::string>* addresses : {&envelope.to, &envelope.cc}) {
    for (const std::string& address : *addresses) {
      if (directory.IsNeverLogged(address)) return true;
    }
  }
  return false;
}

// Rule 4: one party per distinct contact among the recipients.
std::vector<Party> ContactParties(const Salesperson& sender, const std::vector<std::string>& recipients,
                                  const Directory& directory) {
  std::vector<Party> parties;
  std::unordered_set<std::string> seen;
  for (const auto& address : recipients) {
    if (directory.FindSalesperson(address) != nullptr) continue;  // salesperson first
    auto match = directory.FindContact(address);
    if (!match || !seen.insert(match->contact->no).second) continue;
    parties.push_back({match->contact->no, match->contact->company_no, match->alt_address_code,
                       sender.code});
  }
  return parties;
}

// Rule 5: one party per distinct salesperson among the recipients.
std::vector<Party> SalespersonParties(const ContactMatch& sender,
                                      const std::vector<std::string>& recipients,
                                      const Directory& directory) {
  std::vector<Party> parties;
  std::unordered_set<std::string> seen;
  for (const auto& address : recipients) {
    const Salesperson* salesperson = directory.FindSalesperson(address);
    if (salesperson == nullptr || !seen.insert(salesperson->code).second) continue;
    parties.push_back({sender.contact->no, sender.contact->company_no, sender.alt_address_code,
                       salesperson->code});
  }
  return parties;
}

Decision Log(InformationFlow flow, InitiatedBy who, std::vector<Party> parties) {
  Decision decision;
  decision.outcome = Outcome::kLog;
  decision.information_flow = flow;
  decision.initiated_by = who;
  decision.parties = std::move(parties);
  decision.reason = std::string(ToString(flow)) + " interaction with " +
                    std::to_string(decision.parties.size()) + " counterpart(s)";
  return decision;
}

std::tm UtcParts(UnixTime when) {
  const std::time_t seconds = static_cast<std::time_t>(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return parts;
}

// YYYY-MM-DD; strftime's %Y would write a year before 1000 with fewer digits.
std::string UtcDate(UnixTime when) {
  const std::tm parts = UtcParts(when);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
  return buffer;
}

// HH:MM:SS.
std::string UtcTime(UnixTime when) {
  const std::tm parts = UtcParts(when);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec);
  return buffer;
}

}  // namespace

std::string_view ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kLog: return "logged";
    case Outcome::kSensitive: return "sensitive";
    case Outcome::kNeverLogged: return "never_logged";
    case Outcome::kAddressTooLong: return "address_too_long";
    case Outcome::kInvalid: return "invalid";
    case Outcome::kUnregistered: return "unregistered";
    case Outcome::kDuplicate: return "duplicate";
    case Outcome::kUnauthenticated: return "unauthenticated";
  }
  return "invalid";
}

std::vector<std::string> ConsideredRecipients(const Envelope& envelope, RecipientScope scope) {
  std::vector<std::string> recipients;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::vector<std::string>& addresses) {
    for (const auto& address : addresses) {
      std::string key = NormalizeAddress(address);
      if (!key.empty() && seen.insert(key).second) recipients.push_back(address);
    }
  };
  add(envelope.to);
  if (scope == RecipientScope::kToAndCc) add(envelope.cc);
  return recipients;
}

namespace {

// The matching rules 4-6.
Decision Match(const Envelope& envelope, const Directory& directory, const std::vector<std::string>& recipients) {
  if (const Salesperson* salesperson = directory.FindSalesperson(envelope.from)) {
    auto parties = ContactParties(*salesperson, recipients, directory);
    if (!parties.empty()) return Log(InformationFlow::kOutbound, InitiatedBy::kUs, std::move(parties));
    return Reject(Outcome::kUnregistered, "salesperson sender, no contact among the recipients");
  }
  if (auto contact = directory.FindContact(envelope.from)) {
    auto parties = SalespersonParties(*contact, recipients, directory);
    if (!parties.empty()) return Log(InformationFlow::kInbound, InitiatedBy::kThem, std::move(parties));
    return Reject(Outcome::kUnregistered, "contact sender, no salesperson among the recipients");
  }
  return Reject(Outcome::kUnregistered, "sender is neither a salesperson nor a contact");
}

// "dkim=fail, spf=none, no dmarc": the trusted server's results, for the log.
std::string Results(const SenderCheck& check) {
  std::string text;
  for (const auto& [method, result] : {std::pair<std::string_view, const std::string&>{"dkim", check.dkim},
                                       {"spf", check.spf}, {"dmarc", check.dmarc}}) {
    if (!text.empty()) text += ", ";
    text += result.empty() ? "no " + std::string(method) : std::string(method) + "=" + result;
  }
  return text;
}

}  // namespace

Decision Decide(const Envelope& envelope, const Directory& directory, RecipientScope scope,
                bool already_logged, const SenderPolicy& sender) {
  if (IsSensitive(envelope.sensitivity)) {
    return Reject(Outcome::kSensitive, "Sensitivity: " + envelope.sensitivity);
  }
  if (IsNeverLogged(envelope, directory)) {
    return Reject(Outcome::kNeverLogged, "a sender or recipient address that is never logged");
  }
  const std::vector<std::string> recipients = ConsideredRecipients(envelope, scope);
  if (IsTooLongToMatch(envelope.from)) {
    return Reject(Outcome::kAddressTooLong, "sender address longer than 80 characters");
  }
  for (const auto& address : recipients) {
    if (IsTooLongToMatch(address)) {
      return Reject(Outcome::kAddressTooLong, "recipient address longer than 80 characters");
    }
  }
  if (envelope.draft) return Reject(Outcome::kInvalid, "draft");
  if (NormalizeAddress(envelope.from).empty()) return Reject(Outcome::kInvalid, "no sender");
  if (recipients.empty()) return Reject(Outcome::kInvalid, "no considered recipient");
  if (already_logged) return Reject(Outcome::kDuplicate, "already logged");

  Decision decision = Match(envelope, directory, recipients);
  if (decision.outcome != Outcome::kLog) return decision;
  decision.sender_check = CheckSender(envelope, sender.trusted_authserv_id);
  if (decision.sender_check.verdict != SenderVerdict::kUnauthenticated) return decision;
  const std::string why = "sender not authenticated by " + sender.trusted_authserv_id + " (" +
                          Results(decision.sender_check) + ")";
  switch (sender.unauthenticated.kind) {
    case UnauthenticatedSenderAction::kLog:
      break;
    case UnauthenticatedSenderAction::kFlag:
      decision.review = true;
      decision.reason += "; " + why + ", marked for review";
      break;
    case UnauthenticatedSenderAction::kReject: {
      Decision rejected = Reject(Outcome::kUnauthenticated, why);
      rejected.sender_check = decision.sender_check;
      return rejected;
    }
  }
  return decision;
}

std::vector<InteractionLogEntry> MakeEntries(const Envelope& envelope, const Decision& decision,
                                             const InteractionTemplate& email_template,
                                             UnixTime now) {
  assert(decision.outcome == Outcome::kLog);
  std::optional<UnixTime> when = envelope.sent_at;
  if (decision.information_flow == InformationFlow::kInbound && envelope.received_at) {
    when = envelope.received_at;
  }
  const UnixTime at = when.value_or(now);

  std::vector<InteractionLogEntry> entries;
  entries.reserve(decision.parties.size());
  for (const Party& party : decision.parties) {
    InteractionLogEntry entry;
    entry.contact_no = party.contact_no;
    entry.contact_company_no = party.contact_company_no;
    entry.contact_alt_address_code = party.contact_alt_address_code;
    entry.salesperson_code = party.salesperson_code;
    entry.interaction_template_code = email_template.code;
    entry.interaction_group_code = email_template.group_code;
    entry.information_flow = decision.information_flow;
    entry.initiated_by = decision.initiated_by;
    entry.date = UtcDate(at);
    entry.time = UtcTime(at);
    entry.description = Utf8Prefix(envelope.subject, kDescriptionLength);
    entry.subject = envelope.subject;
    entry.message_id = envelope.message_id;
    entry.cost = email_template.unit_cost;
    entry.duration_min = email_template.unit_duration_min;
    entry.email_logged = true;
    entries.push_back(std::move(entry));
  }
  return entries;
}

InteractionLogEntry MakeInteractionEntry(const InteractionTemplate& tmpl, const Contact& contact,
                                         const std::string& salesperson_code, const std::string& description,
                                         InformationFlow information_flow, InitiatedBy initiated_by, UnixTime now) {
  InteractionLogEntry entry;
  entry.contact_no = contact.no;
  entry.contact_company_no = contact.company_no;
  entry.salesperson_code = salesperson_code;
  entry.interaction_template_code = tmpl.code;
  entry.interaction_group_code = tmpl.group_code;
  entry.information_flow = information_flow;
  entry.initiated_by = initiated_by;
  entry.date = UtcDate(now);
  entry.time = UtcTime(now);
  entry.description = Utf8Prefix(description, kDescriptionLength);
  entry.subject = description;
  entry.cost = tmpl.unit_cost;
  entry.duration_min = tmpl.unit_duration_min;
  return entry;
}

}  // namespace mailtrail::domain
