#include "mime/authentication_results.h"

#include <string>
#include <vector>

#include "domain/address.h"

namespace mailtrail::mime {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `value` without its comments (nested, with quoted pairs), each replaced by a
// space; quoted strings kept as they are.
std::string WithoutComments(std::string_view value) {
  std::string text;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' && (quoted || depth > 0) && i + 1 < value.size()) {
      if (depth == 0) text.append(value.substr(i, 2));
      ++i;
    } else if (depth > 0) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0) text += ' ';
    } else if (c == '"') {
      quoted = !quoted;
      text += c;
    } else if (c == '(' && !quoted) {
      depth = 1;
    } else {
      text += c;
    }
  }
  return text;
}

// The words of `text` split at white space and at `separators`, each separator a
// word of its own; a quoted string is one word, without its quotes.
std::vector<std::string> Words(std::string_view text, std::string_view separators) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  const auto end_word = [&] {
    if (in_word) words.push_back(std::move(word));
    word.clear();
    in_word = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      in_word = true;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        word += text[i];
      }
    } else if (IsSpace(c)) {
      end_word();
    } else if (separators.find(c) != std::string_view::npos) {
      end_word();
      words.emplace_back(1, c);
    } else {
      word += c;
      in_word = true;
    }
  }
  end_word();
  return words;
}

// One result: "method [/ version] = result" then "name = value" pairs, where a
// name is "reason" or "ptype.property".
std::optional<domain::AuthenticationResults::MethodResult> ParseResult(std::string_view text) {
  const std::vector<std::string> words = Words(text, "=");
  if (words.size() < 3 || words[0] == "=" || words[1] != "=") return std::nullopt;
  domain::AuthenticationResults::MethodResult result;
  result.method = domain::AsciiLower(words[0].substr(0, words[0].find('/')));  // without its version
  result.result = domain::AsciiLower(words[2]);
  if (result.method.empty() || result.result == "=") return std::nullopt;
  for (std::size_t i = 3; i < words.size();) {
    if (i + 2 < words.size() && words[i] != "=" && words[i + 1] == "=") {
      std::string name = domain::AsciiLower(words[i]);
      if (name != "reason") result.properties.emplace_back(std::move(name), words[i + 2]);
      i += 3;
    } else {
      ++i;  // not a pair: skipped
    }
  }
  return result;
}

}  // namespace

std::optional<domain::AuthenticationResults> ParseAuthenticationResults(std::string_view value) {
  const std::string text = WithoutComments(value);
  // Split at the semicolons outside quoted strings.
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && quoted) {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == ';' && !quoted) {
      parts.push_back(std::string_view(text).substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(std::string_view(text).substr(start));

  const std::vector<std::string> head = Words(parts[0], "=");
  if (head.empty() || head[0] == "=") return std::nullopt;
  domain::AuthenticationResults results;
  // Microsoft 365 writes no authserv-id: the first part is already a result.
  const bool has_authserv_id = head.size() < 2 || head[1] != "=";
  if (has_authserv_id) results.authserv_id = domain::AsciiLower(head[0]);
  for (std::size_t i = has_authserv_id ? 1 : 0; i < parts.size() && results.results.size() < kMaxMethodResults;
       ++i) {
    std::optional<domain::AuthenticationResults::MethodResult> result = ParseResult(parts[i]);
    if (result) results.results.push_back(std::move(*result));
  }
  return results;
}

}  // namespace mailtrail::mime
