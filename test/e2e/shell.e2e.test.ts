// The portal's shell in a real Chromium: login, top page (bulletin, notices), password change,
// logout and session expiry, as a user clicks through them (features.md §1, §16).
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { after, before, test, type TestContext } from "node:test";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { Client } from "../support/client.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

before(async () => {
  assert.ok(existsSync("dist/web/index.html"), "the web app is not built: run `npm run build:web` first");
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Runs `scenario` in a fresh browser context and fails on what a user would not see but
 * should never happen: uncaught exceptions and Content-Security-Policy violations. A failing
 * scenario leaves a screenshot in test-results/.
 */
async function inBrowser(t: TestContext, scenario: (page: Page) => Promise<void>, baseUrl = server.url): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "ja-JP", viewport: { width: 1280, height: 900 } });
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

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: "visible" });
  return locator;
}

interface Login {
  enterpriseId?: string;
  loginId: string;
  password: string;
}

async function logIn(page: Page, login: Login): Promise<void> {
  await visible(page.getByRole("heading", { name: "ログイン" }));
  await page.getByLabel("企業ID").fill(login.enterpriseId ?? "");
  await page.getByLabel("ログインID").fill(login.loginId);
  await page.getByLabel("パスワード").fill(login.password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
}

async function logInAndWaitForTop(page: Page, login: Login): Promise<void> {
  await page.goto("/");
  await logIn(page, login);
  await visible(page.getByRole("heading", { name: "トップ", level: 2 }));
}

const admin = () => ({ enterpriseId: server.demo.enterpriseId, loginId: server.demo.adminLoginId, password: server.demo.adminPassword });
const endUser = () => ({ loginId: server.demo.subscriberId, password: server.demo.subscriberPassword });
const operator = () => ({ loginId: "operator", password: server.operatorPassword });

/** Sets the demo bulletin over the API, as the enterprise admin would. */
async function setBulletin(text: string): Promise<void> {
  const client = new Client(server.url);
  const login = await client.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId);
  assert.equal(login.status, 200);
  const answer = await client.put(`/api/v1/enterprises/${server.demo.enterpriseId}/bulletin`, { text });
  assert.equal(answer.status, 200);
}

test("the enterprise admin edits the bulletin; it is shown as plain text with its line breaks", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, admin());
    const header = page.getByRole("banner");
    await visible(header.getByText("企業管理者"));
    await visible(header.getByText(server.demo.adminLoginId));

    const bulletin = page.getByRole("region", { name: "掲示板" });
    await bulletin.getByRole("button", { name: "編集" }).click();
    const stamp = `お知らせ ${Date.now()}`;
    const text = `${stamp}\n<b>太字にはならない</b>\n\n3行目`;
    const editor = await visible(bulletin.getByLabel("掲示板の内容"));
    await editor.fill(text);
    await visible(bulletin.getByText(`${text.length} / 2000`));
    await bulletin.getByRole("button", { name: "保存" }).click();

    await visible(page.getByText("掲示板を保存しました。"));
    await bulletin.getByLabel("掲示板の内容").waitFor({ state: "detached" });
    const shown = await visible(bulletin.getByText(stamp));
    assert.equal(await shown.innerText(), text, "line breaks kept, markup shown as typed");
    assert.equal(await bulletin.locator("b").count(), 0, "no HTML from the bulletin text");

    // A reload restores the session and shows the saved text.
    await page.reload();
    await visible(page.getByRole("region", { name: "掲示板" }).getByText(stamp));

    // キャンセル leaves the text as it was.
    await page.getByRole("region", { name: "掲示板" }).getByRole("button", { name: "編集" }).click();
    await page.getByLabel("掲示板の内容").fill("捨てる下書き");
    await page.getByRole("button", { name: "キャンセル" }).click();
    await visible(page.getByRole("region", { name: "掲示板" }).getByText(stamp));
  });
});

