// The subscriber screens in a real Chromium, as an enterprise administrator uses them: the search
// (features.md §2), a number's forwarding in both views (§4), the forward-destination list and bulk
// forwarding (§5), the call restrictions in bulk (§3), and the CSV exports (§2, §14; files.md).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test, type TestContext } from "node:test";
import iconv from "iconv-lite";
import { chromium, type Browser, type Download, type Locator, type Page } from "playwright-core";
import { Client } from "../support/client.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;
let api: Client;
let downloads: string;

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
  downloads = mkdtempSync(path.join(tmpdir(), "centrex-e2e-"));
  api = new Client(server.url);
  assert.equal((await api.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId)).status, 200);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/**
 * Runs `scenario` in a fresh browser context with a session of the demo enterprise's
 * administrator (logged in over the API: the login page is the shell suite's), starting at
 * `start`. Fails on uncaught exceptions and Content-Security-Policy violations; a failing
 * scenario leaves a screenshot in test-results/.
 */
async function asAdmin(t: TestContext, start: string, scenario: (page: Page) => Promise<void>, operator = false): Promise<void> {
  const session = new Client(server.url);
  const login = operator
    ? await session.login("operator", server.operatorPassword)
    : await session.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId);
  assert.equal(login.status, 200);
  const [name = "", value = ""] = (session.cookie ?? "").split("=");
  const context = await browser.newContext({ baseURL: server.url, locale: "ja-JP", viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: "Strict" }]);
  // Generous: the suite shares the machine with the other suites running beside it.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  try {
    await page.goto(start);
    await visible(page.getByRole("navigation", { name: "メニュー" }));
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

/** Waits until `read` gives `expected` (the page updates after the click that changes it). */
async function becomes<T>(read: () => Promise<T>, expected: T, message?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let actual = await read();
  while (actual !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actual = await read();
  }
  assert.equal(actual, expected, message);
}

async function openMenu(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name, exact: true }).click();
  await visible(page.getByRole("heading", { name, level: 2 }));
}

/** Chooses `option` in the antd pull-down labelled `label`. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  // A dropdown closing from the previous pick may still be in the page: the open one is the last.
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last().getByTitle(option, { exact: true }).click();
}

interface Forwarding {
  unconditional: { enabled: boolean; destination: string };
  busy: { enabled: boolean; destination: string };
  noAnswer: { enabled: boolean; destination: string; timerSec: number };
}

async function forwardingOf(subscriberId: string): Promise<Forwarding> {
  const answer = await api.get<Forwarding>(`/api/v1/enterprises/demo/subscribers/${subscriberId}/forwarding`);
  assert.equal(answer.status, 200);
  return answer.body;
}

function readCsv(file: string): { bytes: Buffer; lines: string[] } {
  const bytes = readFileSync(file);
  return { bytes, lines: iconv.decode(bytes, "Shift_JIS").split("\r\n") };
}

/** The CSV is Shift_JIS: its header line is the Japanese header of files.md, as CP932 bytes. */
function assertShiftJisHeader(bytes: Buffer, lines: string[]): void {
  assert.match(lines[0] ?? "", /^"?加入者ID"?,"?外線番号"?,"?内線番号"?,"?内線グループ"?,"?表示名称"?,/);
  assert.ok(bytes.includes(iconv.encode("加入者ID", "Shift_JIS")), "the header is written in Shift_JIS");
  assert.ok(!bytes.includes(Buffer.from("加入者ID", "utf8")), "not UTF-8");
}

