// "Nothing was stored": every row of every table before and after a refused write.
import assert from "node:assert/strict";
import { sql } from "kysely";
import type { Db } from "../../src/store/database.ts";

export type Snapshot = Record<string, string[]>;

/** Every row of every table, except the "last seen / last used" times that reading refreshes. */
export async function snapshot(db: Db): Promise<Snapshot> {
  // The search index mirrors subscribers; data_version is a cache-coherence counter every commit bumps.
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((t) => !t.startsWith("subscriber_search") && t !== "data_version").sort();
  const out: Snapshot = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.map(({ last_seen_at: _seen, last_used_at: _used, ...row }) => JSON.stringify(row)).sort();
  }
  return out;
}

/** Asserts that nothing was stored, changed or removed since the snapshot. */
export async function assertUnchanged(db: Db, before: Snapshot): Promise<void> {
  const now = await snapshot(db);
  const diff: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(now[table] ?? []);
    for (const row of was) if (!is.has(row)) diff.push(`- ${table} ${row}`);
    for (const row of is) if (!was.has(row)) diff.push(`+ ${table} ${row}`);
  }
  assert.deepEqual(diff, [], "the database changed");
}

/** Runs a refused write and checks its status, code and that the database is unchanged. */
export async function refused(db: Db, attempt: () => Promise<{ status: number; body: unknown }>, status: number, code: string): Promise<void> {
  const before = await snapshot(db);
  const answer = await attempt();
  const body = answer.body as { error?: { code?: string } };
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(body.error?.code, code, JSON.stringify(answer.body));
  await assertUnchanged(db, before);
}
