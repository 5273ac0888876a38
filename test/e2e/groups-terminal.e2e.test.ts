// 内線グループ, 代表グループ, 端末, the end user's own forwarding, 共通電話帳 and 一括登録 in a real
// Chromium, as users click through them (features.md §8–13, §16): an extension group with two
// members and their extensions (a duplicate first: 8052); a 同報 hunt group with ordered members
// and a refused 6th one (8084); 端末認証 with a ワンタイム解除; an emergency stop through its
// confirmation; an end user's forwarding in the かんたん view; a phonebook with a ① line and its
// warning; a VPN bulk file, its preview and its apply.
import assert from "node:assert/strict";
import { after, before, test, type TestContext } from "node:test";
import iconv from "iconv-lite";
import type { Browser, Page } from "playwright-core";
import { Client } from "../support/client.ts";
import { closePortal, inBrowser as runInBrowser, openPortal, visible, logIn } from "../support/browser.ts";
import type { TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;
let adminApi: Client;

before(async () => {
  ({ server, browser } = await openPortal());
  adminApi = new Client(server.url);
  const login = await adminApi.login(server.demo.adminLoginId, server.demo.adminPassword, server.demo.enterpriseId);
  assert.equal(login.status, 200);
});

after(() => closePortal(server, browser));

const inBrowser = (t: TestContext, scenario: (page: Page) => Promise<void>) => runInBrowser(browser, t, { baseURL: server.url, viewport: { width: 1440, height: 900 } }, scenario);

const logInAsAdmin = (page: Page) => logIn(page, { enterpriseId: server.demo.enterpriseId, loginId: server.demo.adminLoginId, password: server.demo.adminPassword });

async function openMenu(page: Page, name: string, heading: string): Promise<void> {
  await page.getByRole("navigation", { name: "メニュー" }).getByRole("menuitem", { name: new RegExp(`^${name}`) }).click();
  await visible(page.getByRole("heading", { name: heading, level: 2 }));
}

const eid = () => server.demo.enterpriseId;

test("内線グループ: add a group, give two numbers extensions (a duplicate is refused with 8052), see them saved", async (t) => {
  const name = `東京${Date.now() % 100000}`;
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "内線グループ", "内線グループ一覧");

    await page.getByRole("button", { name: "追加", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "内線グループの追加" });
    await dialog.getByLabel("内線グループ名").fill(name);
    await dialog.getByLabel("拠点番号").fill("71");
    assert.equal(await dialog.getByLabel("外線プレフィックス").inputValue(), "0");
    await dialog.getByRole("button", { name: "追加" }).click();
    await dialog.waitFor({ state: "detached" });

    const results = page.getByRole("region", { name: "内線グループ 検索結果" });
    await results.getByRole("link", { name, exact: true }).click();
    await visible(page.getByRole("heading", { name: `内線グループメンバ設定: ${name}` }));

    await page.getByRole("radio", { name: "非メンバ" }).check();
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await page.getByRole("checkbox", { name: "demo005 をメンバにする" }).check();
    await page.getByRole("checkbox", { name: "demo006 をメンバにする" }).check();
    await page.getByLabel("demo005 の内線番号").fill("501");
    await page.getByLabel("demo006 の内線番号").fill("501");
    await visible(page.getByText("未反映の変更: 2件(「変更」で反映されます)"));
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByRole("alert").getByText("エラー 8052: 同一内線グループ内で内線番号が重複しています。"));
    await visible(page.getByText("エラーの行: demo006"));

    await page.getByLabel("demo006 の内線番号").fill("502");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("メンバを変更しました(メンバ 2件)。"));
    await visible(page.getByText("転送設定の変更はありません。"));

    // The members view lists them with their extensions.
    await page.getByRole("radio", { name: "メンバ", exact: true }).check();
    await page.getByRole("button", { name: "表示", exact: true }).click();
    assert.equal(await page.getByLabel("demo005 の内線番号").inputValue(), "501");
    assert.equal(await page.getByLabel("demo006 の内線番号").inputValue(), "502");
  });
  const detail = await adminApi.get<{ extension: string; extensionGroup: { name: string } | null }>(`/api/v1/enterprises/${eid()}/subscribers/demo006`);
  assert.equal(detail.body.extension, "502");
  assert.equal(detail.body.extensionGroup?.name, name);
});