/** Saves a download in a temporary folder (removed after the suite). */
async function saveDownload(download: Download): Promise<string> {
  const file = path.join(downloads, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

test("search: % in 表示名称 finds the partial matches and shows the count; the CSV of the search is Shift_JIS", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "加入者 / 電話番号一覧");
    const table = page.getByRole("table");
    await visible(page.getByText("検索結果件数: 20件  表示中: 1～20"));

    const search = page.getByRole("search", { name: "加入者検索" });
    await choose(page, search.getByLabel("検索条件"), "表示名称");
    await search.getByLabel("検索文字列").fill("%郎");
    await search.getByRole("button", { name: "検索" }).click();
    // 総務 太郎, 営業 一郎・二郎・三郎, 開発 四郎・五郎, 人事 九郎.
    await visible(page.getByText("検索結果件数: 7件  表示中: 1～7"));
    for (const name of ["総務 太郎", "営業 三郎", "人事 九郎"]) await visible(table.getByText(name));
    assert.equal(await table.getByText("受付").count(), 0);
    assert.match(page.url(), /field=displayName/);

    // 全件CSV出力: what the search found, as Shift_JIS.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "全件CSV出力" }).click();
    const { bytes, lines } = readCsv(await saveDownload(await downloading));
    assertShiftJisHeader(bytes, lines);
    const rows = lines.slice(1).filter((line) => line !== "");
    assert.equal(rows.length, 7);
    assert.ok(rows.some((line) => line.includes("営業 一郎")));

    // 全件表示 shows everything again.
    await search.getByRole("button", { name: "全件表示" }).click();
    await visible(page.getByText("検索結果件数: 20件  表示中: 1～20"));
  });
});

test("a number's 不応答転送 to a mobile with timer 30 s is kept; 0570 shows エラー 8039 ナビダイヤル", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "加入者 / 電話番号一覧");
    await page.getByRole("table").getByRole("link", { name: "demo002", exact: true }).click();
    await visible(page.getByRole("heading", { name: "電話番号設定" }));
    await page.getByRole("tab", { name: "留守番電話/転送設定" }).click();

    await page.getByLabel("不応答転送を有効にする").check();
    await page.getByLabel("不応答転送の転送先").fill("090-1234-5678");
    await page.getByLabel("不応答転送タイマ(秒)").fill("30");
    const saved = page.waitForResponse((r) => r.url().endsWith("/subscribers/demo002/forwarding") && r.request().method() === "PUT");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    assert.equal((await saved).status(), 200);
    await visible(page.getByText("留守番電話/転送設定を変更しました。"));

    await page.reload();
    await visible(page.getByRole("tab", { name: "留守番電話/転送設定", selected: true }));
    await becomes(() => page.getByLabel("不応答転送を有効にする").isChecked(), true);
    assert.equal(await page.getByLabel("不応答転送の転送先").inputValue(), "09012345678");
    assert.equal(await page.getByLabel("不応答転送タイマ(秒)").inputValue(), "30");
    assert.deepEqual((await forwardingOf("demo002")).noAnswer, { enabled: true, destination: "09012345678", timerSec: 30 });

    // A navi-dial destination is refused with the number class named.
    await page.getByLabel("無条件転送を有効にする").check();
    await page.getByLabel("無条件転送の転送先").fill("0570123456");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("エラー 8039: 0570 ナビダイヤルは転送先に設定できません。"));
    assert.equal((await forwardingOf("demo002")).unconditional.enabled, false);

    // The simple view shows the same settings: 転送 on no answer after 30 seconds.
    await page.getByText("かんたん", { exact: true }).click();
    await becomes(() => page.getByRole("radio", { name: "転送", exact: true }).isChecked(), true);
    assert.equal(await page.getByRole("radio", { name: "無応答時", exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel("呼び出し秒数").inputValue(), "30");
  });
});

test("the server's refusal is shown too: someone else's save first answers エラー 8111", async (t) => {
  await asAdmin(t, "/subscribers/demo005", async (page) => {
    await visible(page.getByRole("heading", { name: "電話番号設定" }));
    await page.getByLabel("表示名称").fill("営業 三郎(外出中)");
    // Meanwhile another administrator changes the number.
    assert.equal((await api.patch("/api/v1/enterprises/demo/subscribers/demo005", { memo: "別の管理者" })).status, 200);
    await page.getByRole("button", { name: "変更", exact: true }).first().click();
    await visible(page.getByText("エラー 8111: ほかの利用者が先に更新しました。画面を再読み込みしてください。"));
    await page.getByRole("button", { name: "最新の内容を読み込む" }).click();
    await page.getByText(/^エラー 8111/).waitFor({ state: "detached" });
    await becomes(() => page.getByLabel("備考").inputValue(), "別の管理者");
    assert.equal(await page.getByLabel("表示名称").inputValue(), "営業 三郎", "the reload shows the stored values");
  });
});

