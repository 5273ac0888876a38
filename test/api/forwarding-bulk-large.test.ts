// Bulk forwarding larger than one write statement (250 rows): on PostgreSQL the rows already checked are
// written while the rest are being checked, so a bad row or a loop found late must still leave every number
// as it was, and a change that passes writes every row with its audit event (services/forwarding.service.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultCallSettings, defaultForwarding, defaultTerminal } from "../../src/domain/subscriber/subscriber.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const base = "/api/v1/enterprises/demo";
const count = 700;
const id = (i: number) => `bulk${String(i).padStart(4, "0")}`;
const number = (i: number) => `03${String(60_000_000 + i)}`;

for (const dialect of dialects()) {
  describe(`bulk forwarding of ${count} numbers (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      const now = new Date().toISOString();
      const json = { call_settings: JSON.stringify(defaultCallSettings), forwarding: JSON.stringify(defaultForwarding), terminal: JSON.stringify(defaultTerminal) };
      const rows = Array.from({ length: count }, (_, i) => ({
        id: id(i),
        enterprise_id: "demo",
        number: number(i),
        number_kind: "oabj",
        display_name: `一括 ${i}`,
        info: "",
        memo: "",
        ...json,
        emergency_stopped: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 100) await server.testStore.store.db.insertInto("subscribers").values(rows.slice(i, i + 100)).execute();
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
    });
    after(async () => server?.close());
    const db = () => server.testStore.store.db;
    const forwardAll = (destination: (i: number) => string) => Array.from({ length: count }, (_, i) => ({ subscriberId: id(i), unconditional: { enabled: true, destination: destination(i) } }));

    test("a bad last row leaves all the numbers before it unchanged", async () => {
      const rows = forwardAll((i) => `0906000${String(i).padStart(4, "0")}`);
      rows[count - 1] = { subscriberId: id(count - 1), unconditional: { enabled: true, destination: "0570123456" } };
      let body: unknown;
      await refused(
        db(),
        async () => {
          const answer = await admin.put(`${base}/forwarding`, rows);
          body = answer.body;
          return answer;
        },
        400,
        "8039",
      );
      const errors = (body as { error: { details: { rows: { index: number; code: string }[] } } }).error.details.rows;
      assert.deepEqual(errors.map((r) => [r.index, r.code]), [[count - 1, "8039"]]);
    });

    test("a loop between the last two rows leaves every number unchanged", async () => {
      const rows = forwardAll((i) => (i === count - 2 ? number(count - 1) : i === count - 1 ? number(count - 2) : `0906100${String(i).padStart(4, "0")}`));
      await refused(db(), () => admin.put(`${base}/forwarding`, rows), 409, "8118");
    });

    test("a change that passes writes every row and its audit event", async () => {
      const answer = await admin.put(`${base}/forwarding`, forwardAll((i) => `0906200${String(i).padStart(4, "0")}`));
      assert.equal(answer.status, 200, answer.text);
      const stored = await db().selectFrom("subscribers").select(["id", "forwarding", "version"]).where("id", "like", "bulk%").execute();
      assert.equal(stored.length, count);
      for (const row of stored) {
        const i = Number(row.id.slice(4));
        assert.equal((JSON.parse(row.forwarding) as typeof defaultForwarding).unconditional.destination, `0906200${String(i).padStart(4, "0")}`, row.id);
        assert.equal(Number(row.version), 2, row.id);
      }
      const audited = await db().selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "subscriber.forwarding.update").where("target_id", "like", "bulk%").executeTakeFirstOrThrow();
      assert.equal(Number(audited.n), count);
      assert.equal(codeOf(answer), undefined);
    });
  });
}
