// The vocabulary of DESIGN.md as plain value types. No I/O, no behaviour beyond
// conversions to and from the stable text forms used in the database, CLI and API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailtrail::domain {

// Seconds since 1970-01-01T00:00:00Z.
using UnixTime = std::int64_t;

// `text` with its ASCII letters upper-cased: the form codes (of salespersons,
// alt addresses, interaction groups and templates) are kept in, as in Business
// Central's Code fields.
std::string UpperCaseCode(std::string_view text);

struct Salesperson {
  std::string code;  // <= 20 characters, upper-case
  std::string name;
  std::string email;
};

enum class ContactType { kCompany, kPerson };
std::string_view ToString(ContactType type);  // "company" | "person"
std::optional<ContactType> ParseContactType(std::string_view text);

struct Contact {
  std::string no;  // e.g. CT000001; contacts are ordered by no
  ContactType type = ContactType::kCompany;
  std::string name;
  std::string email;       // may be empty
  std::string company_no;  // a person's company; a company's own no
  // Mail from or to the contact's addresses is never stored or logged.
  bool do_not_log = false;
};

struct ContactAltAddress {
  std::string contact_no;
  std::string code;
  std::string email;
};

struct InteractionGroup {
  std::string code;
  std::string description;
};

// The group every email-logging template must belong to.
inline constexpr std::string_view kSystemGroupCode = "SYSTEM";

enum class InformationFlow { kInbound, kOutbound };
std::string_view ToString(InformationFlow flow);  // "inbound" | "outbound"
std::optional<InformationFlow> ParseInformationFlow(std::string_view text);

// How a person judged an interaction (Business Central's Evaluate action).
enum class Evaluation { kNone, kVeryPositive, kPositive, kNeutral, kNegative, kVeryNegative };
// "", "very positive", "positive", "neutral", "negative", "very negative".
std::string_view ToString(Evaluation evaluation);
std::optional<Evaluation> ParseEvaluation(std::string_view text);

enum class InitiatedBy { kUs, kThem };
std::string_view ToString(InitiatedBy who);  // "us" | "them"
std::optional<InitiatedBy> ParseInitiatedBy(std::string_view text);

struct InteractionTemplate {
  std::string code;
  std::string group_code;
  std::string description;
  double unit_cost = 0;
  double unit_duration_min = 0;
  std::optional<InformationFlow> information_flow;  // unset: decided per interaction
  std::optional<InitiatedBy> initiated_by;
};

// Which recipient headers are considered when matching. Bcc never is.
enum class RecipientScope { kTo, kToAndCc };
std::string_view ToString(RecipientScope scope);  // "to" | "to,cc"
std::optional<RecipientScope> ParseRecipientScope(std::string_view text);

// What happens to a message that matches no salesperson/contact pair.
struct UnmatchedAction {
  std::string move_to_folder;  // empty: delete from the queue
  bool deletes() const { return move_to_folder.empty(); }
};
std::string ToString(const UnmatchedAction& action);  // "delete" | "move:FOLDER"
std::optional<UnmatchedAction> ParseUnmatchedAction(std::string_view text);

// What a pass does with loggable mail whose sender the trusted server could not
// authenticate (see sender_check.h).
struct UnauthenticatedSenderAction {
  enum Kind {
    kLog,     // log it; the results are recorded
    kFlag,    // log it, marked for review
    kReject,  // do not log it; move it to review_folder
  };
  Kind kind = kLog;
  std::string review_folder;  // kReject only
};
std::string ToString(const UnauthenticatedSenderAction& action);  // "log" | "flag" | "reject:FOLDER"
std::optional<UnauthenticatedSenderAction> ParseUnauthenticatedSenderAction(std::string_view text);

// The marketing setup: business settings stored in the database.
struct Setup {
  std::string mail_store;      // e.g. maildir:///var/mail/sales
  std::string queue_folder;    // e.g. Queue
  std::string storage_folder;  // e.g. Storage
  std::string email_template;  // interaction template code, e.g. EMAIL
  std::int64_t batch_size = 0;  // messages per pass; 0 = no limit
  RecipientScope recipients = RecipientScope::kTo;
  bool inherit_communication_details = true;
  UnmatchedAction unmatched_action;
  bool require_tls = false;  // IMAP: never log in without TLS
  std::string ca_file;       // IMAP: PEM file of the CA that signs the server's certificate
  // The most bytes a file attached to a created interaction may have.
  std::int64_t max_file_size = 10 * 1024 * 1024;
  // The authserv-id (RFC 8601) of the receiving server whose
  // Authentication-Results headers are trusted; empty: none is, and senders
  // stay unchecked.
  std::string authserv_id;
  UnauthenticatedSenderAction unauthenticated_sender;
};

