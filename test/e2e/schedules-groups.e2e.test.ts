// 時間帯転送, グループ設定, ログインアカウント and 操作履歴 in a real Chromium, as an enterprise
// admin clicks through them (features.md §6, §7, §15): a schedule with a weekday and a holiday
// row and its four-week preview, a refused row (8041), a schedule in use (8122); an admin group
// with two numbers, a group account for it, and what that account sees after logging in.
import assert from "node:assert/strict";
import { after, before, test, type TestContext } from "node:test";
import type { Browser, Page } from "playwright-core";
import { Client } from "../support/client.ts";
import { closePortal, inBrowser as runInBrowser, openPortal, visible, logIn, type Login } from "../support/browser.ts";
import type { TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await openPortal());
});

after(() => closePortal(server, browser));

const inBrowser = (t: TestContext, scenario: (page: Page) => Promise<void>) => runInBrowser(browser, t, { baseURL: server.url, viewport: { width: 1440, height: 900 } }, scenario);

const admin = (): Login => ({ enterpriseId: server.demo.enterpriseId, loginId: server.demo.adminLoginId, password: server.demo.adminPassword });

async function openMenu(page: Page, name: string, heading = name): Promise<void> {
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: new RegExp(`^${name}`) }).click();
  await visible(page.getByRole("heading", { name: heading, level: 2 }));
}

/** Picks `option` in the antd pull-down labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByText(option, { exact: true }).click();
}

/** Types a time (HH:MM) into the time picker labelled `label`. */
async function typeTime(page: Page, label: string, time: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(time);
  await input.press("Enter");
}

