#include "mime/mail_corpus.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "mime/gmime_support.h"
#include "testing/test_util.h"

namespace mailtrail::mime {
namespace {

using internal::GObjectPtr;

std::string ReadWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

bool IsCorpusMailFile(const std::filesystem::path& relative) {
  const std::string name = relative.filename().string();
  for (const std::filesystem::path& folder : relative.parent_path()) {
    if (folder == "files") return false;
  }
  if (relative.parent_path().filename() == "output" && relative.parent_path().parent_path().filename() == "mbox") {
    return false;
  }
  for (std::string_view documentation : {"SOURCE.txt", "COPYING"}) {
    if (name == documentation) return false;
  }
  if (name.starts_with("README") || name.find("LICENSE") != std::string::npos) return false;
  for (std::string_view expected : {".json", ".xml", ".out", "-summary.txt"}) {
    if (name.ends_with(expected)) return false;
  }
  return name.find("_decoded") == std::string::npos;
}

std::vector<std::string> SplitMbox(std::string_view mbox) {
  const internal::ParserOptionsPtr options = internal::NewLenientParserOptions();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(mbox.data(), mbox.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
  std::vector<std::string> messages;
  while (!g_mime_parser_eos(parser.get())) {
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (message == nullptr) break;
    const auto begin = static_cast<std::size_t>(g_mime_parser_get_headers_begin(parser.get()));
    const auto end = static_cast<std::size_t>(g_mime_parser_tell(parser.get()));
    messages.emplace_back(mbox.substr(begin, end - begin));
  }
  return messages;
}

void ForEachCorpusMessage(const std::filesystem::path& root,
                          const std::function<void(const CorpusMessage&)>& visit) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && IsCorpusMailFile(entry.path().lexically_relative(root))) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& file : files) {
    const std::string name = file.lexically_relative(root).generic_string();
    std::string raw = ReadWholeFile(file);
    if (!raw.starts_with("From ")) {
      visit({name, std::move(raw)});
      continue;
    }
    const std::vector<std::string> messages = SplitMbox(raw);
    for (std::size_t i = 0; i < messages.size(); ++i) visit({name + "#" + std::to_string(i + 1), messages[i]});
  }
}

std::vector<Corpus> Corpora() {
  const char* external = std::getenv("MAILTRAIL_CORPORA");
  return {{"Repository", mailtrail::testing::TestDataDir() / "mime" / "corpus"},
          {"External", external != nullptr ? external : ""}};
}

std::string MissingCorpusReason(const Corpus& corpus) {
  if (corpus.root.empty()) {
    return "MAILTRAIL_CORPORA names no further corpus: only testdata/mime/corpus ran.";
  }
  if (!std::filesystem::is_directory(corpus.root)) return "No corpus at " + corpus.root.string() + ".";
  return "";
}

}  // namespace mailtrail::mime
