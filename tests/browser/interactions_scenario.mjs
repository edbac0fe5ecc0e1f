// The admin adds an interaction group and template on the Interaction Templates
// page. The editor creates an interaction of that template and finds it among the
// entries; postpones one with a file, finds it on the Postponed Interactions page
// and not among the entries, resumes and completes it, then finds it among the
// entries and downloads its file from Show; and deletes another postponed one.
import { readFile } from "node:fs/promises";
import { holdsSoon } from "./harness.mjs";

const kNotes = "Call notes: 20 desks, delivery in March.\n";

// Whether the entries page, filtered on template PHONE (as the hash presets it),
// comes to list entry `no`, or with `listed` false, comes to list PHONE entries
// without it. The rows of an earlier visit are cleared first.
// True once postponed interaction `no` is off the Postponed Interactions page.
function postponedGone(page, no) {
  return holdsSoon(page, (entryNo) => !document.querySelector(`#postponed-table tr[data-entry-no="${entryNo}"]`), no);
}

async function phoneEntriesShow(page, no, listed = true) {
  await page.evaluate(() => {
    document.querySelector("#entry-table tbody").replaceChildren();
    location.hash = "#/entries?template=PHONE";
  });
  return holdsSoon(page, ([entryNo, want]) => {
    const rows = [...document.querySelectorAll("#entry-table tbody tr")];
    return rows.length > 0 && rows.every((row) => row.cells[7].textContent === "PHONE") &&
      rows.some((row) => row.dataset.entryNo === entryNo) === want;
  }, [no, listed]);
}

// Opens Create Interaction and waits for its choices; those of an earlier visit
// are cleared first.
async function openCreateInteraction(page) {
  await page.evaluate(() => {
    document.querySelector("#interaction-form select[name=template]").length = 1;
    location.hash = "#/create-interaction";
  });
  await page.waitForSelector("#interaction-form select[name=template] option[value=PHONE]", { state: "attached" });
}

