// The Maildir benchmark: one email logging pass of `mailtrail log-email` over a
// queue of 20,000 messages in a local Maildir++ tree, against baselines measured
// in the same run, each on a fresh copy of the same queue: a per-message script on
// Python's standard library, `notmuch new` indexing the messages, and `cp -r` of
// the queue folder made durable (the copy limit). Prints a Markdown section and
// appends it to the results file. Exit status: 0 when every contestant that ran
// gave a valid result. See bench/README.md.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <type_traits>
#include <utility>

#include "baselines.h"
#include "corpus/directory.h"
#include "corpus/messages.h"
#include "interrupt.h"
#include "maildir_delivery.h"
#include "mailtrail_contestant.h"
#include "random.h"
#include "report.h"
#include "testing/test_util.h"

namespace mailtrail::bench {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::string mailtrail = MAILTRAIL_BENCH_MAILTRAIL;
  // Debian's interpreter, not whatever python3 comes first on PATH: the baseline is
  // what a stock system runs.
  std::string python = "/usr/bin/python3";
  std::string baseline = MAILTRAIL_BENCH_SOURCE_DIR "/baseline_maildir.py";
  std::string notmuch = "/usr/bin/notmuch";
  std::string output = MAILTRAIL_BENCH_OUTPUT;
  std::size_t messages = 20000;
  std::size_t companies = 1000;  // with 3-5 persons each: about 5,000 contacts
  std::uint64_t seed = 20260105;
  int timeout_seconds = 1800;
  bool cold = false;
  // Set: instead of the comparison, mailtrail alone over queues of these sizes,
  // each with `huge` messages of 100 MB.
  std::vector<std::size_t> scaling;
  std::size_t huge = 5;
};

// The queue as the corpus wrote it.
struct WrittenQueue {
  OutcomeCounts counts;  // by the processing contract
  std::int64_t bytes = 0;
  std::int64_t largest = 0;  // bytes of the largest message
};
// It crosses from the forked writer as raw bytes.
static_assert(std::is_trivially_copyable_v<WrittenQueue>);

// Where everything of a run lives, in one folder of one file system (so that
// mailtrail's copies to storage are hard links, as in a real Maildir).
struct Places {
  fs::path workspace;  // mailtrail's database, the directory JSON, the baselines' files
  fs::path root;       // the Maildir++ tree, written afresh for each contestant
  const Arena* arena = nullptr;

  fs::path folder(const std::string& name) const { return root / ("." + name); }
  fs::path queue() const { return folder(arena->queue_folder); }
  fs::path directory_json() const { return workspace / "directory.json"; }
};

void MakeMaildir(const fs::path& dir) {
  for (const char* subdir : {"cur", "new", "tmp"}) fs::create_directories(dir / subdir);
}

// Regular files in a maildir's new/ and cur/.
std::int64_t CountFiles(const fs::path& maildir) {
  std::int64_t files = 0;
  for (const char* subdir : {"new", "cur"}) {
    if (!fs::is_directory(maildir / subdir)) continue;
    for (const auto& entry : fs::directory_iterator(maildir / subdir)) files += entry.is_regular_file() ? 1 : 0;
  }
  return files;
}

void SyncFileSystem(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot sync the file system of " + path.string() + ": " + std::strerror(error));
  }
  ::close(fd);
}

// Makes every contestant start alike: nothing left to write back from earlier
// work, and the queue's files either all in the page cache (read through once)
// or none of them (posix_fadvise DONTNEED, which evicts clean pages of those files
// only, unlike drop_caches, which empties the cache of everyone on the machine).
void SettleQueue(const Places& places, bool cold) {
  SyncFileSystem(places.workspace);
  std::vector<char> buffer(1 << 20);
  for (const auto& entry : fs::directory_iterator(places.queue() / "new")) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot read " + entry.path().string() + ": " + std::strerror(errno));
    if (cold) {
      ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    } else {
      while (::read(fd, buffer.data(), buffer.size()) > 0) {
      }
    }
    ::close(fd);
  }
}

