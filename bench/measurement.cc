#include "measurement.h"

#include <nlohmann/json.hpp>

namespace mailtrail::bench {

void MarkInvalid(Measurement& measurement, const std::string& why) {
  if (measurement.invalid.empty()) measurement.invalid = why;
}

void TakeFigures(const ProcessResult& run, Measurement& measurement) {
  measurement.seconds = run.wall_seconds;
  measurement.cpu_seconds = run.cpu_seconds;
  measurement.peak_rss_mb = run.peak_rss_mb;
  if (!run.ok()) MarkInvalid(measurement, run.Failure());
}

void TakeCounts(const std::string& json, const Arena& arena, Measurement& measurement) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    MarkInvalid(measurement, "its output is not a JSON object of counts");
    return;
  }
  OutcomeCounts counts;
  const std::pair<const char*, std::int64_t*> fields[] = {{"logged", &counts.logged},
                                                          {"entries", &counts.entries},
                                                          {"sensitive", &counts.sensitive},
                                                          {"address_too_long", &counts.address_too_long},
                                                          {"unregistered", &counts.unregistered},
                                                          {"duplicate", &counts.duplicate},
                                                          {"invalid", &counts.invalid},
                                                          {"failed", &counts.failed}};
  for (const auto& [name, field] : fields) {
    if (!parsed.contains(name) || !parsed[name].is_number_integer()) {
      MarkInvalid(measurement, std::string("its counts lack \"") + name + "\"");
      return;
    }
    *field = parsed[name].get<std::int64_t>();
  }
  measurement.counts = counts;
  if (counts.Messages() != arena.queue_size) {
    MarkInvalid(measurement, "its counts add up to " + std::to_string(counts.Messages()) + " messages, not " +
                                 std::to_string(arena.queue_size));
  }
}

void CheckFolders(const Arena& arena, const std::string& owner, Measurement& measurement) {
  const std::int64_t left = arena.count(owner, arena.queue_folder);
  if (left != 0) MarkInvalid(measurement, std::to_string(left) + " messages left in the queue");
  measurement.stored = arena.count(owner, arena.storage_folder);
}

std::optional<double> ServerCpuNow(const Arena& arena) {
  return arena.server_cpu != nullptr ? arena.server_cpu->FinishedChildrenSeconds() : std::nullopt;
}

void TakeServerCpu(const Arena& arena, std::optional<double> before, Measurement& measurement) {
  const std::optional<double> after = ServerCpuNow(arena);
  if (before && after) measurement.server_cpu_seconds = *after - *before;
}

}  // namespace mailtrail::bench
