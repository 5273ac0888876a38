// 通話シミュレーション in a real Chromium (features.md §15, routing.md): a schedule forwards demo001
// on weekdays 09:00–17:00 and does nothing on holidays; the screen shows the schedule row behind
// the forwarding step with a working link to it, the holiday ringing the number instead, and
// the week view with the holiday and the forwarding hours.
import assert from "node:assert/strict";
import { after, before, test, type TestContext } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { Client } from "../support/client.ts";
import { closePortal, inBrowser as runInBrowser, openPortal, logIn, visible } from "../support/browser.ts";
import type { TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;
let scheduleId: number;

before(async () => {
  ({ server, browser } = await openPortal());

  // The demo Administrator sets up the schedule over the API and gives it to demo001.
  const client = new Client(server.url);
  assert.equal((await client.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId)).status, 200);
  const created = await client.post<{ id: number }>(`/api/v1/enterprises/${server.demo.enterpriseId}/schedules`, {
    name: "businessday",
    cfnaTimeoutSec: 20,
    memo: "",
    rules: [
      { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", action: "unconditional", destination: "0612345678" },
      { type: "holiday", start: "00:00", end: "24:00", action: "none" },
    ],
  });
  assert.equal(created.status, 201, created.text);
  scheduleId = created.body.id;
  const forwarding = await client.put(`/api/v1/enterprises/${server.demo.enterpriseId}/subscribers/${server.demo.subscriberId}/forwarding`, {
    schedule: { enabled: true, scheduleId },
  });
  assert.equal(forwarding.status, 200, forwarding.text);
});

after(() => closePortal(server, browser));

const inBrowser = (t: TestContext, scenario: (page: Page) => Promise<void>) => runInBrowser(browser, t, { baseURL: server.url }, scenario);

const logInAsAdministrator = (page: Page) => logIn(page, { enterpriseId: server.demo.enterpriseId, loginId: server.demo.adminLoginId, password: server.demo.adminPassword });

async function openSimulation(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: "通話シミュレーション" }).click();
  await visible(page.getByRole("heading", { name: "通話シミュレーション", level: 2 }));
}

/** Picks an option of a searchable pull-down by typing into it. */
async function choose(page: Page, label: string, typed: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(typed);
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByTitle(option, { exact: true }).click();
}

/** Types a date or time into an antd picker and confirms it. */
async function pick(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press("Enter");
  await page.waitForFunction(
    ([element, wanted]) => (element as unknown as { value: string }).value === wanted,
    [await input.elementHandle(), value] as const,
  );
}

async function simulateCallToDemo001(page: Page, date: string, time: string): Promise<Locator> {
  await pick(page, "日付", date);
  await pick(page, "時刻", time);
  await page.getByRole("button", { name: "シミュレーション実行" }).click();
  const result = page.getByRole("region", { name: "結果" });
  await visible(result.getByText(`${date} ${time}(Asia/Tokyo)`));
  return result;
}

test("a call to demo001 on a Tuesday at 10:00 follows the schedule row; on 勤労感謝の日 it rings demo001; the link opens the schedule", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAsAdministrator(page);
    await openSimulation(page);
    await visible(page.getByText("シミュレーションでは設定は一切変更されません", { exact: false }));

    await choose(page, "着信番号(代表番号)", "0312345001", "0312345001 総務 太郎 (demo001)");
    await page.getByLabel("発信者番号").fill("0311112222");

    // Tuesday 2026-11-24 10:00: row 1 of businessday forwards to 0612345678.
    let result = await simulateCallToDemo001(page, "2026-11-24", "10:00");
    await visible(result.getByText("結果: 0612345678 へ転送します", { exact: true }));
    const steps = result.getByRole("list", { name: "処理の流れ(手順)" });
    const forwardStep = steps.getByRole("listitem").filter({ hasText: "スケジュール転送: 0312345001 → 0612345678" });
    await visible(forwardStep);
    await visible(forwardStep.getByText(/スケジュール『businessday』1行目: 曜日 09:00–17:00 無条件転送 ON → 0612345678/));
    const link = forwardStep.getByRole("link", { name: "時間帯転送(スケジュール)の 1 行目を開く" });
    assert.equal(await link.getAttribute("href"), `/schedules?id=${scheduleId}&row=1`);

    // 2026-11-23 (勤労感謝の日) 10:00: the holiday row does nothing, demo001 rings.
    result = await simulateCallToDemo001(page, "2026-11-23", "10:00");
    await visible(result.getByText("最初: 0312345001 を呼び出します / 最後: 拒否(SIP 480 応答なし / 停止中)", { exact: true }));
    const premises = result.getByRole("region", { name: "前提となった設定" });
    await visible(premises.getByText(/スケジュール『businessday』2行目: 祝祭日\(勤労感謝の日\) 00:00–24:00 何もしない/));
    const ringStep = result.getByRole("list", { name: "処理の流れ(手順)" }).getByRole("listitem").first();
    await visible(ringStep.getByText("0312345001(総務 太郎)を 180 秒呼び出します。"));
    assert.equal(await result.getByText("スケジュール転送", { exact: false }).count(), 0, "no forwarding on the holiday");

    // The link of the holiday row opens the schedule in its editor.
    await premises.getByRole("link", { name: "時間帯転送(スケジュール)の 2 行目を開く" }).click();
    await page.waitForURL(new RegExp(`/schedules\\?id=${scheduleId}&row=2$`));
    await visible(page.getByRole("heading", { name: "時間帯転送: businessday" }));
  });
});

test("the week view from 2026-11-23 marks 勤労感謝の日 and shows forwarding on Tuesday 10:00", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAsAdministrator(page);
    await openSimulation(page);
    await page.getByRole("tab", { name: "週間表示" }).click();
    await choose(page, "番号(代表番号)", "0312345001", "0312345001 総務 太郎 (demo001)");
    await pick(page, "開始日", "2026-11-23");

    const table = await visible(page.getByRole("table", { name: /^0312345001 への着信 2026-11-23 から 7 日間/ }));
    await visible(table.getByRole("rowheader", { name: /^11\/23\(月\)\s*勤労感謝の日$/ }));
    const tuesday = table.getByRole("cell", { name: /^2026-11-24 10:00 転送 → 0612345678 \/ スケジュール『businessday』1行目/ });
    await visible(tuesday);
    assert.equal(await tuesday.innerText(), "1");
    await visible(table.getByRole("cell", { name: /^2026-11-23 10:00 呼出 \/ スケジュール『businessday』2行目/ }));
    await visible(table.getByRole("cell", { name: /^2026-11-24 08:00 呼出/ }));

    // The address keeps the view: a reload shows the same week.
    await page.reload();
    await visible(page.getByRole("cell", { name: /^2026-11-24 10:00 転送 → 0612345678/ }));
  });
});