test("the enterprise admin's menu lists every screen of features.md; one not built yet is shown disabled as 準備中, never hidden", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, admin());
    const menu = page.getByRole("navigation", { name: "メニュー" });
    const names = ["加入者 / 電話番号一覧", "発着信規制", "留守番電話・転送設定", "転送先番号リスト", "着信転送一括設定", "時間帯転送", "代表グループ", "内線グループ", "ピックアップグループ", "共通電話帳", "一括登録", "加入者一覧出力", "グループ設定", "ログインアカウント", "通話シミュレーション", "操作履歴"];
    for (const name of names) {
      const item = await visible(menu.getByRole("menuitem", { name: new RegExp(name) }));
      if ((await item.getAttribute("aria-disabled")) === "true") assert.match(await item.innerText(), /準備中/, `${name} is marked as not yet available`);
    }
    assert.equal(await menu.getByRole("menuitem", { name: "トップ" }).getAttribute("aria-disabled"), null);
  });
});

test("menu entries of a service the plan lacks are hidden (no forwarding contract: no forwarding screens)", async (t) => {
  const op = new Client(server.url);
  assert.equal((await op.login("operator", server.operatorPassword)).status, 200);
  assert.equal((await op.patch(`/api/v1/enterprises/${server.demo.enterpriseId}`, { services: { forwarding: false } })).status, 200);
  try {
    await inBrowser(t, async (page) => {
      await logInAndWaitForTop(page, admin());
      const menu = page.getByRole("navigation", { name: "メニュー" });
      await visible(menu.getByRole("menuitem", { name: /加入者 \/ 電話番号一覧/ }));
      assert.equal(await menu.getByRole("menuitem", { name: /転送先番号リスト/ }).count(), 0);
      assert.equal(await menu.getByRole("menuitem", { name: /着信転送一括設定/ }).count(), 0);
    });
  } finally {
    await op.patch(`/api/v1/enterprises/${server.demo.enterpriseId}`, { services: { forwarding: true } });
  }
});

test("an end user sees the enterprise bulletin but can't edit it", async (t) => {
  const stamp = `全員へ ${Date.now()}`;
  await setBulletin(`${stamp}\n2行目`);
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, endUser());
    await visible(page.getByRole("banner").getByText("端末利用者"));
    const bulletin = page.getByRole("region", { name: "掲示板" });
    const shown = await visible(bulletin.getByText(stamp));
    assert.equal(await shown.innerText(), `${stamp}\n2行目`);
    assert.equal(await bulletin.getByRole("button", { name: "編集" }).count(), 0);
    assert.equal(await page.getByLabel("掲示板の内容").count(), 0);

    // features.md §16: the end user's menu.
    const menu = page.getByRole("navigation", { name: "メニュー" });
    for (const name of ["電話番号情報", "発着信設定", "留守番電話/転送設定", "パスワード変更", "ホームに戻る"]) {
      await visible(menu.getByRole("menuitem", { name: new RegExp(name) }));
    }
    assert.equal(await menu.getByRole("menuitem", { name: "代表グループ" }).count(), 0);
  });
});

test("five wrong passwords lock the ID: the sixth attempt, even with the right password, shows エラー 8001", async (t) => {
  const own = await startTestServer();
  try {
    await inBrowser(t, async (page) => {
      await page.goto("/");
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/session") && response.request().method() === "POST");
        await logIn(page, { loginId: own.demo.subscriberId, password: `wrong-password-${attempt}` });
        assert.equal((await answer).status(), 401);
        await visible(page.getByRole("alert").getByText("エラー 8000: ログイン情報が間違っています。入力値をご確認下さい。"));
      }
      await logIn(page, { loginId: own.demo.subscriberId, password: own.demo.subscriberPassword });
      await visible(page.getByRole("alert").getByText("エラー 8001: 規定回数以上ログインに失敗した為規制されました。"));
      assert.equal(await page.getByRole("heading", { name: "トップ" }).count(), 0);
    }, own.url);
  } finally {
    await own.close();
  }
});