test("a schedule with a 曜日 and a 祝祭日 row: saved, previewed hour by hour, refused rows and deletion in use", async (t) => {
  const name = `平日転送 ${Date.now()}`;
  await inBrowser(t, async (page) => {
    await logIn(page, admin());
    await openMenu(page, "時間帯転送");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    await visible(page.getByRole("heading", { name: "時間帯転送の追加" }));

    await page.getByLabel("時間帯転送名", { exact: true }).fill(name);
    assert.equal(await page.getByLabel("CFNAの不応答タイムアウト値(秒)").inputValue(), "20");
    // Row 1, as 行追加 suggests it: 月–金 09:00–17:00 無条件転送 ON; only the destination is left.
    assert.equal(await page.getByLabel("1行目 開始時間", { exact: true }).inputValue(), "09:00");
    assert.equal(await page.getByLabel("1行目 終了時間", { exact: true }).inputValue(), "17:00");
    for (const day of ["月", "火", "水", "木", "金"]) assert.ok(await page.getByRole("checkbox", { name: day, exact: true }).first().isChecked());
    await page.getByLabel("1行目 転送先番号", { exact: true }).fill("09012345678");

    // Row 2: every national holiday, all day, nothing forwarded (it outranks the weekday row).
    await page.getByRole("button", { name: "行追加" }).click();
    await choose(page, "2行目 タイプ", "祝祭日");
    await typeTime(page, "2行目 開始時間", "00:00");
    await page.getByLabel("2行目 終了時間を24:00にする").check();
    await choose(page, "2行目 転送種別", "何もしない");

    // The timer is checked by the server: 1–180 (8103), required even when unused.
    const timer = page.getByLabel("CFNAの不応答タイムアウト値(秒)");
    await timer.fill("181");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    await visible(page.getByRole("alert").getByText("エラー 8103: 不応答転送タイマは1～180秒で指定してください。"));
    await timer.fill("20");

    const created = page.waitForResponse((r) => r.url().endsWith("/api/v1/enterprises/demo/schedules") && r.request().method() === "POST");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    assert.equal((await created).status(), 201);
    await visible(page.getByRole("heading", { name: `時間帯転送: ${name}` }));

    // The preview from Sunday 2026-11-22: Tuesday 24th at 10:00 forwards, Monday 23rd is 勤労感謝の日.
    await page.getByRole("tab", { name: "プレビュー(4週間)" }).click();
    const from = page.getByLabel("開始日");
    await from.click();
    await from.fill("2026-11-22");
    await from.press("Enter");
    const calendar = await visible(page.getByRole("table", { name: /2026-11-22 から4週間/ }));
    const tuesday = calendar.getByRole("cell", { name: /^2026-11-24 10:00 / });
    assert.match((await tuesday.getAttribute("aria-label")) ?? "", /^2026-11-24 10:00 無条件転送 ON \/ 1行目\(曜日\) \/ 転送先 09012345678$/);
    assert.equal(await tuesday.innerText(), "1");
    await visible(calendar.getByRole("rowheader", { name: /11\/23\(月\).*勤労感謝の日/ }));
    const holiday = calendar.getByRole("cell", { name: /^2026-11-23 10:00 / });
    assert.match((await holiday.getAttribute("aria-label")) ?? "", /^2026-11-23 10:00 何もしない \/ 2行目\(祝祭日\)/);
    const evening = calendar.getByRole("cell", { name: /^2026-11-24 18:00 / });
    assert.match((await evening.getAttribute("aria-label")) ?? "", /スケジュールなし/);
    assert.equal(await calendar.getByRole("row").count(), 29, "a header row and 28 days");
    if (process.env.E2E_SHOTS) await page.screenshot({ path: "test-results/schedule-preview.png", fullPage: true });
    // The tooltip says the same.
    await tuesday.hover();
    await visible(page.getByRole("tooltip").getByText(/2026-11-24 10:00 無条件転送 ON/));

    // An evening row 17:00–09:00 is refused by the server; the row is marked.
    await page.getByRole("tab", { name: "スケジュールリスト" }).click();
    await page.getByRole("button", { name: "行追加" }).click();
    await typeTime(page, "3行目 開始時間", "17:00");
    await typeTime(page, "3行目 終了時間", "09:00");
    await page.getByLabel("3行目 転送先番号", { exact: true }).fill("09012345678");
    await page.getByRole("button", { name: "データ更新" }).click();
    await visible(page.getByRole("alert").getByText("エラー 8041: 開始時間、終了時間の範囲が不正です。"));
    await visible(page.getByText("スケジュールリスト 3行目(終了時間)"));
    assert.equal(await page.locator("tr[aria-invalid=true]").count(), 1);
    assert.match(await page.locator("tr[aria-invalid=true]").innerText(), /^\s*3/);

    // データ削除 removes the checked row; データ更新 then saves.
    await page.getByRole("checkbox", { name: "3行目を選択" }).check();
    await page.getByRole("button", { name: "データ削除" }).click();
    const saved = page.waitForResponse((r) => /\/schedules\/\d+$/.test(r.url()) && r.request().method() === "PUT");
    await page.getByRole("button", { name: "データ更新" }).click();
    assert.equal((await saved).status(), 200);
    await visible(page.getByText("時間帯転送を保存しました。"));

    // A number uses the schedule: 削除 is refused and says who uses it.
    const id = Number(new URL(page.url()).searchParams.get("id"));
    const api = new Client(server.url);
    assert.equal((await api.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId)).status, 200);
    const assigned = await api.put("/api/v1/enterprises/demo/subscribers/demo002/forwarding", { schedule: { enabled: true, scheduleId: id } });
    assert.equal(assigned.status, 200, assigned.text);
    await page.getByRole("button", { name: "時間帯転送検索画面に戻る" }).click();
    await page.getByRole("textbox", { name: /^時間帯転送名/ }).fill(name);
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await visible(page.getByText("検索結果件数: 1件"));
    const results = page.getByRole("region", { name: "時間帯転送 検索結果" });
    await visible(results.getByRole("cell", { name: "デモ株式会社" }));
    await visible(results.getByRole("cell", { name: "DEMO-LINE-1" }));
    await results.getByRole("checkbox", { name }).check();
    await results.getByRole("button", { name: "削除" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "削除" }).click();
    await visible(page.getByRole("alert").getByText(/^エラー 8122: 時間帯転送「.+」は demo002\(\d+\) で使用中のため削除できません。$/));
    await visible(results.getByRole("link", { name }));

    // 操作履歴 lists the creation with who did it and what was stored.
    await openMenu(page, "操作履歴");
    const created2 = page.getByRole("row").filter({ hasText: "時間帯転送 追加" }).filter({ hasText: name });
    await visible(created2);
    assert.match(await created2.innerText(), /demo\/Administrator/);
    await created2.getByRole("button", { name: /展開|Expand/ }).click();
    const changes = await visible(page.getByRole("cell", { name: "rules.0.destination", exact: true }));
    assert.ok(changes);
    await visible(page.getByRole("cell", { name: "09012345678", exact: true }).first());
  });
});