// A fresh Maildir++ tree with empty queue and storage folders, the queue then
// filled with the corpus's messages as a delivery agent leaves them, and settled.
// The corpus is made in a forked copy of the driver: its largest messages would
// otherwise raise the driver's RSS, which the contestants' peak RSS includes.
WrittenQueue WriteQueue(const Places& places, const Directory& directory, const CorpusMix& mix,
                        const Options& options) {
  Progress("writing " + Thousands(places.arena->queue_size) + " messages into a fresh queue");
  fs::remove_all(places.root);
  MakeMaildir(places.root);
  for (const std::string& folder : {places.arena->queue_folder, places.arena->storage_folder}) {
    MakeMaildir(places.folder(folder));
    std::ofstream(places.folder(folder) / "maildirfolder");  // Dovecot's marker of a folder
  }
  // The driver's id in the file names, so that every contestant's queue has the same ones.
  const pid_t driver = ::getpid();
  const std::string reply = RunForked([&] {
    WrittenQueue written;
    Corpus corpus(directory, options.seed, mix);
    for (std::int64_t i = 0; i < places.arena->queue_size; ++i) {
      const CorpusMessage message = corpus.Next();
      Deliver(places.queue(), DeliveryName(message, static_cast<std::size_t>(i) + 1, driver), message);
      written.bytes += static_cast<std::int64_t>(message.bytes.size());
      written.largest = std::max(written.largest, static_cast<std::int64_t>(message.bytes.size()));
      if (i % 256 == 0) ThrowIfInterrupted();
    }
    written.counts = corpus.counts();
    return std::string(reinterpret_cast<const char*>(&written), sizeof written);
  });
  if (reply.size() != sizeof(WrittenQueue)) throw std::runtime_error("the queue writer's reply is garbled");
  WrittenQueue written;
  std::memcpy(&written, reply.data(), sizeof written);
  SettleQueue(places, options.cold);
  return written;
}

// A queue of `queue_size` messages in a Maildir++ tree, whose folders are counted on disk.
Arena MaildirArena(std::size_t queue_size) {
  return {.count = [](const std::string& root, const std::string& folder) {
            return CountFiles(fs::path(root) / ("." + folder));
          },
          .queue_size = static_cast<std::int64_t>(queue_size)};
}

void ProgressRegistering(const Directory& directory) {
  Progress("registering " + std::to_string(directory.salespersons.size()) + " salespersons and " +
           Thousands(static_cast<std::int64_t>(directory.contacts.size())) + " contacts with mailtrail");
}

// Marks a row that reported counts other than `reference`'s invalid: it did not
// do the same work.
void CompareCounts(Measurement& row, const OutcomeCounts& reference, const std::string& whose) {
  if (row.valid() && row.counts && *row.counts != reference) {
    MarkInvalid(row, "its outcome counts differ from " + whose);
  }
}

Measurement PythonRow(const Places& places, const Options& options, const OutcomeCounts& reference,
                      const std::string& whose) {
  Progress("timing the Python baseline");
  const fs::path database = places.workspace / "python.sqlite";
  fs::remove(database);
  Measurement row = MeasurePythonScript(
      {.contestant = "Python email + sqlite3, per message",
       .python = options.python,
       .script = options.baseline,
       .arguments = {"--root", places.root.string(), "--queue", places.arena->queue_folder, "--storage",
                     places.arena->storage_folder, "--directory", places.directory_json().string(), "--database",
                     database.string()},
       .workspace = places.workspace,
       .reports_counts = true,
       .owner = places.root.string(),
       .timeout = std::chrono::seconds(options.timeout_seconds)},
      *places.arena);
  CompareCounts(row, reference, whose);
  return row;
}

std::string NotmuchVersion(const Options& options) {
  if (!fs::exists(options.notmuch)) return "no notmuch";
  const ProcessResult result = RunProcess({.argv = {options.notmuch, "--version"}});
  return result.ok() ? result.out.substr(0, result.out.find('\n')) : "no notmuch";
}

