#include "mailtrail_contestant.h"

#include <stdexcept>

#include "report.h"

namespace mailtrail::bench {
namespace {

ProcessResult Mailtrail(const MailtrailRun& run, const std::vector<std::string>& arguments,
                        std::chrono::seconds timeout) {
  ProcessSpec spec = MailtrailCommand(run, arguments);
  spec.timeout = timeout;
  return RunProcess(spec);
}

}  // namespace

StoreSetup ImapStoreSetup(const testing::DovecotServer& server, const std::string& user) {
  return {.url = server.Url(user), .more = {{"ca-file", server.ca_file().string()}}};
}

ProcessSpec MailtrailCommand(const MailtrailRun& run, const std::vector<std::string>& arguments) {
  std::vector<std::string> argv = {run.binary.string(), "--db", "sqlite://" + run.database().string()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return {.argv = argv,
          .environment = {{"MAILTRAIL_IMAP_PASSWORD", run.password}},
          .working_directory = run.workspace,
          .timeout = run.timeout};
}

std::string MustRunMailtrail(const MailtrailRun& run, const std::vector<std::string>& arguments) {
  ProcessResult result = Mailtrail(run, arguments, std::chrono::seconds(60));
  if (!result.ok()) {
    std::string command = "mailtrail";
    for (const auto& argument : arguments) command += " " + argument;
    throw std::runtime_error(command + ": " + result.Failure());
  }
  while (!result.out.empty() && (result.out.back() == '\n' || result.out.back() == ' ')) result.out.pop_back();
  return result.out;
}

std::string PrepareMailtrail(const MailtrailRun& run, const StoreSetup& store, const Arena& arena,
                             const Directory& directory) {
  if (!std::filesystem::exists(run.binary)) return "no binary at " + run.binary.string();
  MustRunMailtrail(run, {"init"});
  // The one step a build without that kind of mail store refuses.
  const ProcessResult set = Mailtrail(run, {"setup", "set", "mail-store", store.url}, std::chrono::seconds(60));
  if (!set.ok()) {
    const std::string reason = set.err.substr(0, set.err.find('\n'));
    return reason.empty() ? set.Failure() : reason;
  }
  for (const auto& [key, value] : store.more) MustRunMailtrail(run, {"setup", "set", key, value});
  MustRunMailtrail(run, {"setup", "set", "queue-folder", arena.queue_folder});
  MustRunMailtrail(run, {"setup", "set", "storage-folder", arena.storage_folder});
  MustRunMailtrail(run, {"setup", "set", "batch-size", "0"});
  for (const auto& salesperson : directory.salespersons) {
    MustRunMailtrail(
        run, {"salesperson", "add", salesperson.code, "--name", salesperson.name, "--email", salesperson.email});
  }
  std::vector<std::string> numbers;  // contact no by index, as `contact add` prints it
  for (const auto& contact : directory.contacts) {
    std::vector<std::string> arguments = {"contact", "add", "--name", contact.name, "--email", contact.email};
    if (contact.company) {
      arguments.insert(arguments.end(), {"--type", "person", "--company", numbers.at(*contact.company)});
    }
    numbers.push_back(MustRunMailtrail(run, arguments));
  }
  return "";
}

Measurement MeasureMailtrail(const MailtrailRun& run, const Arena& arena) {
  Measurement measurement{.contestant = run.contestant, .messages = arena.queue_size};
  const std::optional<double> server_before = ServerCpuNow(arena);
  const ProcessResult pass = Mailtrail(run, {"log-email", "--format", "json"}, run.timeout);
  TakeFigures(pass, measurement);
  if (pass.ok()) TakeCounts(pass.out, arena, measurement);
  CheckFolders(arena, run.owner, measurement);
  TakeServerCpu(arena, server_before, measurement);
  return measurement;
}

Measurement MailtrailRow(const MailtrailRun& run, const StoreSetup& store, const Arena& arena,
                         const Directory& directory, const std::function<void()>& before_timing) {
  std::string unavailable;
  try {
    unavailable = PrepareMailtrail(run, store, arena, directory);
  } catch (const std::runtime_error& error) {
    Progress("preparing mailtrail failed: " + std::string(error.what()));
    return {.contestant = run.contestant, .invalid = "preparing it failed: " + std::string(error.what())};
  }
  if (!unavailable.empty()) {
    Progress("mailtrail is not available: " + unavailable);
    return {.contestant = run.contestant, .unavailable = unavailable};
  }
  if (before_timing) before_timing();
  Progress("timing mailtrail log-email");
  return MeasureMailtrail(run, arena);
}

}  // namespace mailtrail::bench
