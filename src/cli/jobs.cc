// mailtrail jobs list|add|set|hold|resume|run-now|log: the job queue.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

#include "cli/context.h"
#include "cli/output.h"
#include "service/job_queue.h"
#include "service/job_runner.h"
#include "service/json_views.h"

namespace mailtrail::cli {
namespace {

using domain::JobQueueEntry;
using service::FormatTime;
using service::FormatTimeOfDay;
using service::JobJson;
using service::LoadJob;
using service::RunJson;

domain::UnixTime Now() { return static_cast<domain::UnixTime>(std::time(nullptr)); }

// "HH:MM" → minutes since midnight.
std::optional<int> ParseMinute(const std::string& text) {
  int hours = 0, minutes = 0;
  char rest = 0;
  if (std::sscanf(text.c_str(), "%d:%d%c", &hours, &minutes, &rest) != 2 || hours < 0 || hours > 24 ||
      minutes < 0 || minutes > 59 || hours * 60 + minutes > 24 * 60) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

std::string Recurrence(const domain::Recurrence& r) {
  if (r.every_minutes == 0) return "once";
  std::string text = "every " + std::to_string(r.every_minutes) + " min";
  if (r.start_minute || r.end_minute) {
    text += ", " + FormatTimeOfDay(r.start_minute.value_or(0)) + "-" +
            FormatTimeOfDay(r.end_minute.value_or(24 * 60));
  }
  if (r.weekdays != 0x7f) text += ", " + domain::WeekdaysToString(r.weekdays);
  return text;
}

// Options shared by add and set; each records whether it was given.
struct JobFields {
  std::string description, category, start, end, weekdays;
  int every = -1, max_attempts = -1;
  CLI::Option* description_option = nullptr;
  CLI::Option* category_option = nullptr;
  CLI::Option* start_option = nullptr;
  CLI::Option* end_option = nullptr;
  CLI::Option* weekdays_option = nullptr;

  void Add(CLI::App* command) {
    description_option = command->add_option("--description", description, "Description");
    category_option = command->add_option("--category", category, "Category; jobs of one category never run at once");
    command->add_option("--every", every, "Minutes between runs; 0 runs once")->check(CLI::NonNegativeNumber);
    start_option = command->add_option("--start", start, "Earliest time of day, HH:MM (UTC)");
    end_option = command->add_option("--end", end, "Latest time of day, HH:MM (UTC)");
    weekdays_option = command->add_option("--weekdays", weekdays, "mon,tue,... or all");
    command->add_option("--max-attempts", max_attempts, "Attempts before the job stops with an error")
        ->check(CLI::PositiveNumber);
  }

  Status ApplyTo(JobQueueEntry& job) const {
    if (*description_option) job.description = description;
    if (*category_option) job.category = category;
    if (every >= 0) job.recurrence.every_minutes = every;
    if (max_attempts > 0) job.max_attempts = max_attempts;
    for (auto [option, text, field] : {std::tuple{start_option, &start, &job.recurrence.start_minute},
                                       std::tuple{end_option, &end, &job.recurrence.end_minute}}) {
      if (!*option) continue;
      if (text->empty()) {
        field->reset();
      } else if (auto minute = ParseMinute(*text)) {
        *field = *minute;
      } else {
        return Status::InvalidArgument("'" + *text + "' is not a time of day (HH:MM).");
      }
    }
    if (*weekdays_option) {
      auto days = domain::ParseWeekdays(weekdays);
      if (!days) return Status::InvalidArgument("'" + weekdays + "' is not a list of weekdays (mon,tue,... or all).");
      job.recurrence.weekdays = *days;
    }
    return Status::Ok();
  }
};

void AddList(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("list", "List job queue entries");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto jobs, database->ListJobs());
      if (*format == Format::kJson) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& job : jobs) list.push_back(JobJson(job));
        context.out << list.dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& j : jobs) {
        std::string error = j.last_error.empty() ? "" : j.last_error_context + ": " + j.last_error;
        rows.push_back({std::to_string(j.id), j.description, j.category, Recurrence(j.recurrence),
                        std::string(domain::ToString(j.status)), FormatTime(j.earliest_start),
                        std::to_string(j.attempts) + "/" + std::to_string(j.max_attempts), error});
      }
      PrintTable(context.out, {"Id", "Description", "Category", "Recurrence", "Status", "Earliest Start",
                               "Attempts", "Last Error"},
                 rows);
      return Status::Ok();
    });
  });
}

