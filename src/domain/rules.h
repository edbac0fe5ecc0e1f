// The processing contract of DESIGN.md as pure functions: one parsed message plus a
// directory snapshot in, one decision out; a decision plus a template in, entries out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/directory.h"
#include "domain/model.h"
#include "domain/sender_check.h"

namespace mailtrail::domain {

// What happens to a queue message. Every outcome but kLog and kDuplicate means
// "remove from the queue, store nothing, log nothing" (kUnregistered may instead
// move it to a review folder, by setup).
enum class Outcome {
  kLog,             // rules 4, 5, 8: store and create entries
  kSensitive,       // rule 1
  kNeverLogged,     // rule 1a: from or to an address that is never logged
  kAddressTooLong,  // rule 2
  kInvalid,         // rule 3: draft, no sender, or no considered recipient
  kUnregistered,    // rule 6
  kDuplicate,       // rule 7: already logged; only its link may need repair
  // Loggable, but the trusted server did not authenticate the sender and the
  // setup rejects such mail: moved to its review folder, not logged.
  kUnauthenticated,
};
std::string_view ToString(Outcome outcome);  // "logged", "sensitive", ...

// One counterpart of a logged message; each becomes one entry.
struct Party {
  std::string contact_no;
  std::string contact_company_no;
  std::string contact_alt_address_code;
  std::string salesperson_code;
};

struct Decision {
  Outcome outcome = Outcome::kInvalid;
  InformationFlow information_flow = InformationFlow::kOutbound;  // kLog only
  InitiatedBy initiated_by = InitiatedBy::kUs;                    // kLog only
  std::vector<Party> parties;  // kLog only; at least one
  std::string reason;          // why, for a person reading the log
  SenderCheck sender_check;    // kLog and kUnauthenticated
  bool review = false;         // kLog: logged, marked for review
};

// How Decide treats senders: whose Authentication-Results count, and what
// becomes of loggable mail whose sender they do not authenticate. The default
// trusts no server: every sender stays unchecked and is logged.
struct SenderPolicy {
  std::string trusted_authserv_id;
  UnauthenticatedSenderAction unauthenticated;
};

// The considered recipients: To (and Cc, by scope), in header order, without
// case-insensitive repeats and empty addresses. Bcc is never considered.
std::vector<std::string> ConsideredRecipients(const Envelope& envelope, RecipientScope scope);

// Applies rules 1-7 in this order: sensitivity, privacy (the sender, a To or a
// Cc address is never logged, whatever the recipient scope), address length, draft/sender/
// recipients, already logged, then matching (a salesperson sender with contact
// recipients logs outbound; else a contact sender with salesperson recipients logs
// inbound; anything else is unregistered). An address that is both a salesperson
// and a contact counts as the salesperson. `already_logged` is whether a message
// with the same Message-ID (content hash when it has none) has an attachment; it
// is checked before matching so that re-processing restores links even when a
// party has since left the directory. Mail that would be logged is then checked
// by CheckSender under `sender`: an unauthenticated sender is logged, logged for
// review, or kUnauthenticated, as the policy says.
Decision Decide(const Envelope& envelope, const Directory& directory, RecipientScope scope,
                bool already_logged, const SenderPolicy& sender = {});

// Characters of the subject kept in an entry's description.
inline constexpr std::size_t kDescriptionLength = 100;

// The entries of a kLog decision, one per party, sharing `attachment_no` (0 until
// committed). Date/time (UTC): the sent date for outbound mail; for inbound mail
// the received date where known, else the sent date; `now` when neither is known.
// REQUIRES: decision.outcome == Outcome::kLog
std::vector<InteractionLogEntry> MakeEntries(const Envelope& envelope, const Decision& decision,
                                             const InteractionTemplate& email_template,
                                             UnixTime now);

// The entry of an interaction a person creates (Business Central's Create
// Interaction): template, group, unit cost and unit duration from `tmpl`;
// `contact`'s no and company no; date and time `now` (UTC); subject
// `description`, and description its first kDescriptionLength characters. Not
// email logged, no attachment, not postponed.
InteractionLogEntry MakeInteractionEntry(const InteractionTemplate& tmpl, const Contact& contact,
                                         const std::string& salesperson_code, const std::string& description,
                                         InformationFlow information_flow, InitiatedBy initiated_by, UnixTime now);

}  // namespace mailtrail::domain
