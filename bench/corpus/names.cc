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

const std::vector<std::string>& CompanyRegions() {
  static const std::vector<std::string> regions = {"",     "Nordic", "Iberia", "Benelux",  "UK",
                                                   "Asia", "Alps",   "Baltic", "Americas", "Levant"};
  return regions;
}

const std::vector<std::string>& Products() {
  static const std::vector<std::string> products = {
      "ATHENS Desk",         "PARIS Guest Chair",   "LONDON Swivel Chair", "ANTWERP Conference Table",
      "MUNICH Swivel Chair", "AMSTERDAM Lamp",      "ROME Guest Chair",    "TOKYO Guest Chair",
      "BERLIN Guest Chair",  "SYDNEY Swivel Chair", "office supplies",     "loudspeakers",
  };
  return products;
}

const Language& English() {
  static const Language language = {
      .subjects =
          {
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
          },
      .sentences =
          {
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
          },
      .formal_greeting = "Dear {name},",
      .casual_greeting = "Hi {name},",
      .greeting_to_nobody = "Hello,",
      .closing = "Best regards,",
      .html_lang = "EN-US",
      .legacy_charset = "iso-8859-1",
  };
  return language;
}

const std::vector<Language>& OtherLanguages() {
  static const std::vector<Language> languages = {
      {
          .subjects = {"Angebot {n} für {product}", "Auftragsbestätigung {n}", "Rechnung {n}",
                       "Rückfrage zu Bestellung {n}", "Lieferung der {product} – neuer Termin",
                       "Preisänderung zum 1. März", "Zahlungserinnerung {n}"},
          .sentences =
              {
                  "Vielen Dank für Ihre Nachricht und das freundliche Gespräch gestern.",
                  "Anbei erhalten Sie unser überarbeitetes Angebot; die Preise gelten bis Ende des Quartals.",
                  "Die Lieferung erfolgt voraussichtlich innerhalb von zwei Wochen nach Ihrer Bestätigung.",
                  "Könnten Sie uns bitte die Lieferanschrift und einen Ansprechpartner vor Ort nennen?",
                  "Unsere Buchhaltung hat die Zahlung freigegeben, Sie erhalten sie noch diese Woche.",
                  "Bei Rückfragen stehe ich Ihnen selbstverständlich gern zur Verfügung.",
                  "Die Größenangaben in der Stückliste weichen leicht von der Zeichnung ab.",
                  "Wir würden den Vertrag gern zu den gleichen Konditionen um ein Jahr verlängern.",
              },
          .formal_greeting = "Guten Tag {name},",
          .casual_greeting = "Hallo {name},",
          .greeting_to_nobody = "Sehr geehrte Damen und Herren,",
          .closing = "Mit freundlichen Grüßen",
          .html_lang = "DE-DE",
          .legacy_charset = "iso-8859-1",
      },
      {
          .subjects = {"Devis {n} pour {product}", "Confirmation de commande {n}", "Facture {n} – échéance",
                       "Rendez-vous de la semaine prochaine", "Livraison prévue des {product}",
                       "Réclamation concernant la livraison {n}", "Relance de paiement {n}"},
          .sentences =
              {
                  "Merci pour votre message et pour le temps que vous nous avez accordé hier.",
                  "Vous trouverez ci-joint notre devis révisé ; les prix sont valables jusqu’à la fin du trimestre.",
                  "Nous pouvons livrer la première partie de la commande d’ici deux semaines.",
                  "Le montant total s’élève à 12 480 € hors taxes, frais de port compris.",
                  "Pourriez-vous nous confirmer l’adresse de livraison et le nom du réceptionnaire ?",
                  "Notre service comptable a validé le paiement, que vous recevrez cette semaine.",
                  "Nous avons bien reçu les échantillons « Série Prestige » et les testons en ce moment.",
                  "Je reste à votre disposition pour toute question complémentaire.",
              },
          .formal_greeting = "Bonjour {name},",
          .casual_greeting = "Salut {name},",
          .greeting_to_nobody = "Madame, Monsieur,",
          .closing = "Bien cordialement,",
          .html_lang = "FR-FR",
          .legacy_charset = "windows-1252",
      },
      {
          .subjects = {"Счёт {n}", "Заказ {n} на {product}", "Коммерческое предложение {n}", "Поставка {product}",
                       "Договор на следующий год", "Вопрос по заказу {n}", "Напоминание об оплате {n}"},
          .sentences =
              {
                  "Благодарим вас за письмо и за вчерашний разговор.",
                  "Высылаем обновлённое коммерческое предложение, цены действительны до конца квартала.",
                  "Мы можем поставить первую часть заказа в течение двух недель после вашего подтверждения.",
                  "Пожалуйста, подтвердите адрес доставки и имя получателя.",
                  "Наша бухгалтерия одобрила платёж, вы получите его на этой неделе.",
                  "Образцы прибыли в хорошем состоянии, наши специалисты их сейчас проверяют.",
                  "Если у вас возникнут вопросы, я всегда готов помочь.",
                  "Мы хотели бы продлить договор ещё на один год на тех же условиях.",
              },
          .formal_greeting = "Здравствуйте, {name}!",
          .casual_greeting = "Добрый день, {name}!",
          .greeting_to_nobody = "Добрый день!",
          .closing = "С уважением,",
          .html_lang = "RU",
          .legacy_charset = "koi8-r",
      },
  };
  return languages;
}

}  // namespace mailtrail::bench