void AddAdd(CLI::App& parent, Context& context) {
  auto fields = std::make_shared<JobFields>();
  auto object = std::make_shared<std::string>(domain::kEmailLoggingJob);
  auto* command = parent.add_subcommand("add", "Add a job queue entry (on hold until resumed); prints its id");
  command->add_option("--object", *object,
                      "What it runs: email-logging (every 10 minutes unless --every), or relog of the storage "
                      "folder (once unless --every)")
      ->check(CLI::IsMember({std::string(domain::kEmailLoggingJob), std::string(domain::kRelogJob)}));
  fields->Add(command);
  command->callback([&context, fields, object] {
    context.Run([&context, fields, object]() -> Status {
      JobQueueEntry job = *object == domain::kRelogJob ? domain::RelogJob(Now()) : domain::EmailLoggingJob(Now());
      MT_RETURN_IF_ERROR(fields->ApplyTo(job));
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(std::int64_t id, database->AddJob(job));
      context.out << id << '\n';
      return Status::Ok();
    });
  });
}

void AddSet(CLI::App& parent, Context& context) {
  auto fields = std::make_shared<JobFields>();
  auto id = std::make_shared<std::int64_t>(0);
  auto* command = parent.add_subcommand("set", "Change a job queue entry");
  command->add_option("ID", *id, "Job id")->required();
  fields->Add(command);
  command->callback([&context, fields, id] {
    context.Run([&context, fields, id]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(JobQueueEntry job, LoadJob(*database, *id));
      MT_RETURN_IF_ERROR(fields->ApplyTo(job));
      return database->UpdateJob(job);
    });
  });
}

// hold and resume: status changes.
void AddStatusChange(CLI::App& parent, Context& context, const char* name, const char* help, bool resume) {
  auto id = std::make_shared<std::int64_t>(0);
  auto* command = parent.add_subcommand(name, help);
  command->add_option("ID", *id, "Job id")->required();
  command->callback([&context, id, resume] {
    context.Run([&context, id, resume]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return resume ? service::ResumeJob(*database, *id, Now()) : service::HoldJob(*database, *id);
    });
  });
}

void AddRunNow(CLI::App& parent, Context& context) {
  auto id = std::make_shared<std::int64_t>(0);
  auto* command = parent.add_subcommand("run-now", "Run a job once, now, in this process; its status stays as it is");
  command->add_option("ID", *id, "Job id")->required();
  command->callback([&context, id] {
    context.Run([&context, id]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      service::JobRunnerOptions options;
      options.worker = service::DefaultWorkerName();
      MT_ASSIGN_OR_RETURN(options.pass_options, context.ConfiguredPassOptions());
      MT_ASSIGN_OR_RETURN(auto run, service::RunDueJob(*database, options, *id));
      if (!run) return service::RunNowRefused(*id);
      context.out << RunJson(*run).dump(2) << '\n';
      if (run->status == domain::JobRunStatus::kFailed) {
        return Status::FailedPrecondition(run->error_context + ": " + run->error);
      }
      return Status::Ok();
    });
  });
}

void AddLog(CLI::App& parent, Context& context) {
  auto id = std::make_shared<std::int64_t>(0);
  auto limit = std::make_shared<std::size_t>(20);
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("log", "Show a job's runs, newest first");
  command->add_option("ID", *id, "Job id")->required();
  command->add_option("--limit", *limit, "How many runs (default 20)");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, id, limit, format] {
    context.Run([&context, id, limit, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_RETURN_IF_ERROR(LoadJob(*database, *id).status());
      MT_ASSIGN_OR_RETURN(auto runs, database->ListJobRuns(*id, *limit));
      if (*format == Format::kJson) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& run : runs) list.push_back(RunJson(run));
        context.out << list.dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& r : runs) {
        rows.push_back({std::to_string(r.id), FormatTime(r.started_at), FormatTime(r.ended_at),
                        std::string(domain::ToString(r.status)), r.worker,
                        r.error.empty() ? r.summary : r.error_context + ": " + r.error});
      }
      PrintTable(context.out, {"Run", "Started", "Ended", "Status", "Worker", "Result"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace

void AddJobsCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("jobs", "The job queue: scheduled email logging and its run log");
  command->require_subcommand(1);
  AddList(*command, context);
  AddAdd(*command, context);
  AddSet(*command, context);
  AddStatusChange(*command, context, "hold", "Put a job on hold", false);
  AddStatusChange(*command, context, "resume", "Make a job ready to run (enables email logging)", true);
  AddRunNow(*command, context);
  AddLog(*command, context);
}

}  // namespace mailtrail::cli
