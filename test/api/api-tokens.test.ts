// API tokens: created by operators and enterprise admins, shown once, scoped, usable without CSRF, revocable.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface ApiToken {
  id: number;
  name: string;
  role: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface Created {
  token: string;
  apiToken: ApiToken;
}

for (const dialect of dialects()) {
  describe(`api tokens (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let demoToken: Created;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: "Other-Admin-2026" })).status, 201);
    });
    after(async () => {
      await server?.close();
    });

    /** A client that authenticates with the token only: no cookie, no CSRF header. */
    const bearer = (token: string) => {
      const c = new Client(server.url);
      c.bearer = token;
      return c;
    };

    describe("created by the operator", () => {
      test("an enterpriseAdmin token for demo: 201 with the secret, once", async () => {
        const answer = await operator.post<Created>("/api/v1/api-tokens", { name: "provisioning script", role: "enterpriseAdmin", enterpriseId: "demo" });
        assert.equal(answer.status, 201);
        assert.ok(typeof answer.body.token === "string" && answer.body.token.length >= 32);
        assert.equal(answer.body.apiToken.name, "provisioning script");
        assert.equal(answer.body.apiToken.role, "enterpriseAdmin");
        assert.equal(answer.body.apiToken.enterpriseId, "demo");
        assert.equal(answer.body.apiToken.enterpriseName, "デモ株式会社");
        assert.equal(answer.body.apiToken.createdBy, "operator");
        assert.equal(answer.body.apiToken.lastUsedAt, null);
        demoToken = answer.body;
        // Only a hash is stored.
        const rows = await db.selectFrom("api_tokens").selectAll().execute();
        assert.ok(!JSON.stringify(rows).includes(demoToken.token));
      });

      test("GET /api-tokens lists it without any secret", async () => {
        const answer = await operator.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
        assert.equal(answer.status, 200);
        const listed = answer.body.items.find((t) => t.id === demoToken.apiToken.id);
        assert.ok(listed);
        assert.equal(listed.name, "provisioning script");
        assert.equal(listed.enterpriseName, "デモ株式会社", "the list names the token's enterprise");
        for (const t of answer.body.items) if (t.enterpriseId === null) assert.equal(t.enterpriseName, null, "a token of no enterprise has no enterprise name");
        assert.ok(!answer.text.includes(demoToken.token), "the token string appears nowhere in the list");
        const hash = (await db.selectFrom("api_tokens").select("token_hash").where("id", "=", demoToken.apiToken.id).executeTakeFirstOrThrow()).token_hash;
        assert.ok(!answer.text.includes(hash), "nor its hash");
        assert.ok(!/"token"\s*:/.test(answer.text));
      });

      test("the Bearer token writes demo's bulletin without a CSRF header, and reads it", async () => {
        const client = bearer(demoToken.token);
        const put = await client.put<{ text: string }>("/api/v1/enterprises/demo/bulletin", { text: "from a script" });
        assert.equal(put.status, 200);
        const stored = await db.selectFrom("enterprises").select("bulletin_text").where("id", "=", "demo").executeTakeFirstOrThrow();
        assert.equal(stored.bulletin_text, "from a script");
        const get = await client.get<{ text: string }>("/api/v1/enterprises/demo/bulletin");
        assert.equal(get.status, 200);
        assert.equal(get.body.text, "from a script");
        // No session cookie is handed out to a token client.
        assert.equal(client.cookie, undefined);
      });

      test("the last use is recorded", async () => {
        const answer = await operator.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
        const listed = answer.body.items.find((t) => t.id === demoToken.apiToken.id);
        assert.ok(listed?.lastUsedAt !== null && listed?.lastUsedAt !== undefined);
      });

      test("the token is scoped: another enterprise's bulletin answers 404 8016, operator-only routes 403 8109", async () => {
        const client = bearer(demoToken.token);
        const before = await snapshot(db);
        const other = await client.put("/api/v1/enterprises/other/bulletin", { text: "cross-tenant" });
        assert.equal(other.status, 404);
        assert.equal(codeOf(other), "8016");
        const notices = await client.put("/api/v1/notices", { items: [{ title: "from a token", body: "" }] });
        assert.equal(notices.status, 403);
        assert.equal(codeOf(notices), "8109");
        const enterprises = await client.get("/api/v1/enterprises");
        assert.equal(enterprises.status, 403);
        assert.equal(codeOf(enterprises), "8109");
        await assertUnchanged(db, before);
      });

      test("an enterpriseAdmin token needs an enterprise (8008) that exists (404 8016); nothing stored", async () => {
        const before = await snapshot(db);
        const missing = await operator.post("/api/v1/api-tokens", { name: "no enterprise", role: "enterpriseAdmin" });
        assert.equal(missing.status, 400);
        assert.equal(codeOf(missing), "8008");
        const unknown = await operator.post("/api/v1/api-tokens", { name: "unknown", role: "enterpriseAdmin", enterpriseId: "no-such-enterprise" });
        assert.equal(unknown.status, 404);
        assert.equal(codeOf(unknown), "8016");
        await assertUnchanged(db, before);
      });

      test("invalid bodies answer 400 and store nothing", async () => {
        const before = await snapshot(db);
        for (const [body, code] of [
          [{ name: "", role: "operator" }, "8008"],
          [{ name: "x", role: "root" }, "8009"],
          [{ name: "x\u0007", role: "operator" }, "8009"],
          [{ role: "operator" }, "8008"],
          [{ name: "x".repeat(65), role: "operator" }, "8009"],
        ] as const) {
          const answer = await operator.post("/api/v1/api-tokens", body);
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.equal(codeOf(answer), code, JSON.stringify(body));
        }
        await assertUnchanged(db, before);
      });
    });

    describe("created by an enterprise admin", () => {
      let own: Created;

      test("an enterpriseAdmin token of its own enterprise: 201", async () => {
        const answer = await demoAdmin.post<Created>("/api/v1/api-tokens", { name: "admin script", role: "enterpriseAdmin" });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.apiToken.enterpriseId, "demo");
        assert.equal(answer.body.apiToken.createdBy, "demo/Administrator");
        own = answer.body;
        const same = await demoAdmin.post<Created>("/api/v1/api-tokens", { name: "admin script 2", role: "enterpriseAdmin", enterpriseId: "demo" });
        assert.equal(same.status, 201);
        assert.notEqual(same.body.token, own.token);
      });

      test("a sipProxy or operator token answers 403 8109; another enterprise 404 8016; nothing stored", async () => {
        const before = await snapshot(db);
        for (const role of ["sipProxy", "operator"]) {
          const answer = await demoAdmin.post("/api/v1/api-tokens", { name: "escalate", role });
          assert.equal(answer.status, 403, role);
          assert.equal(codeOf(answer), "8109", role);
        }
        const other = await demoAdmin.post("/api/v1/api-tokens", { name: "cross-tenant", role: "enterpriseAdmin", enterpriseId: "other" });
        assert.equal(other.status, 404);
        assert.equal(codeOf(other), "8016");
        await assertUnchanged(db, before);
      });

      test("its list holds only its enterprise's tokens, without secrets", async () => {
        const sip = await operator.post<Created>("/api/v1/api-tokens", { name: "sip proxy", role: "sipProxy" });
        assert.equal(sip.status, 201);
        const answer = await demoAdmin.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
        assert.equal(answer.status, 200);
        assert.ok(answer.body.items.length >= 2);
        for (const t of answer.body.items) assert.equal(t.enterpriseId, "demo");
        assert.ok(!answer.body.items.some((t) => t.id === sip.body.apiToken.id));
        for (const secret of [own.token, demoToken.token, sip.body.token]) assert.ok(!answer.text.includes(secret));
      });

      test("it can't revoke a token outside its enterprise (404 8126)", async () => {
        const operatorsList = await operator.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
        const sip = operatorsList.body.items.find((t) => t.role === "sipProxy");
        assert.ok(sip);
        const before = await snapshot(db);
        const answer = await demoAdmin.delete(`/api/v1/api-tokens/${sip.id}`);
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8126");
        await assertUnchanged(db, before);
      });

      test("it revokes its own token: 204, and the token stops working (401 8110)", async () => {
        assert.equal((await bearer(own.token).get("/api/v1/enterprises/demo/bulletin")).status, 200);
        const answer = await demoAdmin.delete(`/api/v1/api-tokens/${own.apiToken.id}`);
        assert.equal(answer.status, 204);
        const use = await bearer(own.token).get("/api/v1/enterprises/demo/bulletin");
        assert.equal(use.status, 401);
        assert.equal(codeOf(use), "8110");
      });
    });

    describe("other roles and revocation", () => {
      test("an end user can neither create nor list tokens (403 8109)", async () => {
        const before = await snapshot(db);
        const create = await endUser.post("/api/v1/api-tokens", { name: "mine", role: "enterpriseAdmin" });
        assert.equal(create.status, 403);
        assert.equal(codeOf(create), "8109");
        const list = await endUser.get("/api/v1/api-tokens");
        assert.equal(list.status, 403);
        assert.equal(codeOf(list), "8109");
        await assertUnchanged(db, before);
      });

      test("not logged in: 401 8110", async () => {
        const anonymous = new Client(server.url);
        assert.equal(codeOf(await anonymous.get("/api/v1/api-tokens")), "8110");
        assert.equal(codeOf(await anonymous.post("/api/v1/api-tokens", { name: "anon", role: "operator" })), "8110");
      });

      test("a sipProxy token reads no enterprise data", async () => {
        const sip = await operator.post<Created>("/api/v1/api-tokens", { name: "sip proxy 2", role: "sipProxy" });
        assert.equal(sip.status, 201);
        const read = await bearer(sip.body.token).get<{ text?: string }>("/api/v1/enterprises/demo/bulletin");
        assert.ok(read.status === 403 || read.status === 404, String(read.status));
        assert.equal(read.body.text, undefined);
      });

      test("the operator revokes: 204, later use 401 8110, a second revoke 404 8126", async () => {
        const answer = await operator.delete(`/api/v1/api-tokens/${demoToken.apiToken.id}`);
        assert.equal(answer.status, 204);
        const before = await snapshot(db);
        const use = await bearer(demoToken.token).put("/api/v1/enterprises/demo/bulletin", { text: "after revoke" });
        assert.equal(use.status, 401);
        assert.equal(codeOf(use), "8110");
        await assertUnchanged(db, before);
        const again = await operator.delete(`/api/v1/api-tokens/${demoToken.apiToken.id}`);
        assert.equal(again.status, 404);
        assert.equal(codeOf(again), "8126");
        const list = await operator.get<{ items: ApiToken[] }>("/api/v1/api-tokens");
        assert.ok(!list.body.items.some((t) => t.id === demoToken.apiToken.id));
      });

      test("a garbage Bearer answers 401 8110, even on a route that needs no login", async () => {
        for (const token of ["garbage", "cx_garbage", `${demoToken.token.slice(0, -1)}A`, "x".repeat(500)]) {
          const answer = await bearer(token).get("/api/v1/enterprises/demo/bulletin");
          assert.equal(answer.status, 401, token);
          assert.equal(codeOf(answer), "8110", token);
        }
        const notices = await bearer("garbage").get("/api/v1/notices");
        assert.equal(codeOf(notices), "8110");
      });

      test("a bad token id in the path answers 400 8009", async () => {
        for (const id of ["abc", "0", "-1", "99999999999"]) {
          const answer = await operator.delete(`/api/v1/api-tokens/${id}`);
          assert.equal(answer.status, 400, id);
          assert.equal(codeOf(answer), "8009", id);
        }
      });
    });
  });
}
