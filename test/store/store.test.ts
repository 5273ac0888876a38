// The store on both databases: migrations from empty, the node:sqlite driver, the login-attempt counter.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { migrateToLatest, openStore } from "../../src/store/database.ts";
import { migrations } from "../../src/store/migrations/index.ts";
import { createServices } from "../../src/services/index.ts";
import { reserveLoginAttempt } from "../../src/store/session.store.ts";
import pg from "pg";
import { adminUrl, createTestStore, dialects, type TestStore } from "../support/db.ts";

for (const dialect of dialects()) {
  describe(`store (${dialect})`, () => {
    let t: TestStore;
    before(async () => {
      t = await createTestStore(dialect);
    });
    after(async () => t.dispose());

    test("migrations create every table from an empty database, and a second run changes nothing", async () => {
      const tables = await t.store.db.introspection.getTables();
      const names = tables.map((x) => x.name);
      for (const table of ["operators", "enterprises", "subscribers", "accounts", "admin_groups", "admin_group_members", "sessions", "login_attempts", "api_tokens", "notices", "audit_events"]) {
        assert.ok(names.includes(table), table);
      }
      assert.deepEqual(await migrateToLatest(t.store), []);
    });

    test("a database at the previous release's schema, holding data, migrates to the latest and keeps it", async () => {
      const names = Object.keys(migrations(dialect));
      const previous = await createTestStore(dialect, { migrateTo: names.at(-2) });
      try {
        const services = createServices(previous.store, { sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
        const ctx = { principal: { role: "operator", loginId: "operator" } as const, ip: "127.0.0.1" };
        await services.enterprises.create(ctx, { id: "older", name: "旧版の企業", lineId1: "LINE-older", administratorPassword: "Older-Admin-2026" });
        for (let i = 0; i < 5; i += 1) await services.subscribers.create(ctx, "older", { id: `older-${i}`, number: `0612345${String(i).padStart(3, "0")}`, displayName: `営業 花子${i}` });
        const results = await migrateToLatest(previous.store);
        assert.deepEqual(
          results.map((r) => [r.migrationName, r.status]),
          [[names.at(-1), "Success"]],
        );
        const found = await services.subscribers.search(ctx.principal, "older", { field: "displayName", q: "花子3", match: "partial", sort: "id", order: "asc", offset: 0, limit: 50 });
        assert.deepEqual(found.items.map((s) => s.id), ["older-3"]);
        assert.equal((await services.subscribers.search(ctx.principal, "older", { field: "number", q: "0612345", match: "prefix", sort: "id", order: "asc", offset: 0, limit: 50 })).total, 5);
      } finally {
        await previous.dispose();
      }
    });

    test("foreign keys are enforced: a subscriber needs its enterprise", async () => {
      await assert.rejects(
        t.store.db
          .insertInto("subscribers")
          .values({ id: "x1", enterprise_id: "nope", number: "0611111111", number_kind: "oabj", display_name: "", info: "", memo: "", provisioning_password_hash: null, password_hash: null, origin_number1: null, origin_number2: null, notify_number: null, call_settings: "{}", forwarding: "{}", terminal: "{}", emergency_stopped: 0, version: 1, created_at: "", updated_at: "" })
          .execute(),
      );
    });

    test("a transaction that fails leaves nothing behind", async () => {
      await assert.rejects(
        t.store.db.transaction().execute(async (tx) => {
          await tx.insertInto("notices").values({ title: "t", body: "b", published_at: "2026-01-01T00:00:00.000Z", position: 0 }).execute();
          throw new Error("boom");
        }),
      );
      const rows = await t.store.db.selectFrom("notices").selectAll().execute();
      assert.equal(rows.length, 0);
    });

    test("login attempts are counted atomically under parallel reservations", async () => {
      const now = new Date().toISOString();
      const results = await Promise.all(Array.from({ length: 50 }, () => reserveLoginAttempt(t.store.db, "n:burst", now)));
      const counts = results.map((r) => r.failures).sort((a, b) => a - b);
      assert.deepEqual(counts, Array.from({ length: 50 }, (_, i) => i + 1));
    });

    test("an expired lock starts the count again", async () => {
      const past = new Date(Date.now() - 60_000).toISOString();
      await t.store.db.insertInto("login_attempts").values({ key: "n:old", failures: 9, locked_until: past, updated_at: past }).execute();
      const r = await reserveLoginAttempt(t.store.db, "n:old", new Date().toISOString());
      assert.deepEqual(r, { failures: 1, lockedUntil: null });
    });

    if (dialect === "postgres") {
      test("an idle connection ended by the server doesn't take the process down; the next query works", async () => {
        await sql`select 1`.execute(t.store.db);
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        const name = new URL(t.databaseUrl ?? "").pathname.slice(1);
        await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
        await admin.end();
        await new Promise((resolve) => setTimeout(resolve, 200));
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(t.store.db);
        assert.equal(Number(rows[0]?.one), 1);
      });
    }

    if (dialect === "sqlite") {
      test("the embedded database runs in WAL mode with foreign keys and synchronous=FULL", async () => {
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.store.db);
        assert.equal(mode.rows[0]?.journal_mode, "wal");
        const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(t.store.db);
        assert.equal(fk.rows[0]?.foreign_keys, 1);
        const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(t.store.db);
        assert.equal(sync.rows[0]?.synchronous, 2);
      });

      test("the server's connection keeps a 64 MB page cache, a connection asked for less keeps less", async () => {
        const cache = await sql<{ cache_size: number }>`pragma cache_size`.execute(t.store.db);
        assert.equal(cache.rows[0]?.cache_size, -64 * 1024);
        const dataDir = mkdtempSync(path.join(tmpdir(), "centrex-cache-"));
        const small = openStore({ dataDir, checkpoints: false, pageCacheMb: 2 });
        try {
          const rows = await sql<{ cache_size: number }>`pragma cache_size`.execute(small.db);
          assert.equal(rows.rows[0]?.cache_size, -2048);
        } finally {
          await small.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      });

      test("the driver binds booleans and reuses prepared statements", async () => {
        const raw = t.store.sqlite;
        assert.ok(raw !== undefined);
        const a = raw.prepare("select ? as v");
        assert.equal(raw.prepare("select ? as v"), a);
        assert.deepEqual(a.all([true]).map((r) => ({ ...(r as object) })), [{ v: 1 }]);
        assert.equal(a.reader, true);
        assert.equal(raw.prepare("create table if not exists t1 (x)").reader, false);
        assert.deepEqual([...raw.prepare("select 1 as a union all select 2").iterate([])].map((r) => (r as { a: number }).a), [1, 2]);
      });
    }
  });
}
