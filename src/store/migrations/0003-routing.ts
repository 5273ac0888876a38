// Migration 0003: routing state (round-robin cursors, usage counters) and the data version the routing
// snapshot checks, so every server process sees a change at once.
import type { Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function routing(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("hunt_cursors")
        .addColumn("hunt_group_id", "integer", (c) => c.primaryKey().references("hunt_groups.id").onDelete("cascade"))
        .addColumn("subscriber_id", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("member_usage")
        .addColumn("subscriber_id", "text", (c) => c.primaryKey().references("subscribers.id").onDelete("cascade"))
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("data_version")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("version", "integer", (c) => c.notNull())
        .execute();
      await db.insertInto("data_version" as never).values({ id: 1, version: 1 } as never).execute();
    },
  };
}
