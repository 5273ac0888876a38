// The audit trail as stored: every change recorded with who, when, from where, before → after; secrets never in it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface AuditRow {
  id: number;
  at: string;
  enterprise_id: string | null;
  actor_role: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  ip: string;
}

const subscriberPassword = "Audit-Login-Secret-71";
const provisioningPassword = "Audit-Prov-Secret-72";
const administratorPassword = "Audit-Admin-Secret-73";
const changedPassword = "Audit-Changed-Secret-74";

/** The whole database as text, to look for a string anywhere in it. */
async function wholeDatabaseText(db: Db): Promise<string> {
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    parts.push(JSON.stringify(rows));
  }
  return parts.join("\n");
}

for (const dialect of dialects()) {
  describe(`audit trail as stored (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    let token = "";

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      admin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const rows = async (): Promise<AuditRow[]> => {
      const { rows: all } = await sql<AuditRow>`select * from audit_events order by id`.execute(db);
      return all;
    };
    const lastOf = async (action: string) => (await rows()).filter((r) => r.action === action).at(-1);
    const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

    test("a bulletin change: actor, time, ip, before and after", async () => {
      assert.equal((await admin.put("/api/v1/enterprises/demo/bulletin", { text: "first" })).status, 200);
      server.clock.advance(10 * 60_000);
      const expectedAt = server.clock.now().getTime();
      assert.equal((await admin.put("/api/v1/enterprises/demo/bulletin", { text: "second" })).status, 200);
      const row = await lastOf("bulletin.update");
      assert.ok(row, "a bulletin.update row");
      assert.equal(row.enterprise_id, "demo");
      assert.equal(row.actor_role, "enterpriseAdmin");
      assert.equal(row.actor_id, "demo/Administrator");
      assert.equal(row.target_type, "bulletin");
      assert.equal(row.target_id, "demo");
      assert.equal(row.ip, "127.0.0.1");
      assert.ok(Math.abs(Date.parse(row.at) - expectedAt) < 10_000, `at ${row.at}`);
      assert.deepEqual(parse(row.before), { text: "first" });
      assert.deepEqual(parse(row.after), { text: "second" });
    });

    test("a subscriber created with passwords: recorded, the passwords never in the trail", async () => {
      const answer = await operator.post("/api/v1/enterprises/demo/subscribers", {
        id: "audit001",
        number: "0612349876",
        displayName: "監査 太郎",
        password: subscriberPassword,
        provisioningPassword,
      });
      assert.equal(answer.status, 201);
      const row = await lastOf("subscriber.create");
      assert.ok(row, "a subscriber.create row");
      assert.equal(row.target_id, "audit001");
      assert.equal(row.enterprise_id, "demo");
      assert.equal(row.actor_role, "operator");
      assert.equal(row.actor_id, "operator");
      assert.equal(row.ip, "127.0.0.1");
      assert.equal(row.before, null);
      const after = parse(row.after) as Record<string, unknown>;
      assert.equal(after.id, "audit001");
      assert.equal(after.number, "0612349876");
      assert.equal(after.displayName, "監査 太郎");

      const trail = JSON.stringify(await rows());
      assert.ok(!trail.includes(subscriberPassword), "the login password is not in the trail");
      assert.ok(!trail.includes(provisioningPassword), "the provisioning password is not in the trail");
      const stored = await db.selectFrom("subscribers").select(["password_hash", "provisioning_password_hash"]).where("id", "=", "audit001").executeTakeFirstOrThrow();
      for (const hash of [stored.password_hash, stored.provisioning_password_hash]) {
        assert.ok(hash !== null);
        assert.ok(!trail.includes(hash), "nor the hashes");
      }
    });

    test("an enterprise created with an administrator password: recorded without it", async () => {
      const answer = await operator.post("/api/v1/enterprises", { id: "audited", name: "Audited", administratorPassword });
      assert.equal(answer.status, 201);
      const row = await lastOf("enterprise.create");
      assert.ok(row);
      assert.equal(row.target_id, "audited");
      assert.equal(row.actor_id, "operator");
      assert.ok(!JSON.stringify(await rows()).includes(administratorPassword));
    });

    test("an enterprise change records before and after", async () => {
      assert.equal((await operator.patch("/api/v1/enterprises/audited", { services: { voicemail: false } })).status, 200);
      const row = await lastOf("enterprise.update");
      assert.ok(row);
      const before = parse(row.before) as { services: { voicemail: boolean } };
      const after = parse(row.after) as { services: { voicemail: boolean } };
      assert.equal(before.services.voicemail, true);
      assert.equal(after.services.voicemail, false);
    });

    test("an own password change is recorded, without the old or the new password", async () => {
      const user = new Client(server.url);
      assert.equal((await user.login("audit001", subscriberPassword)).status, 200);
      const answer = await user.put("/api/v1/session/password", { currentPassword: subscriberPassword, newPassword: changedPassword, newPasswordConfirm: changedPassword });
      assert.equal(answer.status, 204);
      const row = await lastOf("session.password.change");
      assert.ok(row);
      assert.equal(row.actor_role, "subscriber");
      assert.equal(row.actor_id, "audit001");
      assert.equal(row.target_id, "audit001");
      const trail = JSON.stringify(await rows());
      assert.ok(!trail.includes(changedPassword));
      assert.ok(!trail.includes(subscriberPassword));
    });

    test("an API token is recorded without its secret", async () => {
      const answer = await operator.post<{ token: string }>("/api/v1/api-tokens", { name: "audited token", role: "enterpriseAdmin", enterpriseId: "demo" });
      assert.equal(answer.status, 201);
      token = answer.body.token;
      const row = await lastOf("apiToken.create");
      assert.ok(row);
      assert.ok(!JSON.stringify(await rows()).includes(token));
    });

    test("a change made with an API token names the token as the actor", async () => {
      const bearer = new Client(server.url);
      bearer.bearer = token;
      assert.equal((await bearer.put("/api/v1/enterprises/demo/bulletin", { text: "by token" })).status, 200);
      const row = await lastOf("bulletin.update");
      assert.ok(row);
      assert.deepEqual(parse(row.after), { text: "by token" });
      assert.match(row.actor_id, /audited token/);
      assert.equal(row.ip, "127.0.0.1");
    });

    test("a subscriber deletion records what was deleted", async () => {
      assert.equal((await operator.delete("/api/v1/enterprises/demo/subscribers/audit001")).status, 204);
      const row = await lastOf("subscriber.delete");
      assert.ok(row);
      assert.equal(row.target_id, "audit001");
      const before = parse(row.before) as Record<string, unknown>;
      assert.equal(before.number, "0612349876");
      assert.equal(row.after, null);
    });

    test("a refused change writes no audit row", async () => {
      const count = (await rows()).length;
      const tooLong = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "x".repeat(2001) });
      assert.equal(codeOf(tooLong), "8009");
      const forbidden = await admin.post("/api/v1/enterprises/demo/subscribers", { id: "nope001", number: "0612340000" });
      assert.equal(codeOf(forbidden), "8109");
      const duplicate = await operator.post("/api/v1/enterprises", { id: "audited", name: "Again", administratorPassword });
      assert.equal(codeOf(duplicate), "8124");
      assert.equal((await rows()).length, count);
    });

    test("no plain-text secret used in this file is stored anywhere in the database", async () => {
      // A failed login with a password-like string leaves no trace of it either.
      const failed = await new Client(server.url).login("demo001", "Typed-By-Mistake-75");
      assert.equal(codeOf(failed), "8000");
      const text = await wholeDatabaseText(db);
      for (const secret of [
        subscriberPassword,
        provisioningPassword,
        administratorPassword,
        changedPassword,
        token,
        "Typed-By-Mistake-75",
        server.demo.adminPassword,
        server.demo.subscriberPassword,
        server.operatorPassword,
      ]) {
        assert.ok(secret !== "" && !text.includes(secret), `a secret is stored in clear: ${secret.slice(0, 6)}…`);
      }
    });
  });
}