test("転送先番号リスト then 着信転送一括設定: 無条件転送 of two numbers from the list, stored at once", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "転送先番号リスト");
    await page.getByRole("button", { name: "行追加" }).click();
    await page.getByLabel("転送先番号 1").fill("09011112222");
    await page.getByLabel("メモ 1").fill("営業部 携帯");
    await visible(page.getByText("11 / 256 バイト"));
    await page.getByRole("button", { name: "行追加" }).click();
    await page.getByLabel("転送先番号 2").fill("0612345678");
    await page.getByLabel("メモ 2").fill("大阪支店");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await visible(page.getByText("転送先番号リストを保存しました。"));

    await page.getByRole("button", { name: "着信転送一括設定に戻る" }).click();
    await visible(page.getByRole("heading", { name: "着信転送一括設定", level: 2 }));
    await page.getByLabel("demo003 の無条件転送", { exact: true }).check();
    await choose(page, page.getByLabel("demo003 の無条件転送の転送先"), "09011112222  営業部 携帯");
    await choose(page, page.getByLabel("demo004 の無条件転送の転送先"), "0612345678  大阪支店");
    await becomes(() => page.getByLabel("demo004 の無条件転送", { exact: true }).isChecked(), true, "choosing a destination checks the row");
    await visible(page.getByText("変更: 2件"));
    // A click that lands while the last drop-down is still closing can be lost on a loaded machine: the
    // click is made again when no request went out (the request sets values, so a repeat changes nothing).
    for (let attempt = 1; ; attempt += 1) {
      const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/enterprises/demo/forwarding") && r.request().method() === "PUT", { timeout: 10_000 });
      await page.getByRole("button", { name: "登録", exact: true }).click();
      const answer = await saved.catch(() => undefined);
      if (answer !== undefined) {
        assert.equal(answer.status(), 200);
        break;
      }
      if (attempt === 3) throw new Error("登録 sent no request");
    }
    await visible(page.getByText("2件の番号の着信転送を登録しました。"));
  });
  assert.deepEqual((await forwardingOf("demo003")).unconditional, { enabled: true, destination: "09011112222" });
  assert.deepEqual((await forwardingOf("demo004")).unconditional, { enabled: true, destination: "0612345678" });
});

test("発着信規制: the header checkbox sets 国際発信規制 for the checked numbers, applied together", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "発着信規制");
    await page.getByLabel("demo006 をチェック").check();
    await page.getByLabel("demo007 をチェック").check();
    await page.getByRole("checkbox", { name: "国際発信規制をチェックした番号すべてに設定" }).check();
    await becomes(() => page.getByRole("checkbox", { name: "demo006 の国際発信規制" }).isChecked(), true);
    assert.equal(await page.getByRole("checkbox", { name: "demo008 の国際発信規制" }).isChecked(), false);
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("2件の番号の発着信規制を変更しました。"));
  });
  for (const [id, blocked] of [["demo006", true], ["demo007", true], ["demo008", false]] as const) {
    const answer = await api.get<{ internationalBlock: boolean }>(`/api/v1/enterprises/demo/subscribers/${id}/call-settings`);
    assert.equal(answer.body.internationalBlock, blocked, id);
  }
});

