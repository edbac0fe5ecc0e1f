// Salespersons and Contacts: the lists, with an add form for RM-CONT and up, and
// the cards: a contact's alt addresses, a company's persons, and the link that
// opens the Interaction Log Entries filtered on the card's salesperson or contact.
import { $, api, cell, element, link, report, session } from "./ui.js";

const salespersonsMarkup = `
<h2>Salespersons/Purchasers</h2>
<table id="salesperson-table">
  <thead><tr><th>Code</th><th>Name</th><th>Email</th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-salesperson" class="add-form" hidden>
  <h3>New salesperson</h3>
  <label>Code <input name="code" required maxlength="20"></label>
  <label>Name <input name="name" required></label>
  <label>Email <input name="email" type="email"></label>
  <button type="submit">Add</button>
</form>
<p class="error" id="salespersons-error" role="alert"></p>`;

const salespersonCardMarkup = `
<p><a href="#/salespersons">&larr; Salespersons/Purchasers</a></p>
<h2 id="salesperson-title">Salesperson</h2>
<dl class="card" id="salesperson-fields"></dl>
<p><a id="salesperson-entries" href="#/entries">Interaction Log Entries</a></p>
<p class="error" id="salesperson-error" role="alert"></p>`;

const contactsMarkup = `
<h2>Contacts</h2>
<table id="contact-table">
  <thead><tr><th>No.</th><th>Type</th><th>Name</th><th>Email</th><th>Company No.</th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-contact" class="add-form" hidden>
  <h3>New contact</h3>
  <label>Type <select name="type"><option>company</option><option>person</option></select></label>
  <label>Name <input name="name" required></label>
  <label>Email <input name="email" type="email"></label>
  <label>Company <select name="company_no"><option value="">(none)</option></select></label>
  <button type="submit">Add</button>
</form>
<p id="contacts-notice" role="status"></p>
<p class="error" id="contacts-error" role="alert"></p>`;

const contactCardMarkup = `
<p><a href="#/contacts">&larr; Contacts</a></p>
<h2 id="contact-title">Contact</h2>
<dl class="card" id="contact-fields"></dl>
<form id="contact-email" class="add-form" hidden>
  <label>Email <input name="value" type="email"></label>
  <button type="submit">Change email</button>
</form>
<form id="contact-do-not-log" class="add-form" hidden>
  <label><input name="value" type="checkbox"> Never store or log this contact's mail</label>
  <button type="submit">Save</button>
</form>
<p><a id="contact-entries" href="#/entries">Interaction Log Entries</a></p>
<h3>Alt. Addresses</h3>
<table id="alt-address-table">
  <thead><tr><th>Code</th><th>Email</th></tr></thead>
  <tbody></tbody>
</table>
<form id="add-alt-address" class="add-form" hidden>
  <label>Code <input name="code" required></label>
  <label>Email <input name="email" type="email" required></label>
  <button type="submit">Add alt. address</button>
</form>
<div id="contact-persons" hidden>
  <h3>Persons</h3>
  <table id="person-table">
    <thead><tr><th>No.</th><th>Name</th><th>Email</th></tr></thead>
    <tbody></tbody>
  </table>
</div>
<p class="error" id="contact-error" role="alert"></p>`;

// The form's fields as an object of strings.
function formObject(form) {
  return Object.fromEntries(new FormData(form));
}

function fillFields(list, fields) {
  list.replaceChildren();
  for (const [name, value] of fields) list.append(element("dt", name), element("dd", value));
}

const path = (value) => encodeURIComponent(value);

// ---- Salespersons ----

async function loadSalespersons() {
  $("salespersons-error").textContent = "";
  const body = $("salesperson-table").tBodies[0];
  try {
    const salespersons = await api.json("/salespersons");
    body.replaceChildren();
    for (const s of salespersons) {
      const row = body.insertRow();
      row.dataset.code = s.code;
      cell(row, "").appendChild(link("#/salespersons/" + path(s.code), s.code));
      cell(row, s.name);
      cell(row, s.email);
    }
  } catch (error) {
    report($("salespersons-error"), error);
  }
}

async function addSalesperson(event) {
  event.preventDefault();
  const form = event.target;
  try {
    await api.send("POST", "/salespersons", formObject(form));
    form.reset();
    await loadSalespersons();
  } catch (error) {
    report($("salespersons-error"), error);
  }
}

async function openSalesperson(code) {
  $("salesperson-error").textContent = "";
  $("salesperson-fields").replaceChildren();
  try {
    const s = await api.json("/salespersons/" + path(code));
    $("salesperson-title").textContent = s.code + " · " + s.name;
    fillFields($("salesperson-fields"), [["Code", s.code], ["Name", s.name], ["Email", s.email]]);
    $("salesperson-entries").href = "#/entries?" + new URLSearchParams({ salesperson: s.code });
  } catch (error) {
    report($("salesperson-error"), error);
  }
}

