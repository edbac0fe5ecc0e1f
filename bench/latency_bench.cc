// The latency benchmark: with `mailtrail serve` running against a local Dovecot,
// the time from a message's APPEND to the queue folder to its interaction log
// entries being readable in the database, message by message. Measures serve
// with push (IMAP IDLE) on 200 messages, and as a baseline of the same run serve
// with push off and the job polling at its shortest interval, next to what
// Business Central's default of polling every 10 minutes is expected to give.
// Prints a Markdown section and appends it to the results file. Exit status: 0
// when every message was logged in time. See bench/README.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "corpus/directory.h"
#include "corpus/messages.h"
#include "dovecot_admin.h"
#include "entry_watcher.h"
#include "interrupt.h"
#include "latency_report.h"
#include "mailtrail_contestant.h"
#include "queue_appender.h"
#include "random.h"
#include "report.h"
#include "testing/dovecot_server.h"
#include "testing/test_util.h"

namespace mailtrail::bench {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

struct Options {
  std::string mailtrail = MAILTRAIL_BENCH_MAILTRAIL;
  std::string output = MAILTRAIL_BENCH_OUTPUT;
  std::size_t messages = 200;
  std::size_t baseline_messages = 20;
  std::uint64_t seed = 20260105;
  int timeout_seconds = 30;
};

constexpr char kUser[] = "mailtrail";
constexpr char kPassword[] = "secret";
// How often the database is looked at for new entries: the figures are late by up
// to this much.
constexpr milliseconds kLookInterval(2);
// Gaps before each APPEND with push: short enough that some mail arrives while a
// pass is running.
constexpr milliseconds kMinPushGap(100);
constexpr milliseconds kMaxPushGap(300);
// The shortest recurrence a job can have.
constexpr int kShortestEveryMinutes = 1;
// Business Central's job queue runs email logging every 10 minutes by default, as
// mailtrail's job does.
constexpr int kBusinessCentralEveryMinutes = 10;

// How `serve` picks up new mail in one measurement, and how the mail comes.
struct Pickup {
  std::string name;
  bool push = true;
  int every_minutes = kBusinessCentralEveryMinutes;  // the email logging job's recurrence
  std::size_t messages = 0;
  milliseconds min_gap{0};  // before each APPEND
  milliseconds max_gap{0};
  seconds timeout{0};  // a message not logged this long after its APPEND fails the run
};

// What every measurement shares.
struct Bench {
  const MailtrailRun& mailtrail;
  std::string job;  // the email logging job's id
  QueueAppender& appender;
  const EntryWatcher& watcher;
  Corpus& corpus;
  Random& random;
};

// Sleeps, but ends at once on Ctrl-C.
void Sleep(Clock::duration duration) {
  const Clock::time_point until = Clock::now() + duration;
  while (Clock::now() < until) {
    ThrowIfInterrupted();
    std::this_thread::sleep_for(std::min<Clock::duration>(until - Clock::now(), milliseconds(20)));
  }
  ThrowIfInterrupted();
}

std::string EmailLoggingJob(const MailtrailRun& mailtrail) {
  const nlohmann::json jobs =
      nlohmann::json::parse(MustRunMailtrail(mailtrail, {"jobs", "list", "--format", "json"}), nullptr, false);
  if (jobs.is_array()) {
    for (const auto& job : jobs) {
      if (job.value("object_to_run", "") == "email-logging") return std::to_string(job.value("id", 0));
    }
  }
  throw std::runtime_error("setting up email logging made no email logging job (mailtrail jobs list)");
}

// The job's newest run: its id (0: none yet) and status.
std::pair<std::int64_t, std::string> NewestRun(const Bench& bench) {
  const nlohmann::json runs = nlohmann::json::parse(
      MustRunMailtrail(bench.mailtrail, {"jobs", "log", bench.job, "--limit", "1", "--format", "json"}), nullptr,
      false);
  if (!runs.is_array() || runs.empty()) return {0, ""};
  return {runs[0].value("id", 0), runs[0].value("status", "")};
}

void ThrowIfEnded(BackgroundProcess& serve) {
  if (!serve.Running()) throw std::runtime_error("mailtrail serve ended early; its log ends:\n" + serve.LogTail(10));
}

// Waits for serve's first run of the job after `before` (resuming the job makes it
// due at once) to end; returns its id.
std::int64_t WaitForFirstRun(const Bench& bench, BackgroundProcess& serve, std::int64_t before) {
  const Clock::time_point deadline = Clock::now() + seconds(60);
  while (Clock::now() < deadline) {
    ThrowIfEnded(serve);
    const auto [id, status] = NewestRun(bench);
    if (id > before && status != "running") return id;
    Sleep(milliseconds(100));
  }
  throw std::runtime_error("mailtrail serve did not run the email logging job within 60 s; its log ends:\n" +
                           serve.LogTail(10));
}

CorpusMessage NextLoggable(Corpus& corpus) {
  for (;;) {
    CorpusMessage message = corpus.Next();
    if (message.outcome == Outcome::kLogged) return message;
  }
}

LatencySample Measure(const Pickup& pickup, Bench& bench) {
  LatencySample sample{.pickup = pickup.name, .messages = pickup.messages};
  MustRunMailtrail(bench.mailtrail, {"jobs", "set", bench.job, "--every", std::to_string(pickup.every_minutes)});
  MustRunMailtrail(bench.mailtrail, {"jobs", "resume", bench.job});
  const std::int64_t before = NewestRun(bench).first;
  std::vector<std::string> arguments = {"serve"};
  if (!pickup.push) arguments.push_back("--no-push");
  BackgroundProcess serve(MailtrailCommand(bench.mailtrail, arguments),
                          bench.mailtrail.workspace / (pickup.push ? "serve-push.log" : "serve-no-push.log"));
  const std::int64_t first_run = WaitForFirstRun(bench, serve, before);
  // Lets the push watcher, started beside the first run, get into IDLE.
  Sleep(seconds(1));

  Progress("appending " + std::to_string(pickup.messages) + " messages, " + pickup.name);
  struct Appended {
    std::string message_id;
    Clock::time_point at;  // when the APPEND ended
  };
  std::vector<Appended> appended;
  for (std::size_t i = 0; i < pickup.messages; ++i) {
    Sleep(milliseconds(bench.random.Between(pickup.min_gap.count(), pickup.max_gap.count())));
    ThrowIfEnded(serve);
    const CorpusMessage message = NextLoggable(bench.corpus);
    bench.appender.Append(message.bytes);
    appended.push_back({MessageIdOf(message.bytes), Clock::now()});
  }

  // A message's latency in seconds, once it was logged within the timeout.
  const auto latency = [&](const Appended& message) -> std::optional<double> {
    const std::optional<Clock::time_point> seen = bench.watcher.SeenAt(message.message_id);
    if (!seen || *seen - message.at > pickup.timeout) return std::nullopt;
    return std::chrono::duration<double>(*seen - message.at).count();
  };
  const auto all_logged = [&] {
    return std::all_of(appended.begin(), appended.end(),
                       [&](const Appended& message) { return latency(message).has_value(); });
  };
  while (Clock::now() < appended.back().at + pickup.timeout && !all_logged()) {
    if (!bench.watcher.error().empty()) throw std::runtime_error(bench.watcher.error());
    ThrowIfEnded(serve);
    Sleep(milliseconds(10));
  }
  for (const auto& message : appended) {
    if (const std::optional<double> logged = latency(message)) sample.seconds.push_back(*logged);
  }
  // Run ids count the runs: the email logging job is the only job.
  sample.passes = NewestRun(bench).first - first_run;
  if (sample.seconds.size() < appended.size()) {
    sample.invalid = std::to_string(appended.size() - sample.seconds.size()) + " of " +
                     std::to_string(appended.size()) + " messages not logged within " +
                     std::to_string(pickup.timeout.count()) + " s";
  }
  if (const int exit_code = serve.Stop(seconds(30)); exit_code != 0 && sample.valid()) {
    sample.invalid = "mailtrail serve exited with status " + std::to_string(exit_code);
  }
  const std::string median =
      sample.seconds.empty() ? "nothing logged" : "median " + FormatSeconds(Quantile(sample.seconds, 0.5)) + " s";
  Progress(pickup.name + ": " + median + (sample.valid() ? "" : "; INVALID: " + sample.invalid));
  return sample;
}

std::vector<std::string> Notes(const LatencyReport& report, const Options& options) {
  std::vector<std::string> notes;
  const LatencySample& push = report.samples.front();
  const double reference_median = std::chrono::duration<double>(report.reference_interval).count() / 2;
  if (push.valid()) {
    const double median = Quantile(push.seconds, 0.5);
    notes.push_back("- Goal: median under 1 s with push: " + std::string(median < 1 ? "met" : "not met") + " (" +
                    FormatSeconds(median) + " s; p99 " + FormatSeconds(Quantile(push.seconds, 0.99)) + " s), " +
                    FormatNumber("%.0f", reference_median / median) + "× sooner than the " +
                    FormatSeconds(reference_median) + " s Business Central is expected to take.");
  } else {
    notes.push_back("- Goal (median under 1 s with push): not assessed in this run.");
  }
  notes.push_back(
      "- Latency: from the tagged OK of the message's APPEND to the queue folder (over STARTTLS, one connection, "
      "one message at a time) to its entries being readable in the SQLite database, looked for every " +
      std::to_string(kLookInterval.count()) +
      " ms on a read-only connection of the driver's (WAL: it never blocks the writer); the figures are late by up "
      "to that much. Percentiles are nearest rank.");
  notes.push_back("- Messages: loggable ones from the corpus (seed " + std::to_string(options.seed) +
                  "), a few KB and now and then a PDF of up to ~100 KB; with push " +
                  std::to_string(kMinPushGap.count()) + "–" + std::to_string(kMaxPushGap.count()) +
                  " ms apart at random, so some arrive while a pass runs.");
  notes.push_back(
      "- `mailtrail serve` runs the email logging job (resumed, batch-size 0) and, with push, IDLEs on the queue "
      "folder and runs it at once on new mail. Without push the job runs on its recurrence, set to its shortest, " +
      std::to_string(kShortestEveryMinutes) +
      " minute, and the messages come at random times spread over about one interval. Passes: the job's runs "
      "while the messages came (`mailtrail jobs log`); mail arriving during a pass waits for the next one.");
  notes.push_back(
      "- Polling every T, mail arriving at random times waits uniformly between 0 and T: the q-quantile is q·T, the "
      "median T/2. Business Central's job queue runs email logging every " +
      std::to_string(kBusinessCentralEveryMinutes) + " minutes by default.");
  return notes;
}

int Run(const Options& options) {
  Random random(options.seed);
  const Directory directory = MakeDirectory(random, {});
  testing::TempDir workspace;  // the database and serve's logs; removed on the way out

  Progress("starting Dovecot");
  testing::DovecotServer::Options dovecot_options;
  dovecot_options.users = {{kUser, kPassword}};
  auto started = testing::DovecotServer::Start(dovecot_options);
  if (!started.ok()) throw std::runtime_error(started.status().message());
  testing::DovecotServer& server = **started;
  const Arena arena;
  for (const std::string& folder : {arena.queue_folder, arena.storage_folder}) {
    if (Status status = server.CreateFolder(kUser, folder); !status.ok()) {
      throw std::runtime_error("cannot create folder " + folder + ": " + status.message());
    }
  }

  const MailtrailRun mailtrail{
      .binary = options.mailtrail, .workspace = workspace.path(), .owner = kUser, .password = kPassword};
  Progress("registering " + std::to_string(directory.salespersons.size()) + " salespersons and " +
           std::to_string(directory.contacts.size()) + " contacts with mailtrail");
  const std::string unavailable = PrepareMailtrail(mailtrail, ImapStoreSetup(server, kUser), arena, directory);
  if (!unavailable.empty()) {
    throw std::runtime_error("mailtrail cannot run this benchmark: " + unavailable);
  }
  const EntryWatcher watcher(mailtrail.database(), kLookInterval);
  QueueAppender appender(server, kUser, kPassword, arena.queue_folder);
  Corpus corpus(directory, options.seed);
  Bench bench{.mailtrail = mailtrail,
              .job = EmailLoggingJob(mailtrail),
              .appender = appender,
              .watcher = watcher,
              .corpus = corpus,
              .random = random};

  const seconds timeout(options.timeout_seconds);
  std::vector<Pickup> pickups = {
      {.name = "mailtrail serve: push (IMAP IDLE), job every " + std::to_string(kBusinessCentralEveryMinutes) + " min",
       .messages = options.messages,
       .min_gap = kMinPushGap,
       .max_gap = kMaxPushGap,
       .timeout = timeout}};
  if (options.baseline_messages > 0) {
    // Gaps averaging 0.9 of an even share of the interval: the messages spread over
    // about one interval and mostly make the same run.
    const milliseconds share = milliseconds(std::chrono::minutes(kShortestEveryMinutes)) / options.baseline_messages;
    pickups.push_back({.name = "mailtrail serve --no-push: job every " + std::to_string(kShortestEveryMinutes) + " min",
                       .push = false,
                       .every_minutes = kShortestEveryMinutes,
                       .messages = options.baseline_messages,
                       .min_gap = share / 2,
                       .max_gap = share * 13 / 10,
                       .timeout = std::chrono::minutes(kShortestEveryMinutes) + timeout});
  }
  LatencyReport report{
      .title = "Latency: from APPEND to the queue folder to a readable entry, with `mailtrail serve` (local Dovecot)",
      .machine = MachineLine("Dovecot " + DovecotAdmin::Version()),
      .reference_name = "Business Central: job queue every " + std::to_string(kBusinessCentralEveryMinutes) +
                        " min (expected, not measured)",
      .reference_interval = std::chrono::minutes(kBusinessCentralEveryMinutes),
  };
  for (const auto& pickup : pickups) report.samples.push_back(Measure(pickup, bench));
  report.notes = Notes(report, options);
  PublishSection(options.output, RenderLatencyMarkdown(report));

  bool all_valid = true;
  for (const auto& sample : report.samples) all_valid = all_valid && sample.valid();
  return all_valid ? 0 : 1;
}

}  // namespace
}  // namespace mailtrail::bench

int main(int argc, char** argv) {
  using mailtrail::bench::Options;
  Options options;
  CLI::App app("Latency benchmark: from APPEND to the queue folder to a readable entry, with mailtrail serve");
  app.add_option("--mailtrail", options.mailtrail, "The mailtrail binary")->capture_default_str();
  app.add_option("--output", options.output, "Markdown file the results section is appended to")->capture_default_str();
  app.add_option("--messages", options.messages, "Messages appended with push")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--baseline-messages", options.baseline_messages,
                 "Messages appended with push off and the job polling every minute (0: no baseline)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  app.add_option("--seed", options.seed, "Seed of the corpus and the gaps")->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds,
                 "Seconds a message may take to be logged with push (the baseline gets its interval on top)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  // The children run in other working folders.
  for (std::string* path : {&options.mailtrail, &options.output}) *path = std::filesystem::absolute(*path).string();
  return mailtrail::bench::RunBenchmark("latency_bench", "serve and Dovecot stopped and temporary folders removed",
                                        [&options] { return mailtrail::bench::Run(options); });
}