test("留守番電話・転送設定 in bulk: 一括入力 fills the checked numbers, 登録 stores them together", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "留守番電話・転送設定");
    await page.getByLabel("demo010 をチェック").check();
    await page.getByLabel("demo011 をチェック").check();
    await choose(page, page.getByLabel("一括入力 設定"), "留守番電話");
    await choose(page, page.getByLabel("一括入力 条件"), "無応答時");
    await page.getByLabel("一括入力 呼び出し秒数").fill("15");
    await page.getByRole("button", { name: "チェックした番号に入力" }).click();
    await becomes(() => page.getByLabel("demo011 呼び出し秒数").inputValue(), "15");
    assert.equal(await page.getByLabel("demo012 呼び出し秒数").inputValue(), "20", "an unchecked number keeps its settings");
    await page.getByRole("button", { name: "登録", exact: true }).click();
    await visible(page.getByText("2件の番号の留守番電話・転送設定を登録しました。"));
  });
  for (const id of ["demo010", "demo011"]) {
    const answer = await api.get<{ voicemail: unknown }>(`/api/v1/enterprises/demo/subscribers/${id}/forwarding`);
    assert.deepEqual(answer.body.voicemail, { enabled: true, condition: "noAnswer", ringSec: 15 }, id);
  }
});

test("加入者一覧出力: 外線番号順 with bounds, 件数表示 and a Shift_JIS CSV of that range", async (t) => {
  await asAdmin(t, "/top", async (page) => {
    await openMenu(page, "加入者一覧出力");
    await page.getByRole("radio", { name: "外線番号順" }).check();
    await page.getByLabel("下限値").fill("0312345003");
    await page.getByLabel("上限値").fill("0312345007");
    await page.getByRole("button", { name: "件数表示" }).click();
    await visible(page.getByText("加入者は 5 件です。"));

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "CSV出力" }).click();
    const { bytes, lines } = readCsv(await saveDownload(await downloading));
    assertShiftJisHeader(bytes, lines);
    const rows = lines.slice(1).filter((line) => line !== "");
    assert.deepEqual(
      rows.map((line) => /^"?([^",]+)"?,"?(\d+)"?/.exec(line)?.[2]),
      ["0312345003", "0312345004", "0312345005", "0312345006", "0312345007"],
    );
  });
});

test("an operator adds a subscriber in 加入者検索 and deletes it again after a confirmation", async (t) => {
  await asAdmin(
    t,
    "/operator/subscribers?enterprise=demo",
    async (page) => {
      await page.getByRole("button", { name: "加入者追加" }).click();
      const dialog = page.getByRole("dialog", { name: "加入者を追加" });
      await dialog.getByLabel("加入者ID").fill("demo777");
      await dialog.getByLabel("外線番号").fill("03-1234-7777");
      await dialog.getByLabel("表示名称").fill("新規 七郎");
      await dialog.getByLabel("プロビ用パスワード").fill("Prov-New-2026");
      await dialog.getByRole("button", { name: "追加" }).click();
      await visible(page.getByText("加入者 demo777 を追加しました。"));
      const stored = await api.get<{ number: string; displayName: string }>("/api/v1/enterprises/demo/subscribers/demo777");
      assert.deepEqual([stored.body.number, stored.body.displayName], ["0312347777", "新規 七郎"]);

      await page.getByRole("button", { name: "加入者追加" }).click();
      const again = page.getByRole("dialog", { name: "加入者を追加" });
      await again.getByLabel("加入者ID").fill("demo778");
      await again.getByLabel("外線番号").fill("12345");
      await again.getByLabel("プロビ用パスワード").fill("Prov-New-2026");
      await again.getByRole("button", { name: "追加" }).click();
      await visible(again.getByText(/エラー 8117/));
      await again.getByRole("button", { name: "キャンセル" }).click();

      await page.getByRole("checkbox", { name: "demo777 をチェック" }).check();
      await page.getByRole("button", { name: "チェックした加入者を削除" }).click();
      await page.getByRole("dialog").getByRole("button", { name: /OK|はい|削除/ }).last().click();
      await visible(page.getByText("1 件の加入者を削除しました。"));
      assert.equal((await api.get("/api/v1/enterprises/demo/subscribers/demo777")).status, 404);
    },
    true,
  );
});
