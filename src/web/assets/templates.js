// Interaction Templates and their groups: what a created or logged interaction
// costs and takes, and its direction. EMAIL-LOGGING-ADMIN adds them.
import { $, api, cell, fillSelect, report, session } from "./ui.js";

const markup = `
<h2>Interaction Templates</h2>
<table id="template-table">
  <thead><tr><th>Code</th><th>Group</th><th>Description</th><th>Unit Cost</th><th>Unit Duration (Min.)</th><th>Information Flow</th><th>Initiated By</th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-template" class="add-form" hidden>
  <h3>New template</h3>
  <label>Code <input name="code" maxlength="10"></label>
  <label>Group <select name="group"><option value="">(choose)</option></select></label>
  <label>Description <input name="description"></label>
  <label>Unit cost <input name="unit_cost" type="number" min="0" step="any" value="0"></label>
  <label>Unit duration (min.) <input name="unit_duration_min" type="number" min="0" step="any" value="0"></label>
  <label>Information flow
    <select name="information_flow"><option value="">(each interaction's)</option><option>outbound</option><option>inbound</option></select>
  </label>
  <label>Initiated by
    <select name="initiated_by"><option value="">(each interaction's)</option><option>us</option><option>them</option></select>
  </label>
  <button type="submit">Add</button>
</form>
<h3>Interaction Groups</h3>
<table id="group-table">
  <thead><tr><th>Code</th><th>Description</th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-group" class="add-form" hidden>
  <h3>New group</h3>
  <label>Code <input name="code" maxlength="10"></label>
  <label>Description <input name="description"></label>
  <button type="submit">Add</button>
</form>
<p class="notice" id="templates-notice" role="status"></p>
<p class="error" id="templates-error" role="alert"></p>`;

async function load() {
  const [templates, groups] = await Promise.all([api.json("/templates"), api.json("/groups")]);
  const templateRows = $("template-table").tBodies[0];
  templateRows.replaceChildren();
  for (const t of templates) {
    const row = templateRows.insertRow();
    row.dataset.code = t.code;
    for (const value of [t.code, t.group_code, t.description, t.unit_cost, t.unit_duration_min,
                         t.information_flow ?? "", t.initiated_by ?? ""]) {
      cell(row, value);
    }
  }
  const groupRows = $("group-table").tBodies[0];
  groupRows.replaceChildren();
  for (const g of groups) {
    const row = groupRows.insertRow();
    row.dataset.code = g.code;
    cell(row, g.code);
    cell(row, g.description);
  }
  fillSelect($("add-template").elements.group, groups, (g) => g.code, (g) => g.code + " – " + g.description);
}

// Adds what the form describes with POST `path`; `body` turns its fields into the request.
async function add(event, path, body) {
  event.preventDefault();
  const form = event.target;
  $("templates-error").textContent = "";
  $("templates-notice").textContent = "";
  try {
    const added = await api.send("POST", path, body(Object.fromEntries(new FormData(form))));
    form.reset();
    await load();
    report($("templates-notice"), added.code + " was added.");
  } catch (error) {
    report($("templates-error"), error);
  }
}

export default {
  id: "templates",
  title: "Interaction Templates",
  permission: "read-entries",
  route: /^#\/templates$/,
  markup,
  setup() {
    $("add-template").addEventListener("submit", (event) => add(event, "/templates", (fields) => Object.assign(fields, {
      unit_cost: Number(fields.unit_cost || 0),
      unit_duration_min: Number(fields.unit_duration_min || 0),
    })));
    $("add-group").addEventListener("submit", (event) => add(event, "/groups", (fields) => fields));
  },
  async open() {
    $("templates-error").textContent = "";
    $("templates-notice").textContent = "";
    $("add-template").hidden = $("add-group").hidden = !session.may("manage-setup");
    await load().catch((error) => report($("templates-error"), error));
  },
};
