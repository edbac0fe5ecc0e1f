// Directory: a snapshot of salespersons, contacts and alt addresses, indexed by
// address for the matching rules. Immutable after construction; safe to share
// between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "domain/model.h"

namespace mailtrail::domain {

struct ContactMatch {
  const Contact* contact = nullptr;
  std::string alt_address_code;  // empty when matched on the contact's own email
};

class Directory {
 public:
  Directory() = default;
  // `never_log`: entries of the never-log list, each an address or a domain
  // (which covers its subdomains too), as CheckNeverLogEntry returns them.
  Directory(std::vector<Salesperson> salespersons, std::vector<Contact> contacts,
            std::vector<ContactAltAddress> alt_addresses, std::vector<std::string> never_log = {});

  // The salesperson whose email equals `address`, case-insensitively; nullptr if none.
  const Salesperson* FindSalesperson(std::string_view address) const;

  // The contact `address` belongs to: the first contact by no whose email equals it,
  // else the first by no (then by code) with such an alt address. Case-insensitive.
  std::optional<ContactMatch> FindContact(std::string_view address) const;

  // The contact with `no`; nullptr if none.
  const Contact* ContactByNo(std::string_view no) const;

  // Whether mail from or to `address` must never be stored or logged: it is on
  // the never-log list, its domain or a parent domain is, or it is an email or
  // alt address of a contact marked do-not-log (any contact sharing it).
  bool IsNeverLogged(std::string_view address) const;

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
  std::unordered_set<std::string> never_logged_addresses_;  // normalized
  std::unordered_set<std::string> never_logged_domains_;    // lower case
};

// The never-log list's form of `entry`: an address ("ann@example.com", lower case)
// or a domain ("example.com"; a leading "@" is dropped). Errors: kInvalidArgument
// (empty, white space, more than one '@', no domain).
Result<std::string> CheckNeverLogEntry(std::string_view entry);

}  // namespace mailtrail::domain
