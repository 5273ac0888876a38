// APIトークン in a real Chromium (api.md §Conventions): an operator creates a SIP proxy token, reads
// its secret from the one dialog that ever shows it, routes a call with it over HTTP, deletes it on
// the screen and the same request is refused at once; the demo enterprise admin sees only the demo
// enterprise's tokens and makes an enterprise-admin token that reaches the demo enterprise alone.
import assert from "node:assert/strict";
import { after, before, test, type TestContext } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { Client, codeOf } from "../support/client.ts";
import { closePortal, inBrowser as runInBrowser, openPortal, visible, logIn } from "../support/browser.ts";
import type { TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await openPortal());
});

after(() => closePortal(server, browser));

const inBrowser = (t: TestContext, scenario: (page: Page) => Promise<void>) => runInBrowser(browser, t, {
    baseURL: server.url,
    // The copy button writes the secret to the clipboard; the test reads it back from there.
    permissions: ["clipboard-read", "clipboard-write"],
  }, scenario);

async function openApiTokens(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: "APIトークン" }).click();
  await visible(page.getByRole("heading", { name: "APIトークン", level: 2 }));
}

/** The rows of the token list (each has its own 削除 button). */
function tokenRows(page: Page): Locator {
  return page.getByRole("table").getByRole("row").filter({ has: page.getByRole("button", { name: /^削除: / }) });
}

function rowOf(page: Page, name: string): Locator {
  return tokenRows(page).filter({ has: page.getByRole("cell", { name, exact: true }) });
}

/** Submits the 新規作成 dialog and returns the body the screen sent. */
async function submitCreate(page: Page, dialog: Locator): Promise<unknown> {
  const request = page.waitForRequest((r) => r.url().endsWith("/api/v1/api-tokens") && r.method() === "POST");
  await dialog.getByRole("button", { name: "新規作成" }).click();
  return (await request).postDataJSON();
}

/** Reads the secret from the dialog that shows it once, checking the warning beside it. */
async function readShownToken(page: Page): Promise<{ dialog: Locator; token: string }> {
  const dialog = await visible(page.getByRole("dialog", { name: "APIトークンを作成しました" }));
  await visible(dialog.getByText("このトークンは今だけ表示されます。"));
  const token = await dialog.getByLabel("トークン", { exact: true }).inputValue();
  assert.match(token, /^cx_[A-Za-z0-9_-]{40,}$/);
  return { dialog, token };
}

const routeCall = { call: { direction: "inbound", from: "0698765432", dialed: "0312345001" } };

async function withToken(token: string, method: string, path: string, body?: unknown) {
  const client = new Client(server.url);
  client.bearer = token;
  return client.request<{ plan?: { steps: { kind: string }[] } }>(method, path, body);
}

test("an operator creates a SIP proxy token, routes a call with it, deletes it on the screen, and the token is refused at once", async (t) => {
  await inBrowser(t, async (page) => {
    await logIn(page, { loginId: "operator", password: server.operatorPassword });
    await openApiTokens(page);
    await visible(page.getByText("APIトークンはまだありません。", { exact: false }));

    await page.getByRole("button", { name: "新規作成" }).click();
    const form = await visible(page.getByRole("dialog", { name: "APIトークンの新規作成" }));
    // The form says what is missing before anything is sent: the name, and the enterprise of an enterprise-admin token.
    await form.getByRole("button", { name: "新規作成" }).click();
    await visible(form.getByText("名前を入力してください。"));
    await form.getByRole("radio", { name: "企業管理者" }).check();
    await form.getByLabel("名前").fill("kamailio-e2e");
    await form.getByRole("button", { name: "新規作成" }).click();
    await visible(form.getByText("企業を選択してください。"));
    // The field's label points at the enterprise pull-down itself.
    const labelFor = await form.locator("label", { hasText: /^企業$/ }).getAttribute("for");
    assert.ok(labelFor !== null && labelFor !== "", "the enterprise label names its control");
    assert.equal(await form.locator(`[id="${labelFor}"]`).getAttribute("role"), "combobox");
    // A SIP proxy token belongs to no enterprise: none is sent.
    await form.getByRole("radio", { name: "SIPプロキシ" }).check();
    assert.deepEqual(await submitCreate(page, form), { name: "kamailio-e2e", role: "sipProxy" });

    const { dialog, token } = await readShownToken(page);
    await visible(dialog.getByText("SIPプロキシ", { exact: true }));
    // Only its own button closes the dialog: Escape leaves the secret on screen.
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    assert.ok(await dialog.isVisible(), "Escape does not close the dialog that shows the secret");
    await dialog.getByRole("button", { name: "コピー" }).click();
    await visible(page.getByText("トークンをコピーしました。"));
    const clipboard = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    assert.equal(clipboard, token);
    await dialog.getByRole("button", { name: "閉じる" }).click();
    await dialog.waitFor({ state: "hidden" });

    const row = await visible(rowOf(page, "kamailio-e2e"));
    for (const cell of ["SIPプロキシ", "全企業", "operator", "未使用"]) await visible(row.getByRole("cell", { name: cell, exact: true }));
    assert.equal(await tokenRows(page).count(), 1);
    assert.ok(!(await page.content()).includes(token), "the list never holds the secret");

    // The SIP proxy routes a call with the token.
    const routed = await withToken(token, "POST", "/api/v1/route", routeCall);
    assert.equal(routed.status, 200, routed.text);
    assert.equal(routed.body.plan?.steps[0]?.kind, "ring");
    await page.reload();
    await visible(rowOf(page, "kamailio-e2e"));
    assert.equal(await rowOf(page, "kamailio-e2e").getByRole("cell", { name: "未使用" }).count(), 0, "the last use is shown after the call");

    // 削除 names the token, and the row goes.
    await rowOf(page, "kamailio-e2e").getByRole("button", { name: "削除: kamailio-e2e" }).click();
    const confirm = await visible(page.getByRole("dialog").filter({ hasText: "APIトークンの削除" }));
    await visible(confirm.getByText("「kamailio-e2e」を削除して宜しいですか?"));
    await confirm.getByRole("button", { name: "削除" }).click();
    await visible(page.getByText("APIトークン「kamailio-e2e」を削除しました。"));
    await rowOf(page, "kamailio-e2e").waitFor({ state: "detached" });
    await visible(page.getByText("APIトークンはまだありません。", { exact: false }));

    const refused = await withToken(token, "POST", "/api/v1/route", routeCall);
    assert.equal(refused.status, 401, refused.text);
    assert.equal(codeOf(refused), "8110");
    console.log("operator: 1 SIP proxy token created on the screen, call routed with it (200), deleted on the screen, then refused (401 8110)");
  });
});

