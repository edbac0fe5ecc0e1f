// The web UI in a real browser (Debian's Chromium, driven by playwright-core):
// each scenario file signs in as the user it needs and checks one area.
//
// Usage: node ui.mjs URL READER EDITOR ADMIN PASSWORD SCREENSHOT_DIR
//   READER has BASIC, EDITOR RM-CONT, ADMIN EMAIL-LOGGING-ADMIN; all have PASSWORD.
// Prints one "ok - ..." or "not ok - ..." line per check and a closing count;
// exits non-zero when a check failed.
import { Harness } from "./harness.mjs";
import directory from "./directory_scenario.mjs";
import entries from "./entries_scenario.mjs";
import interactions from "./interactions_scenario.mjs";
import jobs from "./jobs_scenario.mjs";
import users from "./users_scenario.mjs";

const scenarios = { entries, interactions, jobs, users, directory };

const [url, reader, editor, admin, password, screenshots] = process.argv.slice(2);
const harness = new Harness({ url, users: { reader, editor, admin }, password, screenshots });
await harness.launch();
try {
  for (const [name, scenario] of Object.entries(scenarios)) {
    try {
      await scenario(harness);
    } catch (error) {
      harness.check("the " + name + " scenario ran to its end", false, error.stack);
    }
  }
} finally {
  await harness.browser.close();
}
console.log(harness.passed + " passed, " + harness.failed + " failed");
process.exit(harness.failed === 0 ? 0 : 1);
