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
// Company name stems ("Adatum") and lines of business ("Logistics").
const std::vector<std::string>& CompanyStems();
const std::vector<std::string>& CompanyTrades();
// Subject lines; "{n}" is replaced by a number, "{product}" by a product.
const std::vector<std::string>& Subjects();
const std::vector<std::string>& Products();
// Sentences of business mail bodies.
const std::vector<std::string>& Sentences();

}  // namespace mailtrail::bench
