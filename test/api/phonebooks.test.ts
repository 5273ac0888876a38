// Shared phonebooks (共通電話帳, features.md §12) over HTTP on both databases: add with a multipart file (CSV or
// vCard), warnings for characters outside JIS X 0208, per-line errors, rename / replace, delete, members, the
// template, roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf, type Answer } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface Entry {
  line: number;
  name: string;
  kana: string;
  company: string;
  phones: string[];
}

interface Warning {
  line: number;
  field: string;
  characters: string[];
}

interface Phonebook {
  id: number;
  no: number;
  name: string;
  fileName: string;
  format: string;
  entryCount: number;
  warningCount: number;
  memberCount: number;
  version: number;
  updatedAt: string;
}

interface Detail extends Phonebook {
  entries: { total: number; offset: number; limit: number; items: Entry[] };
  warnings: Warning[];
}

interface List<T> {
  total: number;
  items: T[];
}

interface ErrorBody {
  error: { code: string; details?: { errors?: { line: number | null; code: string }[] } };
}

const base = "/api/v1/enterprises/demo/phonebooks";
const otherPassword = "Other-Admin-2026";
const groupAdminPassword = "Group-Admin-2026";
const header = "名前,フリガナ,会社名,部署,電話番号1,電話番号2,電話番号3,メールアドレス,メモ";
const sjisCsv = (...rows: string[]) => iconv.encode([header, ...rows].map((r) => `${r}\r\n`).join(""), "cp932");

/** A multipart request as a browser sends it (FormData + Blob), with the client's cookie and CSRF token. */
async function send<T>(client: Client, method: string, path: string, parts: { name?: string; file?: { fileName: string; bytes: Uint8Array } }, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const form = new FormData();
  if (parts.name !== undefined) form.append("name", parts.name);
  if (parts.file !== undefined) form.append("file", new Blob([parts.file.bytes]), parts.file.fileName);
  const h: Record<string, string> = { ...headers };
  if (client.cookie !== undefined) h.cookie = client.cookie;
  if (client.csrfToken !== undefined) h["x-csrf-token"] = client.csrfToken;
  const response = await fetch(`${client.baseUrl}${path}`, { method, headers: h, body: form });
  const text = await response.text();
  const body = (response.headers.get("content-type") ?? "").includes("json") && text !== "" ? (JSON.parse(text) as T) : (text as T);
  return { status: response.status, headers: response.headers, body, text };
}

