// What the browser scenarios share: the browser, checks, and signing in.
// Each scenario file exports a default async function(harness) that runs its
// checks on pages of its own (harness.newPage()).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

// True once `predicate(arg)` holds in `page`, false if it does not within
// `timeout` ms: for what the page shows after a request it cannot be told of.
export function holdsSoon(page, predicate, arg = null, timeout = 5000) {
  return page.waitForFunction(predicate, arg, { timeout }).then(() => true, () => false);
}

export class Harness {
  // url: the server's root; users: {reader (BASIC), editor (RM-CONT), admin
  // (EMAIL-LOGGING-ADMIN)}, all with `password`; screenshots: a folder.
  constructor({ url, users, password, screenshots }) {
    Object.assign(this, { url, users, password, screenshots });
    this.origin = new URL(url).origin;
    this.passed = 0;
    this.failed = 0;
    mkdirSync(screenshots, { recursive: true });
  }

  async launch() {
    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox"],  // the test runs as root in CI; the page's own sandboxing is what is tested
    });
  }

  check(description, condition, detail = "") {
    if (condition) {
      this.passed++;
      console.log("ok - " + description);
    } else {
      this.failed++;
      console.log("not ok - " + description + (detail ? "\n  " + detail : ""));
    }
  }

  // A page in a browser context of its own. Every request is seen here first;
  // none may leave for another host: those that would are stopped before they
  // reach the network, and remembered in page.foreign. Dialogs other than the
  // UI's own confirmations (accepted) go to page.dialogs, page errors to page.errors.
  async newPage() {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    page.foreign = [];
    page.dialogs = [];
    page.errors = [];
    await page.route("**/*", (route) => {
      const target = route.request().url();
      if (target.startsWith(this.origin) || target.startsWith("data:") || target.startsWith("blob:")) {
        return route.continue();
      }
      page.foreign.push(target);
      return route.abort();
    });
    page.on("dialog", (dialog) => {
      if (dialog.type() === "confirm") return dialog.accept();
      page.dialogs.push(dialog.message());
      return dialog.dismiss();
    });
    page.on("pageerror", (error) => page.errors.push(error.message));
    return page;
  }

  // Signs `page` in as `user` and waits for the entries list.
  async signIn(page, user) {
    await page.goto(this.url);
    await page.waitForSelector("#sign-in-form");
    await page.fill("input[name=name]", user);
    await page.fill("input[name=password]", this.password);
    await page.click("#sign-in-form button");
    await page.waitForSelector("#entry-table tbody tr");
  }

  async screenshot(page, name) {
    await page.screenshot({ path: this.screenshots + "/" + name + ".png", fullPage: true });
  }
}