test("代表グループ: a 同報 group with five ordered members; a 6th member is refused with エラー 8084", async (t) => {
  const name = `同報${Date.now() % 100000}`;
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "代表グループ", "代表グループ一覧");

    await page.getByRole("button", { name: "追加", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "代表グループの追加" });
    await dialog.getByLabel("代表グループ名").fill(name);
    const searched = page.waitForResponse((response) => response.url().includes("/subscribers?") && response.url().includes("q=demo020"));
    await dialog.getByRole("combobox", { name: "代表番号(加入者ID)" }).fill("demo020");
    await searched;
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByText(/^demo020 /).click();
    await visible(dialog.locator(".ant-select-content").getByText("demo020 05012345020 コールセンター2"));
    // A click that lands while the drop-down is still opening is lost: the choice is checked by what it
    // shows (the 同報 help text), and made again if it did not take.
    const broadcastHelp = dialog.getByText("メンバ全員を同時に呼び出します(メンバは5件まで)。");
    for (let attempt = 1; ; attempt += 1) {
      const option = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByText("同報", { exact: true });
      // Opened only if it is not still open from the lost click (a click on it would close it).
      if (!(await option.isVisible())) await dialog.getByRole("combobox", { name: "スライドタイプ" }).click();
      await visible(option);
      await option.click();
      const shown = await broadcastHelp.waitFor({ state: "visible", timeout: 5000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 3) throw new Error("同報 could not be chosen as スライドタイプ");
    }
    await dialog.getByLabel("スライドタイマ(秒)").fill("12");
    await dialog.getByRole("button", { name: "追加" }).click();
    await dialog.waitFor({ state: "detached" });

    const results = page.getByRole("region", { name: "代表グループ 検索結果" });
    const row = results.getByRole("row").filter({ hasText: name });
    await visible(row.getByRole("cell", { name: "同報", exact: true }));
    await visible(row.getByRole("cell", { name: "demo020", exact: true }));
    await row.getByRole("link", { name, exact: true }).click();
    await visible(page.getByRole("heading", { name: `代表グループメンバ設定: ${name}` }));
    await visible(page.getByText("スライドタイプが同報のため、メンバは5件まで登録できます", { exact: false }));

    await page.getByRole("radio", { name: "非メンバ" }).check();
    await page.getByRole("button", { name: "表示", exact: true }).click();
    const orders: [string, string][] = [
      ["demo011", "5"],
      ["demo012", "4"],
      ["demo013", "3"],
      ["demo014", "2"],
      ["demo015", "1"],
    ];
    for (const [id, order] of orders) {
      await page.getByRole("checkbox", { name: `${id} をメンバにする` }).check();
      await page.getByLabel(`${id} の着信順序`).fill(order);
    }
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("メンバを変更しました(メンバ 5件)。"));

    // The members in their order.
    await page.getByRole("radio", { name: "メンバ", exact: true }).check();
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await visible(page.getByLabel("demo015 の着信順序"));
    const ids = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
    assert.deepEqual(ids.slice(0, 5), ["demo015", "demo014", "demo013", "demo012", "demo011"]);

    // A 6th member.
    await page.getByRole("radio", { name: "非メンバ" }).check();
    await page.getByRole("button", { name: "表示", exact: true }).click();
    await page.getByRole("checkbox", { name: "demo016 をメンバにする" }).check();
    assert.equal(await page.getByLabel("demo016 の着信順序").inputValue(), "6", "the next free order is proposed");
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByRole("alert").getByText("エラー 8084: ハントタイプが同報の場合、ハントメンバーは6人以上登録できません。"));
  });
  const groups = await adminApi.get<{ items: { name: string; memberCount: number }[] }>(`/api/v1/enterprises/${eid()}/hunt-groups?q=${encodeURIComponent(name)}&match=exact`);
  assert.equal(groups.body.items[0]?.memberCount, 5);
});