export default async function interactionsScenario(h) {
  const admin = await h.newPage();
  await h.signIn(admin, h.users.admin);
  await admin.click("#nav-links a[href='#/templates']");
  await admin.waitForSelector("#template-table tbody tr[data-code=EMAIL]");
  await admin.fill("#add-group input[name=code]", "calls");
  await admin.fill("#add-group input[name=description]", "Calls");
  await admin.click("#add-group button");
  await admin.waitForSelector("#group-table tbody tr[data-code=CALLS]");
  await admin.fill("#add-template input[name=code]", "phone");
  await admin.selectOption("#add-template select[name=group]", "CALLS");
  await admin.fill("#add-template input[name=description]", "Phone call");
  await admin.fill("#add-template input[name=unit_cost]", "2.5");
  await admin.fill("#add-template input[name=unit_duration_min]", "15");
  await admin.selectOption("#add-template select[name=information_flow]", "outbound");
  await admin.selectOption("#add-template select[name=initiated_by]", "us");
  await admin.click("#add-template button");
  await admin.waitForSelector("#template-table tbody tr[data-code=PHONE]");
  const phone = await admin.$$eval("#template-table tbody tr[data-code=PHONE] td", (cells) => cells.map((c) => c.textContent));
  h.check("the admin adds a group and a template, code upper-cased",
          phone.join("|") === "PHONE|CALLS|Phone call|2.5|15|outbound|us", phone.join("|"));
  await h.screenshot(admin, "templates");
  await admin.fill("#add-group input[name=code]", "CALLS");
  await admin.click("#add-group button");
  await admin.waitForFunction(() => document.getElementById("templates-error").textContent !== "");
  h.check("a group code taken is refused with a message",
          (await admin.textContent("#templates-error")) === "Interaction group 'CALLS' already exists.");
  await admin.context().close();

  const page = await h.newPage();
  await h.signIn(page, h.users.editor);
  await page.click("#nav-links a[href='#/templates']");
  await page.waitForSelector("#template-table tbody tr[data-code=PHONE]");
  h.check("an RM-CONT user sees the templates but gets no add forms",
          !(await page.isVisible("#add-template")) && !(await page.isVisible("#add-group")));

  // Create.
  await openCreateInteraction(page);
  const form = "#interaction-form ";
  const fill = async (description) => {
    await page.selectOption(form + "select[name=template]", "PHONE");
    await page.selectOption(form + "select[name=contact]", { index: 1 });
    await page.selectOption(form + "select[name=salesperson]", { index: 1 });
    await page.fill(form + "input[name=description]", description);
  };
  await page.click("#interaction-create");
  await page.waitForFunction(() => document.getElementById("interaction-error").textContent !== "");
  h.check("Create without a template says what is missing",
          (await page.textContent("#interaction-error")) === "You must fill in the Interaction Template Code field.");
  await fill("Called about the desks");
  await h.screenshot(page, "create-interaction");
  await page.click("#interaction-create");
  await page.waitForFunction(() => document.getElementById("interaction-result").textContent.includes("was created"));
  const created = (await page.textContent("#interaction-result")).match(/entry (\d+) was created/)[1];
  h.check("the editor creates an interaction and sees it among the entries", await phoneEntriesShow(page, created));
  const row = `#entry-table tbody tr[data-entry-no="${created}"]`;
  h.check("with the template's direction, cost and duration",
          (await page.$eval(row, (r) => [r.cells[3], r.cells[9], r.cells[10]].map((c) => c.textContent).join("|"))) ===
            "outbound|2.5|15");

  // Postpone, with a file.
  await openCreateInteraction(page);
  await fill("Call to write up later");
  await page.setInputFiles(form + "input[name=file]",
                           { name: "call notes.txt", mimeType: "text/plain", buffer: Buffer.from(kNotes) });
  await page.click("#interaction-postpone");
  await page.waitForSelector("#postponed-table tbody tr");
  const postponed = await page.$eval("#postponed-table tbody tr:last-child", (r) => r.dataset.entryNo);
  h.check("a postponed interaction is on the Postponed Interactions page, with its file",
          (await page.textContent(`#postponed-table tr[data-entry-no="${postponed}"]`)).includes("call notes.txt"));
  await h.screenshot(page, "postponed");
  h.check("and not among the entries", await phoneEntriesShow(page, postponed, false));

  // Resume and complete it.
  await page.click("#nav-links a[href='#/postponed']");
  await page.click(`#postponed-table tr[data-entry-no="${postponed}"] a`);
  // Set once the postponed interaction is read: the form's earlier values are gone by then.
  await page.waitForFunction(() => document.getElementById("interaction-file-kept").textContent !== "");
  h.check("Resume opens the form filled in as it was saved",
          (await page.inputValue(form + "input[name=description]")) === "Call to write up later" &&
          (await page.inputValue(form + "select[name=template]")) === "PHONE" &&
          (await page.textContent("#interaction-file-kept")).includes("call notes.txt"));
  await page.fill(form + "input[name=description]", "Call written up");
  await page.click("#interaction-create");
  await page.waitForSelector("#download-file");
  h.check("completed, it shows as an entry with its fields",
          (await page.textContent("#show-headers")).includes("Call written up") && !(await page.isVisible("#download-eml")));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-file")]);
  const content = await readFile(await download.path(), "utf8");
  h.check("its file downloads from Show as it was attached",
          download.suggestedFilename() === "call notes.txt" && content === kNotes, download.suggestedFilename());
  h.check("the resumed interaction is among the entries", await phoneEntriesShow(page, postponed));
  await page.click("#nav-links a[href='#/postponed']");
  // The page keeps the rows of the earlier visit until the list is loaded anew.
  h.check("and no longer postponed", await postponedGone(page, postponed));

  // Postpone another one and delete it.
  await openCreateInteraction(page);
  await fill("Call that never was");
  await page.click("#interaction-postpone");
  await page.waitForSelector("#postponed-table tbody tr");
  const dropped = await page.$eval("#postponed-table tbody tr:last-child", (r) => r.dataset.entryNo);
  await page.click(`#postponed-table tr[data-entry-no="${dropped}"] button`);
  h.check("a postponed interaction is deleted from its page", await postponedGone(page, dropped));
  h.check("the interaction pages had no error", page.errors.length === 0, page.errors.join(", "));
  await page.context().close();
}
