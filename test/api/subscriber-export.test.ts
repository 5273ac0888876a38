// 加入者一覧出力 / 全件CSV出力 over HTTP: the Shift_JIS file, its columns and order, the count, the formula guard, roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const header = [
  "加入者ID", "外線番号", "内線番号", "内線グループ", "表示名称", "企業ID", "回線ID1", "回線ID2", "ピックアップグループ", "代表グループ",
  "非通知着信拒否", "回線毎非通知", "国際発信規制", "外線発信規制", "無条件転送", "無条件転送先", "話中時転送", "話中時転送先",
  "不応答転送", "不応答転送先", "不応答転送タイマ", "スケジュール転送", "時間帯転送名", "留守番電話", "端末認証", "緊急停止", "CallKit",
];

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function download(client: Client, eid: string, query = ""): Promise<Download> {
  const response = await fetch(`${client.baseUrl}/api/v1/enterprises/${eid}/subscribers.csv${query === "" ? "" : `?${query}`}`, {
    headers: client.cookie === undefined ? {} : { cookie: client.cookie },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The file's lines as records (header included), read from Shift_JIS. */
function records(d: Download): string[][] {
  assert.equal(d.status, 200, d.bytes.toString("utf8"));
  return parse(iconv.decode(d.bytes, "cp932"), { record_delimiter: "\r\n" }) as string[][];
}

/** The data lines as objects keyed by the Japanese header. */
function lines(d: Download): Record<string, string>[] {
  const [head, ...rest] = records(d);
  assert.deepEqual(head, header);
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

const idsOf = (d: Download) => lines(d).map((l) => l["加入者ID"]);

function errorCode(d: Download): string | undefined {
  return (JSON.parse(d.bytes.toString("utf8")) as { error?: { code?: string } }).error?.code;
}

const demoIds = Array.from({ length: 20 }, (_, i) => `demo${String(i + 1).padStart(3, "0")}`);
const numberOf = (id: string) => {
  const i = Number(id.slice(4));
  return i <= 10 ? `03123450${String(i).padStart(2, "0")}` : `050123450${String(i).padStart(2, "0")}`;
};

for (const dialect of dialects()) {
  describe(`subscriber list export (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let otherAdmin: Client;
    let groupAdmin: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      otherAdmin = new Client(server.url);
      groupAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: "Other-Admin-2026" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", "Other-Admin-2026", "other")).status, 200);

      // Groups, a schedule and settings, written straight into the tables: this file tests the export, not the screens that set them.
      const now = new Date().toISOString();
      const group = async (name: string, site: string) =>
        (await db.insertInto("extension_groups").values({ enterprise_id: "demo", name, site_number: site, external_prefix: "0", memo: "", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      const head = await group("本社", "1");
      const branch = await group("大阪支社", "2");
      const pickup = (await db.insertInto("pickup_groups").values({ enterprise_id: "demo", name: "ピックアップ①", number: "1", site: "1", memo: "", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      const hunt = (await db.insertInto("hunt_groups").values({ enterprise_id: "demo", name: "代表㈱", pilot_subscriber_id: "demo002", distribution: "sequential", slide_timer_sec: 10, schedule_id: null, schedule_enabled: 0, memo: "", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      const schedule = (await db.insertInto("schedules").values({ enterprise_id: "demo", name: "営業時間外～夜間", cfna_timeout_sec: 20, extension_group_id: null, memo: "", rules: "[]", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      const extensions: [string, number, string][] = [["demo010", head, "110"], ["demo001", head, "201"], ["demo004", branch, "201"], ["demo002", head, "202"], ["demo003", head, "203"]];
      for (const [id, groupId, extension] of extensions) await db.updateTable("subscribers").set({ extension_group_id: groupId, extension }).where("id", "=", id).execute();
      await db
        .updateTable("subscribers")
        .set({
          pickup_group_id: pickup,
          schedule_id: schedule,
          call_settings: JSON.stringify({ anonymousRejection: true, withholdCallerId: false, internationalBlock: true, externalBlock: false }),
          forwarding: JSON.stringify({
            unconditional: { enabled: true, destination: "09012345678" },
            busy: { enabled: false, destination: "0612345678" },
            noAnswer: { enabled: true, destination: "voicemail", timerSec: 25 },
            schedule: { enabled: true, scheduleId: schedule },
            voicemail: { enabled: false, condition: "noAnswer", ringSec: 20 },
          }),
          terminal: JSON.stringify({ authentication: true, oneTimeRelease: false, callKit: true, boundDeviceId: "dev-1" }),
          emergency_stopped: 1,
        })
        .where("id", "=", "demo001")
        .execute();
      await db.updateTable("subscribers").set({ hunt_group_id: hunt, hunt_order: 1 }).where("id", "=", "demo002").execute();

      // A group admin whose group holds two numbers.
      const adminGroup = (await demoAdmin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "営業グループ" })).body.id;
      assert.equal((await demoAdmin.put(`/api/v1/enterprises/demo/admin-groups/${adminGroup}/members`, { subscriberIds: ["demo005", "demo012"] })).status, 200);
      const account = await demoAdmin.post("/api/v1/enterprises/demo/accounts", { loginId: "sales-admin", role: "groupAdmin", adminGroupId: adminGroup, password: "Group-Admin-2026", passwordConfirm: "Group-Admin-2026" });
      assert.equal(account.status, 201, account.text);
      assert.equal((await groupAdmin.login("sales-admin", "Group-Admin-2026", "demo")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    describe("the file", () => {
      test("downloads as Shift_JIS (CP932) with the Japanese header line, CRLF, every field quoted", async () => {
        const d = await download(demoAdmin, "demo");
        assert.equal(d.status, 200);
        assert.equal(d.headers.get("content-type"), "text/csv; charset=Shift_JIS");
        assert.match(d.headers.get("content-disposition") ?? "", /^attachment; filename="subscribers-demo-\d{8}\.csv"$/);
        assert.notDeepEqual([...d.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "no BOM in Shift_JIS");
        const text = iconv.decode(d.bytes, "cp932");
        assert.ok(text.startsWith(`${header.map((h) => `"${h}"`).join(",")}\r\n`));
        assert.ok(d.bytes.includes(iconv.encode("総務 太郎", "cp932")), "Japanese text is in CP932 bytes");
        assert.ok(!d.bytes.includes(Buffer.from("総務 太郎", "utf8")), "not in UTF-8");
        assert.equal(text.split("\r\n").length, 1 + 20 + 1, "one line per subscriber, each ended by CRLF");
        assert.ok(!/[^\r]\n/.test(text), "no bare LF");
        assert.ok(text.split("\r\n").slice(0, -1).every((line) => line.startsWith('"') && line.endsWith('"')));
      });

      test("one line carries the groups, the schedule name, the settings as 1 / 0 and the enterprise's line IDs", async () => {
        const demo001 = lines(await download(demoAdmin, "demo")).find((l) => l["加入者ID"] === "demo001");
        assert.deepEqual(demo001, {
          加入者ID: "demo001", 外線番号: "0312345001", 内線番号: "201", 内線グループ: "本社", 表示名称: "総務 太郎", 企業ID: "demo",
          回線ID1: "DEMO-LINE-1", 回線ID2: "", ピックアップグループ: "ピックアップ①", 代表グループ: "",
          非通知着信拒否: "1", 回線毎非通知: "0", 国際発信規制: "1", 外線発信規制: "0",
          無条件転送: "1", 無条件転送先: "09012345678", 話中時転送: "0", 話中時転送先: "0612345678",
          不応答転送: "1", 不応答転送先: "voicemail", 不応答転送タイマ: "25", スケジュール転送: "1", 時間帯転送名: "営業時間外～夜間",
          留守番電話: "0", 端末認証: "1", 緊急停止: "1", CallKit: "1",
        });
        const demo002 = lines(await download(demoAdmin, "demo")).find((l) => l["加入者ID"] === "demo002");
        assert.equal(demo002?.["代表グループ"], "代表㈱");
        assert.equal(demo002?.["不応答転送タイマ"], "20");
        assert.deepEqual([demo002?.["非通知着信拒否"], demo002?.["端末認証"], demo002?.["緊急停止"], demo002?.["CallKit"]], ["0", "0", "0", "0"]);
      });

      test("?encoding=utf-8 gives the same file in UTF-8 with a BOM", async () => {
        const sjis = await download(demoAdmin, "demo", "sort=number");
        const utf8 = await download(demoAdmin, "demo", "sort=number&encoding=utf-8");
        assert.equal(utf8.status, 200);
        assert.equal(utf8.headers.get("content-type"), "text/csv; charset=utf-8");
        assert.deepEqual([...utf8.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
        assert.equal(utf8.bytes.subarray(3).toString("utf8"), iconv.decode(sjis.bytes, "cp932"));
      });

      test("a display name that Excel would run as a formula comes out guarded: =SUM(1) → '=SUM(1)", async () => {
        assert.equal((await demoAdmin.patch("/api/v1/enterprises/demo/subscribers/demo020", { displayName: "=SUM(1)" })).status, 200);
        const d = await download(demoAdmin, "demo", "q=demo020&match=exact");
        assert.deepEqual(lines(d).map((l) => l["表示名称"]), ["'=SUM(1)"]);
        assert.ok(d.bytes.includes(Buffer.from(`"'=SUM(1)"`)));
      });
    });

    describe("order and range", () => {
      test("sort=extension (the default): by extension, the same extension by ID, then the numbers without one by ID", async () => {
        const expected = ["demo010", "demo001", "demo004", "demo002", "demo003", ...demoIds.filter((id) => !["demo001", "demo002", "demo003", "demo004", "demo010"].includes(id))];
        assert.deepEqual(idsOf(await download(demoAdmin, "demo")), expected);
        assert.deepEqual(idsOf(await download(demoAdmin, "demo", "sort=extension")), expected);
      });

      test("sort=number: by number", async () => {
        assert.deepEqual(lines(await download(demoAdmin, "demo", "sort=number")).map((l) => l["外線番号"]), demoIds.map(numberOf).sort());
      });

      test("sort=number with from / to: both bounds included", async () => {
        const d = await download(demoAdmin, "demo", "sort=number&from=0312345003&to=05012345012");
        assert.deepEqual(lines(d).map((l) => l["外線番号"]), ["03", "04", "05", "06", "07", "08", "09", "10"].map((n) => `03123450${n}`).concat(["05012345011", "05012345012"]));
        assert.deepEqual(idsOf(await download(demoAdmin, "demo", "sort=number&from=05012345019")), ["demo019", "demo020"]);
        assert.deepEqual(idsOf(await download(demoAdmin, "demo", "sort=number&to=0312345002")), ["demo001", "demo002"]);
        assert.deepEqual(idsOf(await download(demoAdmin, "demo", "sort=number&from=0312345005&to=0312345005")), ["demo005"]);
        assert.deepEqual(idsOf(await download(demoAdmin, "demo", "sort=number&from=09000000000")), []);
      });

      test("the file has as many lines as /subscribers/count finds for the same filter", async () => {
        for (const query of ["", "q=demo01", "field=displayName&q=営業", "q=%250", "field=extensionGroup&q=本社&match=exact", "field=number&q=050", "sort=number&from=0312345003&to=05012345012", "from=0312345009", "q=nobody"]) {
          const count = await demoAdmin.get<{ count: number }>(`/api/v1/enterprises/demo/subscribers/count?${query}`);
          assert.equal(count.status, 200, query);
          const d = await download(demoAdmin, "demo", query);
          assert.equal(records(d).length - 1, count.body.count, query);
        }
      });
    });

    describe("bad input", () => {
      test("a sort other than extension | number: 400 8009", async () => {
        const d = await download(demoAdmin, "demo", "sort=displayName");
        assert.equal(d.status, 400);
        assert.equal(errorCode(d), "8009");
      });

      test("a bound that is not digits: 400 8117", async () => {
        for (const query of ["sort=number&from=03-1234-5678", "sort=number&to=abc", "sort=number&from=0312345001&to=%EF%BC%90%EF%BC%93"]) {
          const d = await download(demoAdmin, "demo", query);
          assert.equal(d.status, 400, query);
          assert.equal(errorCode(d), "8117", query);
        }
      });

      test("an unknown encoding: 400 8009", async () => {
        const d = await download(demoAdmin, "demo", "encoding=latin1");
        assert.equal(d.status, 400);
        assert.equal(errorCode(d), "8009");
      });
    });

    describe("who gets what", () => {
      test("a group admin gets only the members of its admin groups, and the count agrees", async () => {
        assert.deepEqual(idsOf(await download(groupAdmin, "demo", "sort=number")), ["demo005", "demo012"]);
        assert.equal((await groupAdmin.get<{ count: number }>("/api/v1/enterprises/demo/subscribers/count")).body.count, 2);
      });

      test("the operator exports any enterprise", async () => {
        assert.equal(idsOf(await download(operator, "demo")).length, 20);
        assert.deepEqual(idsOf(await download(operator, "other")), []);
      });

      test("an end user: 403 8109", async () => {
        const d = await download(endUser, "demo");
        assert.equal(d.status, 403);
        assert.equal(errorCode(d), "8109");
      });

      test("another enterprise's admin: 404 8016, and nothing of the other enterprise in its own file", async () => {
        const d = await download(otherAdmin, "demo");
        assert.equal(d.status, 404);
        assert.equal(errorCode(d), "8016");
        assert.deepEqual(records(await download(otherAdmin, "other")), [header]);
      });

      test("not logged in: 401 8110", async () => {
        const d = await download(new Client(server.url), "demo");
        assert.equal(d.status, 401);
        assert.equal(errorCode(d), "8110");
      });

      test("an unknown enterprise: 404 8016 for the operator too", async () => {
        const answer = await operator.get("/api/v1/enterprises/nope/subscribers.csv");
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
      });
    });
  });
}