test("端末: 端末認証 ON with a ワンタイム解除 on the number's 端末 tab", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "加入者 / 電話番号一覧", "加入者 / 電話番号一覧");
    await page.getByRole("link", { name: "demo007", exact: true }).click();
    await visible(page.getByRole("heading", { name: "電話番号設定" }));
    await page.getByRole("tab", { name: "端末" }).click();

    const auth = page.getByRole("radiogroup", { name: "端末認証設定" });
    await auth.getByRole("radio", { name: "ON" }).check();
    const release = page.getByRole("checkbox", { name: "ワンタイム解除" });
    assert.equal(await release.isEnabled(), true);
    await visible(page.getByText("次の1回だけ別の端末で初期設定できます", { exact: false }).first());
    await release.check();
    await page.getByRole("button", { name: "変更", exact: true }).click();
    await visible(page.getByText("端末認証設定を変更しました。"));
    await visible(page.getByText("ワンタイム解除中: 次の1回だけ別の端末で初期設定できます。"));
    await visible(page.getByText("解除中(次の1回だけ初期設定可)"));

    // A reload shows the same: the tab is in the address.
    await page.reload();
    await visible(page.getByText("ワンタイム解除中: 次の1回だけ別の端末で初期設定できます。"));
    assert.equal(await page.getByRole("radiogroup", { name: "端末認証設定" }).getByRole("radio", { name: "ON" }).isChecked(), true);
  });
  const terminal = await adminApi.get<{ authentication: boolean; oneTimeRelease: boolean }>(`/api/v1/enterprises/${eid()}/subscribers/demo007/terminal`);
  assert.deepEqual([terminal.body.authentication, terminal.body.oneTimeRelease], [true, true]);
});

test("緊急停止: the confirmation says what happens; the list then shows the number stopped", async (t) => {
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "端末認証・緊急停止", "端末認証・緊急停止");
    await page.getByRole("textbox", { name: "検索文字列" }).fill("demo008");
    await page.getByRole("radio", { name: "完全一致" }).check();
    await page.getByRole("button", { name: "検索", exact: true }).click();
    const table = page.getByRole("table", { name: "端末一覧" });
    const row = table.getByRole("row").filter({ hasText: "demo008" });
    await row.getByRole("button", { name: "緊急停止: demo008" }).click();

    const dialog = page.getByRole("dialog").filter({ hasText: "緊急停止の確認" });
    await visible(dialog.getByText("発着信とプロビジョニングを停止し、次回接続時に端末のアプリデータを消去します。"));
    await dialog.getByRole("button", { name: "緊急停止する" }).click();
    await visible(page.getByText("demo008 を緊急停止しました。"));
    await visible(row.getByText("緊急停止中"));
    await visible(row.getByRole("button", { name: "緊急停止を解除: demo008" }));
  });
  const list = await adminApi.get<{ items: { id: string; emergencyStopped: boolean }[] }>(`/api/v1/enterprises/${eid()}/subscribers?field=id&match=exact&q=demo008`);
  assert.equal(list.body.items[0]?.emergencyStopped, true);
});

test("the end user changes their own forwarding in the かんたん view: 転送, 無応答時, a mobile number", async (t) => {
  await inBrowser(t, async (page) => {
    await logIn(page, { loginId: server.demo.subscriberId, password: server.demo.subscriberPassword });
    await openMenu(page, "留守番電話/転送設定", "留守番電話/転送設定");
    await page.getByRole("radio", { name: "転送", exact: true }).check();
    await page.getByRole("radio", { name: "無応答時", exact: true }).check();
    await page.getByRole("textbox", { name: "転送先" }).fill("090-1111-2222");
    await page.getByRole("button", { name: "登録" }).click();
    await visible(page.getByText("留守番電話/転送設定を変更しました。"));

    await page.reload();
    await visible(page.getByRole("heading", { name: "留守番電話/転送設定", level: 2 }));
    assert.equal(await page.getByRole("radio", { name: "転送", exact: true }).isChecked(), true);
    assert.equal(await page.getByRole("radio", { name: "無応答時", exact: true }).isChecked(), true);
    assert.equal(await page.getByRole("textbox", { name: "転送先" }).inputValue(), "09011112222");

    // The own number's information.
    await openMenu(page, "電話番号情報", "電話番号情報");
    await visible(page.getByRole("cell", { name: server.demo.subscriberId, exact: true }));
  });
  const forwarding = await adminApi.get<{ noAnswer: { enabled: boolean; destination: string } }>(`/api/v1/enterprises/${eid()}/subscribers/${server.demo.subscriberId}/forwarding`);
  assert.deepEqual(forwarding.body.noAnswer.enabled, true);
  assert.equal(forwarding.body.noAnswer.destination, "09011112222");
});

