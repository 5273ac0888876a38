// Migration 0010 (PostgreSQL only): the trigram indexes take new entries through GIN's pending list
// again (fastupdate on, the default; migration 0005 had turned it off).
//
// An update that changes an indexed column (a bulk registration moving numbers between pickup, hunt or
// extension groups) writes a new entry in every index of subscribers, and inserting directly into the
// four trigram indexes is most of that cost: 20,000 such updates took 9.8 s with fastupdate off, 1.9–2.2 s
// with it on (the pending list's flushes included) and 1.7 s with no trigram index at all. A search also
// reads the pending list, at most gin_pending_list_limit (4 MB) of it, until VACUUM or a flush merges it.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function trigramPendingList(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "postgres") return;
      for (const column of ["id", "number", "extension", "display_name"]) {
        await sql`alter index ${sql.id(`subscribers_${column}_trgm`)} set (fastupdate = on)`.execute(db);
      }
    },
  };
}
