// Show: the stored message of an entry. Its HTML, made safe by the server, goes
// into a sandboxed frame that may run no script and load nothing but inline
// images, and remote images only when asked for.
import { $, api, download, element, report, session } from "./ui.js";

const markup = `
<p><a href="#/entries">&larr; Interaction Log Entries</a></p>
<h2 id="show-title">Message</h2>
<dl id="show-headers"></dl>
<p id="show-actions">
  <button type="button" id="download-eml">Download .eml</button>
  <button type="button" id="load-images" hidden>Load remote images</button>
</p>
<form id="entry-actions" hidden>
  <label>Evaluation
    <select name="evaluation">
      <option value="">(none)</option><option>very positive</option><option>positive</option>
      <option>neutral</option><option>negative</option><option>very negative</option>
    </select>
  </label>
  <label><input type="checkbox" name="canceled"> Canceled</label>
</form>
<ul id="show-attachments"></ul>
<iframe id="show-frame" title="Message" sandbox=""></iframe>
<pre id="show-text" hidden></pre>
<p class="error" id="show-error" role="alert"></p>
<p><button type="button" id="show-retry" hidden>Retry</button></p>`;

let shown = null;  // the entry no shown

function frameDocument(html, remoteImages) {
  const images = remoteImages ? "data: https: http:" : "data:";
  return '<!doctype html><html><head><meta charset="utf-8">' +
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src ' + images +
    '; style-src \'unsafe-inline\'">' +
    '<base target="_blank"></head><body>' + html + "</body></html>";
}

async function showEntry(no, remoteImages) {
  $("show-error").textContent = "";
  $("show-retry").hidden = true;
  $("show-headers").replaceChildren();
  $("show-attachments").replaceChildren();
  $("show-frame").hidden = true;
  $("show-text").hidden = true;
  try {
    const entry = await api.json("/entries/" + no);
    shown = no;
    $("show-title").textContent = "Entry " + no;
    const actions = $("entry-actions");
    actions.hidden = !session.may("manage-interactions");
    actions.elements.evaluation.value = entry.evaluation;
    actions.elements.canceled.checked = entry.canceled;
    $("download-eml").hidden = entry.attachment_no === null;
    if (entry.attachment_no === null) return showCreated(entry);
    const view = await api.json("/entries/" + no + "/view" + (remoteImages ? "?images=remote" : ""));
    for (const header of view.headers) $("show-headers").append(element("dt", header.name), element("dd", header.value));
    view.attachments.forEach((attachment, index) => {
      const item = element("li", attachment.name + " (" + attachment.type + ", " + attachment.size + " bytes) ");
      const button = element("button", "Download", { type: "button" });
      button.addEventListener("click", () =>
        downloadAttachment(no, index, attachment.name).catch((e) => report($("show-error"), e)));
      item.appendChild(button);
      $("show-attachments").appendChild(item);
    });
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
    report($("show-error"), error);
    // The message has not reached this mail server yet (or the server is
    // unreachable): it may be there in a moment.
    $("show-retry").hidden = error.status !== 503;
  }
}

// An interaction a person created has no message: its fields instead, and its file.
function showCreated(entry) {
  const fields = [["Contact No.", entry.contact_no], ["Salesperson", entry.salesperson_code],
    ["Template", entry.interaction_template_code], ["Date", entry.date + " " + entry.time],
    ["Direction", entry.information_flow], ["Initiated By", entry.initiated_by], ["Description", entry.subject],
    ["Cost", entry.cost], ["Duration (Min.)", entry.duration_min]];
  for (const [name, value] of fields) $("show-headers").append(element("dt", name), element("dd", String(value)));
  $("load-images").hidden = true;
  if (!entry.file_name) return;
  const item = element("li", entry.file_name + " ");
  const button = element("button", "Download", { type: "button", id: "download-file" });
  button.addEventListener("click", () =>
    api.call("/entries/" + entry.entry_no + "/file").then((response) => response.blob())
      .then((blob) => download(blob, entry.file_name), (error) => report($("show-error"), error)));
  item.appendChild(button);
  $("show-attachments").appendChild(item);
}

async function saveEntryActions(event) {
  const form = $("entry-actions");
  const canceled = event.target.name === "canceled";
  const value = canceled ? form.elements.canceled.checked : form.elements.evaluation.value;
  await api.send("PUT", "/entries/" + shown + "/" + (canceled ? "canceled" : "evaluation"), { value })
    .catch((error) => report($("show-error"), error));
}

async function downloadAttachment(no, index, name) {
  const response = await api.call("/entries/" + no + "/attachments/" + index);
  download(await response.blob(), name);
}

async function downloadEml() {
  const response = await api.call("/entries/" + shown + "/message");
  download(await response.blob(), "entry-" + shown + ".eml");
}

export default {
  id: "show",
  permission: "show-messages",
  route: /^#\/show\/(\d+)$/,
  markup,
  setup() {
    $("download-eml").addEventListener("click", () => downloadEml().catch((e) => report($("show-error"), e)));
    $("load-images").addEventListener("click", () => showEntry(shown, true));
    $("show-retry").addEventListener("click", () => showEntry(shown, false));
    $("entry-actions").addEventListener("change", saveEntryActions);
  },
  open(match) { return showEntry(match[1], false); },
};
