// Contacts and salespersons, their cards and the entries they open; the Setup
// page with its validation messages and its test of the connection; and the
// Dashboard's charts. The demo directory: salespersons JO, AH, RL; companies
// Adatum (CT000001, person Ann Smith CT000002), Fabrikam, Trey Research.
import { holdsSoon } from "./harness.mjs";

const ADATUM = "CT000001";
const ANN = "CT000002";

// Waits until the entries list shows rows, every one of them with `text` in
// column `column`; true when it does.
function entriesFilteredOn(page, column, text) {
  return holdsSoon(page, ({ column, text }) => {
    const rows = [...document.querySelectorAll("#entry-table tbody tr")];
    return !document.getElementById("entries").hidden && rows.length > 0 &&
      rows.every((row) => row.cells[column].textContent === text);
  }, { column, text });
}

async function contactsAndSalespersons(h) {
  const page = await h.newPage();
  await h.signIn(page, h.users.editor);

  await page.click("#nav-links a[href='#/contacts']");
  await page.waitForSelector("#contact-table tbody tr");
  const listed = await page.locator("#contact-table tbody tr").count();
  h.check("the contacts are listed", listed >= 5, listed + " rows");
  h.check("an RM-CONT user may add contacts", await page.isVisible("#add-contact"));

  await page.selectOption("#add-contact select[name=type]", "person");
  await page.fill("#add-contact input[name=name]", "Kim Lee");
  await page.fill("#add-contact input[name=email]", "kim.lee@adatum.example");
  await page.selectOption("#add-contact select[name=company_no]", ADATUM);
  await page.click("#add-contact button[type=submit]");
  await page.waitForFunction(() => document.getElementById("contacts-notice").textContent.includes("added"));
  const kim = await page.locator("#contact-table tbody tr", { hasText: "Kim Lee" }).getAttribute("data-no");
  h.check("the editor adds a contact", kim !== null && /^CT\d{6}$/.test(kim), String(kim));
  await h.screenshot(page, "contacts");

  await page.click(`#contact-table tbody tr[data-no="${ADATUM}"] a`);
  await page.waitForSelector("#contact-card:not([hidden]) #person-table tbody tr");
  const persons = await page.$$eval("#person-table tbody tr", (rows) => rows.map((row) => row.dataset.no));
  h.check("a company's card lists its persons", persons.includes(ANN) && persons.includes(kim), persons.join(", "));

  await page.fill("#add-alt-address input[name=code]", "billing");
  await page.fill("#add-alt-address input[name=email]", "billing@adatum.example");
  await page.click("#add-alt-address button[type=submit]");
  await page.waitForSelector("#alt-address-table tbody tr");
  const addresses = await page.$$eval("#alt-address-table tbody tr", (rows) => rows.map((row) => row.textContent));
  h.check("the card shows the alt address added (code upper-cased)",
          addresses.some((text) => text.includes("BILLING") && text.includes("billing@adatum.example")),
          addresses.join(", "));
  await page.fill("#add-alt-address input[name=code]", "BILLING");
  await page.fill("#add-alt-address input[name=email]", "other@adatum.example");
  await page.click("#add-alt-address button[type=submit]");
  await page.waitForFunction(() => document.getElementById("contact-error").textContent !== "");
  h.check("a second alt address of the same code is refused with the server's message",
          (await page.textContent("#contact-error")) === `Contact '${ADATUM}' already has an alt. address 'BILLING'.`,
          await page.textContent("#contact-error"));
  await page.check("#contact-do-not-log input[name=value]");
  await page.click("#contact-do-not-log button[type=submit]");
  await page.waitForFunction(() => document.getElementById("contact-fields").textContent.includes("Do Not LogYes"));
  h.check("an editor marks a contact do-not-log on its card",
          await page.isChecked("#contact-do-not-log input[name=value]"));
  await page.uncheck("#contact-do-not-log input[name=value]");  // as it was, for the scenarios after this one
  await page.click("#contact-do-not-log button[type=submit]");
  await page.waitForFunction(() => document.getElementById("contact-fields").textContent.includes("Do Not LogNo"));
  await h.screenshot(page, "contact-card");

  await page.click(`#person-table tbody tr[data-no="${ANN}"] a`);
  await page.waitForFunction((ann) => document.getElementById("contact-title").textContent.startsWith(ann), ANN);
  h.check("a person's card links back to its company",
          await page.isVisible(`#contact-fields a[href='#/contacts/${ADATUM}']`));
  await page.click(`#contact-fields a[href='#/contacts/${ADATUM}']`);
  await page.waitForFunction((no) => document.getElementById("contact-title").textContent.startsWith(no), ADATUM);

  await page.click("#contact-entries");
  h.check("Interaction Log Entries opens filtered on the card's contact", await entriesFilteredOn(page, 5, ADATUM),
          await page.$$eval("#entry-table tbody tr", (rows) => rows.map((row) => row.cells[5].textContent).join(", ")));
  h.check("the contact filter shows the card's no",
          (await page.inputValue("#filters select[name=contact]")) === ADATUM);

  await page.click("#nav-links a[href='#/salespersons']");
  await page.waitForSelector("#salesperson-table tbody tr[data-code=JO]");
  await page.click("#salesperson-table tbody tr[data-code=JO] a");
  await page.waitForFunction(() => document.getElementById("salesperson-fields").textContent.includes("Jim Olivo"));
  h.check("a salesperson's card shows the salesperson",
          (await page.textContent("#salesperson-fields")).includes("jim.olivo@cronus.example"));
  await h.screenshot(page, "salesperson-card");
  await page.click("#salesperson-entries");
  h.check("Interaction Log Entries opens filtered on the card's salesperson", await entriesFilteredOn(page, 6, "JO"));
  h.check("the directory pages had no error", page.errors.length === 0, page.errors.join(", "));
  await page.context().close();

  const reader = await h.newPage();
  await h.signIn(reader, h.users.reader);
  await reader.click("#nav-links a[href='#/contacts']");
  await reader.waitForSelector("#contact-table tbody tr");
  h.check("a BASIC user sees the contacts but no add form", !(await reader.isVisible("#add-contact")));
  await reader.goto(h.url + "#/contacts/" + ADATUM);
  await reader.waitForSelector("#contact-card:not([hidden]) #person-table tbody tr");
  h.check("nor a form to change a card", !(await reader.isVisible("#add-alt-address")) &&
          !(await reader.isVisible("#contact-email")) && !(await reader.isVisible("#contact-do-not-log")));
  h.check("nor Setup in the navigation", (await reader.locator("#nav-links a[href='#/setup']").count()) === 0);
  await reader.context().close();
}

