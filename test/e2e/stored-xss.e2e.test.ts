// quality.md §Security: script payloads stored in text fields are shown as text everywhere they
// appear, and never run. Counts the pages visited and the script executions (must be 0).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium, type Browser } from "playwright-core";
import { Client } from "../support/client.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

const payloads = [
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<script>window.__xss=(window.__xss||0)+1</script>`,
  `"><svg onload="window.__xss=(window.__xss||0)+1">`,
  `javascript:window.__xss=1`,
] as const;
const text = payloads.join(" ");

before(async () => {
  assert.ok(existsSync("dist/web/index.html"), "the web app is not built: run `npm run build:web` first");
  server = await startTestServer({ demo: "full" });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const admin = new Client(server.url);
  await admin.login("Administrator", server.demo.adminPassword, "demo");
  const operator = new Client(server.url);
  await operator.login("operator", server.operatorPassword);
  const base = "/api/v1/enterprises/demo";
  const stored = [
    await admin.put(`${base}/bulletin`, { text }),
    await operator.put("/api/v1/notices", { items: [{ title: payloads[0], body: text }] }),
    await admin.patch(`${base}/subscribers/demo003`, { displayName: payloads[0].slice(0, 64), memo: payloads[1], info: payloads[2] }),
    await admin.post(`${base}/schedules`, { name: payloads[2].slice(0, 64), cfnaTimeoutSec: 20, memo: "", rules: [] }),
    await admin.post(`${base}/admin-groups`, { name: payloads[1].slice(0, 64) }),
    await admin.post(`${base}/pickup-groups`, { name: payloads[0].slice(0, 64), number: "8", memo: payloads[2] }),
  ];
  for (const answer of stored) assert.ok(answer.status < 300, answer.text);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("stored script payloads are shown as text on every screen that shows them, and never run", async () => {
  const session = new Client(server.url);
  await session.login("Administrator", server.demo.adminPassword, "demo");
  const [name = "", value = ""] = (session.cookie ?? "").split("=");
  const context = await browser.newContext({ baseURL: server.url, locale: "ja-JP" });
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: "Strict" }]);
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  let dialogs = 0;
  // A payload that reached the DOM as markup would at least try to run and be refused by the CSP:
  // such a refusal counts as a failure too, so the CSP is not what makes this test pass.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) refused.push(message.text());
  });
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const screens = ["/top", "/subscribers?field=id&q=demo003&match=exact", "/subscribers/demo003", "/schedules", "/admin-groups", "/pickup-groups", "/audit"];
  let executions = 0;
  for (const path of screens) {
    await page.goto(path);
    await page.getByRole("navigation", { name: "メニュー" }).waitFor();
    await page.waitForLoadState("networkidle");
    executions += await page.evaluate(() => Number((globalThis as unknown as { __xss?: number }).__xss ?? 0));
  }
  // The payload is on the page as text: the top page shows the bulletin verbatim.
  await page.goto("/top");
  await page.getByText(payloads[1], { exact: false }).first().waitFor();
  console.log(`stored XSS: ${screens.length} screens, ${payloads.length} payloads, ${executions + dialogs} script executions, ${refused.length} refused by the CSP`);
  assert.equal(executions, 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(refused, []);
  await context.close();
});
