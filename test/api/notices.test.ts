// Operator notices: every logged-in role reads them; only operators replace the list.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hashPassword } from "../../src/services/password-hash.ts";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface Notice {
  id: number;
  title: string;
  body: string;
  publishedAt: string;
}

const minute = 60_000;
const groupAdmin = { loginId: "group-admin-1", password: "Group-Admin-2026" };

for (const dialect of dialects()) {
  describe(`notices (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    let group: Client;
    let endUser: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      const now = new Date().toISOString();
      const g = await db.insertInto("admin_groups").values({ enterprise_id: "demo", name: "Sales", created_at: now }).returning("id").executeTakeFirstOrThrow();
      await db
        .insertInto("accounts")
        .values({ enterprise_id: "demo", login_id: groupAdmin.loginId, password_hash: await hashPassword(groupAdmin.password), role: "groupAdmin", admin_group_id: g.id, memo: "", built_in: 0, version: 1, created_at: now, updated_at: now })
        .execute();
      operator = new Client(server.url);
      admin = new Client(server.url);
      group = new Client(server.url);
      endUser = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await group.login(groupAdmin.loginId, groupAdmin.password, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const everyone = () =>
      [
        ["the operator", operator],
        ["the enterprise admin", admin],
        ["a group admin", group],
        ["an end user", endUser],
      ] as const;

    test("every logged-in role reads an empty list at first", async () => {
      for (const [who, client] of everyone()) {
        const answer = await client.get<{ items: Notice[] }>("/api/v1/notices");
        assert.equal(answer.status, 200, who);
        assert.deepEqual(answer.body.items, [], who);
      }
    });

    test("not logged in: 401 8110", async () => {
      const answer = await new Client(server.url).get("/api/v1/notices");
      assert.equal(answer.status, 401);
      assert.equal(codeOf(answer), "8110");
    });

    test("the operator's PUT replaces the list, and every role sees it", async () => {
      const put = await operator.put<{ items: Notice[] }>("/api/v1/notices", {
        items: [
          { title: "メンテナンスのお知らせ", body: "4月1日 2:00〜4:00\n停止します。" },
          { title: "新機能", body: "" },
        ],
      });
      assert.equal(put.status, 200);
      assert.equal(put.body.items.length, 2);
      for (const n of put.body.items) {
        assert.ok(Number.isInteger(n.id));
        assert.ok(!Number.isNaN(Date.parse(n.publishedAt)));
      }
      for (const [who, client] of everyone()) {
        const answer = await client.get<{ items: Notice[] }>("/api/v1/notices");
        assert.equal(answer.status, 200, who);
        assert.deepEqual(answer.body.items.map((n) => n.title).sort(), ["メンテナンスのお知らせ", "新機能"].sort(), who);
        const maintenance = answer.body.items.find((n) => n.title === "メンテナンスのお知らせ");
        assert.equal(maintenance?.body, "4月1日 2:00〜4:00\n停止します。");
      }
    });

    test("a second PUT replaces, not appends; a kept notice keeps its publication time and the newest comes first", async () => {
      const first = await operator.get<{ items: Notice[] }>("/api/v1/notices");
      const kept = first.body.items.find((n) => n.title === "メンテナンスのお知らせ");
      assert.ok(kept);
      server.clock.advance(10 * minute);
      const put = await operator.put<{ items: Notice[] }>("/api/v1/notices", {
        items: [
          { title: "メンテナンスのお知らせ", body: "4月1日 2:00〜4:00\n停止します。" },
          { title: "料金改定", body: "詳細は別途。" },
        ],
      });
      assert.equal(put.status, 200);
      const answer = await endUser.get<{ items: Notice[] }>("/api/v1/notices");
      assert.deepEqual(answer.body.items.map((n) => n.title), ["料金改定", "メンテナンスのお知らせ"]);
      assert.equal(answer.body.items[1]?.publishedAt, kept.publishedAt);
      assert.ok(Date.parse(answer.body.items[0]?.publishedAt ?? "") > Date.parse(kept.publishedAt));
      const rows = await db.selectFrom("notices").select("title").execute();
      assert.equal(rows.length, 2);
    });

    for (const [who, client] of [
      ["the enterprise admin", () => admin],
      ["a group admin", () => group],
      ["an end user", () => endUser],
    ] as const) {
      test(`${who} can't PUT: 403 8109, nothing stored`, async () => {
        const before = await snapshot(db);
        const answer = await client().put("/api/v1/notices", { items: [{ title: "spoofed", body: "x" }] });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8109");
        await assertUnchanged(db, before);
      });
    }

    test("not logged in, PUT answers 401 8110, nothing stored", async () => {
      const before = await snapshot(db);
      const answer = await new Client(server.url).put("/api/v1/notices", { items: [] });
      assert.equal(answer.status, 401);
      assert.equal(codeOf(answer), "8110");
      await assertUnchanged(db, before);
    });

    const refusals: [string, unknown, string][] = [
      ["an empty title", { items: [{ title: "", body: "x" }] }, "8008"],
      ["a blank title", { items: [{ title: "   ", body: "x" }] }, "8008"],
      ["a missing title", { items: [{ body: "x" }] }, "8008"],
      ["a title with a line break", { items: [{ title: "a\nb", body: "x" }] }, "8009"],
      ["a title of 101 characters", { items: [{ title: "t".repeat(101), body: "x" }] }, "8009"],
      ["a body of 2,001 characters", { items: [{ title: "t", body: "b".repeat(2001) }] }, "8009"],
      ["a body with a control character", { items: [{ title: "t", body: "\u0007" }] }, "8009"],
      ["51 notices", { items: Array.from({ length: 51 }, (_, i) => ({ title: `n${i}`, body: "" })) }, "8009"],
      ["items that is not a list", { items: "none" }, "8009"],
      ["an empty title after a good one", { items: [{ title: "good", body: "" }, { title: "", body: "" }] }, "8008"],
    ];
    for (const [what, body, code] of refusals) {
      test(`${what} answers 400 ${code} and nothing is stored`, async () => {
        const before = await snapshot(db);
        const answer = await operator.put("/api/v1/notices", body);
        assert.equal(answer.status, 400);
        assert.equal(codeOf(answer), code);
        await assertUnchanged(db, before);
      });
    }

    test("50 notices are accepted, and an empty list clears them", async () => {
      const fifty = await operator.put<{ items: Notice[] }>("/api/v1/notices", { items: Array.from({ length: 50 }, (_, i) => ({ title: `n${i}`, body: "" })) });
      assert.equal(fifty.status, 200);
      assert.equal(fifty.body.items.length, 50);
      const cleared = await operator.put<{ items: Notice[] }>("/api/v1/notices", { items: [] });
      assert.equal(cleared.status, 200);
      assert.deepEqual(cleared.body.items, []);
      assert.deepEqual((await admin.get<{ items: Notice[] }>("/api/v1/notices")).body.items, []);
    });
  });
}
