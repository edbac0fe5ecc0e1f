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
<p class="error" id="show-error" role="alert"></p>`;

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
  $("show-headers").replaceChildren();
  $("show-attachments").replaceChildren();
  $("show-frame").hidden = true;
  $("show-text").hidden = true;
  try {
    const view = await api.json("/entries/" + no + "/view" + (remoteImages ? "?images=remote" : ""));
    shown = no;
    $("show-title").textContent = "Entry " + no;
    const entry = await api.json("/entries/" + no);
    const actions = $("entry-actions");
    actions.hidden = !session.may("manage-interactions");
    actions.elements.evaluation.value = entry.evaluation;
    actions.elements.canceled.checked = entry.canceled;
    for (const header of view.headers) $("show-headers").append(element("dt", header.name), element("dd", header.value));
    for (const attachment of view.attachments) {
      $("show-attachments").appendChild(
        element("li", attachment.name + " (" + attachment.type + ", " + attachment.size + " bytes)"));
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
    report($("show-error"), error);
  }
}

async function saveEntryActions(event) {
  const form = $("entry-actions");
  const canceled = event.target.name === "canceled";
  const value = canceled ? form.elements.canceled.checked : form.elements.evaluation.value;
  await api.send("PUT", "/entries/" + shown + "/" + (canceled ? "canceled" : "evaluation"), { value })
    .catch((error) => report($("show-error"), error));
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
    $("entry-actions").addEventListener("change", saveEntryActions);
  },
  open(match) { return showEntry(match[1], false); },
};
