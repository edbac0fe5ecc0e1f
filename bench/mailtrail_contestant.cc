#include "mailtrail_contestant.h"

#include <stdexcept>

namespace mailtrail::bench {
namespace {

ProcessResult Mailtrail(const MailtrailRun& run, const std::vector<std::string>& arguments,
                        std::chrono::seconds timeout) {
  ProcessSpec spec = MailtrailCommand(run, arguments);
  spec.timeout = timeout;
  return RunProcess(spec);
}

}  // namespace

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

std::string PrepareMailtrail(const MailtrailRun& run, const testing::DovecotServer& server, const Arena& arena,
                             const Directory& directory) {
  if (!std::filesystem::exists(run.binary)) return "no binary at " + run.binary.string();
  MustRunMailtrail(run, {"init"});
  // The one step a build without an IMAP mail store refuses.
  const ProcessResult store =
      Mailtrail(run, {"setup", "set", "mail-store", server.Url(run.user)}, std::chrono::seconds(60));
  if (!store.ok()) {
    const std::string reason = store.err.substr(0, store.err.find('\n'));
    return reason.empty() ? store.Failure() : reason;
  }
  MustRunMailtrail(run, {"setup", "set", "ca-file", server.ca_file().string()});
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
  Measurement measurement{.contestant = kMailtrailContestant, .messages = arena.queue_size};
  const std::optional<double> server_before = ServerCpuNow(arena);
  const ProcessResult pass = Mailtrail(run, {"log-email", "--format", "json"}, run.timeout);
  TakeFigures(pass, measurement);
  if (pass.ok()) TakeCounts(pass.out, arena, measurement);
  CheckFolders(arena, run.user, measurement);
  TakeServerCpu(arena, server_before, measurement);
  return measurement;
}

}  // namespace mailtrail::bench
