// The mailtrail web UI: plain script, no build step. Talks to /api/v1 with the
// bearer token that signing in gives, kept for this browser tab only. Data is
// put into the page as text, never as markup; a message's HTML (made safe by the
// server) is shown in a sandboxed frame that may run no script and load nothing
// but inline images, and remote images only when asked for.
"use strict";

const api = {
  token: sessionStorage.getItem("mailtrail-token"),
  async call(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (api.token) headers["Authorization"] = "Bearer " + api.token;
    const response = await fetch("/api/v1" + path, Object.assign({}, options, { headers }));
    if (response.status === 401 && path !== "/sessions") {
      signOut();
      throw new Error("Please sign in again.");
    }
    if (!response.ok) {
      let message = response.statusText;
      try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  },
  async json(path, options) { return (await api.call(path, options)).json(); },
};

const $ = (id) => document.getElementById(id);

function show(section) {
  for (const id of ["sign-in", "entries", "show"]) $(id).hidden = id !== section;
  $("nav").hidden = section === "sign-in";
}

function signOut() {
  api.token = null;
  sessionStorage.removeItem("mailtrail-token");
  location.hash = "#/sign-in";
  route();
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
  return td;
}

// ---- Interaction Log Entries ----

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
        cell(row, String(value));
      }
      const link = document.createElement("a");
      link.href = "#/show/" + e.entry_no;
      link.textContent = "Show";
      cell(row, "").appendChild(link);
    }
    nextAfter = page.next_after;
    $("next-page").hidden = nextAfter === null;
  } catch (error) {
    $("entries-error").textContent = error.message;
  }
}

async function fillFilterChoices() {
  const [salespersons, contacts] = await Promise.all([api.json("/salespersons"), api.json("/contacts")]);
  const fill = (select, items, value, label) => {
    select.length = 1;
    for (const item of items) select.add(new Option(label(item), value(item)));
  };
  const form = $("filters");
  fill(form.elements.salesperson, salespersons, (s) => s.code, (s) => s.code + " – " + s.name);
  fill(form.elements.contact, contacts, (c) => c.no, (c) => c.no + " – " + c.name);
}

async function exportCsv() {
  const rows = [];
  let after = null;
  do {
    const query = filterQuery();
    query.set("limit", "1000");
    if (after !== null) query.set("after", after);
    const page = await api.json("/entries?" + query);
    rows.push(...page.entries);
    after = page.next_after;
  } while (after !== null);
  const columns = rows.length ? Object.keys(rows[0]) : ["entry_no"];
  const quote = (v) => '"' + String(v).replaceAll('"', '""') + '"';
  const csv = [columns.join(",")].concat(rows.map((r) => columns.map((c) => quote(r[c])).join(","))).join("\r\n");
  download(new Blob([csv + "\r\n"], { type: "text/csv" }), "interaction-log-entries.csv");
}

function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---- Show ----

let shown = null;  // {no}
let permissions = [];  // of the signed-in user, from /me
const may = (permission) => permissions.includes(permission);

function frameDocument(html, remoteImages) {
  const images = remoteImages ? "data: https: http:" : "data:";
  return '<!doctype html><html><head><meta charset="utf-8">' +
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src ' + images +
    '; style-src \'unsafe-inline\'">' +
    '<base target="_blank"></head><body>' + html + "</body></html>";
}

async function showEntry(no, remoteImages) {
  show("show");
  $("show-error").textContent = "";
  $("show-headers").replaceChildren();
  $("show-attachments").replaceChildren();
  $("show-frame").hidden = true;
  $("show-text").hidden = true;
  try {
    const view = await api.json("/entries/" + no + "/view" + (remoteImages ? "?images=remote" : ""));
    shown = { no };
    $("show-title").textContent = "Entry " + no;
    const entry = await api.json("/entries/" + no);
    const actions = $("entry-actions");
    actions.hidden = !may("manage-interactions");
    actions.elements.evaluation.value = entry.evaluation;
    actions.elements.canceled.checked = entry.canceled;
    for (const header of view.headers) {
      const dt = document.createElement("dt");
      dt.textContent = header.name;
      const dd = document.createElement("dd");
      dd.textContent = header.value;
      $("show-headers").append(dt, dd);
    }
    for (const attachment of view.attachments) {
      const li = document.createElement("li");
      li.textContent = attachment.name + " (" + attachment.type + ", " + attachment.size + " bytes)";
      $("show-attachments").appendChild(li);
    }
    if (view.html !== null) {
      $("show-frame").srcdoc = frameDocument(view.html, remoteImages);
      $("show-frame").hidden = false;
    } else {
      $("show-text").textContent = view.text;
      $("show-text").hidden = false;
    }
    $("load-images").hidden = remoteImages || view.blocked_images === 0;
    $("load-images").textContent = "Load " + view.blocked_images + " remote image(s)";
  } catch (error) {
    $("show-error").textContent = error.message;
  }
}

async function saveEntryActions(event) {
  const form = $("entry-actions");
  const path = "/entries/" + shown.no + "/" + (event.target.name === "canceled" ? "canceled" : "evaluation");
  const value = event.target.name === "canceled" ? form.elements.canceled.checked : form.elements.evaluation.value;
  await api.json(path, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ value }),
  }).catch((error) => { $("show-error").textContent = error.message; });
}

async function deleteCanceled() {
  if (!confirm("Delete every canceled interaction log entry?")) return;
  const result = await api.json("/entries/delete-canceled", { method: "POST", body: "{}" });
  $("entries-error").textContent = result.deleted + " canceled entries deleted.";
  await loadEntries(false);
}

async function downloadEml() {
  const response = await api.call("/entries/" + shown.no + "/message");
  download(await response.blob(), "entry-" + shown.no + ".eml");
}

// ---- Sign-in and routing ----

async function signIn(event) {
  event.preventDefault();
  const form = new FormData($("sign-in-form"));
  $("sign-in-error").textContent = "";
  try {
    const session = await api.json("/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: form.get("name"), password: form.get("password") }),
    });
    api.token = session.token;
    sessionStorage.setItem("mailtrail-token", session.token);
    $("sign-in-form").reset();
    location.hash = "#/entries";
    route();
  } catch (error) {
    $("sign-in-error").textContent = error.message;
  }
}

async function route() {
  if (!api.token) return show("sign-in");
  const me = await api.json("/me").catch(() => null);
  if (!me) return;
  $("who").textContent = me.name + " (" + me.permission_set + ")";
  permissions = me.permissions;
  $("delete-canceled").hidden = !may("manage-interactions");
  const match = location.hash.match(/^#\/show\/(\d+)$/);
  if (match) return showEntry(match[1], false);
  show("entries");
  await fillFilterChoices();
  await loadEntries(false);
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); loadEntries(false); });
  $("next-page").addEventListener("click", () => loadEntries(true));
  $("export-csv").addEventListener("click", () => exportCsv().catch((e) => { $("entries-error").textContent = e.message; }));
  $("download-eml").addEventListener("click", () => downloadEml().catch((e) => { $("show-error").textContent = e.message; }));
  $("load-images").addEventListener("click", () => showEntry(shown.no, true));
  $("entry-actions").addEventListener("change", saveEntryActions);
  $("delete-canceled").addEventListener("click", () => deleteCanceled().catch((e) => { $("entries-error").textContent = e.message; }));
  window.addEventListener("hashchange", route);
  route();
});
