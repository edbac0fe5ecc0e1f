// Test support: the messages of a folder of real-world and malformed mail copied
// from other projects (testdata/mime/corpus, or a larger corpus that
// $MAILTRAIL_CORPORA names), one message per file or many per mbox file.
//
// Thread-safety: the functions may be called from several threads.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mailtrail::mime {

struct CorpusMessage {
  // The file's path under the corpus folder; for the N-th message (from 1) of an
  // mbox file, "PATH#N".
  std::string name;
  std::string raw;
};

// Whether `relative` (a path under a corpus folder) holds mail, rather than
// documentation (SOURCE.txt, README*, COPYING, licences) or another parser's
// expected results (*.json, *.xml, *.out, *_decoded*, *-summary.txt, the
// attachments extracted into a files/ folder, GMime's mbox/output/ dumps).
bool IsCorpusMailFile(const std::filesystem::path& relative);

// The messages of an mbox file as GMime's mbox parser splits it: each from its
// first header line up to the "From " line of the next, bytes as they are (the
// mbox's quoting of body lines that start with "From " included). Where GMime
// finds no more message before the end, the rest is left out: GMime 3.2.13
// (Debian 12) loses the last two of MimeKit's issue1189.mbox.txt, whose part
// headers run into base64 content without an empty line.
std::vector<std::string> SplitMbox(std::string_view mbox);

// Calls `visit` with every message under `root`, file by file in path order: a
// mail file that starts with "From " is an mbox (SplitMbox), any other one is one
// message. Throws std::runtime_error when a file cannot be read.
void ForEachCorpusMessage(const std::filesystem::path& root,
                          const std::function<void(const CorpusMessage&)>& visit);

// A corpus that tests run over.
struct Corpus {
  std::string name;  // a test-name suffix
  std::filesystem::path root;
};
inline void PrintTo(const Corpus& corpus, std::ostream* out) { *out << corpus.root; }
inline std::string CorpusName(const ::testing::TestParamInfo<Corpus>& corpus) { return corpus.param.name; }

// The corpora tests run over: "Repository" (testdata/mime/corpus, always there)
// and "External": the folder $MAILTRAIL_CORPORA names, e.g. the whole corpora the
// repository's sample was taken from (empty root when it names none).
std::vector<Corpus> Corpora();

// Why a test over `corpus` cannot run (it names no folder, or none is there), or
// "" when it can; tests skip with this text.
std::string MissingCorpusReason(const Corpus& corpus);

}  // namespace mailtrail::mime
