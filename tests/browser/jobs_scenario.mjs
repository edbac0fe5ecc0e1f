// The admin runs the email logging job now from the Job Queue page and sees its
// run succeed and the message it logged among the entries; resumes the job,
// which then runs on its schedule, and sets it on hold again. A BASIC user has
// no Job Queue. A relog job run now shows its progress in its run log.
import { holdsSoon } from "./harness.mjs";

export default async function jobsScenario(h) {
  const reader = await h.newPage();
  await h.signIn(reader, h.users.reader);
  h.check("a BASIC user has no Job Queue link", (await reader.locator("#nav-links a[href='#/jobs']").count()) === 0);
  // With the session the page signed in with.
  const refused = await reader.evaluate(async () => (await fetch("/api/v1/jobs")).status);
  h.check("and the API refuses them the job queue (403)", refused === 403, String(refused));
  await reader.context().close();

  const page = await h.newPage();
  await h.signIn(page, h.users.admin);
  await page.click("#nav-links a[href='#/jobs']");
  await page.waitForSelector("#job-table tbody tr");
  const row = page.locator("#job-table tbody tr", { hasText: "Email logging" });
  const id = await row.getAttribute("data-job-id");
  const jobRow = `#job-table tbody tr[data-job-id="${id}"]`;
  const status = () => page.textContent(jobRow + " td.job-status");
  h.check("the Job Queue lists the email logging job, on hold as setup made it", (await status()) === "on hold",
          await status());
  h.check("an on-hold job can be resumed, not set on hold",
          !(await page.isDisabled(jobRow + " button[data-action=resume]")) &&
          (await page.isDisabled(jobRow + " button[data-action=hold]")));

  await page.click(jobRow + " button[data-action=run]");
  const ended = await holdsSoon(page,
    () => /^Run \d+ (succeeded|failed|abandoned)/.test(document.getElementById("jobs-notice").textContent),
    null, 35000);
  const notice = await page.textContent("#jobs-notice");
  h.check("run now runs the job in the background and reports its end", ended, notice);
  h.check("the run succeeded and logged the queued message", /^Run \d+ succeeded: logged 1\b/.test(notice), notice);
  h.check("its run log is shown", page.url().endsWith("#/jobs/" + id) && await page.isVisible("#run-table"));
  h.check("the run log's newest run is the succeeded one",
          (await page.getAttribute("#run-table tbody tr:first-child", "data-status")) === "succeeded");
  h.check("run now keeps the job on hold", (await status()) === "on hold", await status());

  await page.click("#nav-links a[href='#/entries']");
  await page.waitForSelector("#entry-table tbody tr");
  await page.fill("input[name=subject]", "Logged by run now");
  await page.click("#filters button[type=submit]");
  const logged = await holdsSoon(page, () => {
    const rows = document.querySelectorAll("#entry-table tbody tr");
    return rows.length === 1 && rows[0].textContent.includes("Logged by run now");
  });
  h.check("the message the run logged is among the interaction log entries", logged);

  await page.goto(h.url + "#/jobs/" + id);
  await page.waitForSelector("#run-table tbody tr");
  await page.click(jobRow + " button[data-action=resume]");
  await page.waitForFunction((selector) => document.querySelector(selector).dataset.status !== "on hold", jobRow);
  // Resumed, it is due at once: the service may already be running it.
  h.check("Resume makes the job ready", ["ready", "in process"].includes(await status()), await status());

  // It runs on its schedule now; once that run has ended it is due again in ten minutes.
  let runs = 0;
  for (let i = 0; i < 50 && runs < 2; i++) {
    await page.waitForTimeout(200);
    await page.reload();
    await page.waitForSelector("#run-table tbody tr");
    runs = await page.locator("#run-table tbody tr:not([data-status=running])").count();
  }
  h.check("the resumed job runs on its schedule", runs === 2, runs + " ended runs");
  await page.click(jobRow + " button[data-action=hold]");
  await page.waitForFunction((selector) => document.querySelector(selector).dataset.status === "on hold", jobRow);
  h.check("Set on hold puts it on hold", (await status()) === "on hold", await status());

  // The relog job: run now, and its run log shows how far it got.
  const relogId = await page.locator("#job-table tbody tr", { hasText: "Relog the storage folder" })
    .getAttribute("data-job-id");
  await page.click(`#job-table tbody tr[data-job-id="${relogId}"] button[data-action=run]`);
  const relogEnded = await holdsSoon(page,
    () => /^Run \d+ (succeeded|failed|abandoned)/.test(document.getElementById("jobs-notice").textContent),
    null, 35000);
  const relogNotice = await page.textContent("#jobs-notice");
  h.check("run now of the relog job succeeds, relogging what was logged before",
          relogEnded && /^Run \d+ succeeded: duplicate \d+/.test(relogNotice), relogNotice);
  const progress = await page.textContent("#run-table tbody tr:first-child td.run-progress");
  h.check("its run log shows its progress: every message of the storage folder",
          /^(\d+)\/\1 messages \(100%\)$/.test(progress), progress);
  h.check("the Job Queue page had no error", page.errors.length === 0 && (await page.textContent("#jobs-error")) === "",
          page.errors.join(", ") + (await page.textContent("#jobs-error")));
  await h.screenshot(page, "jobs");
  await page.context().close();
}