async function setupPage(h) {
  const page = await h.newPage();
  await h.signIn(page, h.users.admin);
  await page.click("#nav-links a[href='#/setup']");
  await page.waitForSelector("#setup-keys form");
  const keys = await page.$$eval("#setup-keys form", (forms) =>
    forms.map((form) => [form.dataset.key, form.querySelector(".setup-description").textContent]));
  h.check("the Setup page lists every key with what it means",
          keys.length >= 10 && keys.every(([, description]) => description.length > 0), JSON.stringify(keys));

  const batchSize = "#setup-keys form[data-key=batch-size]";
  await page.fill(batchSize + " input", "many");
  await page.click(batchSize + " button");
  await page.waitForFunction((form) => document.querySelector(form + " .setup-message").textContent !== "", batchSize);
  h.check("a wrong value shows the validation message next to its key",
          (await page.textContent(batchSize + " .setup-message")) ===
            "Invalid value 'many' for batch-size (expected a whole number, 0 for no limit).",
          await page.textContent(batchSize + " .setup-message"));
  await page.fill(batchSize + " input", "250");
  await page.click(batchSize + " button");
  await page.waitForFunction((form) => document.querySelector(form + " .setup-message").textContent === "Saved.",
                             batchSize);
  await page.click("#nav-links a[href='#/entries']");
  await page.waitForSelector("#entry-table tbody tr");
  await page.click("#nav-links a[href='#/setup']");
  await page.waitForSelector(batchSize);
  h.check("a right value is saved", (await page.inputValue(batchSize + " input")) === "250");

  await page.click("#test-connection");
  await page.waitForFunction(() => !["", "Testing…"].includes(document.getElementById("test-connection-result").textContent));
  const result = await page.textContent("#test-connection-result");
  h.check("Test connection reaches the mail store", result.startsWith("The mail store opens") &&
          (await page.getAttribute("#test-connection-result", "class")) === "success", result);
  await page.fill("#add-never-log input[name=entry]", "@Clinic.Example");
  await page.click("#add-never-log button[type=submit]");
  await page.waitForSelector("#never-log-table tbody tr");
  h.check("a domain goes on the never-log list as listed",
          (await page.textContent("#never-log-table tbody tr td")) === "clinic.example",
          await page.textContent("#never-log-table tbody"));
  await page.fill("#add-never-log input[name=entry]", "a b");
  await page.click("#add-never-log button[type=submit]");
  await page.waitForFunction(() => document.getElementById("never-log-error").textContent !== "");
  h.check("a bad entry is refused with the server's message",
          (await page.textContent("#never-log-error")).startsWith("'a b' cannot go on the never-log list"));
  await page.click("#never-log-table tbody tr button");
  await page.waitForFunction(() => document.querySelectorAll("#never-log-table tbody tr").length === 0)
    .catch(() => {});
  h.check("Remove takes it off the list",
          (await page.locator("#never-log-table tbody tr").count()) === 0 &&
            (await page.textContent("#never-log-error")) === "",
          await page.textContent("#never-log-table tbody"));
  await h.screenshot(page, "setup");
  await page.fill(batchSize + " input", "0");  // as it was, for the scenarios after this one
  await page.click(batchSize + " button");
  await page.waitForFunction((form) => document.querySelector(form + " .setup-message").textContent === "Saved.",
                             batchSize);
  h.check("the Setup page had no error", page.errors.length === 0, page.errors.join(", "));
  await page.context().close();
}

