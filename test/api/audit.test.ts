// The audit log (操作履歴): what each change leaves behind, the filters, newest first, secrets redacted, who may read it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface AuditEvent {
  id: number;
  at: string;
  enterpriseId: string | null;
  actor: { role: string; id: string };
  action: string;
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  ip: string;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

const otherPassword = "Other-Admin-2026";
const accountPassword = "Audit-Account-2026";

for (const dialect of dialects()) {
  describe(`audit log (${dialect})`, () => {
    let server: TestServer;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let otherAdmin: Client;
    let groupAdmin: Client;
    let groupId: number;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      otherAdmin = new Client(server.url);
      groupAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: otherPassword })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);

      // A few changes a minute apart, so the time filters have something to separate.
      server.clock.advance(60_000);
      groupId = (await demoAdmin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "監査テスト" })).body.id;
      server.clock.advance(60_000);
      assert.equal((await demoAdmin.put(`/api/v1/enterprises/demo/admin-groups/${groupId}/members`, { subscriberIds: ["demo001", "demo002"] })).status, 200);
      server.clock.advance(60_000);
      const account = { loginId: "auditor", role: "groupAdmin", adminGroupId: groupId, password: accountPassword, passwordConfirm: accountPassword };
      assert.equal((await demoAdmin.post("/api/v1/enterprises/demo/accounts", account)).status, 201);
      assert.equal((await groupAdmin.login("auditor", accountPassword, "demo")).status, 200);
      server.clock.advance(60_000);
      assert.equal((await operator.post("/api/v1/enterprises/demo/subscribers", { id: "demo021", number: "0612345621", password: accountPassword })).status, 201);
      server.clock.advance(60_000);
      assert.equal((await otherAdmin.post("/api/v1/enterprises/other/admin-groups", { name: "Other's group" })).status, 201);
    });
    after(async () => {
      await server?.close();
    });

    const trail = async (client: Client, query = "", eid = "demo") => client.get<List<AuditEvent>>(`/api/v1/enterprises/${eid}/audit${query === "" ? "" : `?${query}`}`);
    const actions = (answer: { body: List<AuditEvent> }) => answer.body.items.map((e) => e.action);

    describe("what a change leaves behind", () => {
      test("each event has who, when, from where, what and before → after, newest first", async () => {
        const answer = await trail(demoAdmin);
        assert.equal(answer.status, 200);
        assert.equal(answer.body.offset, 0);
        assert.equal(answer.body.limit, 50);
        const ids = answer.body.items.map((e) => e.id);
        assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
        assert.deepEqual(actions(answer).slice(0, 4), ["subscriber.create", "account.create", "adminGroup.members.update", "adminGroup.create"]);

        const created = answer.body.items.find((e) => e.action === "adminGroup.create");
        assert.ok(created !== undefined);
        assert.equal(created.enterpriseId, "demo");
        assert.deepEqual(created.actor, { role: "enterpriseAdmin", id: "demo/Administrator" });
        assert.deepEqual(created.target, { type: "adminGroup", id: String(groupId) });
        assert.equal(created.before, null);
        assert.equal((created.after as { name: string }).name, "監査テスト");
        assert.equal(created.ip, "127.0.0.1");
        assert.ok(!Number.isNaN(Date.parse(created.at)));

        const members = answer.body.items.find((e) => e.action === "adminGroup.members.update");
        assert.deepEqual((members?.before as { subscriberIds: string[] }).subscriberIds, []);
        assert.deepEqual((members?.after as { subscriberIds: string[] }).subscriberIds, ["demo001", "demo002"]);
      });

      test("secrets are redacted: no password or hash in the trail", async () => {
        const answer = await trail(operator, "limit=500");
        assert.ok(!answer.text.includes(accountPassword));
        assert.ok(!answer.text.includes(server.demo.adminPassword));
        assert.ok(!/scrypt\$/.test(answer.text));
        const account = answer.body.items.find((e) => e.action === "account.create");
        assert.equal((account?.after as { password: string }).password, "********");
      });

      test("a refused change leaves nothing behind", async () => {
        const before = (await trail(demoAdmin)).body.total;
        assert.equal((await demoAdmin.post("/api/v1/enterprises/demo/admin-groups", { name: "監査テスト" })).status, 409);
        assert.equal((await trail(demoAdmin)).body.total, before);
      });

      test("only the enterprise's own events: the other enterprise's admin sees its own, not demo's", async () => {
        const demo = await trail(demoAdmin, "limit=500");
        assert.ok(demo.body.items.every((e) => e.enterpriseId === "demo"));
        const other = await trail(otherAdmin, "", "other");
        assert.equal(other.status, 200);
        assert.ok(other.body.items.every((e) => e.enterpriseId === "other"));
        assert.deepEqual(actions(other), ["adminGroup.create", "enterprise.create"]);
      });
    });

    describe("filters", () => {
      test("subscriberId: the changes made to that number", async () => {
        const answer = await trail(demoAdmin, "subscriberId=demo021");
        assert.equal(answer.body.total, 1);
        assert.deepEqual(answer.body.items[0]?.target, { type: "subscriber", id: "demo021" });
        assert.equal(answer.body.items[0]?.action, "subscriber.create");
        assert.equal((await trail(demoAdmin, "subscriberId=demo999")).body.total, 0);
      });

      test("actor: an account's login ID alone, or enterpriseId/loginId; the operator by its ID", async () => {
        const bare = await trail(demoAdmin, "actor=Administrator");
        assert.ok(bare.body.total >= 3);
        assert.ok(bare.body.items.every((e) => e.actor.id === "demo/Administrator"));
        const full = await trail(demoAdmin, `actor=${encodeURIComponent("demo/Administrator")}`);
        assert.equal(full.body.total, bare.body.total);
        const op = await trail(demoAdmin, "actor=operator");
        assert.deepEqual(actions(op), ["subscriber.create"]);
        assert.equal(op.body.items[0]?.actor.role, "operator");
        assert.equal((await trail(demoAdmin, "actor=nobody")).body.total, 0);
      });

      test("from (inclusive) and to (exclusive), ISO-8601 with an offset", async () => {
        const all = (await trail(demoAdmin, "limit=500")).body.items;
        const members = all.find((e) => e.action === "adminGroup.members.update");
        assert.ok(members !== undefined);
        const from = await trail(demoAdmin, `from=${encodeURIComponent(members.at)}`);
        assert.deepEqual(actions(from), ["subscriber.create", "account.create", "adminGroup.members.update"]);
        const to = await trail(demoAdmin, `to=${encodeURIComponent(members.at)}`);
        assert.ok(!actions(to).includes("adminGroup.members.update"));
        assert.ok(actions(to).includes("adminGroup.create"));
        assert.equal(from.body.total + to.body.total, all.length);

        // The same instant written in Japan time.
        const jst = new Date(Date.parse(members.at) + 9 * 3_600_000).toISOString().replace("Z", "+09:00");
        assert.deepEqual(actions(await trail(demoAdmin, `from=${encodeURIComponent(jst)}`)), actions(from));
        const window = await trail(demoAdmin, `from=${encodeURIComponent(members.at)}&to=${encodeURIComponent(new Date(Date.parse(members.at) + 1).toISOString())}`);
        assert.deepEqual(actions(window), ["adminGroup.members.update"]);
      });

      test("filters combine", async () => {
        const answer = await trail(demoAdmin, "actor=Administrator&subscriberId=demo021");
        assert.equal(answer.body.total, 0);
      });

      test("paging: offset and limit, total unchanged", async () => {
        const all = await trail(demoAdmin, "limit=500");
        const page = await trail(demoAdmin, "offset=1&limit=2");
        assert.equal(page.body.total, all.body.total);
        assert.equal(page.body.limit, 2);
        assert.deepEqual(page.body.items.map((e) => e.id), all.body.items.slice(1, 3).map((e) => e.id));
      });

      test("bad filters answer 400 8009", async () => {
        for (const query of ["from=yesterday", "to=2026-13-01T00:00:00Z", "from=2026-11-22", "limit=0", "limit=501", "offset=-1"]) {
          const answer = await trail(demoAdmin, query);
          assert.equal(answer.status, 400, query);
          assert.equal(codeOf(answer), "8009", query);
        }
      });
    });

    describe("who may read it", () => {
      test("a group admin and an end user of the enterprise get 403 8109", async () => {
        for (const client of [groupAdmin, endUser]) {
          const answer = await trail(client);
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8109");
        }
      });

      test("another enterprise's admin gets 404 8016, like an enterprise that doesn't exist", async () => {
        const answer = await trail(otherAdmin);
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
      });

      test("not logged in: 401 8110", async () => {
        const answer = await trail(new Client(server.url));
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
        assert.equal(codeOf(await new Client(server.url).get("/api/v1/audit")), "8110");
      });

      test("the operator reads any enterprise's trail", async () => {
        const answer = await trail(operator, "", "other");
        assert.equal(answer.status, 200);
        assert.deepEqual(actions(answer), ["adminGroup.create", "enterprise.create"]);
      });

      test("GET /audit: the operator sees every enterprise and the operators' own changes, or one enterprise", async () => {
        const all = await operator.get<List<AuditEvent>>("/api/v1/audit?limit=500");
        assert.equal(all.status, 200);
        const enterprises = new Set(all.body.items.map((e) => e.enterpriseId));
        assert.ok(enterprises.has("demo") && enterprises.has("other") && enterprises.has(null));
        assert.ok(all.body.items.some((e) => e.action === "operator.create"));

        const other = await operator.get<List<AuditEvent>>("/api/v1/audit?enterpriseId=other");
        assert.deepEqual(actions(other), ["adminGroup.create", "enterprise.create"]);
        const filtered = await operator.get<List<AuditEvent>>("/api/v1/audit?enterpriseId=demo&actor=Administrator");
        assert.ok(filtered.body.total >= 3);
        assert.ok(filtered.body.items.every((e) => e.actor.id === "demo/Administrator"));
      });

      test("GET /audit answers 403 8109 to everyone but operators", async () => {
        for (const client of [demoAdmin, groupAdmin, endUser, otherAdmin]) {
          const answer = await client.get("/api/v1/audit");
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8109");
        }
      });

      test("the trail outlives its enterprise: the operator still reads a deleted enterprise's events", async () => {
        assert.equal((await operator.post("/api/v1/enterprises", { id: "gone", name: "Gone", administratorPassword: otherPassword })).status, 201);
        assert.equal((await operator.delete("/api/v1/enterprises/gone")).status, 204);
        const answer = await trail(operator, "", "gone");
        assert.equal(answer.status, 200);
        assert.deepEqual(actions(answer), ["enterprise.delete", "enterprise.create"]);
      });
    });
  });
}
