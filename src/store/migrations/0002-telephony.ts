// Migration 0002: schedules, forward destinations, extension / pickup / hunt groups, group membership
// columns of subscribers, and the partial-match search index (FTS5 trigram / pg_trgm).
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";
import { idColumn } from "./columns.ts";

export function telephony(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(dialect, db.schema.createTable("extension_groups"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("site_number", "text", (c) => c.notNull())
        .addColumn("external_prefix", "text", (c) => c.notNull().defaultTo("0"))
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("extension_groups_name", ["enterprise_id", "name"])
        .addUniqueConstraint("extension_groups_site", ["enterprise_id", "site_number"])
        .execute();

      await idColumn(dialect, db.schema.createTable("schedules"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("cfna_timeout_sec", "integer", (c) => c.notNull())
        .addColumn("extension_group_id", "integer", (c) => c.references("extension_groups.id"))
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("rules", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("schedules_name", ["enterprise_id", "name"])
        .execute();

      await idColumn(dialect, db.schema.createTable("pickup_groups"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("number", "text", (c) => c.notNull())
        .addColumn("site", "text", (c) => c.notNull())
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("pickup_groups_name", ["enterprise_id", "name"])
        .addUniqueConstraint("pickup_groups_number_site", ["enterprise_id", "number", "site"])
        .execute();

      await idColumn(dialect, db.schema.createTable("hunt_groups"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("pilot_subscriber_id", "text", (c) => c.notNull().unique().references("subscribers.id"))
        .addColumn("distribution", "text", (c) => c.notNull())
        .addColumn("slide_timer_sec", "integer", (c) => c.notNull())
        .addColumn("schedule_id", "integer", (c) => c.references("schedules.id"))
        .addColumn("schedule_enabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("hunt_groups_name", ["enterprise_id", "name"])
        .execute();

      await idColumn(dialect, db.schema.createTable("forward_destinations"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("number", "text", (c) => c.notNull())
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.createIndex("forward_destinations_enterprise").on("forward_destinations").columns(["enterprise_id", "position"]).execute();

      await db.schema.alterTable("subscribers").addColumn("extension_group_id", "integer", (c) => c.references("extension_groups.id")).execute();
      await db.schema.alterTable("subscribers").addColumn("extension", "text").execute();
      await db.schema.alterTable("subscribers").addColumn("pickup_group_id", "integer", (c) => c.references("pickup_groups.id")).execute();
      await db.schema.alterTable("subscribers").addColumn("hunt_group_id", "integer", (c) => c.references("hunt_groups.id")).execute();
      await db.schema.alterTable("subscribers").addColumn("hunt_order", "integer").execute();
      await db.schema.alterTable("subscribers").addColumn("schedule_id", "integer", (c) => c.references("schedules.id")).execute();
      await db.schema.createIndex("subscribers_extension").on("subscribers").columns(["enterprise_id", "extension"]).execute();
      await db.schema.createIndex("subscribers_display_name").on("subscribers").columns(["enterprise_id", "display_name"]).execute();
      await db.schema.createIndex("subscribers_extension_group").on("subscribers").column("extension_group_id").execute();
      await db.schema.createIndex("subscribers_hunt_group").on("subscribers").column("hunt_group_id").execute();
      await db.schema.createIndex("subscribers_pickup_group").on("subscribers").column("pickup_group_id").execute();
      await db.schema.createIndex("subscribers_schedule").on("subscribers").column("schedule_id").execute();

      // quality.md: partial match uses an index, not a scan.
      if (dialect === "sqlite") {
        await sql`create virtual table subscriber_search using fts5(id_text, number, extension, display_name, tokenize = 'trigram')`.execute(db);
        await sql`create trigger subscribers_search_insert after insert on subscribers begin
          insert into subscriber_search (rowid, id_text, number, extension, display_name)
          values (new.rowid, new.id, new.number, coalesce(new.extension, ''), new.display_name); end`.execute(db);
        await sql`create trigger subscribers_search_delete after delete on subscribers begin
          delete from subscriber_search where rowid = old.rowid; end`.execute(db);
        await sql`create trigger subscribers_search_update after update of id, number, extension, display_name on subscribers begin
          update subscriber_search set id_text = new.id, number = new.number, extension = coalesce(new.extension, ''), display_name = new.display_name
          where rowid = new.rowid; end`.execute(db);
        await sql`insert into subscriber_search (rowid, id_text, number, extension, display_name)
          select rowid, id, number, coalesce(extension, ''), display_name from subscribers`.execute(db);
      } else {
        await sql`create extension if not exists pg_trgm`.execute(db);
        for (const column of ["id", "number", "extension", "display_name"]) {
          await sql`create index ${sql.id(`subscribers_${column}_trgm`)} on subscribers using gin (${sql.id(column)} gin_trgm_ops)`.execute(db);
        }
      }
    },
  };
}
