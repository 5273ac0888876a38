// Two server processes started together on one empty database: both come up, one creates the operator and
// the demo, the other finds them (no unique-constraint crash at start-up).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createServices } from "../../src/services/index.ts";
import { createTestStore, dialects } from "../support/db.ts";

const policy = { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 60_000 };

for (const dialect of dialects()) {
  describe(`start-up on an empty database (${dialect})`, () => {
    test("two start-ups at once: one operator and one demo enterprise, neither start-up fails", async () => {
      const testStore = await createTestStore(dialect);
      try {
        // Two service sets over the same database, as two processes would have.
        const a = createServices(testStore.store, { sessionPolicy: policy });
        const b = createServices(testStore.store, { sessionPolicy: policy });
        const operators = await Promise.all([a.setup.ensureOperator("Start-Up-Test-2026"), b.setup.ensureOperator("Start-Up-Test-2026")]);
        assert.equal(operators.filter((o) => o.created).length, 1, JSON.stringify(operators));
        const demos = await Promise.all([a.setup.loadDemo(), b.setup.loadDemo()]);
        assert.equal(demos.filter((d) => d !== undefined).length, 1);
        const db = testStore.store.db;
        assert.equal((await db.selectFrom("operators").selectAll().execute()).length, 1);
        assert.equal((await db.selectFrom("subscribers").select("id").where("enterprise_id", "=", "demo").execute()).length, 20);
      } finally {
        await testStore.dispose();
      }
    });
  });
}