test("logout returns to the login page, and the back button does not bring the top page back", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, admin());
    // Some history inside the portal: top → password change → top.
    await page.getByRole("banner").getByRole("button", { name: "パスワード変更" }).click();
    await visible(page.getByRole("heading", { name: "パスワード変更" }));
    await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: "トップ" }).click();
    await visible(page.getByRole("region", { name: "掲示板" }));

    await page.getByRole("button", { name: "ログアウト" }).click();
    await visible(page.getByText("ログアウトしました。"));
    await visible(page.getByLabel("ログインID"));
    assert.equal((await page.request.get("/api/v1/session")).status(), 401, "the session ended on the server");

    await page.goBack();
    await visible(page.getByLabel("ログインID"));
    assert.equal(await page.getByRole("heading", { name: "トップ" }).count(), 0);
    assert.equal(await page.getByRole("heading", { name: "パスワード変更" }).count(), 0);
    assert.equal(await page.getByRole("region", { name: "掲示板" }).count(), 0);

    // Typing the portal's address does not help either.
    await page.goto("/top");
    await visible(page.getByLabel("ログインID"));
    assert.equal(await page.getByRole("region", { name: "掲示板" }).count(), 0);
  });
});

test("password change: the form checks format and confirmation; a wrong current password shows エラー 8108", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, endUser());
    await page.getByRole("banner").getByRole("button", { name: "パスワード変更" }).click();
    await visible(page.getByRole("heading", { name: "パスワード変更" }));

    await page.getByLabel("現在のパスワード").fill("wrong-current-1");
    await page.getByLabel("新しいパスワード", { exact: true }).fill("short");
    await page.getByLabel("新しいパスワード(確認)").fill("different");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("パスワードは半角英数字記号8～32文字で入力してください。"));
    await visible(page.getByText("パスワード(確認用)が一致しません。"));

    await page.getByLabel("新しいパスワード", { exact: true }).fill("New-Passw0rd-2026");
    await page.getByLabel("新しいパスワード(確認)").fill("New-Passw0rd-2026");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByRole("alert").getByText("エラー 8108: 現在のパスワードが正しくありません。"));
  });
  // The password is unchanged: the end user still logs in with it.
  const client = new Client(server.url);
  assert.equal((await client.login(server.demo.subscriberId, server.demo.subscriberPassword)).status, 200);
});

test("an expired session (401 8110) on any call returns to the login page with the message", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, operator());
    await page.context().clearCookies();
    await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: "企業管理" }).click();
    await visible(page.getByRole("alert").getByText(/^エラー 8110: /));
    await visible(page.getByLabel("ログインID"));
  });
});

/** Clicks 保存 on the notices screen and waits for the server's answer and the confirmation. */
async function saveNotices(page: Page): Promise<void> {
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/notices") && response.request().method() === "PUT");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  assert.equal((await answer).status(), 200);
  await visible(page.getByText("お知らせを保存しました。").last());
}

