#include "domain/directory.h"

#include <algorithm>
#include <tuple>

#include "domain/address.h"

namespace mailtrail::domain {

Directory::Directory(std::vector<Salesperson> salespersons, std::vector<Contact> contacts,
                     std::vector<ContactAltAddress> alt_addresses)
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
      contact_by_address_.emplace(std::move(key), i);
    }
  }
  for (const auto& alt : alt_addresses) {
    auto owner = contact_by_no_.find(alt.contact_no);
    std::string key = NormalizeAddress(alt.email);
    if (owner == contact_by_no_.end() || key.empty()) continue;
    contact_by_alt_address_.emplace(std::move(key), AltTarget{owner->second, alt.code});
  }
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
