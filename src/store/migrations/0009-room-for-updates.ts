// Migration 0009 (PostgreSQL only): subscriber pages keep half their space free (fillfactor 50, was 80).
//
// A bulk change (着信転送一括設定, a bulk registration's updates) rewrites every number of an enterprise
// in one transaction. Until it commits, each page holds the old and the new version of each of its rows,
// so only with room for a second copy of every row can all the updates be heap-only: no new entry in the
// fourteen indexes of the table, four of them trigram indexes. With a fifth free, seven updates in ten
// found no room and each cost about a quarter of a millisecond of index writes (20,000 numbers: 4.7 s of
// updates; with half free: 1.3 s). The table takes more pages for it, about 1.6 times as many.
//
// The setting applies to pages written from now on. An existing installation gets it for all its rows
// after `VACUUM FULL subscribers` (docs/performance.md), which locks the table while it runs.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function roomForUpdates(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "postgres") return;
      await sql`alter table subscribers set (fillfactor = 50)`.execute(db);
    },
  };
}
