// The browser tests' harness: Debian's Chromium driven by Playwright, a fresh context a scenario that
// fails on uncaught exceptions and Content-Security-Policy violations and leaves a screenshot in
// test-results/ when it fails, and the portal's login form.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import type { TestContext } from "node:test";
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.ts";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** What a file of browser tests runs against: the built web app checked, a test server started, a Chromium. */
export async function openPortal(options?: TestServerOptions): Promise<{ server: TestServer; browser: Browser }> {
  assert.ok(existsSync("dist/web/index.html"), "the web app is not built: run `npm run build:web` first");
  const server = await startTestServer(options);
  return { server, browser: await launchChromium() };
}

/** Closes what `openPortal` started (either may be missing when its start failed). */
export async function closePortal(server: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

/** Runs `scenario` in a fresh context (Japanese, 1280×900 unless `options` say otherwise). */
export async function inBrowser(browser: Browser, t: TestContext, options: BrowserContextOptions, scenario: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 }, ...options });
  // Generous: the suite shares the machine with the API tests running beside it.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  try {
    await scenario(page);
    assert.deepEqual(problems, []);
  } catch (error) {
    mkdirSync("test-results", { recursive: true });
    const file = `test-results/${t.name.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80)}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: "visible" });
  return locator;
}

export interface Login {
  enterpriseId?: string;
  loginId: string;
  password: string;
}

/** The login form, then the top page. */
export async function logIn(page: Page, login: Login): Promise<void> {
  await page.goto("/");
  await visible(page.getByRole("heading", { name: "ログイン" }));
  await page.getByLabel("企業ID").fill(login.enterpriseId ?? "");
  await page.getByLabel("ログインID").fill(login.loginId);
  await page.getByLabel("パスワード").fill(login.password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
  await visible(page.getByRole("heading", { name: "トップ", level: 2 }));
}