// One Authentication-Results header (RFC 8601): what a receiving server found.
struct AuthenticationResults {
  struct MethodResult {
    std::string method;  // "dkim", "spf", "dmarc", ...; lower case
    std::string result;  // "pass", "fail", "none", ...; lower case
    // ptype.property -> value, e.g. {"header.d", "example.com"}; keys lower case.
    std::vector<std::pair<std::string, std::string>> properties;
    bool operator==(const MethodResult&) const = default;
  };
  std::string authserv_id;  // lower case
  std::vector<MethodResult> results;
  bool operator==(const AuthenticationResults&) const = default;
};

// What the parser extracts from one message: everything the rules look at.
struct Envelope {
  std::string from;             // sender address; empty when there is none
  std::vector<std::string> to;  // addresses only, in header order
  std::vector<std::string> cc;
  std::string subject;          // decoded to UTF-8
  std::optional<UnixTime> sent_at;      // Date:
  std::optional<UnixTime> received_at;  // the newest Received: stamp, when there is one
  std::string message_id;       // without angle brackets; empty when there is none
  std::string sensitivity;      // Sensitivity: value, trimmed; empty when absent
  // Every Authentication-Results header, topmost (added last) first.
  std::vector<AuthenticationResults> authentication_results;
  bool draft = false;           // marked as a draft (by the header or by the mail store)
  // Lower-case hex SHA-256 of the whole raw message: the message's identity when
  // it has no Message-ID. Empty when it has one (the header block is then all a
  // pass reads, which spares reading bodies from disk or the network).
  std::string content_hash;
  // The limits on untrusted input (mime/parse_limits.h) the message passed while
  // it was parsed, by setting name, e.g. "max_header_bytes": the fields above hold
  // only what was kept within them. Empty for nearly all mail.
  std::vector<std::string> limits_passed;
};

// Where a stored message lives in the mail store.
struct StoredLocation {
  std::string folder;            // storage folder name
  std::string key;               // Maildir: unique file name (without flags); IMAP: UID
  std::int64_t uidvalidity = 0;  // IMAP only; 0 for Maildir
  bool operator==(const StoredLocation&) const = default;
};

// The link from entries to one stored message.
// Whether the trusted server authenticated a message's sender, and what it found.
enum class SenderVerdict {
  kUnchecked,        // no trusted server's results (none named, or it never saw the message)
  kAuthenticated,    // DMARC pass, or without DMARC an aligned DKIM or SPF pass
  kUnauthenticated,  // the trusted server's results, and none of those passes
};
std::string_view ToString(SenderVerdict verdict);  // "unchecked" | "authenticated" | "unauthenticated"
std::optional<SenderVerdict> ParseSenderVerdict(std::string_view text);

struct SenderCheck {
  SenderVerdict verdict = SenderVerdict::kUnchecked;
  // The trusted server's result of each method ("pass", "fail", ...); empty when
  // it gave none.
  std::string dkim;
  std::string spf;
  std::string dmarc;
};

struct Attachment {
  std::int64_t attachment_no = 0;
  StoredLocation location;
  std::string message_id;    // empty when the message had none
  std::string content_hash;  // hex SHA-256; empty when message_id is not
  std::int64_t size = 0;     // bytes
  SenderCheck sender_check;
  // Logged for a person to review (setup unauthenticated-sender flag).
  bool review = false;
};

struct InteractionLogEntry {
  std::int64_t entry_no = 0;
  std::string contact_no;
  std::string contact_company_no;
  std::string contact_alt_address_code;
  std::string salesperson_code;
  std::string interaction_template_code;
  std::string interaction_group_code;
  InformationFlow information_flow = InformationFlow::kOutbound;
  InitiatedBy initiated_by = InitiatedBy::kUs;
  std::string date;         // YYYY-MM-DD, UTC
  std::string time;         // HH:MM:SS, UTC
  std::string description;  // the first 100 characters of the subject
  std::string subject;
  std::string message_id;
  std::int64_t attachment_no = 0;
  double cost = 0;
  double duration_min = 0;
  bool email_logged = false;
  Evaluation evaluation = Evaluation::kNone;  // set by a person afterwards
  bool canceled = false;                      // set by a person afterwards
  // A created interaction saved to finish later: not among the entries until
  // it is resumed and completed. Email logging never makes one.
  bool postponed = false;
  std::string file_name;  // the name of a created interaction's file; "" without one
  // Its attachment's: the SenderVerdict as text ("" without an attachment), and
  // whether it is marked for review.
  std::string sender_check;
  bool review = false;
};

// A file a person attached to an interaction they created, kept in the database.
struct InteractionFile {
  std::string name;     // as it was uploaded, e.g. "offer.pdf"
  std::string type;     // its media type, e.g. "application/pdf"
  std::string content;  // the bytes
};

}  // namespace mailtrail::domain
