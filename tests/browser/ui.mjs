// The web UI in a real browser (Debian's Chromium, driven by playwright-core):
// sign in, filter the entries, Show a message, and Show a hostile one without any
// script running or any request leaving for the sender's servers.
//
// Then, as a user whose permission set allows it, evaluate and cancel an entry and
// delete the canceled ones.
//
// Usage: node ui.mjs URL READER EDITOR PASSWORD SCREENSHOT_DIR
//   READER has BASIC, EDITOR has RM-CONT; both have PASSWORD.
// Prints one "ok - ..." or "not ok - ..." line per check and a closing count;
// exits non-zero when a check failed.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [url, user, editor, password, screenshots] = process.argv.slice(2);
mkdirSync(screenshots, { recursive: true });
const origin = new URL(url).origin;

let passed = 0;
let failed = 0;
function check(description, condition, detail = "") {
  if (condition) {
    passed++;
    console.log("ok - " + description);
  } else {
    failed++;
    console.log("not ok - " + description + (detail ? "\n  " + detail : ""));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],  // the test runs as root in CI; the page's own sandboxing is what is tested
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Every request is seen here first; none may leave for another host. Those
  // that would are stopped before they reach the network, and remembered.
  const foreign = [];
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith("data:") || target.startsWith("blob:")) return route.continue();
    foreign.push(target);
    return route.abort();
  });
  const dialogs = [];
  // The one dialog of the UI's own is the question before deleting canceled entries.
  page.on("dialog", (dialog) => {
    if (dialog.type() === "confirm" && dialog.message().startsWith("Delete every canceled")) return dialog.accept();
    dialogs.push(dialog.message());
    return dialog.dismiss();
  });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(url);
  await page.waitForSelector("#sign-in-form");
  await page.screenshot({ path: screenshots + "/sign-in.png" });
  await page.fill("input[name=name]", user);
  await page.fill("input[name=password]", "not the password");
  await page.click("#sign-in-form button");
  await page.waitForFunction(() => document.getElementById("sign-in-error").textContent !== "");
  check("a wrong password is refused with a message", (await page.textContent("#sign-in-error")).includes("not right"));

  await page.fill("input[name=password]", password);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#entry-table tbody tr");
  const rows = await page.locator("#entry-table tbody tr").count();
  check("signing in shows the interaction log entries", rows >= 5, rows + " rows");
  check("the signed-in user is named", (await page.textContent("#who")).includes(user));
  await page.screenshot({ path: screenshots + "/entries.png", fullPage: true });

  await page.selectOption("select[name=salesperson]", "AH");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#entry-table tbody tr")].every((row) => row.cells[6].textContent === "AH"));
  const filtered = await page.locator("#entry-table tbody tr").count();
  check("filtering by salesperson shows only theirs", filtered >= 1 && filtered < rows, filtered + " of " + rows);
  await page.selectOption("select[name=salesperson]", "");
  await page.fill("input[name=subject]", "Hostile");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#entry-table tbody tr").length === 1);

  await page.click("#entry-table tbody tr a");
  await page.waitForSelector("#show-frame:not([hidden])");
  const frame = page.frameLocator("#show-frame");
  await frame.locator("body").waitFor();
  const frameHtml = await frame.locator("body").innerHTML();
  check("the hostile message is shown", frameHtml.includes("Dear Jim"), frameHtml);
  check("without its script", !/script/i.test(frameHtml), frameHtml);
  check("without event handlers", !/onerror|onload|onclick|onmouseover/i.test(frameHtml), frameHtml);
  check("with no javascript: link", !/javascript:/i.test(frameHtml), frameHtml);
  check("with no style to play tricks", !/style/i.test(frameHtml), frameHtml);
  await page.waitForTimeout(500);  // what a script or an image would do, it would have done by now
  check("no script ran (no dialog)", dialogs.length === 0, dialogs.join(", "));
  check("nothing went to the sender's servers", foreign.length === 0, foreign.join(", "));
  check("the page itself had no error", errors.length === 0, errors.join(", "));
  check("the frame may run no script", (await page.getAttribute("#show-frame", "sandbox")) === "");
  check("remote images wait to be asked for", await page.isVisible("#load-images"));
  check("a BASIC user gets no evaluate or cancel controls", !(await page.isVisible("#entry-actions")));
  await page.screenshot({ path: screenshots + "/show-hostile.png", fullPage: true });

  await page.click("#load-images");
  await page.waitForFunction(() => document.getElementById("load-images").hidden);
  await page.waitForTimeout(500);
  check("asked for, the remote image is requested (and stopped here)",
        foreign.some((target) => target.includes("tracker.example/pixel.gif")), foreign.join(", "));
  check("still no script ran", dialogs.length === 0, dialogs.join(", "));

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-eml")]);
  check("the original message downloads as .eml", download.suggestedFilename().endsWith(".eml"));

  await page.click("#sign-out");
  await page.waitForSelector("#sign-in-form");
  check("signing out returns to sign-in", await page.isVisible("#sign-in-form"));

  await page.fill("input[name=name]", editor);
  await page.fill("input[name=password]", password);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#entry-table tbody tr");
  const before = await page.locator("#entry-table tbody tr").count();
  const firstNo = await page.locator("#entry-table tbody tr").first().getAttribute("data-entry-no");
  await page.locator("#entry-table tbody tr").first().locator("a").click();
  await page.waitForSelector("#entry-actions:not([hidden])");
  await page.selectOption("#entry-actions select[name=evaluation]", "positive");
  await page.check("#entry-actions input[name=canceled]");
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshots + "/show-actions.png", fullPage: true });
  await page.click("#show a[href='#/entries']");
  // The list is loaded anew; the row shows what was saved.
  const saved = await page.waitForFunction((no) => {
    const row = document.querySelector(`#entry-table tbody tr[data-entry-no="${no}"]`);
    return row && row.cells[11].textContent === "positive" && row.cells[12].textContent === "yes";
  }, firstNo, { timeout: 5000 }).then(() => true, () => false);
  check("an RM-CONT user evaluates an entry and marks it canceled", saved);
  await page.click("#delete-canceled");
  await page.waitForFunction((n) => document.querySelectorAll("#entry-table tbody tr").length === n - 1, before);
  check("delete canceled entries removes it", (await page.locator(`#entry-table tbody tr[data-entry-no="${firstNo}"]`).count()) === 0);
} catch (error) {
  check("the browser session ran to its end", false, error.stack);
} finally {
  await browser.close();
}
console.log(passed + " passed, " + failed + " failed");
process.exit(failed === 0 ? 0 : 1);