// `notmuch new` over the whole tree with a configuration of its own, its database
// beside the tree.
Measurement NotmuchRow(const Places& places, const Options& options) {
  Measurement row{
      .contestant = "notmuch new (indexing)", .messages = places.arena->queue_size, .stored_what = "files indexed"};
  const fs::path home = places.workspace / "notmuch";
  fs::remove_all(home);
  fs::create_directories(home / "database");
  const fs::path config = home / "config";
  testing::WriteFile(config,
                     "[database]\npath=" + (home / "database").string() + "\nmail_root=" + places.root.string() + "\n");
  const std::vector<std::pair<std::string, std::string>> environment = {{"NOTMUCH_CONFIG", config.string()}};
  Progress("timing notmuch new");
  TakeFigures(RunProcess({.argv = {options.notmuch, "new", "--quiet"},
                          .environment = environment,
                          .working_directory = places.workspace,
                          .timeout = std::chrono::seconds(options.timeout_seconds)}),
              row);
  // Every file indexed (a duplicate is a second file of one message).
  const ProcessResult count =
      RunProcess({.argv = {options.notmuch, "count", "--output=files", "*"}, .environment = environment});
  row.stored = count.ok() ? std::atoll(count.out.c_str()) : 0;
  if (row.valid() && row.stored != places.arena->queue_size) {
    MarkInvalid(row, "it indexed " + Thousands(row.stored) + " files, not " + Thousands(places.arena->queue_size));
  }
  fs::remove_all(home);
  return row;
}

// `cp -r` of the queue folder next to the tree, then `sync -f` of the copy's
// file system: the copy on disk, as durable as the pass.
Measurement CopyRow(const Places& places, const Options& options) {
  Measurement row{.contestant = "cp -r of the queue, then sync -f",
                  .messages = places.arena->queue_size,
                  .stored_what = "files in the copy"};
  const fs::path copy = places.workspace / "copy";
  fs::remove_all(copy);
  Progress("timing cp -r");
  TakeFigures(RunProcess({.argv = {"/bin/sh", "-c", "cp -r \"$1\" \"$2\" && sync -f \"$2\"", "sh",
                                   places.queue().string(), copy.string()},
                          .working_directory = places.workspace,
                          .timeout = std::chrono::seconds(options.timeout_seconds)}),
              row);
  row.stored = CountFiles(copy);
  if (row.valid() && row.stored != places.arena->queue_size) {
    MarkInvalid(row, Thousands(row.stored) + " files copied, not " + Thousands(places.arena->queue_size));
  }
  fs::remove_all(copy);
  return row;
}

// "ext4 on /dev/vda": the file system `path` is on, from the longest mount point
// that holds it.
std::string FileSystemOf(const fs::path& path) {
  const std::string target = fs::canonical(path).string();
  std::ifstream mounts("/proc/self/mounts");
  std::string device, mount_point, type, rest, found = "unknown file system";
  std::size_t longest = 0;
  while (mounts >> device >> mount_point >> type && std::getline(mounts, rest)) {
    const bool holds = target == mount_point || mount_point == "/" || target.starts_with(mount_point + "/");
    if (holds && mount_point.size() >= longest) {
      longest = mount_point.size();
      found = type + " on " + device;
    }
  }
  return found;
}

std::string Ratio(const Measurement& row, const Measurement& baseline) {
  return FormatNumber("%.2f×", row.MessagesPerSecond() / baseline.MessagesPerSecond());
}

// The goal for the durable Maildir pass: at least 10 times the Python
// baseline's throughput, and no slower than cp -r of the queue.
std::string GoalLine(const Measurement& mailtrail, const Measurement& python, const Measurement& copy) {
  std::string line = "- Goal: mailtrail at least 10× the Python baseline's throughput: ";
  if (mailtrail.valid() && python.valid()) {
    const double ratio = mailtrail.MessagesPerSecond() / python.MessagesPerSecond();
    line += Ratio(mailtrail, python) + (ratio >= 10 ? " (met)" : " (not met)");
  } else {
    line += "not assessed in this run";
  }
  line += "; no slower than cp -r of the queue, i.e. at least 1×: ";
  if (mailtrail.valid() && copy.valid()) {
    const double ratio = mailtrail.MessagesPerSecond() / copy.MessagesPerSecond();
    line += Ratio(mailtrail, copy) + (ratio >= 1 ? " (met)." : " (not met).");
  } else {
    line += "not assessed in this run.";
  }
  return line;
}

// "100 KB", "1 MB"
std::string Size(std::size_t bytes) {
  return bytes >= 1024 * 1024 ? FormatNumber("%g MB", static_cast<double>(bytes) / (1024 * 1024))
                              : FormatNumber("%g KB", static_cast<double>(bytes) / 1024);
}

