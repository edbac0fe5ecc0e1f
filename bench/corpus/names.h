// Word lists the corpus draws names, companies and text from.
#pragma once

#include <string>
#include <vector>

namespace mailtrail::bench {

// A name as shown in a display name, and its ASCII form for the address.
struct Name {
  std::string display;
  std::string ascii;
};

const std::vector<Name>& FirstNames();
const std::vector<Name>& LastNames();
// Company name stems ("Adatum"), lines of business ("Logistics") and regions
// ("Nordic"); the first region is "", so the first stems x trades names have none.
const std::vector<std::string>& CompanyStems();
const std::vector<std::string>& CompanyTrades();
const std::vector<std::string>& CompanyRegions();
const std::vector<std::string>& Products();

// A language the corpus writes mail in. In greetings "{name}" is the recipient's
// first name.
struct Language {
  // Subject lines; "{n}" is replaced by a number, "{product}" by a product.
  std::vector<std::string> subjects;
  // Sentences of business mail bodies.
  std::vector<std::string> sentences;
  std::string formal_greeting;     // "Dear {name},"
  std::string casual_greeting;     // "Hi {name},"
  std::string greeting_to_nobody;  // "Hello,"
  std::string closing;             // "Best regards,"
  std::string html_lang;           // "EN-US"
  // What its mail clients wrote before UTF-8 (a charset Transcode knows).
  std::string legacy_charset;
};

// The whole IMAP corpus is in English.
const Language& English();
// German, French and Russian.
const std::vector<Language>& OtherLanguages();

}  // namespace mailtrail::bench
