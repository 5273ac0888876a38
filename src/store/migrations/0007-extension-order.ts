// Migration 0007: the extension index also orders by id.
//
// The subscriber list by extension (内線番号順) reads numbers by (extension, id), keyset-paged. With the
// index on (enterprise_id, extension) alone, every batch sorted its ties by id in a temporary B-tree and
// read the rows in no useful order; with id in the index the rows come out of it already in order.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function extensionOrder(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`drop index subscribers_extension`.execute(db);
      await db.schema.createIndex("subscribers_extension").on("subscribers").columns(["enterprise_id", "extension", "id"]).execute();
    },
  };
}