test("an admin group with demo003 and demo004, a グループ account for it, and what that account sees", async (t) => {
  const stamp = Date.now();
  const group = `営業グループ${stamp}`;
  const loginId = `eigyo-${stamp}`;
  const password = "Eigyo-Pass-2026";
  await inBrowser(t, async (page) => {
    await logIn(page, admin());
    await openMenu(page, "グループ設定");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    await page.getByRole("dialog").getByLabel("グループ設定名").fill(group);
    await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
    await visible(page.getByText(`グループ「${group}」を追加しました。`));

    // The same name again: 8113.
    await page.getByRole("button", { name: "追加", exact: true }).click();
    await page.getByRole("dialog").getByLabel("グループ設定名").fill(group);
    await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
    await visible(page.getByRole("dialog").getByRole("alert").getByText("エラー 8113: グループ名が重複しています。"));
    await page.getByRole("dialog").getByRole("button", { name: "キャンセル" }).click();

    // メンバ: show the non-members whose subscriber ID is demo003 or demo004, check both, 変更.
    await page.getByRole("link", { name: group }).click();
    await visible(page.getByRole("heading", { name: `グループ設定: ${group}` }));
    await page.getByRole("radio", { name: "非メンバ" }).check();
    await page.getByLabel("加入者ID(1)").fill("demo003");
    await page.getByLabel("加入者ID(2)").fill("demo004");
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await visible(page.getByText("検索結果件数: 2件"));
    await page.getByRole("checkbox", { name: "demo003 をメンバにする" }).check();
    await page.getByRole("checkbox", { name: "demo004 をメンバにする" }).check();
    await visible(page.getByText("未反映の変更: 2件", { exact: false }));
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("グループのメンバを変更しました(メンバ 2件)。"));
    await page.getByRole("radio", { name: "メンバ", exact: true }).check();
    await page.getByLabel("加入者ID(1)").fill("");
    await page.getByLabel("加入者ID(2)").fill("");
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await visible(page.getByText("検索結果件数: 2件"));

    // A グループ login account for the group; a login ID in use is refused (8112).
    await openMenu(page, "ログインアカウント");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "ログインアカウントの追加" });
    await dialog.getByRole("radio", { name: "グループ" }).check();
    await choose(page, "グループ名", group);
    await dialog.getByLabel("ログインID").fill(server.demo.adminLoginId);
    await dialog.getByLabel("パスワード", { exact: true }).fill(password);
    await dialog.getByLabel("パスワード(確認用)").fill(`${password}x`);
    await dialog.getByRole("button", { name: "追加" }).click();
    await visible(dialog.getByText("パスワード(確認用)が一致しません。"));
    await dialog.getByLabel("パスワード(確認用)").fill(password);
    await dialog.getByRole("button", { name: "追加" }).click();
    await visible(dialog.getByRole("alert").getByText("エラー 8112: ログインIDが既に存在します。"));
    await dialog.getByLabel("ログインID").fill(loginId);
    await dialog.getByRole("button", { name: "追加" }).click();
    await visible(page.getByText(`ログインアカウント「${loginId}」を追加しました。`));

    // Search by 権限 グループ + the group.
    await choose(page, "権限", "グループ");
    await choose(page, "グループ名", group);
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await visible(page.getByText("検索結果件数: 1件"));
    const row = page.getByRole("row").filter({ hasText: loginId });
    assert.match(await row.innerText(), new RegExp(`${loginId}\\s+グループ\\s+${group}\\s+デモ株式会社\\s+demo`));

    // The built-in Administrator can't be deleted (8104).
    await choose(page, "権限", "企業");
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await page.getByRole("checkbox", { name: server.demo.adminLoginId, exact: true }).check();
    await page.getByRole("button", { name: "削除", exact: true }).click();
    await visible(page.getByRole("dialog").getByText("削除して宜しいですか?"));
    await page.getByRole("dialog").getByRole("button", { name: "削除" }).click();
    await visible(page.getByRole("alert").getByText("エラー 8104: 標準の企業管理者IDは変更・削除できません。"));

    // The new account sees the two numbers of its group only.
    await page.getByRole("button", { name: "ログアウト" }).click();
    await logIn(page, { enterpriseId: server.demo.enterpriseId, loginId, password });
    await visible(page.getByRole("banner").getByText("グループ管理者"));
    const menu = page.getByRole("navigation", { name: "メニュー" });
    assert.equal(await menu.getByRole("menuitem", { name: /^グループ設定/ }).count(), 0);
    assert.equal(await menu.getByRole("menuitem", { name: /^ログインアカウント/ }).count(), 0);
    const listed = await page.evaluate(async () => {
      const answer = await fetch("/api/v1/enterprises/demo/subscribers?limit=500");
      const body = (await answer.json()) as { total: number; items: { id: string }[] };
      return { total: body.total, ids: body.items.map((item) => item.id) };
    });
    assert.deepEqual(listed, { total: 2, ids: ["demo003", "demo004"] });

    const subscribers = menu.getByRole("menuitem", { name: /^加入者 \/ 電話番号一覧/ });
    if ((await subscribers.getAttribute("aria-disabled")) !== "true") {
      await subscribers.click();
      const table = await visible(page.getByRole("table").first());
      await visible(table.getByRole("cell", { name: "demo003", exact: true }));
      await visible(table.getByRole("cell", { name: "demo004", exact: true }));
      assert.equal(await table.getByRole("cell", { name: "demo001", exact: true }).count(), 0);
      await visible(page.getByText("検索結果件数: 2件"));
    }
  });
});
