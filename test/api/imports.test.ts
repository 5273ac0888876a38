// Bulk registration (一括登録, features.md §13) over HTTP on both databases: multipart upload, the preview
// (追加 / 変更 / 変更なし / 競合), apply in one transaction with memberships seen through the group APIs, the same
// file twice (8062), a stored file changed (8073), delete (8075), a failing apply that changes nothing, the
// templates, roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf, type Answer } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused, snapshot, type Snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface LineError {
  line: number | null;
  code: string;
  message: string;
  field?: string;
}

interface ImportAnswer {
  id: number;
  kind: string;
  fileName: string;
  status: string;
  rows: number;
  errors: LineError[];
  sha256: string;
  uploadedAt: string;
  appliedAt: string | null;
  summary: { add: number; change: number; unchanged: number; conflict: number };
}

interface PreviewLine {
  line: number;
  subscriberId: string;
  action: "add" | "change" | "unchanged" | "conflict";
  before: { group: string | null; extension?: string | null; order?: number | null };
  after: { group: string | null; extension?: string | null; order?: number | null };
  errors: LineError[];
}

interface ImportDetail extends ImportAnswer {
  fileIntact: boolean;
  preview: { total: number; offset: number; limit: number; items: PreviewLine[] };
}

interface ErrorBody {
  error: { code: string; message: string; details?: { errors?: LineError[]; errorCount?: number } };
}

interface List<T> {
  total: number;
  items: T[];
}

const base = "/api/v1/enterprises/demo/imports";
const otherPassword = "Other-Admin-2026";
const groupAdminPassword = "Group-Admin-2026";

const sjis = (text: string) => iconv.encode(text, "cp932");
const q = (...fields: string[]) => fields.map((f) => `"${f}"`).join(",");
const file = (kind: "VPN" | "HUNT" | "PICKUP", ...lines: string[][]) => {
  const header = { VPN: ["加入者ID", "内線グループ名", "内線番号"], HUNT: ["加入者ID", "代表グループ名", "着信順序"], PICKUP: ["加入者ID", "ピックアップグループ名"] }[kind];
  return sjis([q(kind), q(...header), ...lines.map((l) => q(...l))].map((l) => `${l}\r\n`).join(""));
};

/** A multipart request as a browser sends it (FormData + Blob), with the client's cookie and CSRF token. */
async function upload<T>(client: Client, path: string, fileName: string | undefined, bytes: Uint8Array, method = "POST"): Promise<Answer<T>> {
  const form = new FormData();
  if (fileName !== undefined) form.append("file", new Blob([bytes]), fileName);
  const headers: Record<string, string> = {};
  if (client.cookie !== undefined) headers.cookie = client.cookie;
  if (client.csrfToken !== undefined) headers["x-csrf-token"] = client.csrfToken;
  const response = await fetch(`${client.baseUrl}${path}`, { method, headers, body: form });
  const text = await response.text();
  const body = (response.headers.get("content-type") ?? "").includes("json") && text !== "" ? (JSON.parse(text) as T) : (text as T);
  return { status: response.status, headers: response.headers, body, text };
}