async function dashboardPage(h) {
  const page = await h.newPage();
  await h.signIn(page, h.users.reader);
  await page.click("#nav-links a[href='#/dashboard']");
  // The demo mail is of the week of 2 November 2026: the twelve weeks up to the end of that month.
  await page.fill("#dashboard-form input[name=until]", "2026-11-30");
  await page.click("#dashboard-form button[type=submit]");
  await page.waitForSelector("#chart-salespersons svg .bar-group rect");
  const groups = await page.$$eval("#chart-salespersons svg .bar-group",
                                   (gs) => gs.map((g) => g.querySelectorAll("rect").length));
  h.check("the salesperson chart has a bar group per week", groups.length === 12, groups.join(","));
  h.check("with bars in the weeks that have entries", groups.some((bars) => bars > 0), groups.join(","));
  const titles = await page.$$eval("#chart-salespersons svg rect", (rects) => rects.map((r) => r.querySelector("title")?.textContent));
  h.check("each bar says what it counts", titles.length > 0 && titles.every((t) => /W\d\d.*: \d+$/.test(t || "")),
          titles.join(" | "));
  h.check("the legend names the salespersons",
          (await page.textContent("#legend-salespersons")).includes("JO"));
  h.check("inbound and outbound are drawn",
          (await page.locator("#chart-directions svg rect.inbound").count()) > 0 &&
          (await page.locator("#chart-directions svg rect.outbound").count()) > 0);
  h.check("the throughput section is drawn",
          (await page.locator("#chart-runs svg").count()) === 1 ||
          (await page.textContent("#chart-runs")).includes("has not run yet"));
  h.check("the dashboard had no error", page.errors.length === 0 && page.foreign.length === 0,
          page.errors.concat(page.foreign).join(", "));
  await h.screenshot(page, "dashboard");
  await page.context().close();
}

export default async function directoryScenario(h) {
  await contactsAndSalespersons(h);
  await setupPage(h);
  await dashboardPage(h);
}
