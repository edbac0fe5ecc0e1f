#include "baselines.h"

#include "process.h"

namespace mailtrail::bench {

Measurement MeasurePythonClient(const PythonClientRun& run, const testing::DovecotServer& server,
                                const Arena& arena) {
  Measurement measurement{.contestant = run.contestant, .messages = arena.queue_size};
  if (!std::filesystem::exists(run.python)) {
    measurement.unavailable = "no Python at " + run.python.string() + " (scripts/install-deps.sh installs python3)";
    return measurement;
  }
  // -I: isolated from PYTHON* variables and the user's site packages; standard library only.
  std::vector<std::string> argv = {run.python.string(), "-I", run.script.string(), "--host", "127.0.0.1",
                                   "--port", std::to_string(server.imap_port()), "--user", run.user,
                                   "--ca-file", server.ca_file().string(), "--queue", arena.queue_folder,
                                   "--storage", arena.storage_folder};
  argv.insert(argv.end(), run.arguments.begin(), run.arguments.end());
  const std::optional<double> server_before = ServerCpuNow(arena);
  const ProcessResult pass = RunProcess({
      .argv = argv,
      .environment = {{"MAILTRAIL_IMAP_PASSWORD", run.password}},
      .working_directory = run.workspace,
      .timeout = run.timeout,
  });
  TakeFigures(pass, measurement);
  if (pass.ok() && run.reports_counts) TakeCounts(pass.out, arena, measurement);
  CheckFolders(arena, run.user, measurement);
  TakeServerCpu(arena, server_before, measurement);
  return measurement;
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