// What the corpus is made of, from its mix.
std::string CorpusLine(const std::string& name, const CorpusMix& mix, const Directory& directory,
                       const WrittenQueue& queue) {
  std::string tiers;
  for (const SizeTier& tier : mix.attachment_sizes) {
    tiers += (tiers.empty() ? "" : ", ") + Size(tier.min_bytes) + "–" + Size(tier.max_bytes) + " (" +
             FormatNumber("%g", tier.per_mille / 10.0) + "%)";
  }
  return "- Corpus (`" + name + "`): " + std::to_string(directory.salespersons.size()) + " salespersons and " +
         Thousands(static_cast<std::int64_t>(directory.contacts.size())) + " contacts registered; " +
         std::to_string(mix.plain_text) + "% of the messages text/plain alone, the others multipart/alternative; " +
         std::to_string(mix.other_language) + "% in German, French or Russian, the others in English; " +
         std::to_string(mix.legacy_charset) +
         "% in their language's pre-UTF-8 charset (ISO-8859-1, windows-1252, KOI8-R) where the text fits, with "
         "quoted-printable text, the others UTF-8 in 8bit, quoted-printable or base64; non-ASCII subjects as RFC "
         "2047 words, half \"B\", half \"Q\"; " +
         std::to_string(mix.with_attachment) + "% with an attachment (PDF, JPEG, XLSX or ZIP) of " + tiers +
         (mix.huge_every == 0 ? std::string()
                              : "; every " + Thousands(static_cast<std::int64_t>(mix.huge_every)) +
                                    "th message instead with an attachment of " + Size(mix.huge_bytes)) +
         "; the largest message " + FormatNumber("%.1f", static_cast<double>(queue.largest) / (1024 * 1024)) +
         " MB.";
}

// How each run's queue was made ready, and what the figures mean.
std::string SettlingLine(const std::string& who, const Report& report, const Options& options,
                         const std::string& file_system) {
  return "- " + who + " gets a fresh Maildir++ tree (" + file_system +
         ", under TMPDIR) whose queue is written just before it, then the file system is synced (syncfs) and " +
         (options.cold ? "the queue's files are evicted from the page cache (posix_fadvise DONTNEED): a cold cache"
                       : "every queue file is read once: a warm page cache") +
         ". Seconds are wall clock from start to exit; CPU s and peak RSS are the contestant's process and the "
         "children it waited for (wait4 rusage). Driver's own peak RSS: " +
         FormatNumber("%.1f", report.rss_floor_mb) + " MB (figures at or below it show as ≤).";
}

std::vector<std::string> Notes(const Report& report, const WrittenQueue& queue, const Directory& directory,
                               const Options& options, const std::string& file_system) {
  std::vector<std::string> notes = OutcomeNotes(report, queue.counts, queue.bytes, options.seed);
  notes.push_back(CorpusLine("MaildirMix", MaildirMix(), directory, queue));
  notes.push_back(SettlingLine("Each contestant", report, options, file_system));
  notes.push_back(
      "- Durability: mailtrail's Maildir store hard-links each logged message into Storage/cur and fsyncs "
      "Storage's cur/ (new/ and tmp/ too when it used them) before each transaction's commit (500 messages a "
      "transaction), and fsyncs the queue's new/ and cur/ after each transaction's deletes. The Python baseline "
      "fsyncs each copied file and Storage/cur/ before each message's commit, and the queue folder after each "
      "delete. notmuch new commits its Xapian index once, at the end. cp -r is followed by sync -f, a syncfs of "
      "the file system of the copy.");
  notes.push_back(
      "- Python baseline (bench/baseline_maildir.py): per message, oldest first: "
      "email.parser.BytesHeaderParser (policy default), lookup of the registered addresses, a duplicate check by "
      "Message-ID in SQLite; when logged shutil.copyfile into Storage/tmp, fsync, rename into Storage/cur, fsync "
      "of the folder, INSERT and COMMIT; then unlink from the queue and fsync of the folder. Its counts must equal "
      "mailtrail's, or the row is INVALID.");
  notes.push_back("- mailtrail: `mailtrail log-email --format json`, mail store `maildir://ROOT`, batch-size 0.");
  return notes;
}

