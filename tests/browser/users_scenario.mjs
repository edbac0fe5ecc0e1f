// The admin adds a user, changes their permission set and removes them; the
// new user signs in with the set given. Nobody else sees the Users page.
import { holdsSoon } from "./harness.mjs";

export default async function usersScenario(h) {
  const page = await h.newPage();
  await h.signIn(page, h.users.reader);
  h.check("a BASIC user has no Users page", (await page.locator("#nav-links a[href='#/users']").count()) === 0);
  await page.context().close();

  const admin = await h.newPage();
  await h.signIn(admin, h.users.admin);
  await admin.click("#nav-links a[href='#/users']");
  await admin.waitForSelector("#user-table tbody tr");
  await admin.fill("#add-user input[name=name]", "temp");
  await admin.fill("#add-user input[name=password]", "short");
  await admin.click("#add-user button");
  h.check("the browser asks for a longer password first",
          await admin.$eval("#add-user input[name=password]", (input) => !input.validity.valid));
  await admin.fill("#add-user input[name=password]", h.password);
  await admin.selectOption("#add-user select[name=permission_set]", "RM-CONT");
  await admin.click("#add-user button");
  await admin.waitForSelector("#user-table tr[data-user=temp]");
  h.check("an added user is listed with their set",
          (await admin.$eval("#user-table tr[data-user=temp] select", (select) => select.value)) === "RM-CONT");
  h.check("the admin cannot change their own set",
          await admin.$eval(`#user-table tr[data-user="${h.users.admin}"] select`, (select) => select.disabled));
  await admin.selectOption("#user-table tr[data-user=temp] select", "BASIC");
  await admin.waitForFunction(() => document.getElementById("users-error").textContent.includes("now has BASIC"));
  await h.screenshot(admin, "users");

  const temp = await h.newPage();
  await h.signIn(temp, "temp");
  h.check("the user signs in with the set given last", (await temp.textContent("#who")).includes("BASIC"));
  await temp.context().close();

  await admin.click("#user-table tr[data-user=temp] button");
  const removed = await holdsSoon(admin, () => !document.querySelector("#user-table tr[data-user=temp]"));
  h.check("a removed user is gone from the list", removed);
  h.check("the Users page had no error", admin.errors.length === 0, admin.errors.join(", "));
  await admin.context().close();
}
