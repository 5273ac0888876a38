// Migration 0008 (PostgreSQL only): the trigram indexes index lower(column), not the column.
//
// pg_trgm's operator class also answers `=`, and the planner costs a trigram probe below a B-tree probe
// once a list of values is asked for: `number in (…1,000 numbers…)` (the forwarding-loop check, bulk
// registration) walked the `number` trigram index, whose posting lists hold nearly every row, for 0.2 s
// when no number matched and 3 s when all did, instead of 1,000 unique-index probes (a few ms). On an
// expression the trigram index can serve only a search written on the same expression, so lists of ids
// and numbers go back to the B-trees. Searches are written `lower(column) like lower(pattern)`
// (store/search.ts), which is what ILIKE does on a multibyte database, so they match exactly as before.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function trigramOnLower(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "postgres") return;
      for (const column of ["id", "number", "extension", "display_name"]) {
        const index = sql.id(`subscribers_${column}_trgm`);
        await sql`drop index ${index}`.execute(db);
        // fastupdate off, as migration 0005 set: a bulk apply never flushes a pending list inside its transaction.
        await sql`create index ${index} on subscribers using gin (lower(${sql.id(column)}) gin_trgm_ops) with (fastupdate = off)`.execute(db);
      }
    },
  };
}
