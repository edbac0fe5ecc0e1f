// What every page of the web UI shares: the API client, the signed-in user, and
// small DOM helpers. Data goes into the page as text, never as markup.
//
// The session is an HttpOnly cookie this script cannot read; every change it
// sends carries the anti-forgery token that came with the session.
export const api = {
  csrf: null,
  onSignedOut: () => {},
  async call(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (api.csrf && (options.method || "GET") !== "GET") headers["X-CSRF-Token"] = api.csrf;
    if (typeof options.body === "string") headers["Content-Type"] = "application/json";
    const response = await fetch("/api/v1" + path, Object.assign({}, options, { headers }));
    if (response.status === 401 && path !== "/sessions") {
      api.onSignedOut();
      throw new Error("Please sign in again.");
    }
    if (!response.ok) {
      let message = response.statusText;
      try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
      // The HTTP status goes along: 503 says that retrying may help.
      throw Object.assign(new Error(message), { status: response.status });
    }
    return response;
  },
  async json(path, options) { return (await api.call(path, options)).json(); },
  // A write: METHOD with a JSON body.
  async send(method, path, body = {}) { return api.json(path, { method, body: JSON.stringify(body) }); },
};

// The signed-in user, from GET /me.
export const session = { me: null, may: (permission) => !!session.me && session.me.permissions.includes(permission) };

export const $ = (id) => document.getElementById(id);

// A new element with text content (never markup) and attributes.
export function element(tag, text = "", attributes = {}) {
  const node = document.createElement(tag);
  if (text !== "") node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function cell(row, text) {
  const td = element("td", String(text));
  row.appendChild(td);
  return td;
}

export function link(href, text) {
  return element("a", text, { href });
}

// Shows an error (or a notice) in the page's message line.
export function report(target, error) {
  target.textContent = error instanceof Error ? error.message : String(error);
}

export function download(blob, name) {
  const anchor = element("a", "", { href: URL.createObjectURL(blob), download: name });
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
}

// Fills a <select> with a first "all" option kept and one option per item.
export function fillSelect(select, items, value, label) {
  select.length = 1;
  for (const item of items) select.add(new Option(label(item), value(item)));
}
