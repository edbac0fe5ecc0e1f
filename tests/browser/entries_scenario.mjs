// Sign in, filter the entries, Show a message, and Show a hostile one without any
// script running or any request leaving for the sender's servers. Then, as a user
// whose permission set allows it, evaluate and cancel an entry and delete the
// canceled ones.
import { holdsSoon } from "./harness.mjs";

export default async function entriesScenario(h) {
  const page = await h.newPage();
  const { reader, editor } = h.users;

  await page.goto(h.url);
  await page.waitForSelector("#sign-in-form");
  await page.screenshot({ path: h.screenshots + "/sign-in.png" });
  await page.fill("input[name=name]", reader);
  await page.fill("input[name=password]", "not the password");
  await page.click("#sign-in-form button");
  await page.waitForFunction(() => document.getElementById("sign-in-error").textContent !== "");
  h.check("a wrong password is refused with a message", (await page.textContent("#sign-in-error")).includes("not right"));

  await page.fill("input[name=password]", h.password);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#entry-table tbody tr");
  const rows = await page.locator("#entry-table tbody tr").count();
  h.check("signing in shows the interaction log entries", rows >= 5, rows + " rows");
  h.check("the signed-in user is named", (await page.textContent("#who")).includes(reader));
  h.check("the session cookie is out of the page's reach",
          !(await page.evaluate(() => document.cookie)).includes("mailtrail_session"));
  h.check("no token is kept in the page's storage",
          await page.evaluate(() => sessionStorage.length === 0 && localStorage.length === 0));
  await page.reload();
  await page.waitForSelector("#entry-table tbody tr");
  h.check("a reloaded page is still signed in", (await page.textContent("#who")).includes(reader));
  await h.screenshot(page, "entries");

  await page.selectOption("select[name=salesperson]", "AH");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#entry-table tbody tr")].every((row) => row.cells[6].textContent === "AH"));
  const filtered = await page.locator("#entry-table tbody tr").count();
  h.check("filtering by salesperson shows only theirs", filtered >= 1 && filtered < rows, filtered + " of " + rows);
  await page.selectOption("select[name=salesperson]", "");
  await page.fill("input[name=subject]", "Hostile");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#entry-table tbody tr").length === 1);

  await page.click("#entry-table tbody tr a");
  await page.waitForSelector("#show-frame:not([hidden])");
  const frame = page.frameLocator("#show-frame");
  await frame.locator("body").waitFor();
  const frameHtml = await frame.locator("body").innerHTML();
  h.check("the hostile message is shown", frameHtml.includes("Dear Jim"), frameHtml);
  h.check("without its script", !/script/i.test(frameHtml), frameHtml);
  h.check("without event handlers", !/onerror|onload|onclick|onmouseover/i.test(frameHtml), frameHtml);
  h.check("with no javascript: link", !/javascript:/i.test(frameHtml), frameHtml);
  h.check("with no style to play tricks", !/style/i.test(frameHtml), frameHtml);
  await page.waitForTimeout(500);  // what a script or an image would do, it would have done by now
  h.check("no script ran (no dialog)", page.dialogs.length === 0, page.dialogs.join(", "));
  h.check("nothing went to the sender's servers", page.foreign.length === 0, page.foreign.join(", "));
  h.check("the page itself had no error", page.errors.length === 0, page.errors.join(", "));
  h.check("the frame may run no script", (await page.getAttribute("#show-frame", "sandbox")) === "");
  h.check("remote images wait to be asked for", await page.isVisible("#load-images"));
  h.check("a BASIC user gets no evaluate or cancel controls", !(await page.isVisible("#entry-actions")));
  await h.screenshot(page, "show-hostile");

  await page.click("#load-images");
  await page.waitForFunction(() => document.getElementById("load-images").hidden);
  await page.waitForTimeout(500);
  h.check("asked for, the remote image is requested (and stopped here)",
          page.foreign.some((target) => target.includes("tracker.example/pixel.gif")), page.foreign.join(", "));
  h.check("still no script ran", page.dialogs.length === 0, page.dialogs.join(", "));

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-eml")]);
  h.check("the original message downloads as .eml", download.suggestedFilename().endsWith(".eml"));

  await page.click("#show a[href='#/entries']");
  await page.fill("input[name=subject]", "Price list attached");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#entry-table tbody tr").length === 1);
  await page.click("#entry-table tbody tr a");
  await page.waitForSelector("#show-attachments li button");
  const [attachment] = await Promise.all([page.waitForEvent("download"), page.click("#show-attachments li button")]);
  h.check("an attachment downloads under its name", attachment.suggestedFilename() === "price list.html",
          attachment.suggestedFilename());
  h.check("an HTML attachment is downloaded, never shown (no dialog)", page.dialogs.length === 0, page.dialogs.join());

  await page.click("#sign-out");
  await page.waitForSelector("#sign-in-form");
  h.check("signing out returns to sign-in", await page.isVisible("#sign-in-form"));

  await page.fill("input[name=name]", editor);
  await page.fill("input[name=password]", h.password);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#entry-table tbody tr");
  const before = await page.locator("#entry-table tbody tr").count();
  const firstNo = await page.locator("#entry-table tbody tr").first().getAttribute("data-entry-no");
  await page.locator("#entry-table tbody tr").first().locator("a").click();
  await page.waitForSelector("#entry-actions:not([hidden])");
  await page.selectOption("#entry-actions select[name=evaluation]", "positive");
  await page.check("#entry-actions input[name=canceled]");
  await page.waitForTimeout(300);
  await h.screenshot(page, "show-actions");
  await page.click("#show a[href='#/entries']");
  // The list is loaded anew; the row shows what was saved.
  const saved = await holdsSoon(page, (no) => {
    const row = document.querySelector(`#entry-table tbody tr[data-entry-no="${no}"]`);
    return row && row.cells[11].textContent === "positive" && row.cells[12].textContent === "yes";
  }, firstNo);
  h.check("an RM-CONT user evaluates an entry and marks it canceled", saved);
  await page.click("#delete-canceled");
  await page.waitForFunction((n) => document.querySelectorAll("#entry-table tbody tr").length === n - 1, before);
  h.check("delete canceled entries removes it",
          (await page.locator(`#entry-table tbody tr[data-entry-no="${firstNo}"]`).count()) === 0);
  await page.context().close();
}
