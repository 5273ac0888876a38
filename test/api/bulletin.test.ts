// The enterprise bulletin: who reads it, who writes it, its rules, CSRF on writes, and tenant isolation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hashPassword } from "../../src/services/password-hash.ts";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const groupAdmin = { loginId: "group-admin-1", password: "Group-Admin-2026" };

/** A group administrator of demo (there is no accounts endpoint yet, so it goes straight into the store). */
async function createGroupAdmin(db: Db): Promise<void> {
  const now = new Date().toISOString();
  const group = await db.insertInto("admin_groups").values({ enterprise_id: "demo", name: "Sales", created_at: now }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("admin_group_members").values({ admin_group_id: group.id, subscriber_id: "demo003" }).execute();
  await db
    .insertInto("accounts")
    .values({
      enterprise_id: "demo",
      login_id: groupAdmin.loginId,
      password_hash: await hashPassword(groupAdmin.password),
      role: "groupAdmin",
      admin_group_id: group.id,
      memo: "",
      built_in: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

for (const dialect of dialects()) {
  describe(`bulletin (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let admin: Client;
    let endUser: Client;
    let group: Client;
    let operator: Client;
    let otherAdmin: Client;
    let anonymous: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      await createGroupAdmin(db);
      admin = new Client(server.url);
      endUser = new Client(server.url);
      group = new Client(server.url);
      operator = new Client(server.url);
      otherAdmin = new Client(server.url);
      anonymous = new Client(server.url);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await group.login(groupAdmin.loginId, groupAdmin.password, "demo")).status, 200);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      const created = await operator.post("/api/v1/enterprises", { id: "other", name: "Other Inc.", administratorPassword: "Other-Admin-2026" });
      assert.equal(created.status, 201);
      assert.equal((await otherAdmin.login("Administrator", "Other-Admin-2026", "other")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const storedText = async (enterpriseId = "demo") =>
      (await db.selectFrom("enterprises").select("bulletin_text").where("id", "=", enterpriseId).executeTakeFirstOrThrow()).bulletin_text;

    describe("the enterprise admin", () => {
      test("reads an empty bulletin at first", async () => {
        const answer = await admin.get<{ text: string; updatedAt: string | null }>("/api/v1/enterprises/demo/bulletin");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.text, "");
        assert.equal(answer.body.updatedAt, null);
      });

      test("writes plain text with line breaks and reads it back", async () => {
        const text = "本日は17時で閉館します。\n<b>markup is kept as typed</b>\r\n\tindented";
        const put = await admin.put<{ text: string; updatedAt: string }>("/api/v1/enterprises/demo/bulletin", { text });
        assert.equal(put.status, 200);
        assert.equal(put.body.text, text);
        assert.ok(!Number.isNaN(Date.parse(put.body.updatedAt)));
        const get = await admin.get<{ text: string; updatedAt: string }>("/api/v1/enterprises/demo/bulletin");
        assert.equal(get.body.text, text);
        assert.equal(get.body.updatedAt, put.body.updatedAt);
        assert.equal(await storedText(), text);
      });

      test("2,000 characters are accepted (full-width too)", async () => {
        const text = "掲".repeat(2000);
        const put = await admin.put("/api/v1/enterprises/demo/bulletin", { text });
        assert.equal(put.status, 200);
        assert.equal(await storedText(), text);
      });

      test("2,001 characters answer 400 8009 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "a".repeat(2001) });
        assert.equal(answer.status, 400);
        assert.equal(codeOf(answer), "8009");
        await assertUnchanged(db, before);
      });

      test("control characters answer 400 8009 and nothing is stored", async () => {
        const before = await snapshot(db);
        for (const text of ["bell \u0007", "nul \u0000 inside", "escape \u001b[31m", "del \u007f", "c1 \u0085"]) {
          const answer = await admin.put("/api/v1/enterprises/demo/bulletin", { text });
          assert.equal(answer.status, 400, JSON.stringify(text));
          assert.equal(codeOf(answer), "8009", JSON.stringify(text));
        }
        await assertUnchanged(db, before);
      });

      test("text that is not valid Unicode (a lone surrogate) is refused with 8009, or stored exactly as answered", async () => {
        const before = await snapshot(db);
        const answer = await admin.put<{ text: string }>("/api/v1/enterprises/demo/bulletin", '{"text":"before\\ud800after"}');
        if (answer.status === 400) {
          assert.equal(codeOf(answer), "8009");
          await assertUnchanged(db, before);
        } else {
          assert.equal(answer.status, 200);
          const reread = await admin.get<{ text: string }>("/api/v1/enterprises/demo/bulletin");
          assert.equal(reread.body.text, answer.body.text, "the saved text differs from the text the save answered with");
        }
      });

      test("a missing or non-string text answers 400 and nothing is stored", async () => {
        const before = await snapshot(db);
        for (const body of [{}, { text: 5 }, { text: null }, { text: ["a"] }]) {
          const answer = await admin.put("/api/v1/enterprises/demo/bulletin", body);
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.ok(["8008", "8009"].includes(codeOf(answer) ?? ""), JSON.stringify(body));
        }
        await assertUnchanged(db, before);
      });

      test("an empty text clears the bulletin", async () => {
        const put = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "" });
        assert.equal(put.status, 200);
        assert.equal(await storedText(), "");
      });
    });

    describe("other roles of the enterprise", () => {
      const published = "全員にお知らせ";

      before(async () => {
        assert.equal((await admin.put("/api/v1/enterprises/demo/bulletin", { text: published })).status, 200);
      });

      for (const [who, client] of [
        ["an end user", () => endUser],
        ["a group admin", () => group],
        ["the operator", () => operator],
      ] as const) {
        test(`${who} reads it`, async () => {
          const answer = await client().get<{ text: string }>("/api/v1/enterprises/demo/bulletin");
          assert.equal(answer.status, 200);
          assert.equal(answer.body.text, published);
        });

        test(`${who} can't write it: 403 8109, nothing stored`, async () => {
          const before = await snapshot(db);
          const answer = await client().put("/api/v1/enterprises/demo/bulletin", { text: "defaced" });
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8109");
          await assertUnchanged(db, before);
        });
      }
    });

    describe("another enterprise's admin", () => {
      test("gets 404 8016 for demo's bulletin, read or write, and nothing is stored", async () => {
        const before = await snapshot(db);
        const get = await otherAdmin.get("/api/v1/enterprises/demo/bulletin");
        assert.equal(get.status, 404);
        assert.equal(codeOf(get), "8016");
        assert.ok(!get.text.includes("全員にお知らせ"));
        const put = await otherAdmin.put("/api/v1/enterprises/demo/bulletin", { text: "defaced" });
        assert.equal(put.status, 404);
        assert.equal(codeOf(put), "8016");
        await assertUnchanged(db, before);
      });

      test("the answer for demo is the same as for an enterprise that doesn't exist", async () => {
        const demo = await otherAdmin.get("/api/v1/enterprises/demo/bulletin");
        const missing = await otherAdmin.get("/api/v1/enterprises/no-such-enterprise/bulletin");
        assert.equal(missing.status, 404);
        assert.equal(missing.text, demo.text);
      });

      test("writes its own bulletin, which demo's users don't see", async () => {
        const put = await otherAdmin.put("/api/v1/enterprises/other/bulletin", { text: "other only" });
        assert.equal(put.status, 200);
        assert.equal(await storedText("other"), "other only");
        assert.notEqual(await storedText("demo"), "other only");
        const endUsers = await endUser.get("/api/v1/enterprises/other/bulletin");
        assert.equal(endUsers.status, 404);
        assert.equal(codeOf(endUsers), "8016");
      });
    });

    test("the operator gets 404 8016 for an enterprise that doesn't exist", async () => {
      const answer = await operator.get("/api/v1/enterprises/no-such-enterprise/bulletin");
      assert.equal(answer.status, 404);
      assert.equal(codeOf(answer), "8016");
    });

    test("not logged in: 401 8110 for read and write, nothing stored", async () => {
      const before = await snapshot(db);
      const get = await anonymous.get("/api/v1/enterprises/demo/bulletin");
      assert.equal(get.status, 401);
      assert.equal(codeOf(get), "8110");
      const put = await anonymous.put("/api/v1/enterprises/demo/bulletin", { text: "anonymous" });
      assert.equal(put.status, 401);
      assert.equal(codeOf(put), "8110");
      await assertUnchanged(db, before);
    });

    describe("CSRF", () => {
      test("a write with the cookie but without X-CSRF-Token answers 403 8109 and nothing is stored", async () => {
        const bare = new Client(server.url);
        bare.cookie = admin.cookie;
        const before = await snapshot(db);
        const answer = await bare.put("/api/v1/enterprises/demo/bulletin", { text: "forged" });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8109");
        await assertUnchanged(db, before);
      });

      test("a wrong, empty or another session's token answers 403 8109 and nothing is stored", async () => {
        const before = await snapshot(db);
        for (const token of ["wrong-token", "", `${admin.csrfToken ?? ""}x`, endUser.csrfToken ?? "", (admin.csrfToken ?? "").toUpperCase()]) {
          const answer = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "forged" }, { "x-csrf-token": token });
          assert.equal(answer.status, 403, JSON.stringify(token));
          assert.equal(codeOf(answer), "8109", JSON.stringify(token));
        }
        await assertUnchanged(db, before);
      });

      test("the same write with the token goes through", async () => {
        const answer = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "with token" });
        assert.equal(answer.status, 200);
        assert.equal(await storedText(), "with token");
      });

      test("the token stays the same for the whole session (GET /session gives it back)", async () => {
        const me = await admin.get<{ csrfToken: string }>("/api/v1/session");
        assert.equal(me.body.csrfToken, admin.csrfToken);
      });
    });
  });
}
