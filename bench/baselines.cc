#include "baselines.h"

#include <utility>

#include "process.h"

namespace mailtrail::bench {

std::string PythonVersion(const std::filesystem::path& python) {
  const ProcessResult result = RunProcess({.argv = {python.string(), "--version"}});
  return result.ok() ? result.out.substr(0, result.out.find('\n')) : "no Python";
}

Measurement MeasurePythonScript(const PythonRun& run, const Arena& arena) {
  Measurement measurement{.contestant = run.contestant, .messages = arena.queue_size};
  if (!std::filesystem::exists(run.python)) {
    measurement.unavailable = "no Python at " + run.python.string() + " (scripts/install-deps.sh installs python3)";
    return measurement;
  }
  // -I: isolated from PYTHON* variables and the user's site packages; standard library only.
  // -B: no __pycache__ of the shared baseline_rules.py in the source tree.
  std::vector<std::string> argv = {run.python.string(), "-I", "-B", run.script.string()};
  argv.insert(argv.end(), run.arguments.begin(), run.arguments.end());
  ProcessSpec spec{.argv = argv, .working_directory = run.workspace, .timeout = run.timeout};
  if (!run.password.empty()) spec.environment = {{"MAILTRAIL_IMAP_PASSWORD", run.password}};
  const std::optional<double> server_before = ServerCpuNow(arena);
  const ProcessResult pass = RunProcess(spec);
  TakeFigures(pass, measurement);
  if (pass.ok() && run.reports_counts) TakeCounts(pass.out, arena, measurement);
  CheckFolders(arena, run.owner, measurement);
  TakeServerCpu(arena, server_before, measurement);
  return measurement;
}

Measurement MeasurePythonClient(PythonRun run, const testing::DovecotServer& server, const Arena& arena) {
  std::vector<std::string> arguments = {"--host", "127.0.0.1", "--port", std::to_string(server.imap_port()),
                                        "--user", run.owner, "--ca-file", server.ca_file().string(),
                                        "--queue", arena.queue_folder, "--storage", arena.storage_folder};
  arguments.insert(arguments.end(), run.arguments.begin(), run.arguments.end());
  run.arguments = std::move(arguments);
  return MeasurePythonScript(run, arena);
}

Measurement MeasureDoveadmMove(const std::string& user, const Arena& arena, std::chrono::seconds timeout) {
  Measurement measurement{.contestant = "doveadm move (server side)", .messages = arena.queue_size};
  const ProcessResult move = RunProcess({
      .argv = arena.admin->Command({"move", "-u", user, arena.storage_folder, "mailbox", arena.queue_folder, "all"}),
      .timeout = timeout,
  });
  TakeFigures(move, measurement);
  CheckFolders(arena, user, measurement);
  if (measurement.valid() && measurement.stored != arena.queue_size) {
    measurement.invalid =
        std::to_string(measurement.stored) + " messages in storage, not " + std::to_string(arena.queue_size);
  }
  return measurement;
}

}  // namespace mailtrail::bench