test("the operator manages notices and the enterprise list; users read the notices newest first", async (t) => {
  const stamp = Date.now();
  const api = new Client(server.url);
  assert.equal((await api.login("operator", server.operatorPassword)).status, 200);
  for (const suffix of ["a", "b"]) {
    const created = await api.post("/api/v1/enterprises", { id: `e2e-${stamp}-${suffix}`, name: `E2E ${suffix}`, administratorPassword: "E2e-Admin-2026" });
    assert.equal(created.status, 201, created.text);
  }
  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, operator());
    await visible(page.getByRole("banner").getByText("オペレータ"));
    // Operators have no bulletin of their own.
    assert.equal(await page.getByRole("region", { name: "掲示板" }).count(), 0);

    const menu = page.getByRole("navigation", { name: "メニュー" });
    await menu.getByRole("menuitem", { name: "お知らせ管理" }).click();
    await visible(page.getByRole("heading", { name: "お知らせ管理" }));
    // Start from an empty list.
    for (let left = await page.getByRole("button", { name: "このお知らせを削除" }).count(); left > 0; left -= 1) {
      await page.getByRole("button", { name: "このお知らせを削除" }).first().click();
    }
    await saveNotices(page);
    await menu.getByRole("menuitem", { name: "トップ" }).click();
    await visible(page.getByRole("region", { name: "Centrexからのお知らせ" }).getByText("現在、お知らせはございません。"));

    await menu.getByRole("menuitem", { name: "お知らせ管理" }).click();
    await page.getByRole("button", { name: "お知らせを追加" }).click();
    await page.getByRole("group", { name: "お知らせ 1", exact: true }).getByLabel("件名").fill(`古いお知らせ ${stamp}`);
    await page.getByRole("group", { name: "お知らせ 1", exact: true }).getByLabel("本文").fill("先に掲載");
    await saveNotices(page);
    await page.getByRole("button", { name: "お知らせを追加" }).click();
    const newest = page.getByRole("group", { name: "お知らせ 1", exact: true });
    await newest.getByLabel("件名").fill(`新しいお知らせ ${stamp}`);
    await newest.getByLabel("本文").fill("メンテナンスのお知らせ\n2行目");
    await saveNotices(page);

    await menu.getByRole("menuitem", { name: "企業管理" }).click();
    const table = await visible(page.getByRole("table"));
    await visible(table.getByRole("cell", { name: "デモ株式会社" }));
    await visible(table.getByRole("cell", { name: "DEMO-LINE-1" }));

    // Search and sort happen on the server.
    const search = page.getByRole("searchbox", { name: /企業IDまたは企業名で検索/ });
    await search.fill(`e2e-${stamp}`);
    await search.press("Enter");
    await visible(page.getByText("検索結果件数: 2件"));
    const firstRow = table.getByRole("row").nth(1);
    assert.match(await firstRow.innerText(), new RegExp(`e2e-${stamp}-a`));
    await table.getByRole("columnheader", { name: "企業ID" }).click();
    await visible(firstRow.getByText(`e2e-${stamp}-b`));
  });

  await inBrowser(t, async (page) => {
    await logInAndWaitForTop(page, endUser());
    const notices = page.getByRole("region", { name: "Centrexからのお知らせ" });
    const titles = await visible(notices.getByRole("heading", { level: 3 }).first());
    assert.equal(await titles.innerText(), `新しいお知らせ ${stamp}`);
    assert.deepEqual(await notices.getByRole("heading", { level: 3 }).allInnerTexts(), [`新しいお知らせ ${stamp}`, `古いお知らせ ${stamp}`]);
    await visible(notices.getByText("メンテナンスのお知らせ"));
  });
});

test("English: the switch on the login page changes the words and the error messages, and is remembered", async (t) => {
  await inBrowser(t, async (page) => {
    await page.goto("/");
    await visible(page.getByRole("heading", { name: "ログイン" }));
    await page.getByText("English", { exact: true }).click();
    await visible(page.getByRole("heading", { name: "Log in" }));
    await page.getByLabel("Login ID").fill("nobody-here");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await visible(page.getByRole("alert").getByText("Error 8000: Login failed. Check your input."));

    await page.reload();
    await visible(page.getByRole("heading", { name: "Log in" }));
    await page.getByLabel("Enterprise ID").fill(server.demo.enterpriseId);
    await page.getByLabel("Login ID").fill(server.demo.adminLoginId);
    await page.getByLabel("Password").fill(server.demo.adminPassword);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Top", level: 2 }));
    await visible(page.getByRole("region", { name: "Bulletin board" }));
    await page.getByText("日本語", { exact: true }).click();
    await visible(page.getByRole("heading", { name: "トップ", level: 2 }));
  });
});