int Run(const Options& options) {
  Random random(options.seed);
  const Directory directory = MakeDirectory(random, {.companies = options.companies});
  testing::TempDir workspace;  // removed on the way out
  const Arena arena = MaildirArena(options.messages);
  const Places places{.workspace = workspace.path(), .root = workspace.path() / "maildir", .arena = &arena};
  testing::WriteFile(places.directory_json(), DirectoryJson(directory));
  const std::chrono::seconds timeout(options.timeout_seconds);

  std::vector<Measurement> rows;
  std::optional<WrittenQueue> queue;  // as written for the first contestant; the same for all
  const auto write_queue = [&] { queue = WriteQueue(places, directory, MaildirMix(), options); };
  const MailtrailRun mailtrail{.contestant = "mailtrail log-email (Maildir)",
                               .binary = options.mailtrail,
                               .workspace = workspace.path(),
                               .owner = places.root.string(),
                               .timeout = timeout};
  ProgressRegistering(directory);
  rows.push_back(MailtrailRow(mailtrail, {.url = "maildir://" + places.root.string()}, arena, directory, write_queue));
  ThrowIfInterrupted();

  write_queue();
  const bool mailtrail_counted = rows[0].valid() && rows[0].counts;
  rows.push_back(PythonRow(places, options, mailtrail_counted ? *rows[0].counts : queue->counts,
                           mailtrail_counted ? "mailtrail's" : "the contract's"));
  ThrowIfInterrupted();

  if (fs::exists(options.notmuch)) {
    write_queue();
    rows.push_back(NotmuchRow(places, options));
  } else {
    rows.push_back({.contestant = "notmuch new (indexing)",
                    .unavailable = "no notmuch at " + options.notmuch + " (scripts/install-deps.sh installs it)"});
  }
  ThrowIfInterrupted();

  write_queue();
  rows.push_back(CopyRow(places, options));

  Report report{
      .title = "Maildir: one pass over " + Thousands(arena.queue_size) + " queued messages (local file system)",
      .machine = MachineLine(PythonVersion(options.python) + "; " + NotmuchVersion(options)),
      .rows = rows,
  };
  report.ratios = {{"ratio vs mailtrail", &report.rows[0]}};
  report.rss_floor_mb = OwnPeakRssMb();
  report.notes = Notes(report, *queue, directory, options, FileSystemOf(workspace.path()));
  report.notes.push_back(GoalLine(report.rows[0], report.rows[1], report.rows[3]));
  PublishSection(options.output, RenderMarkdown(report));

  return ExitStatus(report);
}