for (const dialect of dialects()) {
  describe(`shared phonebooks (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    let endUser: Client;
    let groupAdmin: Client;
    let otherAdmin: Client;
    let first: Detail;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      admin = new Client(server.url);
      endUser = new Client(server.url);
      groupAdmin = new Client(server.url);
      otherAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      const adminGroup = await admin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "受付" });
      const account = await admin.post("/api/v1/enterprises/demo/accounts", { loginId: "reception", role: "groupAdmin", adminGroupId: adminGroup.body.id, password: groupAdminPassword, passwordConfirm: groupAdminPassword });
      assert.equal(account.status, 201, account.text);
      assert.equal((await groupAdmin.login("reception", groupAdminPassword, "demo")).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: otherPassword })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "oth001", number: "0612345601" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const create = async (name: string, fileName: string, bytes: Uint8Array) => {
      const answer = await send<Detail>(admin, "POST", base, { name, file: { fileName, bytes } });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };

    describe("add", () => {
      test("201 with No. 1, the entries and a warning for the line with ①; stored and audited", async () => {
        first = await create("共通電話帳01", "kyoutsu01.csv", sjisCsv("山田 太郎,ヤマダ タロウ,株式会社サンプル,営業部,03-1234-5678,,,taro@example.jp,", "①鈴木,,,,090-1234-5678,,,,", "高橋～ﾀｶﾊｼ,,,,1001,,,,"));
        assert.equal(first.no, 1);
        assert.equal(first.name, "共通電話帳01");
        assert.equal(first.fileName, "kyoutsu01.csv");
        assert.equal(first.format, "csv");
        assert.equal(first.entryCount, 3);
        assert.equal(first.warningCount, 1);
        assert.deepEqual(
          first.warnings.map((w) => [w.line, w.field, w.characters]),
          [[3, "名前", ["①"]]],
        );
        assert.equal(first.entries.items[1]?.name, "①鈴木");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "phonebook.create").where("target_id", "=", String(first.id)).executeTakeFirst();
        assert.equal(event?.actor_id, "demo/Administrator");
      });

      test("a vCard file; the next No.", async () => {
        const vcf = ["BEGIN:VCARD", "VERSION:3.0", "FN:佐藤 花子", "ORG:サンプル;総務", "TEL;TYPE=CELL:080-1111-2222", "TEL;TYPE=WORK:06-1234-5678", "END:VCARD", ""].join("\r\n");
        const second = await create("共通電話帳02", "kyoutsu02.vcf", Buffer.from(vcf, "utf8"));
        assert.equal(second.no, 2);
        assert.equal(second.format, "vcard");
        assert.deepEqual(second.entries.items[0]?.phones, ["08011112222", "0612345678"]);
        assert.deepEqual(second.warnings, []);
      });

      test("a file whose entries lack a name or a valid number is refused with every error and its line; nothing stored", async () => {
        let body: ErrorBody | undefined;
        await refused(
          db,
          async () => {
            const answer = await send<ErrorBody>(admin, "POST", base, { name: "不正", file: { fileName: "bad.csv", bytes: sjisCsv("山田,,,,0312345678,,,,", ",,,,0312345678,,,,", "鈴木,,,,03-12,,,,") } });
            body = answer.body;
            return answer;
          },
          400,
          "8070",
        );
        assert.deepEqual(
          body?.error.details?.errors?.map((e) => [e.line, e.code]),
          [
            [3, "8070"],
            [4, "8070"],
          ],
        );
      });

      const invalid: [string, () => Promise<Answer>, number, string][] = [
        ["a name in use", () => send(admin, "POST", base, { name: "共通電話帳01", file: { fileName: "a.csv", bytes: sjisCsv("山田,,,,0312345678,,,,") } }), 409, "8113"],
        ["no name", () => send(admin, "POST", base, { file: { fileName: "a.csv", bytes: sjisCsv("山田,,,,0312345678,,,,") } }), 400, "8008"],
        ["a name of 65 characters", () => send(admin, "POST", base, { name: "名".repeat(65), file: { fileName: "a.csv", bytes: sjisCsv("山田,,,,0312345678,,,,") } }), 400, "8009"],
        ["no file", () => send(admin, "POST", base, { name: "ファイルなし" }), 400, "8068"],
        ["a file of another kind", () => send(admin, "POST", base, { name: "x", file: { fileName: "a.xlsx", bytes: Buffer.from("PK") } }), 400, "8056"],
        ["a file over 5 MB", () => send(admin, "POST", base, { name: "x", file: { fileName: "a.csv", bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41) } }), 413, "8123"],
      ];
      for (const [what, attempt, status, code] of invalid) {
        test(`${what}: ${status} ${code}, nothing stored`, async () => {
          await refused(db, attempt, status, code);
        });
      }
    });

    describe("list and read", () => {
      test("the list: No., name, file name, last update, entry and warning counts", async () => {
        const list = await admin.get<List<Phonebook>>(base);
        assert.equal(list.status, 200);
        assert.deepEqual(
          list.body.items.map((p) => [p.no, p.name, p.fileName, p.entryCount, p.warningCount]),
          [
            [1, "共通電話帳01", "kyoutsu01.csv", 3, 1],
            [2, "共通電話帳02", "kyoutsu02.vcf", 1, 0],
          ],
        );
        assert.ok(list.body.items.every((p) => !Number.isNaN(Date.parse(p.updatedAt))));
        assert.deepEqual(
          (await admin.get<List<Phonebook>>(`${base}?q=${encodeURIComponent("%02")}`)).body.items.map((p) => p.no),
          [2],
        );
      });

      test("one phonebook: entries paged and searched, the warnings, an ETag", async () => {
        const page = await admin.get<Detail>(`${base}/${first.id}?offset=1&limit=1`);
        assert.equal(page.status, 200);
        assert.equal(page.headers.get("etag"), `"${page.body.version}"`);
        assert.equal(page.body.entries.total, 3);
        assert.deepEqual(
          page.body.entries.items.map((e) => e.name),
          ["①鈴木"],
        );
        assert.equal(page.body.warnings.length, 1);
        const found = await admin.get<Detail>(`${base}/${first.id}?q=${encodeURIComponent("サンプル")}`);
        assert.deepEqual(
          found.body.entries.items.map((e) => e.name),
          ["山田 太郎"],
        );
        const byNumber = await admin.get<Detail>(`${base}/${first.id}?q=090-1234`);
        assert.deepEqual(
          byNumber.body.entries.items.map((e) => e.name),
          ["①鈴木"],
        );
      });

      test("a missing phonebook is 404 8077", async () => {
        assert.equal(codeOf(await admin.get(`${base}/999999`)), "8077");
      });

      test("the template downloads as a Shift_JIS CSV with the header", async () => {
        const response = await fetch(`${server.url}${base}/template.csv`, { headers: { cookie: admin.cookie ?? "" } });
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-type") ?? "", /text\/csv; charset=Shift_JIS/i);
        const lines = iconv.decode(Buffer.from(await response.arrayBuffer()), "cp932").split("\r\n");
        assert.equal(lines[0], header.split(",").map((h) => `"${h}"`).join(","));
        assert.equal(lines.length, 3);
        // It uploads as it is.
        const uploaded = await send<Detail>(admin, "POST", base, { name: "テンプレート", file: { fileName: "phonebook.csv", bytes: iconv.encode(lines.join("\r\n"), "cp932") } });
        assert.equal(uploaded.status, 201, uploaded.text);
        assert.equal(uploaded.body.entryCount, 1);
        assert.equal((await admin.delete(`${base}/${uploaded.body.id}`)).status, 204);
      });
    });

    describe("change", () => {
      test("rename with JSON; replace the file with multipart; each bumps the version", async () => {
        const renamed = await admin.put<Detail>(`${base}/${first.id}`, { name: "本社電話帳" });
        assert.equal(renamed.status, 200, renamed.text);
        assert.equal(renamed.body.name, "本社電話帳");
        assert.equal(renamed.body.version, first.version + 1);
        assert.equal(renamed.body.entryCount, 3);
        const replaced = await send<Detail>(admin, "PUT", `${base}/${first.id}`, { file: { fileName: "new.csv", bytes: sjisCsv("新規 一郎,,,,0312340000,,,,") } }, { "if-match": `"${renamed.body.version}"` });
        assert.equal(replaced.status, 200, replaced.text);
        assert.equal(replaced.body.name, "本社電話帳");
        assert.equal(replaced.body.fileName, "new.csv");
        assert.equal(replaced.body.entryCount, 1);
        assert.equal(replaced.body.warningCount, 0);
        assert.deepEqual(replaced.body.warnings, []);
        const both = await send<Detail>(admin, "PUT", `${base}/${first.id}`, { name: "本社電話帳2", file: { fileName: "again.csv", bytes: sjisCsv("①,,,,0312340001,,,,") } });
        assert.equal(both.status, 200, both.text);
        assert.equal(both.body.name, "本社電話帳2");
        assert.equal(both.body.warningCount, 1);
        first = both.body;
      });

      test("a stale If-Match is 409 8111; a name in use 8113; a bad file 400; a missing phonebook 8077 — nothing stored", async () => {
        await refused(db, () => admin.put(`${base}/${first.id}`, { name: "x" }, { "if-match": '"1"' }), 409, "8111");
        await refused(db, () => admin.put(`${base}/${first.id}`, { name: "共通電話帳02" }), 409, "8113");
        await refused(db, () => send(admin, "PUT", `${base}/${first.id}`, { file: { fileName: "b.csv", bytes: sjisCsv(",,,,,,,,") } }), 400, "8070");
        await refused(db, () => admin.put(`${base}/999999`, { name: "x" }), 404, "8077");
        await refused(db, () => admin.put(`${base}/${first.id}`, {}), 400, "8008");
      });
    });

    describe("members", () => {
      type Member = { subscriberId: string; member: boolean };
      const members = async (query: string) => (await admin.get<List<Member>>(`${base}/${first.id}/members${query}`)).body;

      test("at first no number is a member; PUT {subscriberIds} replaces them; メンバ / 非メンバ / q", async () => {
        assert.equal((await members("?membership=member")).total, 0);
        assert.equal((await members("?membership=nonMember")).total, 20);
        const put = await admin.put<{ subscriberIds: string[] }>(`${base}/${first.id}/members`, { subscriberIds: ["demo002", "demo001", "demo001"] });
        assert.equal(put.status, 200, put.text);
        assert.deepEqual(put.body.subscriberIds, ["demo001", "demo002"]);
        assert.deepEqual(
          (await members("?membership=member")).items.map((m) => m.subscriberId),
          ["demo001", "demo002"],
        );
        assert.equal((await members("?membership=nonMember")).total, 18);
        assert.deepEqual(
          (await members("?q=demo00&limit=3")).items.map((m) => [m.subscriberId, m.member]),
          [
            ["demo001", true],
            ["demo002", true],
            ["demo003", false],
          ],
        );
        assert.equal((await admin.get<Phonebook>(`${base}/${first.id}`)).body.memberCount, 2);
        const again = await admin.put<{ subscriberIds: string[] }>(`${base}/${first.id}/members`, { subscriberIds: ["demo003"] });
        assert.deepEqual(again.body.subscriberIds, ["demo003"]);
        assert.deepEqual(
          (await members("?membership=member")).items.map((m) => m.subscriberId),
          ["demo003"],
        );
        assert.ok(await db.selectFrom("audit_events").select("id").where("action", "=", "phonebook.members.update").executeTakeFirst());
      });

      test("an unknown number, or another enterprise's, is 404 8049; a missing phonebook 8077 — nothing stored", async () => {
        await refused(db, () => admin.put(`${base}/${first.id}/members`, { subscriberIds: ["demo001", "nobody"] }), 404, "8049");
        await refused(db, () => admin.put(`${base}/${first.id}/members`, { subscriberIds: ["oth001"] }), 404, "8049");
        await refused(db, () => admin.put(`${base}/999999/members`, { subscriberIds: [] }), 404, "8077");
        assert.equal(codeOf(await admin.get(`${base}/999999/members`)), "8077");
      });
    });

    describe("roles and tenancy", () => {
      test("end users and group admins are 403 8109 on every endpoint, and nothing is stored", async () => {
        for (const client of [endUser, groupAdmin]) {
          for (const attempt of [
            () => client.get(base),
            () => client.get(`${base}/${first.id}`),
            () => client.get(`${base}/template.csv`),
            () => send(client, "POST", base, { name: "x", file: { fileName: "a.csv", bytes: sjisCsv("山田,,,,0312345678,,,,") } }),
            () => client.put(`${base}/${first.id}`, { name: "x" }),
            () => client.delete(`${base}/${first.id}`),
            () => client.get(`${base}/${first.id}/members`),
            () => client.put(`${base}/${first.id}/members`, { subscriberIds: [] }),
          ]) {
            await refused(db, attempt, 403, "8109");
          }
        }
      });

      test("another enterprise's admin gets 404 8016 on every endpoint; its own enterprise doesn't see demo's phonebooks", async () => {
        for (const attempt of [
          () => otherAdmin.get(base),
          () => otherAdmin.get(`${base}/${first.id}`),
          () => otherAdmin.get(`${base}/template.csv`),
          () => send(otherAdmin, "POST", base, { name: "x", file: { fileName: "a.csv", bytes: sjisCsv("山田,,,,0312345678,,,,") } }),
          () => otherAdmin.put(`${base}/${first.id}`, { name: "x" }),
          () => otherAdmin.delete(`${base}/${first.id}`),
          () => otherAdmin.get(`${base}/${first.id}/members`),
          () => otherAdmin.put(`${base}/${first.id}/members`, { subscriberIds: [] }),
        ]) {
          await refused(db, attempt, 404, "8016");
        }
        assert.equal(codeOf(await otherAdmin.get(`/api/v1/enterprises/other/phonebooks/${first.id}`)), "8077");
        assert.equal((await otherAdmin.get<List<Phonebook>>("/api/v1/enterprises/other/phonebooks")).body.total, 0);
      });

      test("the operator reaches every enterprise's phonebooks", async () => {
        assert.equal((await operator.get<List<Phonebook>>(base)).body.total, 2);
        const created = await send<Detail>(operator, "POST", "/api/v1/enterprises/other/phonebooks", { name: "他社帳", file: { fileName: "o.csv", bytes: sjisCsv("他社,,,,0612345601,,,,") } });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.no, 1);
      });
    });

    describe("delete", () => {
      test("204 with its memberships; then 8077", async () => {
        const removed = await admin.delete(`${base}/${first.id}`);
        assert.equal(removed.status, 204);
        assert.equal(codeOf(await admin.get(`${base}/${first.id}`)), "8077");
        await refused(db, () => admin.delete(`${base}/${first.id}`), 404, "8077");
        assert.equal((await db.selectFrom("phonebook_members").select("subscriber_id").where("phonebook_id", "=", first.id).execute()).length, 0);
        assert.ok(await db.selectFrom("audit_events").select("id").where("action", "=", "phonebook.delete").where("target_id", "=", String(first.id)).executeTakeFirst());
      });

      test("deleting a number takes it out of the phonebooks it receives", async () => {
        const list = await admin.get<List<Phonebook>>(base);
        const id = list.body.items[0]?.id as number;
        assert.equal((await admin.put(`${base}/${id}/members`, { subscriberIds: ["demo020"] })).status, 200);
        assert.equal((await operator.delete("/api/v1/enterprises/demo/subscribers/demo020")).status, 204);
        assert.equal((await admin.get<Phonebook>(`${base}/${id}`)).body.memberCount, 0);
      });
    });
  });
}
