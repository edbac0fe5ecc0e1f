#include "corpus/names.h"

namespace mailtrail::bench {

const std::vector<Name>& FirstNames() {
  static const std::vector<Name> names = {
      {"Jim", "jim"},         {"Annette", "annette"}, {"Robin", "robin"},   {"Ann", "ann"},       {"David", "david"},
      {"Maria", "maria"},     {"Peter", "peter"},     {"Linda", "linda"},   {"Thomas", "thomas"}, {"Sarah", "sarah"},
      {"Michael", "michael"}, {"Julia", "julia"},     {"Andrew", "andrew"}, {"Emma", "emma"},     {"Lukas", "lukas"},
      {"Sofia", "sofia"},     {"Daniel", "daniel"},   {"Olivia", "olivia"}, {"Karim", "karim"},   {"Mei", "mei"},
      {"Zoë", "zoe"},         {"José", "jose"},       {"Søren", "soren"},   {"Chloé", "chloe"},   {"Björn", "bjorn"},
      {"Hannah", "hannah"},   {"Oscar", "oscar"},     {"Priya", "priya"},   {"Kenji", "kenji"},   {"Fatima", "fatima"},
      {"Liam", "liam"},       {"Isabel", "isabel"},   {"Noah", "noah"},     {"Amelia", "amelia"}, {"Mateo", "mateo"},
      {"Elena", "elena"},     {"Viktor", "viktor"},   {"Grace", "grace"},   {"Tomás", "tomas"},   {"Ingrid", "ingrid"},
  };
  return names;
}

const std::vector<Name>& LastNames() {
  static const std::vector<Name> names = {
      {"Olivo", "olivo"},     {"Hill", "hill"},           {"Lee", "lee"},
      {"Smith", "smith"},     {"Hodgson", "hodgson"},     {"Müller", "mueller"},
      {"García", "garcia"},   {"Jensen", "jensen"},       {"Novak", "novak"},
      {"Rossi", "rossi"},     {"Dubois", "dubois"},       {"Kowalski", "kowalski"},
      {"Tanaka", "tanaka"},   {"Okafor", "okafor"},       {"Nguyen", "nguyen"},
      {"Patel", "patel"},     {"Andersson", "andersson"}, {"O'Brien", "obrien"},
      {"Schmidt", "schmidt"}, {"Lindqvist", "lindqvist"}, {"Costa", "costa"},
      {"Becker", "becker"},   {"Fischer", "fischer"},     {"Moreau", "moreau"},
      {"Wójcik", "wojcik"},   {"Hansen", "hansen"},       {"Ivanova", "ivanova"},
      {"Khan", "khan"},       {"Silva", "silva"},         {"Walsh", "walsh"},
      {"Bauer", "bauer"},     {"Yilmaz", "yilmaz"},       {"Kim", "kim"},
      {"Weber", "weber"},     {"Larsen", "larsen"},       {"Ferreira", "ferreira"},
  };
  return names;
}

const std::vector<std::string>& CompanyStems() {
  static const std::vector<std::string> stems = {
      "Adatum",    "Fabrikam",    "Contoso", "Litware",       "Northwind",  "Tailspin",   "Wingtip",
      "Proseware", "Lucerne",     "Alpine",  "Coho",          "Humongous",  "Relecloud",  "Woodgrove",
      "Trey",      "Blue Yonder", "Graphic", "Fourth Coffee", "Southridge", "Wide World",
  };
  return stems;
}

const std::vector<std::string>& CompanyTrades() {
  static const std::vector<std::string> trades = {"Logistics", "Foods", "Engineering", "Retail", "Energy"};
  return trades;
}

const std::vector<std::string>& Subjects() {
  static const std::vector<std::string> subjects = {
      "Quote {n} for {product}",
      "Order confirmation {n}",
      "Delivery schedule for {product}",
      "Invoice {n}",
      "Meeting next week about {product}",
      "Price list 2026",
      "Your request for {product}",
      "Contract renewal",
      "Samples of {product}",
      "Questions about order {n}",
      "Follow-up on our call",
      "Angebot {n} für {product}",
      "Revised terms for {product}",
      "Complaint about delivery {n}",
      "Payment reminder {n}",
  };
  return subjects;
}

const std::vector<std::string>& Products() {
  static const std::vector<std::string> products = {
      "ATHENS Desk",         "PARIS Guest Chair",   "LONDON Swivel Chair", "ANTWERP Conference Table",
      "MUNICH Swivel Chair", "AMSTERDAM Lamp",      "ROME Guest Chair",    "TOKYO Guest Chair",
      "BERLIN Guest Chair",  "SYDNEY Swivel Chair", "office supplies",     "loudspeakers",
  };
  return products;
}

const std::vector<std::string>& Sentences() {
  static const std::vector<std::string> sentences = {
      "Thank you for your message and for the time you took on the phone yesterday.",
      "Please find the updated figures below; the prices are valid until the end of the quarter.",
      "We can deliver the first part of the order within two weeks of your confirmation.",
      "Could you confirm the delivery address and the name of the person receiving the goods?",
      "Our warehouse reports that the remaining items will ship on Thursday.",
      "I have attached the signed copy of the agreement for your records.",
      "As discussed, the discount applies to orders above the agreed minimum quantity.",
      "Let me know if the proposed dates suit you, otherwise I will suggest new ones.",
      "The invoice lists the items delivered so far; the rest follows with the next shipment.",
      "Our finance team has approved the payment, which you should receive this week.",
      "We noticed a small difference between the quote and the order; could you check it?",
      "The samples arrived in good condition and our team is testing them now.",
      "I am out of the office on Friday, so please contact my colleague for anything urgent.",
      "We would like to extend the contract for another year on the same terms.",
      "Attached you will find the specification sheet and the installation guide.",
      "Please note that our prices will change from the first of next month.",
      "The meeting room is booked for ten o'clock; we will send directions separately.",
      "We appreciate your feedback and have forwarded it to the product team.",
      "Can you send us the certificate of origin together with the next delivery?",
      "Our records show two open invoices; a statement of account is attached.",
  };
  return sentences;
}

}  // namespace mailtrail::bench
