// Job Queue: the job queue entries with their status and last error; run a job
// now, set it on hold or resume it; and one job's run log (#/jobs/ID).
import { $, api, cell, element, link, report } from "./ui.js";

const markup = `
<h2>Job Queue</h2>
<table id="job-table">
  <thead><tr><th>Id</th><th>Description</th><th>Object to Run</th><th>Category</th><th>Recurrence</th><th>Status</th><th>Earliest Start</th><th>Attempts</th><th>Last Error</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<p class="notice" id="jobs-notice" role="status"></p>
<p class="error" id="jobs-error" role="alert"></p>
<div id="job-runs" hidden>
  <h3 id="job-runs-title">Run log</h3>
  <table id="run-table">
    <thead><tr><th>Run</th><th>Started</th><th>Ended</th><th>Worker</th><th>Status</th><th>Progress</th><th>Summary</th><th>Error</th></tr></thead>
    <tbody></tbody>
  </table>
</div>`;

let shownJob = null;  // the job whose run log is shown

function recurrence(job) {
  if (job.every_minutes === 0) return "once";
  let text = "every " + job.every_minutes + " min";
  if (job.start_time || job.end_time) text += ", " + (job.start_time || "00:00") + "-" + (job.end_time || "24:00");
  if (job.weekdays !== "all") text += ", " + job.weekdays;
  return text;
}

// The counts of a run that are not zero: "logged 3, entries 4".
function summary(run) {
  if (!run.summary) return "";
  const counts = Object.entries(run.summary).filter(([, count]) => count !== 0);
  return counts.length ? counts.map(([name, count]) => name.replaceAll("_", " ") + " " + count).join(", ") : "nothing to do";
}

// How far a run got, for jobs that know their total (relog): "3/10 messages (30%)".
function progress(run) {
  const { done, total } = run.progress || {};
  return total ? done + "/" + total + " messages (" + Math.floor((done * 100) / total) + "%)" : "";
}

function withContext(error, context) {
  return error === "" ? "" : (context ? context + ": " : "") + error;
}

function button(text, action, enabled) {
  const node = element("button", text, { type: "button", "data-action": action });
  node.disabled = !enabled;
  return node;
}

async function loadJobs() {
  const jobs = await api.json("/jobs");
  const body = $("job-table").tBodies[0];
  body.replaceChildren();
  for (const job of jobs) {
    const row = body.insertRow();
    row.dataset.jobId = job.id;
    row.dataset.status = job.status;
    for (const value of [job.id, job.description, job.object_to_run, job.category, recurrence(job)]) cell(row, value);
    cell(row, job.status).className = "job-status";
    cell(row, job.earliest_start);
    cell(row, job.attempts + "/" + job.max_attempts);
    cell(row, withContext(job.last_error, job.last_error_context)).className = "error";
    const idle = job.status !== "in process";
    cell(row, "").append(
      button("Run now", "run", idle),
      button("Set on hold", "hold", idle && job.status !== "on hold"),
      button("Resume", "resume", idle && job.status !== "ready"),
      link("#/jobs/" + job.id, "Run log"));
  }
  return jobs;
}

async function loadRuns(id) {
  const runs = await api.json("/jobs/" + id + "/runs?limit=50");
  const body = $("run-table").tBodies[0];
  body.replaceChildren();
  for (const run of runs) {
    const row = body.insertRow();
    row.dataset.runId = run.id;
    row.dataset.status = run.status;
    for (const value of [run.id, run.started_at, run.ended_at, run.worker, run.status]) cell(row, value);
    cell(row, progress(run)).className = "run-progress";
    cell(row, summary(run));
    cell(row, withContext(run.error, run.error_context)).className = "error";
  }
  return runs;
}

async function show(id) {
  const jobs = await loadJobs();
  shownJob = id;
  const job = jobs.find((j) => String(j.id) === String(id));
  $("job-runs").hidden = id === null || !job;
  if (id === null) return;
  if (!job) throw new Error("Job " + id + " does not exist.");
  $("job-runs-title").textContent = "Run log – " + job.description;
  await loadRuns(id);
}

async function setStatus(id, value) {
  await api.send("PUT", "/jobs/" + id + "/status", { value });
  await show(shownJob);
  report($("jobs-notice"), "Job " + id + " is " + value + ".");
}

// Starts the job, then follows its run in the run log until it has ended (at most 30 s).
async function runNow(id) {
  if (location.hash !== "#/jobs/" + id) location.hash = "#/jobs/" + id;  // opens its run log
  const before = await api.json("/jobs/" + id + "/runs?limit=1");
  const newest = before.length ? before[0].id : 0;
  await api.send("POST", "/jobs/" + id + "/run");
  await show(id);
  report($("jobs-notice"), "Job " + id + " is running…");
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const run = (await api.json("/jobs/" + id + "/runs?limit=1"))[0];
    if (run && run.id > newest && run.status === "running" && progress(run)) {
      await loadRuns(id);
      report($("jobs-notice"), "Job " + id + " is running: " + progress(run) + "…");
    }
    if (run && run.id > newest && run.status !== "running") {
      await show(id);
      const outcome = run.status === "succeeded" ? summary(run) : withContext(run.error, run.error_context);
      report($("jobs-notice"), "Run " + run.id + " " + run.status + (outcome ? ": " + outcome : "") + ".");
      return;
    }
  }
  await show(id);
  report($("jobs-notice"), "The run has not ended within 30 seconds; its result will show in the run log.");
}

async function act(event) {
  const action = event.target.dataset && event.target.dataset.action;
  if (!action) return;
  const id = event.target.closest("tr").dataset.jobId;
  $("jobs-error").textContent = "";
  $("jobs-notice").textContent = "";
  try {
    if (action === "run") await runNow(id);
    if (action === "hold") await setStatus(id, "on hold");
    if (action === "resume") await setStatus(id, "ready");
  } catch (error) {
    report($("jobs-error"), error);
    await show(shownJob).catch(() => {});
  }
}

export default {
  id: "jobs",
  title: "Job Queue",
  permission: "manage-jobs",
  route: /^#\/jobs(?:\/(\d+))?$/,
  markup,
  setup() {
    $("job-table").addEventListener("click", act);
  },
  // match[1]: the job whose run log to show.
  async open(match) {
    $("jobs-error").textContent = "";
    $("jobs-notice").textContent = "";
    await show(match[1] === undefined ? null : match[1]).catch((error) => report($("jobs-error"), error));
  },
};
