#include "corpus/envelope.h"

#include <cctype>
#include <utility>

#include "corpus/encoding.h"
#include "corpus/names.h"

namespace mailtrail::bench {
namespace {

// People type addresses in any case ("Jim.Olivo@Cronus.example"); matching must not care.
std::string AsTyped(Random& random, const std::string& address) {
  if (!random.Chance(8)) return address;
  std::string typed = address;
  bool word_start = true;
  for (char& c : typed) {
    if (word_start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    word_start = c == '.' || c == '@';
  }
  return typed;
}

Party Of(Random& random, const Salesperson& s) { return {s.name, AsTyped(random, s.email)}; }
Party Of(Random& random, const Contact& c) { return {c.name, AsTyped(random, c.email)}; }

// `count` different items of `from` (all of them when it has fewer).
std::vector<std::size_t> Distinct(Random& random, const std::vector<std::size_t>& from, std::size_t count) {
  std::vector<std::size_t> pool = from;
  std::vector<std::size_t> picked;
  while (picked.size() < count && !pool.empty()) {
    const std::size_t at = random.Below(pool.size());
    picked.push_back(pool[at]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
  }
  return picked;
}

std::vector<std::size_t> Indexes(std::size_t count) {
  std::vector<std::size_t> all(count);
  for (std::size_t i = 0; i < count; ++i) all[i] = i;
  return all;
}

const Party kStranger{"Chris Doe", "chris.doe@freemail.example"};
const Party kSupport{"CRONUS Support", "support@cronus.example"};

// An address of 90 characters or more, as order portals and mailing services
// send from: "purchase-order-notifications+<24 hex>@procurement-portal.<domain>".
Party LongAddress(Random& random, const std::string& address) {
  const std::string domain = address.substr(address.find('@') + 1);
  return {"Procurement Portal",
          "purchase-order-notifications+" + RandomHex(random, 24) + "@procurement-portal." + domain};
}

}  // namespace

std::string MakeSubject(Random& random, const std::vector<std::string>& subjects) {
  std::string subject = random.Pick(subjects);
  subject = ReplaceAll(subject, "{n}", std::to_string(random.Between(10000, 99999)));
  subject = ReplaceAll(subject, "{product}", random.Pick(Products()));
  if (random.Chance(30)) return "Re: " + subject;
  if (random.Chance(5)) return "Fwd: " + subject;
  return subject;
}

// A salesperson writes to people at one company; `entries` gets the contacts in To.
Envelope Outbound(Random& random, const Directory& directory, std::int64_t& entries) {
  const auto& company = directory.companies[random.Below(directory.companies.size())];
  Envelope envelope;
  envelope.from = Of(random, random.Pick(directory.salespersons));
  for (std::size_t person : Distinct(random, company.persons, random.Between(1, 3))) {
    envelope.to.push_back(Of(random, directory.contacts[person]));
  }
  if (random.Chance(15)) envelope.to.push_back(Of(random, directory.contacts[company.index]));
  entries = static_cast<std::int64_t>(envelope.to.size());
  if (random.Chance(10)) envelope.to.push_back(kStranger);  // not a contact: no entry
  if (random.Chance(30)) envelope.cc.push_back(Of(random, random.Pick(directory.salespersons)));
  envelope.subject = MakeSubject(random, English().subjects);
  return envelope;
}

// A contact writes to salespersons; `entries` gets the salespersons in To.
Envelope Inbound(Random& random, const Directory& directory, std::int64_t& entries) {
  const auto& company = directory.companies[random.Below(directory.companies.size())];
  Envelope envelope;
  const std::size_t sender = random.Chance(10) ? company.index : random.Pick(company.persons);
  envelope.from = Of(random, directory.contacts[sender]);
  for (std::size_t s : Distinct(random, Indexes(directory.salespersons.size()), random.Chance(20) ? 2 : 1)) {
    envelope.to.push_back(Of(random, directory.salespersons[s]));
  }
  entries = static_cast<std::int64_t>(envelope.to.size());
  if (random.Chance(15)) envelope.to.push_back(Of(random, directory.contacts[random.Pick(company.persons)]));
  if (random.Chance(20)) envelope.cc.push_back(Of(random, random.Pick(directory.salespersons)));
  envelope.subject = MakeSubject(random, English().subjects);
  return envelope;
}

// Mail that is not between a salesperson and a contact.
Envelope Unregistered(Random& random, const Directory& directory) {
  Envelope envelope;
  switch (random.Below(3)) {
    case 0:  // a newsletter to a salesperson
      envelope.from = {"Contoso Deals", "news@deals.example"};
      envelope.to.push_back(Of(random, random.Pick(directory.salespersons)));
      envelope.extra_headers = {"List-Unsubscribe: <mailto:unsubscribe@deals.example>", "Precedence: bulk"};
      envelope.subject = "This week's offers on " + random.Pick(Products());
      return envelope;
    case 1:  // salesperson to salesperson
      envelope.from = Of(random, random.Pick(directory.salespersons));
      envelope.to.push_back(Of(random, random.Pick(directory.salespersons)));
      break;
    default:  // a contact to the support desk, a salesperson only in Cc (not considered)
      const auto& company = directory.companies[random.Below(directory.companies.size())];
      envelope.from = Of(random, directory.contacts[random.Pick(company.persons)]);
      envelope.to.push_back(kSupport);
      if (random.Chance(40)) envelope.cc.push_back(Of(random, random.Pick(directory.salespersons)));
      break;
  }
  envelope.subject = MakeSubject(random, English().subjects);
  return envelope;
}

// A draft, or mail with recipients only in Bcc.
Envelope Invalid(Random& random, const Directory& directory) {
  std::int64_t ignored = 0;
  Envelope envelope = Outbound(random, directory, ignored);
  if (random.Chance(50)) {
    envelope.extra_headers.push_back("X-Unsent: 1");
  } else {
    envelope.bcc = std::move(envelope.to);
    envelope.to.clear();
  }
  return envelope;
}

Envelope AddressTooLong(Random& random, const Directory& directory) {
  std::int64_t ignored = 0;
  if (random.Chance(50)) {
    // A portal writes to a salesperson on a contact's behalf.
    Envelope envelope = Inbound(random, directory, ignored);
    envelope.from = LongAddress(random, envelope.from.address);
    return envelope;
  }
  // A salesperson answers a contact and the portal that relayed the request.
  Envelope envelope = Outbound(random, directory, ignored);
  envelope.to.push_back(LongAddress(random, envelope.to.front().address));
  return envelope;
}

}  // namespace mailtrail::bench