export const salespersons = {
  id: "salespersons",
  title: "Salespersons",
  permission: "read-entries",
  route: /^#\/salespersons$/,
  markup: salespersonsMarkup,
  setup() { $("add-salesperson").addEventListener("submit", addSalesperson); },
  open() {
    $("add-salesperson").hidden = !session.may("manage-directory");
    return loadSalespersons();
  },
};

export const salespersonCard = {
  id: "salesperson-card",
  permission: "read-entries",
  route: /^#\/salespersons\/([^/?]+)$/,
  markup: salespersonCardMarkup,
  setup() {},
  open(match) { return openSalesperson(decodeURIComponent(match[1])); },
};

// ---- Contacts ----

async function loadContacts() {
  $("contacts-error").textContent = "";
  const body = $("contact-table").tBodies[0];
  try {
    const contacts = await api.json("/contacts");
    body.replaceChildren();
    const companies = $("add-contact").elements.company_no;
    companies.length = 1;
    for (const c of contacts) {
      const row = body.insertRow();
      row.dataset.no = c.no;
      cell(row, "").appendChild(link("#/contacts/" + path(c.no), c.no));
      cell(row, c.type);
      cell(row, c.name);
      cell(row, c.email);
      const company = cell(row, "");
      if (c.type === "person" && c.company_no) company.appendChild(link("#/contacts/" + path(c.company_no), c.company_no));
      if (c.type === "company") companies.add(new Option(c.no + " – " + c.name, c.no));
    }
  } catch (error) {
    report($("contacts-error"), error);
  }
}

async function addContact(event) {
  event.preventDefault();
  const form = event.target;
  $("contacts-notice").textContent = "";
  try {
    const added = await api.send("POST", "/contacts", formObject(form));
    form.reset();
    await loadContacts();
    report($("contacts-notice"), "Contact " + added.no + " added.");
  } catch (error) {
    report($("contacts-error"), error);
  }
}

let shownContact = null;  // the no on the contact card

function showContact(c) {
  shownContact = c.no;
  $("contact-title").textContent = c.no + " · " + c.name;
  const fields = [["No.", c.no], ["Type", c.type], ["Name", c.name], ["Email", c.email],
                  ["Do Not Log", c.do_not_log ? "Yes" : "No"]];
  fillFields($("contact-fields"), fields);
  if (c.type === "person" && c.company_no) {
    const company = element("dd");
    company.appendChild(link("#/contacts/" + path(c.company_no), c.company_no));
    $("contact-fields").append(element("dt", "Company No."), company);
  }
  $("contact-email").elements.value.value = c.email;
  $("contact-do-not-log").elements.value.checked = c.do_not_log;
  $("contact-entries").href = "#/entries?" + new URLSearchParams({ contact: c.no });

  const addresses = $("alt-address-table").tBodies[0];
  addresses.replaceChildren();
  for (const a of c.alt_addresses) {
    const row = addresses.insertRow();
    cell(row, a.code);
    cell(row, a.email);
  }
  const persons = $("person-table").tBodies[0];
  persons.replaceChildren();
  $("contact-persons").hidden = !c.persons;
  for (const p of c.persons || []) {
    const row = persons.insertRow();
    row.dataset.no = p.no;
    cell(row, "").appendChild(link("#/contacts/" + path(p.no), p.no));
    cell(row, p.name);
    cell(row, p.email);
  }
}

async function openContact(no) {
  $("contact-error").textContent = "";
  $("contact-fields").replaceChildren();
  const editable = session.may("manage-directory");
  $("contact-email").hidden = !editable;
  $("contact-do-not-log").hidden = !editable;
  $("add-alt-address").hidden = !editable;
  try {
    showContact(await api.json("/contacts/" + path(no)));
  } catch (error) {
    report($("contact-error"), error);
  }
}

// A change to the contact on the card (the form's fields, or `body`); the server
// answers with the card.
async function changeContact(event, method, suffix, body = formObject(event.target)) {
  event.preventDefault();
  $("contact-error").textContent = "";
  try {
    showContact(await api.send(method, "/contacts/" + path(shownContact) + suffix, body));
    if (suffix === "/alt-addresses") event.target.reset();
  } catch (error) {
    report($("contact-error"), error);
  }
}

export const contacts = {
  id: "contacts",
  title: "Contacts",
  permission: "read-entries",
  route: /^#\/contacts$/,
  markup: contactsMarkup,
  setup() { $("add-contact").addEventListener("submit", addContact); },
  open() {
    $("add-contact").hidden = !session.may("manage-directory");
    return loadContacts();
  },
};

export const contactCard = {
  id: "contact-card",
  permission: "read-entries",
  route: /^#\/contacts\/([^/?]+)$/,
  markup: contactCardMarkup,
  setup() {
    $("contact-email").addEventListener("submit", (event) => changeContact(event, "PUT", "/email"));
    $("add-alt-address").addEventListener("submit", (event) => changeContact(event, "POST", "/alt-addresses"));
    $("contact-do-not-log").addEventListener("submit", (event) =>
      changeContact(event, "PUT", "/do-not-log", { value: event.target.elements.value.checked }));
  },
  open(match) { return openContact(decodeURIComponent(match[1])); },
};
