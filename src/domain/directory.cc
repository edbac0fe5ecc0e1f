#include "domain/directory.h"

#include <algorithm>
#include <tuple>

#include "domain/address.h"

namespace mailtrail::domain {

Directory::Directory(std::vector<Salesperson> salespersons, std::vector<Contact> contacts,
                     std::vector<ContactAltAddress> alt_addresses, std::vector<std::string> never_log)
    : salespersons_(std::move(salespersons)), contacts_(std::move(contacts)) {
  // Indexes keep the first entry for an address, so ordering decides who wins.
  std::sort(contacts_.begin(), contacts_.end(),
            [](const Contact& a, const Contact& b) { return a.no < b.no; });
  std::sort(alt_addresses.begin(), alt_addresses.end(),
            [](const ContactAltAddress& a, const ContactAltAddress& b) {
              return std::tie(a.contact_no, a.code) < std::tie(b.contact_no, b.code);
            });

  // An email of white space alone is no address: it is not indexed, so that it
  // never matches a message without a sender or recipient.
  for (std::size_t i = 0; i < salespersons_.size(); ++i) {
    if (std::string key = NormalizeAddress(salespersons_[i].email); !key.empty()) {
      salesperson_by_address_.emplace(std::move(key), i);
    }
  }
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    contact_by_no_.emplace(contacts_[i].no, i);
    if (std::string key = NormalizeAddress(contacts_[i].email); !key.empty()) {
      if (contacts_[i].do_not_log) never_logged_addresses_.insert(key);
      contact_by_address_.emplace(std::move(key), i);
    }
  }
  for (const auto& alt : alt_addresses) {
    auto owner = contact_by_no_.find(alt.contact_no);
    std::string key = NormalizeAddress(alt.email);
    if (owner == contact_by_no_.end() || key.empty()) continue;
    if (contacts_[owner->second].do_not_log) never_logged_addresses_.insert(key);
    contact_by_alt_address_.emplace(std::move(key), AltTarget{owner->second, alt.code});
  }
  for (const std::string& entry : never_log) {
    if (entry.find('@') != std::string::npos) {
      never_logged_addresses_.insert(NormalizeAddress(entry));
    } else {
      never_logged_domains_.insert(NormalizeDomain(entry));
    }
  }
}

bool Directory::IsNeverLogged(std::string_view address) const {
  const std::string key = NormalizeAddress(address);
  if (key.empty()) return false;
  if (never_logged_addresses_.contains(key)) return true;
  const std::size_t at = key.rfind('@');
  if (at == std::string::npos) return false;
  // The domain, then each parent domain: "mail.clinic.example", "clinic.example", "example".
  for (std::string_view domain = std::string_view(key).substr(at + 1); !domain.empty();) {
    if (never_logged_domains_.contains(std::string(domain))) return true;
    const std::size_t dot = domain.find('.');
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return false;
}

Result<std::string> CheckNeverLogEntry(std::string_view entry) {
  std::string text = NormalizeAddress(entry);
  if (text.starts_with('@')) text.erase(0, 1);
  if (text.find('@') == std::string::npos && !text.empty()) text = NormalizeDomain(text);
  const auto problem = [&entry](std::string_view why) {
    return Status::InvalidArgument("'" + std::string(entry) + "' cannot go on the never-log list: " +
                                   std::string(why) + " (give an address like ann@example.com or a domain like "
                                   "example.com).");
  };
  if (text.empty()) return problem("it is empty");
  if (std::any_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    return problem("it contains white space");
  }
  const std::size_t at = text.find('@');
  if (at != std::string::npos && text.find('@', at + 1) != std::string::npos) return problem("it has more than one '@'");
  const std::string_view domain = at == std::string::npos ? std::string_view(text) : std::string_view(text).substr(at + 1);
  if (at == 0) return problem("it has no local part before the '@'");
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return problem("it has no domain");
  return text;
}

const Salesperson* Directory::FindSalesperson(std::string_view address) const {
  auto it = salesperson_by_address_.find(NormalizeAddress(address));
  return it == salesperson_by_address_.end() ? nullptr : &salespersons_[it->second];
}

std::optional<ContactMatch> Directory::FindContact(std::string_view address) const {
  const std::string key = NormalizeAddress(address);
  if (auto it = contact_by_address_.find(key); it != contact_by_address_.end()) {
    return ContactMatch{&contacts_[it->second], ""};
  }
  if (auto it = contact_by_alt_address_.find(key); it != contact_by_alt_address_.end()) {
    return ContactMatch{&contacts_[it->second.contact_index], it->second.code};
  }
  return std::nullopt;
}

const Contact* Directory::ContactByNo(std::string_view no) const {
  auto it = contact_by_no_.find(std::string(no));
  return it == contact_by_no_.end() ? nullptr : &contacts_[it->second];
}

}  // namespace mailtrail::domain