test("共通電話帳: a CSV with a ① line is added and the line's warning is shown", async (t) => {
  const name = `営業電話帳${Date.now() % 100000}`;
  const csv = iconv.encode(
    ["名前,フリガナ,会社名,部署,電話番号1,電話番号2,電話番号3,メールアドレス,メモ", "山田 太郎,ヤマダ タロウ,株式会社サンプル,営業部,0312345678,,,taro@example.jp,", "鈴木 花子,スズキ ハナコ,サンプル①,総務部,09012345678,,,,"].join("\r\n") + "\r\n",
    "cp932",
  );
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "共通電話帳", "共通電話帳一覧");
    await page.getByRole("button", { name: "追加", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "共通電話帳の追加" });
    await dialog.getByLabel("共通電話帳名").fill(name);
    await dialog.locator("input[type=file]").setInputFiles({ name: "eigyo.csv", mimeType: "text/csv", buffer: csv });
    await visible(dialog.getByText("eigyo.csv"));
    await dialog.getByRole("button", { name: "追加" }).click();

    await visible(page.getByRole("heading", { name: `共通電話帳: ${name}` }));
    await visible(page.getByText("環境依存文字を含む行があります(1件)", { exact: false }));
    const warnings = page.getByRole("table", { name: "環境依存文字の警告" });
    const warning = warnings.getByRole("row").filter({ hasText: "①" });
    await visible(warning.getByRole("cell", { name: "3", exact: true }));
    const entries = page.getByRole("table", { name: "電話帳の内容" });
    await visible(entries.getByRole("row").filter({ hasText: "鈴木 花子" }).getByText("警告"));
    await visible(entries.getByText("サンプル①"));
  });
});

test("一括登録: a VPN file is uploaded, its preview read, then applied", async (t) => {
  const group = `BULK${Date.now() % 100000}`;
  const created = await adminApi.post(`/api/v1/enterprises/${eid()}/extension-groups`, { name: group, siteNumber: String(800 + (Date.now() % 100)), memo: "" });
  assert.equal(created.status, 201);
  const file = iconv.encode(['"VPN"', '"加入者ID","内線グループ名","内線番号"', `"demo017","${group}","701"`, `"demo018","${group}","702"`].join("\r\n") + "\r\n", "cp932");
  await inBrowser(t, async (page) => {
    await logInAsAdmin(page);
    await openMenu(page, "一括登録", "一括登録");
    await visible(page.getByText('"abc001","本社","1001"'));
    await page.locator("input[type=file]").setInputFiles({ name: `vpn-${group}.csv`, mimeType: "text/csv", buffer: file });
    await page.getByRole("button", { name: "ファイルアップロード" }).click();

    await visible(page.getByRole("heading", { name: `投入内容の確認: vpn-${group}.csv` }));
    await visible(page.getByText("アップロード完了", { exact: true }));
    await visible(page.getByRole("status").getByText("追加 2件 / 変更 0件 / 変更なし 0件 / 競合 0件"));
    const preview = page.getByRole("table", { name: "投入内容" });
    const line = preview.getByRole("row").filter({ hasText: "demo017" });
    await visible(line.getByText("追加", { exact: true }));
    await visible(line.getByRole("cell", { name: `${group} / 内線番号 701` }));

    await page.getByRole("button", { name: "即時投入" }).click();
    const dialog = page.getByRole("dialog").filter({ hasText: "即時投入の確認" });
    await dialog.getByRole("button", { name: "即時投入" }).click();
    await visible(page.getByText("投入完了", { exact: true }));

    await page.getByRole("button", { name: "アップロード一覧に戻る" }).click();
    const uploads = page.getByRole("region", { name: "アップロード一覧" });
    await visible(uploads.getByRole("row").filter({ hasText: `vpn-${group}.csv` }).getByText("投入完了"));
  });
  const detail = await adminApi.get<{ extension: string; extensionGroup: { name: string } | null }>(`/api/v1/enterprises/${eid()}/subscribers/demo018`);
  assert.deepEqual([detail.body.extension, detail.body.extensionGroup?.name], ["702", group]);
});
