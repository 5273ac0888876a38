// Migration 0005 (PostgreSQL only): storage settings for bulk writes to subscribers.
//
// - The trigram GIN indexes insert directly instead of through a pending list (fastupdate off). With a
//   pending list, a bulk apply that rewrites thousands of rows could be the one to flush it and stall for
//   tens of seconds inside its own transaction; inserting directly costs a little on every write instead.
// - Pages keep a fifth free (fillfactor 80), so an update that changes no indexed column (forwarding, call
//   settings, terminal) is a heap-only update that adds no entry to any index.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function bulkWrites(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "postgres") return;
      for (const column of ["id", "number", "extension", "display_name"]) {
        await sql`alter index ${sql.id(`subscribers_${column}_trgm`)} set (fastupdate = off)`.execute(db);
      }
      await sql`alter table subscribers set (fillfactor = 80)`.execute(db);
    },
  };
}
