#include "mime/parse_limits.h"

#include <algorithm>
#include <iterator>

namespace mailtrail::mime {
namespace {

// The place of the setting `name` in kParseLimitSettings.
std::ptrdiff_t Rank(std::string_view name) {
  return std::find_if(std::begin(kParseLimitSettings), std::end(kParseLimitSettings),
                      [name](const ParseLimitSetting& setting) { return setting.name == name; }) -
         std::begin(kParseLimitSettings);
}

}  // namespace

void NoteLimitPassed(std::size_t ParseLimits::*value, std::vector<std::string>* passed) {
  const std::string_view name = LimitName(value);
  if (std::find(passed->begin(), passed->end(), name) != passed->end()) return;
  const auto later =
      std::find_if(passed->begin(), passed->end(), [name](const std::string& other) { return Rank(other) > Rank(name); });
  passed->insert(later, std::string(name));
}

std::string DescribeLimits(const std::vector<std::string>& names, const ParseLimits& limits) {
  std::string text;
  for (const ParseLimitSetting& setting : kParseLimitSettings) {
    if (std::find(names.begin(), names.end(), setting.name) == names.end()) continue;
    if (!text.empty()) text += ", ";
    text.append(setting.name).append(" (").append(std::to_string(limits.*setting.value)).append(")");
  }
  return text;
}

}  // namespace mailtrail::mime
