// Setup: every setup key with its value and what it means, each saved on its own
// (the server's validation message shows next to the key), and a test of the
// connection to the mail store.
import { $, api, element, report } from "./ui.js";

const markup = `
<h2>Email Logging Setup</h2>
<div id="setup-keys"></div>
<p>
  <button type="button" id="test-connection">Test connection</button>
  <span id="test-connection-result" role="status"></span>
</p>
<p class="error" id="setup-error" role="alert"></p>`;

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
  },
  async open() {
    $("setup-error").textContent = "";
    $("test-connection-result").textContent = "";
    try {
      showKeys(await api.json("/setup"));
    } catch (error) {
      report($("setup-error"), error);
    }
  },
};
