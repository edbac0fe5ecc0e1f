// The job queue: its entries, their run logs, hold and resume, run now.
#include <ctime>

#include "service/job_queue.h"
#include "service/json_views.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

Result<std::int64_t> JobId(const Call& call) { return PathNumber(call, 1, "job id"); }

Status ListJobs(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto jobs, call.db.ListJobs());
  SendJson(call.response, service::JsonArray(jobs, service::JobJson));
  return Status::Ok();
}

Status GetJob(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t id, JobId(call));
  MT_ASSIGN_OR_RETURN(const domain::JobQueueEntry job, service::LoadJob(call.db, id));
  SendJson(call.response, service::JobJson(job));
  return Status::Ok();
}

Status ListRuns(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t id, JobId(call));
  MT_ASSIGN_OR_RETURN(const std::size_t limit, PageLimit(call));
  MT_RETURN_IF_ERROR(service::LoadJob(call.db, id).status());
  MT_ASSIGN_OR_RETURN(const auto runs, call.db.ListJobRuns(id, limit));
  SendJson(call.response, service::JsonArray(runs, service::RunJson));
  return Status::Ok();
}

// Hold and resume, as `mailtrail jobs hold|resume` do.
Status SetStatus(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t id, JobId(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const std::optional<domain::JobStatus> status = domain::ParseJobStatus(Text(body, "value"));
  if (status == domain::JobStatus::kOnHold) {
    MT_RETURN_IF_ERROR(service::HoldJob(call.db, id));
  } else if (status == domain::JobStatus::kReady) {
    MT_RETURN_IF_ERROR(service::ResumeJob(call.db, id, static_cast<domain::UnixTime>(std::time(nullptr))));
  } else {
    return Status::InvalidArgument(R"(The body is {"value": "on hold"} or {"value": "ready"}.)");
  }
  return GetJob(call);
}

Status RunNow(Call& call) {
  if (!call.options.start_job_now) return Status::Unavailable("This process runs no jobs.");
  MT_ASSIGN_OR_RETURN(const std::int64_t id, JobId(call));
  MT_RETURN_IF_ERROR(service::CheckJobCanRunNow(call.db, id));
  MT_RETURN_IF_ERROR(call.options.start_job_now(id));
  SendJson(call.response, {{"job_id", id}, {"started", true}}, 202);
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> JobRoutes() {
  return {
      {{"GET", "/api/v1/jobs", Permission::kManageJobs, "Job queue entries by id"}, ListJobs},
      {{"GET", "/api/v1/jobs/{job_id}", Permission::kManageJobs, "One job queue entry"}, GetJob},
      {{"GET", "/api/v1/jobs/{job_id}/runs", Permission::kManageJobs, "A job's run log, newest first; limit"},
       ListRuns},
      {{"PUT", "/api/v1/jobs/{job_id}/status", Permission::kManageJobs,
        "Put a job on hold or resume it: {value: \"on hold\" | \"ready\"}"},
       SetStatus},
      {{"POST", "/api/v1/jobs/{job_id}/run", Permission::kManageJobs,
        "Run a job now, in the background (202); its status stays as it is; the run shows in its run log"},
       RunNow},
  };
}

}  // namespace mailtrail::web
