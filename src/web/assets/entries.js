// Interaction Log Entries: the list with its filters (which the hash may preset:
// #/entries?salesperson=AH), keyset pages, CSV export, and deleting canceled entries.
import { $, api, cell, fillSelect, link, report, session } from "./ui.js";

const markup = `
<h2>Interaction Log Entries</h2>
<form id="filters">
  <label>Salesperson <select name="salesperson"><option value="">All</option></select></label>
  <label>Contact <select name="contact"><option value="">All</option></select></label>
  <label>From <input name="from" type="date"></label>
  <label>To <input name="to" type="date"></label>
  <label>Direction <select name="direction"><option value="">Both</option><option>inbound</option><option>outbound</option></select></label>
  <label>Template <select name="template"><option value="">All</option></select></label>
  <label>Subject <input name="subject" type="search"></label>
  <label><input name="review" type="checkbox" value="true"> For review only</label>
  <button type="submit">Filter</button>
  <button type="button" id="export-csv">Export to CSV</button>
  <button type="button" id="delete-canceled" hidden>Delete canceled entries</button>
</form>
<table id="entry-table">
  <thead><tr><th>Entry No.</th><th>Date</th><th>Time</th><th>Direction</th><th>Initiated By</th><th>Contact No.</th><th>Salesperson</th><th>Template</th><th>Description</th><th>Cost</th><th>Duration (Min.)</th><th>Evaluation</th><th>Canceled</th><th>Sender</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<p><button type="button" id="next-page" hidden>Next page</button></p>
<p class="error" id="entries-error" role="alert"></p>`;

let nextAfter = null;

function filterQuery() {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($("filters"))) if (value) query.set(name, value);
  return query;
}

async function loadEntries(append) {
  $("entries-error").textContent = "";
  const query = filterQuery();
  query.set("limit", "50");
  if (append && nextAfter !== null) query.set("after", nextAfter);
  try {
    const page = await api.json("/entries?" + query);
    const body = $("entry-table").tBodies[0];
    if (!append) body.replaceChildren();
    for (const e of page.entries) {
      const row = body.insertRow();
      row.dataset.entryNo = e.entry_no;
      for (const value of [e.entry_no, e.date, e.time, e.information_flow, e.initiated_by, e.contact_no,
                           e.salesperson_code, e.interaction_template_code, e.description, e.cost, e.duration_min,
                           e.evaluation, e.canceled ? "yes" : ""]) {
        cell(row, value);
      }
      // What the trusted server found of the sender; flagged ones stand out for review.
      const sender = cell(row, (e.sender_check || "") + (e.review ? " · for review" : ""));
      if (e.review) sender.classList.add("review");
      cell(row, "").appendChild(link("#/show/" + e.entry_no, "Show"));
    }
    nextAfter = page.next_after;
    $("next-page").hidden = nextAfter === null;
  } catch (error) {
    report($("entries-error"), error);
  }
}

async function fillFilterChoices() {
  const [salespersons, contacts, templates] =
    await Promise.all([api.json("/salespersons"), api.json("/contacts"), api.json("/templates")]);
  const form = $("filters");
  fillSelect(form.elements.template, templates, (t) => t.code, (t) => t.code + " – " + t.description);
  fillSelect(form.elements.salesperson, salespersons, (s) => s.code, (s) => s.code + " – " + s.name);
  fillSelect(form.elements.contact, contacts, (c) => c.no, (c) => c.no + " – " + c.name);
}

// Every entry the filters match, as the server writes it (GET /entries/export).
function exportCsv() {
  const query = filterQuery();
  query.set("format", "csv");
  link("/api/v1/entries/export?" + query, "").click();
}

async function deleteCanceled() {
  if (!confirm("Delete every canceled interaction log entry?")) return;
  const result = await api.send("POST", "/entries/delete-canceled");
  await loadEntries(false);
  report($("entries-error"), result.deleted + " canceled entries deleted.");
}

export default {
  id: "entries",
  title: "Interaction Log Entries",
  permission: "read-entries",
  route: /^#\/entries(?:\?(.*))?$/,
  markup,
  setup() {
    $("filters").addEventListener("submit", (event) => { event.preventDefault(); loadEntries(false); });
    $("next-page").addEventListener("click", () => loadEntries(true));
    $("export-csv").addEventListener("click", exportCsv);
    $("delete-canceled").addEventListener("click", () => deleteCanceled().catch((e) => report($("entries-error"), e)));
  },
  // match[1]: filters to preset, as a query string (from a salesperson's or contact's card).
  async open(match) {
    $("delete-canceled").hidden = !session.may("manage-interactions");
    await fillFilterChoices();
    const form = $("filters");
    if (match[1] !== undefined) {
      form.reset();
      for (const [name, value] of new URLSearchParams(match[1])) if (form.elements[name]) form.elements[name].value = value;
    }
    await loadEntries(false);
  },
};