test("the demo enterprise admin sees only the demo enterprise's tokens and creates an enterprise-admin token that reaches demo alone", async (t) => {
  // Tokens of every kind, made by the operator over the API: the admin may see only the demo one.
  const operator = new Client(server.url);
  assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
  const other = await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: "Other-Admin-2026" });
  assert.equal(other.status, 201, other.text);
  for (const body of [
    { name: "other-script", role: "enterpriseAdmin", enterpriseId: "other" },
    { name: "proxy-all", role: "sipProxy" },
    { name: "operator-script", role: "operator" },
    { name: "demo-script", role: "enterpriseAdmin", enterpriseId: "demo" },
  ]) {
    const created = await operator.post("/api/v1/api-tokens", body);
    assert.equal(created.status, 201, created.text);
  }

  await inBrowser(t, async (page) => {
    await logIn(page, { enterpriseId: server.demo.enterpriseId, loginId: server.demo.adminLoginId, password: server.demo.adminPassword });
    await openApiTokens(page);
    const existing = await visible(rowOf(page, "demo-script"));
    await visible(existing.getByRole("cell", { name: "企業管理者", exact: true }));
    // The enterprise by its name, with its ID beneath.
    const enterpriseCell = await visible(existing.getByRole("cell").filter({ hasText: "デモ株式会社" }));
    await visible(enterpriseCell.getByText("demo", { exact: true }));
    assert.equal(await tokenRows(page).count(), 1, "only the demo enterprise's token is listed");

    await page.getByRole("button", { name: "新規作成" }).click();
    const form = await visible(page.getByRole("dialog", { name: "APIトークンの新規作成" }));
    // The role and the enterprise are fixed: an enterprise admin makes tokens of their own enterprise only.
    await visible(form.getByText("企業管理者", { exact: true }));
    await visible(form.getByText("(demo)", { exact: false }));
    assert.equal(await form.getByRole("radio").count(), 0);
    await form.getByLabel("名前").fill("demo-batch");
    assert.deepEqual(await submitCreate(page, form), { name: "demo-batch", role: "enterpriseAdmin", enterpriseId: "demo" });

    const { dialog, token } = await readShownToken(page);
    const own = await withToken(token, "GET", `/api/v1/enterprises/${server.demo.enterpriseId}/subscribers?limit=1`);
    assert.equal(own.status, 200, own.text);
    const foreign = await withToken(token, "GET", "/api/v1/enterprises/other/subscribers?limit=1");
    assert.equal(foreign.status, 404, foreign.text);
    assert.equal(codeOf(foreign), "8016");
    await dialog.getByRole("button", { name: "閉じる" }).click();
    await dialog.waitFor({ state: "hidden" });

    // Newest first.
    await visible(rowOf(page, "demo-batch"));
    assert.equal(await tokenRows(page).count(), 2);
    assert.match(await tokenRows(page).first().innerText(), /demo-batch/);
    await visible(rowOf(page, "demo-batch").getByRole("cell", { name: "demo/Administrator", exact: true }));
  });
  const all = await operator.get<{ items: { name: string }[] }>("/api/v1/api-tokens");
  assert.deepEqual(all.body.items.map((token) => token.name).sort(), ["demo-batch", "demo-script", "operator-script", "other-script", "proxy-all"]);
  console.log("enterprise admin: 1 of 4 existing tokens listed (demo's), 1 enterprise-admin token created, reaches demo (200) and not another enterprise (404 8016)");
});
