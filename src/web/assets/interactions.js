// Create Interaction (RM-CONT and up): records an interaction with a contact
// that no email carried (a call, a meeting), with a file if there is one, or
// postpones it to finish later. Postponed Interactions: those waiting, each
// resumed in the same form, prefilled, or deleted.
import { $, api, cell, element, fillSelect, link, report, session } from "./ui.js";

const createMarkup = `
<h2 id="interaction-title">Create Interaction</h2>
<form id="interaction-form" class="add-form">
  <label>Interaction template <select name="template"><option value="">(choose)</option></select></label>
  <label>Contact <select name="contact"><option value="">(choose)</option></select></label>
  <label>Salesperson <select name="salesperson"><option value="">(choose)</option></select></label>
  <label>Description <input name="description" maxlength="100" placeholder="the template's"></label>
  <label>Information flow
    <select name="information_flow"><option value="">the template's</option><option>outbound</option><option>inbound</option></select>
  </label>
  <label>Initiated by
    <select name="initiated_by"><option value="">the template's</option><option>us</option><option>them</option></select>
  </label>
  <label>File <input name="file" type="file"></label>
  <span id="interaction-file-kept"></span>
  <p>
    <button type="submit" id="interaction-create">Create</button>
    <button type="button" id="interaction-postpone">Postpone</button>
  </p>
</form>
<p class="notice" id="interaction-result" role="status"></p>
<p class="error" id="interaction-error" role="alert"></p>`;

const postponedMarkup = `
<h2>Postponed Interactions</h2>
<table id="postponed-table">
  <thead><tr><th>Entry No.</th><th>Date</th><th>Time</th><th>Contact No.</th><th>Salesperson</th><th>Template</th><th>Description</th><th>Direction</th><th>Initiated By</th><th>File</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<p id="postponed-none" hidden>No interaction is postponed.</p>
<p class="error" id="postponed-error" role="alert"></p>`;

let resuming = null;  // the entry no of the postponed interaction in the form, or null

// The file's content as base64, the form the API takes it in.
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result.slice(reader.result.indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function submitInteraction(postpone) {
  const form = $("interaction-form");
  $("interaction-error").textContent = "";
  $("interaction-result").replaceChildren();
  const body = { postpone };
  for (const name of ["template", "contact", "salesperson", "description", "information_flow", "initiated_by"]) {
    body[name] = form.elements[name].value;
  }
  const file = form.elements.file.files[0];
  try {
    if (file) body.file = { name: file.name, type: file.type, content_base64: await readBase64(file) };
    const entry = resuming === null
      ? await api.send("POST", "/interactions", body)
      : await api.send("POST", "/interactions/postponed/" + resuming + "/resume", body);
    if (entry.postponed) {
      location.hash = "#/postponed";
    } else if (resuming !== null) {
      location.hash = "#/show/" + entry.entry_no;
    } else {
      form.reset();
      $("interaction-result").append("Interaction log entry " + entry.entry_no + " was created. ",
        link("#/show/" + entry.entry_no, "Show"));
    }
  } catch (error) {
    report($("interaction-error"), error);
  }
}

async function fillChoices() {
  const [templates, contacts, salespersons] =
    await Promise.all([api.json("/templates"), api.json("/contacts"), api.json("/salespersons")]);
  const form = $("interaction-form");
  fillSelect(form.elements.template, templates, (t) => t.code, (t) => t.code + " – " + t.description);
  fillSelect(form.elements.contact, contacts, (c) => c.no, (c) => c.no + " – " + c.name);
  fillSelect(form.elements.salesperson, salespersons, (s) => s.code, (s) => s.code + " – " + s.name);
}

// Prefills the form with postponed interaction `no`.
async function loadPostponed(no) {
  const entry = (await api.json("/interactions/postponed")).find((e) => String(e.entry_no) === no);
  if (!entry) throw new Error("Postponed interaction " + no + " does not exist.");
  const form = $("interaction-form");
  form.elements.template.value = entry.interaction_template_code;
  form.elements.contact.value = entry.contact_no;
  form.elements.salesperson.value = entry.salesperson_code;
  form.elements.description.value = entry.subject;
  form.elements.information_flow.value = entry.information_flow;
  form.elements.initiated_by.value = entry.initiated_by;
  if (entry.file_name) {
    $("interaction-file-kept").textContent = "Keeps " + entry.file_name + " unless you choose another.";
  }
}

export const createInteraction = {
  id: "create-interaction",
  title: "Create Interaction",
  permission: "manage-interactions",
  // #/create-interaction, or #/create-interaction/resume/NO for a postponed one.
  route: /^#\/create-interaction(?:\/resume\/(\d+))?$/,
  markup: createMarkup,
  setup() {
    $("interaction-form").addEventListener("submit", (event) => { event.preventDefault(); submitInteraction(false); });
    $("interaction-postpone").addEventListener("click", () => submitInteraction(true));
    // A message about what was missing goes once something is filled in.
    $("interaction-form").addEventListener("input", () => { $("interaction-error").textContent = ""; });
  },
  async open(match) {
    resuming = match[1] === undefined ? null : match[1];
    const form = $("interaction-form");
    form.reset();
    $("interaction-file-kept").textContent = "";
    $("interaction-result").replaceChildren();
    $("interaction-error").textContent = "";
    $("interaction-title").textContent = resuming === null ? "Create Interaction" : "Resume Interaction " + resuming;
    $("interaction-create").textContent = resuming === null ? "Create" : "Complete";
    try {
      await fillChoices();
      if (resuming !== null) await loadPostponed(resuming);
    } catch (error) {
      report($("interaction-error"), error);
    }
  },
};

async function loadPostponedList() {
  const postponed = await api.json("/interactions/postponed");
  const body = $("postponed-table").tBodies[0];
  body.replaceChildren();
  const mayManage = session.may("manage-interactions");
  for (const e of postponed) {
    const row = body.insertRow();
    row.dataset.entryNo = e.entry_no;
    for (const value of [e.entry_no, e.date, e.time, e.contact_no, e.salesperson_code, e.interaction_template_code,
                         e.description, e.information_flow, e.initiated_by, e.file_name]) {
      cell(row, value);
    }
    const actions = cell(row, "");
    if (!mayManage) continue;
    actions.appendChild(link("#/create-interaction/resume/" + e.entry_no, "Resume"));
    const remove = element("button", "Delete", { type: "button" });
    remove.addEventListener("click", async () => {
      if (!confirm("Delete postponed interaction " + e.entry_no + "?")) return;
      await api.call("/interactions/postponed/" + e.entry_no, { method: "DELETE" })
        .then(loadPostponedList, (error) => report($("postponed-error"), error));
    });
    actions.append(" ", remove);
  }
  $("postponed-none").hidden = postponed.length > 0;
}

export const postponedInteractions = {
  id: "postponed",
  title: "Postponed Interactions",
  permission: "read-entries",
  route: /^#\/postponed$/,
  markup: postponedMarkup,
  setup() {},
  async open() {
    $("postponed-error").textContent = "";
    await loadPostponedList().catch((error) => report($("postponed-error"), error));
  },
};