for (const dialect of dialects()) {
  describe(`bulk registration (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    let endUser: Client;
    let groupAdmin: Client;
    let otherAdmin: Client;
    const ids = { main: 0, branch: 0, huntA: 0, huntB: 0, reception: 0, sales: 0 };

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

      const created = async (path: string, body: object) => {
        const answer = await admin.post<{ id: number }>(`/api/v1/enterprises/demo/${path}`, body);
        assert.equal(answer.status, 201, answer.text);
        return answer.body.id;
      };
      ids.main = await created("extension-groups", { name: "本社", siteNumber: "1" });
      ids.branch = await created("extension-groups", { name: "支店", siteNumber: "2" });
      ids.huntA = await created("hunt-groups", { name: "代表A", pilotSubscriberId: "demo001", distribution: "sequential", slideTimerSec: 20 });
      ids.huntB = await created("hunt-groups", { name: "同報B", pilotSubscriberId: "demo002", distribution: "simultaneous", slideTimerSec: 20 });
      ids.reception = await created("pickup-groups", { name: "受付", number: "11" });
      ids.sales = await created("pickup-groups", { name: "営業", number: "12" });
      const put = async (path: string, body: unknown) => assert.equal((await admin.put(`/api/v1/enterprises/demo/${path}`, body)).status, 200);
      await put(`extension-groups/${ids.main}/members`, [
        { subscriberId: "demo003", extension: "1003" },
        { subscriberId: "demo004", extension: "1004" },
      ]);
      await put(`extension-groups/${ids.branch}/members`, [{ subscriberId: "demo008", extension: "2008" }]);
      await put(`pickup-groups/${ids.reception}/members`, { subscriberIds: ["demo005"] });
      await put(`hunt-groups/${ids.huntA}/members`, [{ subscriberId: "demo009", order: 1 }]);
    });
    after(async () => {
      await server?.close();
    });

    const uploaded = async (name: string, bytes: Uint8Array) => {
      const answer = await upload<ImportAnswer>(admin, base, name, bytes);
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };
    const preview = async (id: number, query = "") => {
      const answer = await admin.get<ImportDetail>(`${base}/${id}${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };
    const apply = (id: number, client = admin) => client.post<ImportAnswer & ErrorBody>(`${base}/${id}/apply`);
    const extensionMembers = async (groupId: number) =>
      (await admin.get<List<{ subscriberId: string; extension: string }>>(`/api/v1/enterprises/demo/extension-groups/${groupId}/members?membership=member`)).body.items.map((m) => [m.subscriberId, m.extension]);
    const huntMembers = async (groupId: number) =>
      (await admin.get<List<{ subscriberId: string; order: number }>>(`/api/v1/enterprises/demo/hunt-groups/${groupId}/members?membership=member&sort=order`)).body.items.map((m) => [m.subscriberId, m.order]);
    const pickupMembers = async (groupId: number) =>
      (await admin.get<List<{ subscriberId: string }>>(`/api/v1/enterprises/demo/pickup-groups/${groupId}/members?membership=member`)).body.items.map((m) => m.subscriberId);
    /** Every table but the uploads and the audit trail: the data a failing apply must leave alone. */
    const dataSnapshot = async (): Promise<Snapshot> => {
      const all = await snapshot(db);
      delete all.imports;
      delete all.audit_events;
      return all;
    };

    describe("VPN: upload → preview → apply", () => {
      let id: number;
      const vpn = file("VPN", ["demo003", "本社", "1003"], ["demo004", "本社", "1104"], ["demo006", "支店", "2006"], ["demo007", "", ""], ["demo008", "", ""]);

      test("upload answers 201 {id, kind, fileName, status uploaded, rows, errors: []}; stored with its SHA-256 and audited", async () => {
        const answer = await uploaded("内線一括.csv", vpn);
        id = answer.id;
        assert.equal(answer.kind, "VPN");
        assert.equal(answer.fileName, "内線一括.csv");
        assert.equal(answer.status, "uploaded");
        assert.equal(answer.rows, 5);
        assert.deepEqual(answer.errors, []);
        assert.deepEqual(answer.summary, { add: 1, change: 2, unchanged: 2, conflict: 0 });
        const row = await db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
        assert.equal(Buffer.from(row.content).equals(vpn), true);
        assert.match(row.sha256, /^[0-9a-f]{64}$/);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "import.create").where("target_id", "=", String(id)).executeTakeFirst();
        assert.equal(event?.actor_id, "demo/Administrator");
      });

      test("nothing changes before apply; the preview says per line 追加 / 変更 (old → new) / 変更なし", async () => {
        assert.deepEqual(await extensionMembers(ids.main), [
          ["demo003", "1003"],
          ["demo004", "1004"],
        ]);
        const detail = await preview(id);
        assert.equal(detail.fileIntact, true);
        assert.equal(detail.preview.total, 5);
        assert.deepEqual(
          detail.preview.items.map((l) => [l.line, l.subscriberId, l.action, l.before, l.after]),
          [
            [3, "demo003", "unchanged", { group: "本社", extension: "1003" }, { group: "本社", extension: "1003" }],
            [4, "demo004", "change", { group: "本社", extension: "1004" }, { group: "本社", extension: "1104" }],
            [5, "demo006", "add", { group: null, extension: null }, { group: "支店", extension: "2006" }],
            [6, "demo007", "unchanged", { group: null, extension: null }, { group: null, extension: null }],
            [7, "demo008", "change", { group: "支店", extension: "2008" }, { group: null, extension: null }],
          ],
        );
        const changes = await preview(id, "?action=change&limit=1&offset=1");
        assert.equal(changes.preview.total, 2);
        assert.deepEqual(
          changes.preview.items.map((l) => l.subscriberId),
          ["demo008"],
        );
      });

      test("apply: status applied (投入完了); the memberships are visible through the extension-group API", async () => {
        const answer = await apply(id);
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.body.status, "applied");
        assert.ok(answer.body.appliedAt !== null);
        assert.deepEqual(await extensionMembers(ids.main), [
          ["demo003", "1003"],
          ["demo004", "1104"],
        ]);
        assert.deepEqual(await extensionMembers(ids.branch), [["demo006", "2006"]]);
        const removed = await admin.get<{ extension: string; extensionGroup: unknown }>("/api/v1/enterprises/demo/subscribers/demo008");
        assert.equal(removed.body.extension, "");
        assert.equal(removed.body.extensionGroup, null);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "import.apply").where("target_id", "=", String(id)).executeTakeFirstOrThrow();
        assert.match(event.after ?? "", /demo004/);
        assert.equal((await preview(id)).summary.unchanged, 5);
      });

      test("applying an applied upload again is 409 8111", async () => {
        await refused(db, () => apply(id), 409, "8111");
      });

      test("the same file again is 409 8062 while the first is kept, and nothing is stored", async () => {
        await refused(db, () => upload(admin, base, "again.csv", vpn), 409, "8062");
      });

      test("the list shows the uploads, newest first, with their status", async () => {
        const list = await admin.get<List<ImportAnswer>>(base);
        assert.equal(list.status, 200);
        assert.ok(list.body.items.some((i) => i.id === id && i.status === "applied"));
        const applied = await admin.get<List<ImportAnswer>>(`${base}?status=applied`);
        assert.ok(applied.body.items.every((i) => i.status === "applied"));
      });
    });

    describe("HUNT and PICKUP", () => {
      test("HUNT: members and orders, visible through the hunt-group API", async () => {
        const answer = await uploaded("hunt.csv", file("HUNT", ["demo010", "代表A", "2"], ["demo011", "代表A", "3"], ["demo009", "代表A", "1"]));
        const detail = await preview(answer.id);
        assert.deepEqual(
          detail.preview.items.map((l) => [l.subscriberId, l.action]),
          [
            ["demo010", "add"],
            ["demo011", "add"],
            ["demo009", "unchanged"],
          ],
        );
        assert.equal((await apply(answer.id)).status, 200);
        assert.deepEqual(await huntMembers(ids.huntA), [
          ["demo009", 1],
          ["demo010", 2],
          ["demo011", 3],
        ]);
      });

      test("PICKUP: a number in another group moves (変更); a new one joins (追加)", async () => {
        const answer = await uploaded("pickup.csv", file("PICKUP", ["demo005", "営業"], ["demo012", "受付"]));
        const detail = await preview(answer.id);
        assert.deepEqual(
          detail.preview.items.map((l) => [l.subscriberId, l.action, l.before.group, l.after.group]),
          [
            ["demo005", "change", "受付", "営業"],
            ["demo012", "add", null, "受付"],
          ],
        );
        assert.equal((await apply(answer.id)).status, 200);
        assert.deepEqual(await pickupMembers(ids.sales), ["demo005"]);
        assert.deepEqual(await pickupMembers(ids.reception), ["demo012"]);
      });
    });

    describe("a file with errors is refused with every error, nothing stored", () => {
      const refusedWith = async (name: string, bytes: Uint8Array, status: number, code: string, expected: [number | null, string][]) => {
        let body: ErrorBody | undefined;
        await refused(
          db,
          async () => {
            const answer = await upload<ErrorBody>(admin, base, name, bytes);
            body = answer.body;
            return answer;
          },
          status,
          code,
        );
        assert.deepEqual(
          body?.error.details?.errors?.map((e) => [e.line, e.code]),
          expected,
        );
      };

      test("unknown subscriber (8072), another enterprise's too; unknown groups (8051 / 8053 / 8048)", async () => {
        await refusedWith("u.csv", file("VPN", ["demo013", "本社", "1013"], ["nobody", "本社", "1099"], ["oth001", "本社", "1098"], ["demo014", "東京", "1014"]), 400, "8072", [
          [4, "8072"],
          [5, "8072"],
          [6, "8051"],
        ]);
        await refusedWith("h.csv", file("HUNT", ["demo013", "代表Z", "1"]), 400, "8053", [[3, "8053"]]);
        await refusedWith("p.csv", file("PICKUP", ["demo013", "経理"]), 400, "8048", [[3, "8048"]]);
      });

      test("a duplicate extension in the group (8052), against the data and within the file", async () => {
        await refusedWith("d.csv", file("VPN", ["demo013", "本社", "1003"], ["demo014", "本社", "1500"], ["demo015", "本社", "1500"]), 400, "8052", [
          [3, "8052"],
          [5, "8052"],
        ]);
      });

      test("hunt rules: another hunt group (8022), duplicate member (8031) and order (8032), at most 5 for 同報 (8084)", async () => {
        await refusedWith("h.csv", file("HUNT", ["demo010", "同報B", "1"], ["demo013", "代表A", "1"], ["demo014", "代表A", "7"], ["demo014", "代表A", "8"]), 400, "8022", [
          [3, "8022"],
          [4, "8032"],
          [6, "8031"],
        ]);
        const six = ["demo013", "demo014", "demo015", "demo016", "demo017", "demo018"].map((s, i) => [s, "同報B", String(i + 1)]);
        await refusedWith("h6.csv", file("HUNT", ...six), 400, "8084", [[8, "8084"]]);
      });

      test("file format errors pass through with their lines: UTF-8 (8061), LF (8058), tabs (8079), quotes (8080), field count (8069), PICKUP (8071), extension (8056)", async () => {
        await refusedWith("utf8.csv", Buffer.from(`${q("PICKUP")}\r\n${q("加入者ID", "ピックアップグループ名")}\r\n${q("demo013", "受付")}\r\n`), 400, "8061", [
          [2, "8061"],
          [3, "8061"],
        ]);
        await refusedWith("lf.csv", sjis(`${q("PICKUP")}\n${q("加入者ID", "ピックアップグループ名")}\n${q("demo013", "受付")}\n`), 400, "8058", [
          [1, "8058"],
          [2, "8058"],
          [3, "8058"],
        ]);
        await refusedWith("tab.csv", sjis(`${q("PICKUP")}\r\n"加入者ID"\t"ピックアップグループ名"\r\n"demo013"\t"受付"\r\n`), 400, "8079", [
          [2, "8079"],
          [3, "8079"],
        ]);
        await refusedWith("n.csv", sjis(`${q("PICKUP")}\r\n${q("加入者ID", "ピックアップグループ名")}\r\ndemo013,"受付"\r\n${q("demo014")}\r\n${q("demo015", "受付", "x")}\r\n`), 400, "8080", [
          [3, "8080"],
          [4, "8071"],
          [5, "8069"],
        ]);
        await refusedWith("list.txt", file("PICKUP", ["demo013", "受付"]), 400, "8056", [[null, "8056"]]);
      });

      test("over 5 MB is 413 8123 before it is read", async () => {
        await refused(db, () => upload(admin, base, "big.csv", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)), 413, "8123");
      });

      test("a second file in the form is 413 8123", async () => {
        await refused(
          db,
          async () => {
            const form = new FormData();
            form.append("file", new Blob([file("PICKUP", ["demo013", "受付"])]), "a.csv");
            form.append("file", new Blob([file("PICKUP", ["demo014", "受付"])]), "b.csv");
            const response = await fetch(`${server.url}${base}`, { method: "POST", headers: { cookie: admin.cookie ?? "", "x-csrf-token": admin.csrfToken ?? "" }, body: form });
            return { status: response.status, body: (await response.json()) as unknown };
          },
          413,
          "8123",
        );
      });

      test("no file is 400 8068, as is a JSON body", async () => {
        await refused(db, () => upload(admin, base, undefined, new Uint8Array()), 400, "8068");
        await refused(db, () => admin.post(base, { file: "x" }), 400, "8068");
      });
    });

    describe("the stored file and the current data are checked again at apply", () => {
      test("a stored file changed after upload: 409 8073, no data changed, the upload marked failed", async () => {
        const answer = await uploaded("tamper.csv", file("PICKUP", ["demo016", "受付"]));
        await db.updateTable("imports").set({ content: file("PICKUP", ["demo017", "受付"]) }).where("id", "=", answer.id).execute();
        assert.equal((await preview(answer.id)).fileIntact, false);
        const before = await dataSnapshot();
        const refusal = await apply(answer.id);
        assert.equal(refusal.status, 409, refusal.text);
        assert.equal(codeOf(refusal), "8073");
        assert.deepEqual(await dataSnapshot(), before);
        const detail = await preview(answer.id);
        assert.equal(detail.status, "failed");
        assert.deepEqual(
          detail.errors.map((e) => e.code),
          ["8073"],
        );
      });

      test("a failing apply changes nothing: a line the data now contradicts (競合) refuses the whole file, 409 with every error", async () => {
        // Two lines: the first would apply on its own; the second conflicts once demo014 is put in another hunt group.
        const answer = await uploaded("conflict.csv", file("HUNT", ["demo013", "代表A", "5"], ["demo014", "代表A", "6"]));
        assert.equal((await admin.put(`/api/v1/enterprises/demo/hunt-groups/${ids.huntB}/members`, [{ subscriberId: "demo014", order: 1 }])).status, 200);
        const detail = await preview(answer.id);
        assert.deepEqual(
          detail.preview.items.map((l) => [l.subscriberId, l.action, l.errors.map((e) => e.code)]),
          [
            ["demo013", "add", []],
            ["demo014", "conflict", ["8022"]],
          ],
        );
        const before = await dataSnapshot();
        const membersBefore = await huntMembers(ids.huntA);
        const refusal = await apply(answer.id);
        assert.equal(refusal.status, 409, refusal.text);
        assert.equal(codeOf(refusal), "8022");
        assert.deepEqual(
          refusal.body.error.details?.errors?.map((e) => [e.line, e.code]),
          [[4, "8022"]],
        );
        assert.deepEqual(await dataSnapshot(), before);
        assert.deepEqual(await huntMembers(ids.huntA), membersBefore);
        const failed = await preview(answer.id);
        assert.equal(failed.status, "failed");
        assert.deepEqual(
          failed.errors.map((e) => [e.line, e.code]),
          [[4, "8022"]],
        );
        // Once the data allows it again, the same upload applies.
        assert.equal((await admin.put(`/api/v1/enterprises/demo/hunt-groups/${ids.huntB}/members`, [])).status, 200);
        const applied = await apply(answer.id);
        assert.equal(applied.status, 200, applied.text);
        assert.deepEqual((await huntMembers(ids.huntA)).slice(-2), [
          ["demo013", 5],
          ["demo014", 6],
        ]);
      });

      test("an extension taken after upload (8052) is a conflict at apply", async () => {
        const answer = await uploaded("ext.csv", file("VPN", ["demo015", "本社", "1777"]));
        assert.equal((await admin.put(`/api/v1/enterprises/demo/extension-groups/${ids.main}/members`, [{ subscriberId: "demo003", extension: "1003" }, { subscriberId: "demo004", extension: "1104" }, { subscriberId: "demo016", extension: "1777" }])).status, 200);
        const before = await dataSnapshot();
        const refusal = await apply(answer.id);
        assert.equal(refusal.status, 409);
        assert.equal(codeOf(refusal), "8052");
        assert.deepEqual(await dataSnapshot(), before);
      });
    });

    describe("delete", () => {
      test("204, then it is gone (GET 8077, DELETE 8075) and the same file may be uploaded again", async () => {
        const bytes = file("PICKUP", ["demo018", "受付"]);
        const answer = await uploaded("del.csv", bytes);
        const removed = await admin.delete(`${base}/${answer.id}`);
        assert.equal(removed.status, 204);
        assert.equal(codeOf(await admin.get(`${base}/${answer.id}`)), "8077");
        await refused(db, () => admin.delete(`${base}/${answer.id}`), 404, "8075");
        await refused(db, () => apply(answer.id), 404, "8077");
        const again = await uploaded("del.csv", bytes);
        assert.notEqual(again.id, answer.id);
        assert.ok(await db.selectFrom("audit_events").select("id").where("action", "=", "import.delete").where("target_id", "=", String(answer.id)).executeTakeFirst());
      });
    });

    describe("templates", () => {
      for (const kind of ["VPN", "HUNT", "PICKUP"] as const) {
        test(`${kind}: a Shift_JIS CSV, CRLF, quoted: the kind, the header and one example; it uploads as a valid file`, async () => {
          const response = await fetch(`${server.url}${base}/template.csv?kind=${kind}`, { headers: { cookie: admin.cookie ?? "" } });
          assert.equal(response.status, 200);
          assert.match(response.headers.get("content-type") ?? "", /text\/csv; charset=Shift_JIS/i);
          assert.match(response.headers.get("content-disposition") ?? "", /attachment/);
          const bytes = Buffer.from(await response.arrayBuffer());
          const lines = iconv.decode(bytes, "cp932").split("\r\n");
          assert.equal(lines[0], `"${kind}"`);
          assert.ok(lines[1]?.startsWith('"加入者ID",'));
          assert.equal(lines.length, 4);
          assert.equal(lines[3], "");
          // Structurally valid: the only errors are about the data, on the example line (its subscriber and group
          // are examples this enterprise doesn't have; it has a 本社).
          const answer = await upload<ErrorBody>(admin, base, `template-${kind}.csv`, bytes);
          assert.equal(answer.status, 400);
          assert.deepEqual(
            answer.body.error.details?.errors?.map((e) => [e.line, e.code]),
            { VPN: [[3, "8072"]], HUNT: [[3, "8072"], [3, "8053"]], PICKUP: [[3, "8072"], [3, "8048"]] }[kind],
          );
        });
      }

      test("a missing or unknown kind is 400", async () => {
        assert.equal((await admin.get(`${base}/template.csv`)).status, 400);
        assert.equal((await admin.get(`${base}/template.csv?kind=FOO`)).status, 400);
      });
    });

    describe("roles and tenancy", () => {
      test("end users and group admins are 403 8109 on every endpoint, and nothing is stored", async () => {
        const bytes = file("PICKUP", ["demo019", "受付"]);
        const id = (await uploaded("roles.csv", bytes)).id;
        for (const client of [endUser, groupAdmin]) {
          for (const attempt of [
            () => client.get(base),
            () => client.get(`${base}/${id}`),
            () => client.get(`${base}/template.csv?kind=VPN`),
            () => upload(client, base, "r.csv", file("PICKUP", ["demo020", "受付"])),
            () => apply(id, client),
            () => client.delete(`${base}/${id}`),
          ]) {
            await refused(db, attempt, 403, "8109");
          }
        }
      });

      test("another enterprise's admin gets 404 8016 on every endpoint, and nothing is stored", async () => {
        const id = (await db.selectFrom("imports").select("id").where("enterprise_id", "=", "demo").executeTakeFirstOrThrow()).id;
        for (const attempt of [
          () => otherAdmin.get(base),
          () => otherAdmin.get(`${base}/${id}`),
          () => otherAdmin.get(`${base}/template.csv?kind=VPN`),
          () => upload(otherAdmin, base, "r.csv", file("PICKUP", ["demo020", "受付"])),
          () => apply(id, otherAdmin),
          () => otherAdmin.delete(`${base}/${id}`),
        ]) {
          await refused(db, attempt, 404, "8016");
        }
        // Its own enterprise's uploads don't see demo's.
        assert.equal(codeOf(await otherAdmin.get(`/api/v1/enterprises/other/imports/${id}`)), "8077");
      });

      test("the operator reaches every enterprise's uploads", async () => {
        const answer = await upload<ImportAnswer>(operator, "/api/v1/enterprises/other/imports", "op.csv", file("PICKUP", ["oth001", "なし"]));
        assert.equal(answer.status, 400);
        assert.equal(codeOf(answer), "8048");
        assert.equal((await operator.get(base)).status, 200);
      });

      test("without a login: 401 8110", async () => {
        assert.equal(codeOf(await new Client(server.url).get(base)), "8110");
      });
    });
  });
}
