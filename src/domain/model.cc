#include "domain/model.h"

namespace mailtrail::domain {

std::string UpperCaseCode(std::string_view text) {
  std::string code(text);
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

std::string_view ToString(ContactType type) {
  return type == ContactType::kCompany ? "company" : "person";
}

std::optional<ContactType> ParseContactType(std::string_view text) {
  if (text == "company") return ContactType::kCompany;
  if (text == "person") return ContactType::kPerson;
  return std::nullopt;
}

std::string_view ToString(InformationFlow flow) {
  return flow == InformationFlow::kInbound ? "inbound" : "outbound";
}

std::optional<InformationFlow> ParseInformationFlow(std::string_view text) {
  if (text == "inbound") return InformationFlow::kInbound;
  if (text == "outbound") return InformationFlow::kOutbound;
  return std::nullopt;
}

std::string_view ToString(InitiatedBy who) { return who == InitiatedBy::kUs ? "us" : "them"; }

std::optional<InitiatedBy> ParseInitiatedBy(std::string_view text) {
  if (text == "us") return InitiatedBy::kUs;
  if (text == "them") return InitiatedBy::kThem;
  return std::nullopt;
}

std::string_view ToString(Evaluation evaluation) {
  switch (evaluation) {
    case Evaluation::kNone: return "";
    case Evaluation::kVeryPositive: return "very positive";
    case Evaluation::kPositive: return "positive";
    case Evaluation::kNeutral: return "neutral";
    case Evaluation::kNegative: return "negative";
    case Evaluation::kVeryNegative: return "very negative";
  }
  return "";
}

std::optional<Evaluation> ParseEvaluation(std::string_view text) {
  for (Evaluation evaluation : {Evaluation::kNone, Evaluation::kVeryPositive, Evaluation::kPositive,
                                Evaluation::kNeutral, Evaluation::kNegative, Evaluation::kVeryNegative}) {
    if (ToString(evaluation) == text) return evaluation;
  }
  return std::nullopt;
}

std::string_view ToString(RecipientScope scope) {
  return scope == RecipientScope::kTo ? "to" : "to,cc";
}

std::optional<RecipientScope> ParseRecipientScope(std::string_view text) {
  if (text == "to") return RecipientScope::kTo;
  if (text == "to,cc" || text == "cc,to") return RecipientScope::kToAndCc;
  return std::nullopt;
}

std::string ToString(const UnmatchedAction& action) {
  return action.deletes() ? "delete" : "move:" + action.move_to_folder;
}

std::optional<UnmatchedAction> ParseUnmatchedAction(std::string_view text) {
  if (text == "delete") return UnmatchedAction{};
  constexpr std::string_view kMove = "move:";
  if (text.substr(0, kMove.size()) == kMove && text.size() > kMove.size()) {
    return UnmatchedAction{std::string(text.substr(kMove.size()))};
  }
  return std::nullopt;
}

std::string ToString(const UnauthenticatedSenderAction& action) {
  switch (action.kind) {
    case UnauthenticatedSenderAction::kLog: return "log";
    case UnauthenticatedSenderAction::kFlag: return "flag";
    case UnauthenticatedSenderAction::kReject: return "reject:" + action.review_folder;
  }
  return "log";
}

std::optional<UnauthenticatedSenderAction> ParseUnauthenticatedSenderAction(std::string_view text) {
  if (text == "log") return UnauthenticatedSenderAction{};
  if (text == "flag") return UnauthenticatedSenderAction{UnauthenticatedSenderAction::kFlag, ""};
  constexpr std::string_view kReject = "reject:";
  if (text.starts_with(kReject) && text.size() > kReject.size()) {
    return UnauthenticatedSenderAction{UnauthenticatedSenderAction::kReject, std::string(text.substr(kReject.size()))};
  }
  return std::nullopt;
}

std::string_view ToString(SenderVerdict verdict) {
  switch (verdict) {
    case SenderVerdict::kUnchecked: return "unchecked";
    case SenderVerdict::kAuthenticated: return "authenticated";
    case SenderVerdict::kUnauthenticated: return "unauthenticated";
  }
  return "unchecked";
}

std::optional<SenderVerdict> ParseSenderVerdict(std::string_view text) {
  for (SenderVerdict verdict :
       {SenderVerdict::kUnchecked, SenderVerdict::kAuthenticated, SenderVerdict::kUnauthenticated}) {
    if (text == ToString(verdict)) return verdict;
  }
  return std::nullopt;
}

}  // namespace mailtrail::domain