// The scaling runs: mailtrail alone over queues of each size, with the same
// registered directory, so that the per-message cost shows how a pass grows.
int RunScaling(const Options& options) {
  Random random(options.seed);
  const Directory directory = MakeDirectory(random, {.companies = options.companies});
  testing::TempDir workspace;
  const fs::path registered = workspace.path() / "registered.db";
  std::vector<Measurement> rows;
  std::vector<std::string> notes;
  std::optional<WrittenQueue> largest_queue;
  Report report{.title = "Maildir: the pass's cost by queue size",
                .machine = MachineLine("")};
  const MailtrailRun mailtrail{.contestant = "mailtrail log-email (Maildir)",
                               .binary = options.mailtrail,
                               .workspace = workspace.path(),
                               .owner = (workspace.path() / "maildir").string(),
                               .timeout = std::chrono::seconds(options.timeout_seconds)};
  std::string unavailable;
  for (const std::size_t size : options.scaling) {
    const Arena arena = MaildirArena(size);
    const Places places{.workspace = workspace.path(), .root = workspace.path() / "maildir", .arena = &arena};
    Measurement row{.contestant = "mailtrail, " + Thousands(arena.queue_size) + " messages", .messages = arena.queue_size};
    if (rows.empty()) {
      ProgressRegistering(directory);
      unavailable = PrepareMailtrail(mailtrail, {.url = "maildir://" + places.root.string()}, arena, directory);
      if (unavailable.empty()) fs::copy_file(mailtrail.database(), registered);
    }
    if (!unavailable.empty()) {
      row.unavailable = unavailable;
      rows.push_back(row);
      continue;
    }
    fs::copy_file(registered, mailtrail.database(), fs::copy_options::overwrite_existing);
    const CorpusMix mix = ScalingMix(size, options.huge);
    const WrittenQueue queue = WriteQueue(places, directory, mix, options);
    Progress("timing mailtrail over " + Thousands(arena.queue_size) + " messages");
    row = MeasureMailtrail(mailtrail, arena);
    row.contestant = "mailtrail, " + Thousands(arena.queue_size) + " messages";
    CompareCounts(row, queue.counts, "the contract's");
    notes.push_back("- " + Thousands(arena.queue_size) + " messages (" +
                    FormatNumber("%.1f", static_cast<double>(queue.bytes) / (1024 * 1024)) + " MB, the largest " +
                    FormatNumber("%.1f", static_cast<double>(queue.largest) / (1024 * 1024)) + " MB): " +
                    (row.valid() ? FormatNumber("%.1f", row.seconds * 1e6 / static_cast<double>(size)) +
                                       " µs a message wall clock, " +
                                       FormatNumber("%.1f", row.cpu_seconds * 1e6 / static_cast<double>(size)) +
                                       " µs of CPU; peak RSS " + FormatNumber("%.1f", row.peak_rss_mb) + " MB"
                                 : "no valid figures") +
                    "." + (row.counts && *row.counts != queue.counts
                               ? " Counted by mailtrail: " + CountsText(*row.counts) + "; by the corpus: " +
                                     CountsText(queue.counts) + "."
                               : std::string()));
    if (size == 100000 && row.valid()) {
      notes.push_back(std::string("- Goal: peak RSS under 64 MB over 100,000 messages that include 100 MB messages: ") +
                      FormatNumber("%.1f MB", row.peak_rss_mb) + (row.peak_rss_mb < 64 ? " (met)." : " (not met)."));
    }
    rows.push_back(row);
    if (!largest_queue || queue.largest > largest_queue->largest) largest_queue = queue;
    fs::remove_all(places.root);
    ThrowIfInterrupted();
  }
  report.rows = rows;
  report.ratios = {{"ratio vs " + Thousands(static_cast<std::int64_t>(options.scaling.front())), &report.rows[0]}};
  report.rss_floor_mb = OwnPeakRssMb();
  if (largest_queue) {
    notes.insert(notes.begin(),
                 CorpusLine("ScalingMix", ScalingMix(options.scaling.back(), options.huge), directory, *largest_queue));
  }
  notes.push_back(SettlingLine("Each size", report, options, FileSystemOf(workspace.path())));
  notes.push_back("- mailtrail: `mailtrail log-email --format json`, mail store `maildir://ROOT`, batch-size 0, "
                  "durable as in the comparison above; the queue is listed 100,000 messages at a time.");
  report.notes = notes;
  PublishSection(options.output, RenderMarkdown(report));
  return ExitStatus(report);
}

}  // namespace
}  // namespace mailtrail::bench

int main(int argc, char** argv) {
  using mailtrail::bench::Options;
  Options options;
  CLI::App app("Maildir benchmark: mailtrail log-email against a Python script, notmuch new and cp -r");
  app.add_option("--mailtrail", options.mailtrail, "The mailtrail binary")->capture_default_str();
  app.add_option("--python", options.python, "Python 3 for the baseline")->capture_default_str();
  app.add_option("--baseline", options.baseline, "The Python baseline script")->capture_default_str();
  app.add_option("--notmuch", options.notmuch, "The notmuch binary")->capture_default_str();
  app.add_option("--output", options.output, "Markdown file the results section is appended to")->capture_default_str();
  app.add_option("--messages", options.messages, "Messages in the queue")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--companies", options.companies, "Customer companies registered, each with 3-5 persons")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--seed", options.seed, "Seed of the corpus")->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds, "Seconds each contestant may take")->capture_default_str();
  app.add_flag("--cold", options.cold, "Evict the queue's files from the page cache before each contestant");
  app.add_option("--scaling", options.scaling,
                 "Instead of the comparison, time mailtrail alone over queues of these sizes, e.g. "
                 "--scaling 10000,100000,1000000")
      ->delimiter(',')
      ->check(CLI::Range(1, 10000000));
  app.add_option("--huge", options.huge, "Messages of 100 MB in each queue of the scaling runs")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  // The children run in other working folders.
  for (std::string* path :
       {&options.mailtrail, &options.python, &options.baseline, &options.notmuch, &options.output}) {
    *path = std::filesystem::absolute(*path).string();
  }
  return mailtrail::bench::RunBenchmark("maildir_bench", "temporary folders removed", [&options] {
    return options.scaling.empty() ? mailtrail::bench::Run(options) : mailtrail::bench::RunScaling(options);
  });
}
