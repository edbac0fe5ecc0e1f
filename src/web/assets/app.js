// The mailtrail web UI: ES modules, no build step. Each page is a module that
// gives its markup (static; data goes in as text), the hash route it answers,
// the permission it needs and what to do when opened. This one signs in and
// out, builds the navigation and routes.
import { $, api, report, session } from "./ui.js";
import entries from "./entries.js";
import show from "./show.js";
import { createInteraction, postponedInteractions } from "./interactions.js";
import templates from "./templates.js";
import dashboard from "./dashboard.js";
import { contactCard, contacts, salespersonCard, salespersons } from "./directory.js";
import setup from "./setup.js";
import jobs from "./jobs.js";
import users from "./users.js";

// In navigation order; a page with a title is in the navigation.
const pages = [entries, show, createInteraction, postponedInteractions, templates, dashboard, salespersons,
               salespersonCard, contacts, contactCard, setup, jobs, users];

function showOnly(id) {
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== id;
  $("nav").hidden = id === "sign-in";
}

// The session ended (signed out, expired, or revoked by an administrator).
function signedOut() {
  session.me = null;
  api.csrf = null;
  showOnly("sign-in");
}

async function signOut() {
  await api.call("/sessions", { method: "DELETE" }).catch(() => { /* ended already */ });
  signedOut();
}

async function signIn(event) {
  event.preventDefault();
  const form = new FormData($("sign-in-form"));
  $("sign-in-error").textContent = "";
  try {
    const signedIn = await api.send("POST", "/sessions",
                                    { name: form.get("name"), password: form.get("password"), session: "cookie" });
    api.csrf = signedIn.csrf_token;
    $("sign-in-form").reset();
    location.hash = "#/entries";
    route();
  } catch (error) {
    report($("sign-in-error"), error);
  }
}

function buildNavigation() {
  const links = $("nav-links");
  links.replaceChildren();
  for (const page of pages) {
    if (!page.title || !session.may(page.permission)) continue;
    const anchor = document.createElement("a");
    anchor.href = "#/" + page.id;
    anchor.textContent = page.title;
    links.appendChild(anchor);
  }
}

async function route() {
  if (!session.me) {
    // A page loaded anew finds its session, if the cookie still holds one.
    session.me = await api.json("/me").catch(() => null);
    if (!session.me) return showOnly("sign-in");
    api.csrf = session.me.csrf_token;
    $("who").textContent = session.me.name + " (" + session.me.permission_set + ")";
    buildNavigation();
  }
  for (const page of pages) {
    const match = location.hash.match(page.route);
    if (match && session.may(page.permission)) {
      showOnly(page.id);
      return page.open(match);
    }
  }
  location.replace("#/entries");
}

document.addEventListener("DOMContentLoaded", () => {
  for (const page of pages) {
    const section = document.createElement("section");
    section.id = page.id;
    section.hidden = true;
    section.innerHTML = page.markup;  // the module's own static markup
    document.querySelector("main").appendChild(section);
    page.setup();
  }
  api.onSignedOut = signedOut;
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  window.addEventListener("hashchange", route);
  route();
});
