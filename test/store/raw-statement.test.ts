// Statements written by hand for bulk writes (store/raw-statement.ts): each dialect's placeholders, and a
// pipeline whose failed statement is thrown and leaves nothing of the transaction behind.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pipelined, type Pipeline } from "../../src/store/raw-statement.ts";
import { createTestStore, dialects, type TestStore } from "../support/db.ts";

for (const dialect of dialects()) {
  describe(`statements written by hand (${dialect})`, () => {
    let t: TestStore;
    before(async () => {
      t = await createTestStore(dialect);
    });
    after(async () => t.dispose());

    const titles = async () => (await t.store.db.selectFrom("notices").select("title").orderBy("position").execute()).map((r) => r.title);

    async function insertNotices(writes: Pipeline, rows: readonly { title: string; position: number }[]): Promise<void> {
      const statement = writes.statement();
      const tuples = rows.map((r) => `(${statement.slot(r.title)}, ${statement.slot("本文")}, ${statement.slot("2026-11-23T00:00:00.000Z")}, ${statement.slot(r.position)})`);
      await writes.run(statement, `insert into notices (title, body, published_at, position) values ${tuples.join(", ")}`);
    }

    test("a pipeline's statements run in order with their parameters", async () => {
      await t.store.db.transaction().execute((tx) =>
        pipelined(tx, async (writes) => {
          for (let i = 0; i < 6; i += 1) await insertNotices(writes, [{ title: `お知らせ${i}a`, position: i * 2 }, { title: `お知らせ${i}b`, position: i * 2 + 1 }]);
        }),
      );
      assert.deepEqual(await titles(), Array.from({ length: 6 }, (_, i) => [`お知らせ${i}a`, `お知らせ${i}b`]).flat());
    });

    test("a statement that fails is thrown, and the transaction leaves nothing behind", async () => {
      const before = await titles();
      await assert.rejects(
        t.store.db.transaction().execute((tx) =>
          pipelined(tx, async (writes) => {
            await insertNotices(writes, [{ title: "残らない1", position: 100 }]);
            // NOT NULL: the title is missing.
            const statement = writes.statement();
            await writes.run(statement, `insert into notices (title, body, published_at, position) values (${statement.slot(null)}, 'x', 'y', 1)`);
            for (let i = 0; i < 5; i += 1) await insertNotices(writes, [{ title: `残らない${i + 2}`, position: 101 + i }]);
          }),
        ),
        (error: Error) => /null|NOT NULL/i.test(error.message),
      );
      assert.deepEqual(await titles(), before);
    });

    test("a change that fails between its statements leaves none of them behind", async () => {
      const before = await titles();
      await assert.rejects(
        t.store.db.transaction().execute((tx) =>
          pipelined(tx, async (writes) => {
            for (let i = 0; i < 6; i += 1) await insertNotices(writes, [{ title: `途中まで${i}`, position: 200 + i }]);
            throw new Error("the change fails while its statements are under way");
          }),
        ),
        /under way/,
      );
      // Give a statement that would have outlived the rollback time to run, then look.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(await titles(), before);
    });
  });
}
