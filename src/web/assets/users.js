// Users: who may sign in, and with which permission set (EMAIL-LOGGING-ADMIN).
import { $, api, cell, element, report, session } from "./ui.js";

const kSets = ["BASIC", "RM-CONT", "EMAIL-LOGGING-ADMIN"];

const markup = `
<h2>Users</h2>
<table id="user-table">
  <thead><tr><th>User Name</th><th>Permission Set</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<h3>Add a user</h3>
<form id="add-user">
  <label>User name <input name="name" required autocomplete="off"></label>
  <label>Password <input name="password" type="password" minlength="12" required autocomplete="new-password"></label>
  <label>Permission set <select name="permission_set"><option>BASIC</option><option>RM-CONT</option><option>EMAIL-LOGGING-ADMIN</option></select></label>
  <button type="submit">Add</button>
</form>
<p class="error" id="users-error" role="alert"></p>`;

function setSelect(user) {
  const select = element("select", "", { "aria-label": "Permission set of " + user.name });
  for (const set of kSets) select.add(new Option(set, set, false, set === user.permission_set));
  // One's own set cannot be changed here: the server refuses it, so the page does not offer it.
  select.disabled = user.name === session.me.name;
  select.addEventListener("change", () =>
    api.send("PUT", "/users/" + encodeURIComponent(user.name) + "/permission-set", { value: select.value })
      .then(() => report($("users-error"), user.name + " now has " + select.value + "."))
      .catch((error) => { report($("users-error"), error); select.value = user.permission_set; }));
  return select;
}

async function loadUsers() {
  const users = await api.json("/users");
  const body = $("user-table").tBodies[0];
  body.replaceChildren();
  for (const user of users) {
    const row = body.insertRow();
    row.dataset.user = user.name;
    cell(row, user.name);
    cell(row, "").appendChild(setSelect(user));
    const remove = element("button", "Remove", { type: "button" });
    remove.disabled = user.name === session.me.name;
    remove.addEventListener("click", async () => {
      if (!confirm("Remove the user " + user.name + " and their API tokens?")) return;
      await api.call("/users/" + encodeURIComponent(user.name), { method: "DELETE" })
        .then(loadUsers, (error) => report($("users-error"), error));
    });
    cell(row, "").appendChild(remove);
  }
}

async function addUser(event) {
  event.preventDefault();
  const form = $("add-user");
  const fields = Object.fromEntries(new FormData(form));
  try {
    await api.send("POST", "/users", fields);
    form.reset();
    await loadUsers();
    report($("users-error"), fields.name + " was added.");
  } catch (error) {
    report($("users-error"), error);
  }
}

export default {
  id: "users",
  title: "Users",
  permission: "manage-users",
  route: /^#\/users$/,
  markup,
  setup() { $("add-user").addEventListener("submit", addUser); },
  async open() {
    $("users-error").textContent = "";
    await loadUsers().catch((error) => report($("users-error"), error));
  },
};
