// The embedded database's WAL is checkpointed by a thread of its own, not inside the server's commits: the
// connection has automatic checkpoints off, the worker copies a large write back into the database file,
// the WAL is then reused from its start rather than growing with every write, and nothing is lost.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, test } from "node:test";
import { createTestStore, type TestStore } from "../support/db.ts";

describe("WAL checkpoints beside the connection (sqlite)", () => {
  let test_: TestStore;
  before(async () => {
    test_ = await createTestStore("sqlite");
  });
  after(async () => test_?.dispose());

  const walBytes = () => statSync(`${test_.store.location}-wal`).size;

  /** About 12 MB of notices, in one transaction of the server's connection. */
  function write(round: number): void {
    const raw = test_.store.sqlite?.raw;
    assert.ok(raw !== undefined);
    raw.exec("BEGIN");
    const insert = raw.prepare("insert into notices (title, body, published_at, position) values (?, ?, '2026-01-01T00:00:00.000Z', 1)");
    for (let i = 0; i < 2_000; i += 1) insert.run(`お知らせ ${round}-${i}`, "本文".repeat(1_000));
    raw.exec("COMMIT");
  }

  test("the server's connection leaves checkpoints to the worker", () => {
    const raw = test_.store.sqlite?.raw;
    const row = raw?.prepare("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number } | undefined;
    assert.equal(row?.wal_autocheckpoint, 0);
    assert.ok(test_.store.checkpointer !== undefined);
  });

  test("a large write is copied back by the worker, and the WAL is reused instead of growing", { timeout: 30_000 }, async () => {
    const checkpointer = test_.store.checkpointer;
    assert.ok(checkpointer !== undefined);
    const first = checkpointer.next();
    write(1);
    const done = await first;
    assert.ok(done.log > 1_000, `the write filled the WAL (${done.log} frames)`);
    assert.equal(done.checkpointed, done.log, "every frame copied back");
    const size = walBytes();

    const second = checkpointer.next();
    write(2);
    assert.equal((await second).checkpointed, (await second).log);
    assert.ok(walBytes() <= size * 1.1, `the WAL started again from its beginning (${walBytes()} bytes after, ${size} before)`);

    // Another connection reads both writes from the database file.
    const reader = new DatabaseSync(test_.store.location, { readOnly: true });
    try {
      const { n } = reader.prepare("select count(*) as n from notices where title like 'お知らせ %'").get() as { n: number };
      assert.equal(n, 4_000);
    } finally {
      reader.close();
    }
  });

  test("a checkpoint can be asked for, and closing the store stops the worker", { timeout: 30_000 }, async () => {
    const checkpointer = test_.store.checkpointer;
    assert.ok(checkpointer !== undefined);
    const done = await checkpointer.now();
    assert.equal(done.busy, false);
    await test_.dispose();
    // Closed by its last connection, the database leaves no WAL behind.
    assert.throws(() => walBytes(), { code: "ENOENT" });
  });
});
