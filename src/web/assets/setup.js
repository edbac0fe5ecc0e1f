// Setup: every setup key with its value and what it means, each saved on its own
// (the server's validation message shows next to the key), and a test of the
// connection to the mail store; and the never-log list.
import { $, api, cell, element, report } from "./ui.js";

const markup = `
<h2>Email Logging Setup</h2>
<div id="setup-keys"></div>
<p>
  <button type="button" id="test-connection">Test connection</button>
  <span id="test-connection-result" role="status"></span>
</p>
<p class="error" id="setup-error" role="alert"></p>
<h3>Never Log</h3>
<p>Mail from or to these addresses, or addresses in these domains and their subdomains, is removed from the
queue without being stored or logged.</p>
<table id="never-log-table">
  <thead><tr><th>Address or Domain</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-never-log" class="add-form">
  <label>Address or domain <input name="entry" required></label>
  <button type="submit">Add</button>
</form>
<p class="error" id="never-log-error" role="alert"></p>`;

// One form per key: its value, a Save button, the outcome and the description.
function keyForm(item) {
  const form = element("form", "", { class: "setup-key" });
  form.dataset.key = item.key;
  const id = "setup-" + item.key;
  const input = element("input", "", { id, name: "value", "aria-describedby": id + "-description" });
  input.value = item.value;
  form.append(element("label", item.key, { for: id }), input, element("button", "Save", { type: "submit" }),
              element("span", "", { class: "setup-message", role: "status" }),
              element("p", item.description, { class: "setup-description", id: id + "-description" }));
  form.addEventListener("submit", (event) => saveKey(event, form));
  return form;
}

function showKeys(keys) {
  $("setup-keys").replaceChildren(...keys.map(keyForm));
}

async function saveKey(event, form) {
  event.preventDefault();
  const message = form.querySelector(".setup-message");
  message.textContent = "";
  message.classList.remove("error");
  try {
    const keys = await api.send("PUT", "/setup/" + encodeURIComponent(form.dataset.key),
                                { value: form.elements.value.value });
    for (const item of keys) {
      const other = $("setup-" + item.key);
      if (other) other.value = item.value;
    }
    message.textContent = "Saved.";
  } catch (error) {
    message.classList.add("error");
    report(message, error);
  }
}

function showNeverLog(entries) {
  const rows = $("never-log-table").tBodies[0];
  rows.replaceChildren();
  for (const entry of entries) {
    const row = rows.insertRow();
    cell(row, entry);
    const remove = element("button", "Remove", { type: "button", "aria-label": "Remove " + entry });
    remove.addEventListener("click", () => changeNeverLog(() => api.send("DELETE", "/never-log/" + encodeURIComponent(entry))));
    cell(row, "").appendChild(remove);
  }
}

// Runs a change of the list, then shows the list.
async function changeNeverLog(change) {
  $("never-log-error").textContent = "";
  try {
    await change();
    showNeverLog(await api.json("/never-log"));
  } catch (error) {
    report($("never-log-error"), error);
  }
}

async function testConnection() {
  const result = $("test-connection-result");
  result.textContent = "Testing…";
  result.className = "";
  try {
    const outcome = await api.send("POST", "/setup/test-connection");
    result.className = outcome.ok ? "success" : "error";
    result.textContent = outcome.message;
  } catch (error) {
    result.className = "error";
    report(result, error);
  }
}

export default {
  id: "setup",
  title: "Setup",
  permission: "manage-setup",
  route: /^#\/setup$/,
  markup,
  setup() {
    $("test-connection").addEventListener("click", testConnection);
    $("add-never-log").addEventListener("submit", (event) => {
      event.preventDefault();
      changeNeverLog(async () => {
        await api.send("POST", "/never-log", { entry: event.target.elements.entry.value });
        event.target.reset();
      });
    });
  },
  async open() {
    $("setup-error").textContent = "";
    $("test-connection-result").textContent = "";
    try {
      showKeys(await api.json("/setup"));
    } catch (error) {
      report($("setup-error"), error);
    }
    await changeNeverLog(async () => {});
  },
};
