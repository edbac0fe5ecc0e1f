// Directory: a snapshot of salespersons, contacts and alt addresses, indexed by
// address for the matching rules. Immutable after construction; safe to share
// between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/model.h"

namespace mailtrail::domain {

struct ContactMatch {
  const Contact* contact = nullptr;
  std::string alt_address_code;  // empty when matched on the contact's own email
};

class Directory {
 public:
  Directory() = default;
  Directory(std::vector<Salesperson> salespersons, std::vector<Contact> contacts,
            std::vector<ContactAltAddress> alt_addresses);

  // The salesperson whose email equals `address`, case-insensitively; nullptr if none.
  const Salesperson* FindSalesperson(std::string_view address) const;

  // The contact `address` belongs to: the first contact by no whose email equals it,
  // else the first by no (then by code) with such an alt address. Case-insensitive.
  std::optional<ContactMatch> FindContact(std::string_view address) const;

  // The contact with `no`; nullptr if none.
  const Contact* ContactByNo(std::string_view no) const;

 private:
  struct AltTarget {
    std::size_t contact_index;
    std::string code;
  };

  std::vector<Salesperson> salespersons_;
  std::vector<Contact> contacts_;  // ordered by no
  std::unordered_map<std::string, std::size_t> salesperson_by_address_;
  std::unordered_map<std::string, std::size_t> contact_by_address_;
  std::unordered_map<std::string, AltTarget> contact_by_alt_address_;
  std::unordered_map<std::string, std::size_t> contact_by_no_;
};

}  // namespace mailtrail::domain
