// mailtrail jobs list|add|set|hold|resume|run-now|log: the job queue.
#include <nlohmann/json.hpp>

#include <ctime>

#include "cli/context.h"
#include "cli/output.h"
#include "service/job_runner.h"

namespace mailtrail::cli {
namespace {

using domain::JobQueueEntry;

domain::UnixTime Now() { return static_cast<domain::UnixTime>(std::time(nullptr)); }

std::string FormatTime(domain::UnixTime when) {
  if (when == 0) return "";
  std::time_t seconds = static_cast<std::time_t>(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%SZ", &parts);
  return text;
}

std::string FormatMinute(const std::optional<int>& minute) {
  if (!minute) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", *minute / 60, *minute % 60);
  return text;
}

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
    text += ", " + FormatMinute(r.start_minute.value_or(0)) + "-" + FormatMinute(r.end_minute.value_or(24 * 60));
  }
  if (r.weekdays != 0x7f) text += ", " + domain::WeekdaysToString(r.weekdays);
  return text;
}

nlohmann::ordered_json JobJson(const JobQueueEntry& j) {
  return {{"id", j.id},
          {"object_to_run", j.object_to_run},
          {"description", j.description},
          {"category", j.category},
          {"every_minutes", j.recurrence.every_minutes},
          {"start_time", FormatMinute(j.recurrence.start_minute)},
          {"end_time", FormatMinute(j.recurrence.end_minute)},
          {"weekdays", domain::WeekdaysToString(j.recurrence.weekdays)},
          {"earliest_start", FormatTime(j.earliest_start)},
          {"status", domain::ToString(j.status)},
          {"max_attempts", j.max_attempts},
          {"attempts", j.attempts},
          {"last_error", j.last_error},
          {"last_error_context", j.last_error_context},
          {"worker", j.lease_owner}};
}

nlohmann::ordered_json RunJson(const domain::JobRun& r) {
  return {{"id", r.id},
          {"job_id", r.job_id},
          {"worker", r.worker},
          {"started_at", FormatTime(r.started_at)},
          {"ended_at", FormatTime(r.ended_at)},
          {"status", domain::ToString(r.status)},
          {"summary", r.summary.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(r.summary, nullptr, false)},
          {"error", r.error},
          {"error_context", r.error_context}};
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

Result<JobQueueEntry> LoadJob(db::Database& db, std::int64_t id) {
  MT_ASSIGN_OR_RETURN(auto job, db.GetJob(id));
  if (!job) return Status::NotFound("Job " + std::to_string(id) + " does not exist.");
  return *job;
}

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
  command->add_option("--object", *object, "What it runs: email-logging")->check(CLI::IsMember({"email-logging"}));
  fields->Add(command);
  command->callback([&context, fields, object] {
    context.Run([&context, fields, object]() -> Status {
      JobQueueEntry job = domain::EmailLoggingJob(Now());
      job.object_to_run = *object;
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
      MT_ASSIGN_OR_RETURN(JobQueueEntry job, LoadJob(*database, *id));
      if (job.status == domain::JobStatus::kInProcess) {
        return Status::FailedPrecondition("Job " + std::to_string(job.id) + " is running on " + job.lease_owner +
                                          "; try again when it has finished.");
      }
      job.status = resume ? domain::JobStatus::kReady : domain::JobStatus::kOnHold;
      if (resume) {
        job.attempts = 0;
        job.earliest_start = Now();
      }
      return database->UpdateJob(job);
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
      options.pass_options.open_mail_store = context.MailStoreOpener();
      MT_ASSIGN_OR_RETURN(auto run, service::RunDueJob(*database, options, *id));
      if (!run) {
        return Status::FailedPrecondition("Job " + std::to_string(*id) +
                                          " cannot run now: it or another job of its category is running.");
      }
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
