// Migration 0001: operators, enterprises, subscribers, admin groups, accounts, sessions, tokens, notices, audit.
import type { Kysely } from "kysely";
import type { Dialect } from "../schema.ts";
import { idColumn } from "./columns.ts";

export function foundation(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("operators")
        .addColumn("login_id", "text", (c) => c.primaryKey())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("enterprises")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("line_id1", "text")
        .addColumn("line_id2", "text")
        .addColumn("time_zone", "text", (c) => c.notNull())
        .addColumn("services", "text", (c) => c.notNull())
        .addColumn("self_service", "text", (c) => c.notNull())
        .addColumn("bulletin_text", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("bulletin_updated_at", "text")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("subscribers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("number", "text", (c) => c.notNull().unique())
        .addColumn("number_kind", "text", (c) => c.notNull())
        .addColumn("display_name", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("info", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("provisioning_password_hash", "text")
        .addColumn("password_hash", "text")
        .addColumn("origin_number1", "text")
        .addColumn("origin_number2", "text")
        .addColumn("notify_number", "text")
        .addColumn("call_settings", "text", (c) => c.notNull())
        .addColumn("forwarding", "text", (c) => c.notNull())
        .addColumn("terminal", "text", (c) => c.notNull())
        .addColumn("emergency_stopped", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("subscribers_enterprise_id").on("subscribers").columns(["enterprise_id", "id"]).execute();
      await db.schema.createIndex("subscribers_enterprise_number").on("subscribers").columns(["enterprise_id", "number"]).execute();

      await idColumn(dialect, db.schema.createTable("admin_groups"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("admin_groups_enterprise_name", ["enterprise_id", "name"])
        .execute();

      await db.schema
        .createTable("admin_group_members")
        .addColumn("admin_group_id", "integer", (c) => c.notNull().references("admin_groups.id").onDelete("cascade"))
        .addColumn("subscriber_id", "text", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("admin_group_members_pk", ["admin_group_id", "subscriber_id"])
        .execute();
      await db.schema.createIndex("admin_group_members_subscriber").on("admin_group_members").column("subscriber_id").execute();

      await idColumn(dialect, db.schema.createTable("accounts"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("login_id", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("admin_group_id", "integer", (c) => c.references("admin_groups.id"))
        .addColumn("memo", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("built_in", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("accounts_enterprise_login", ["enterprise_id", "login_id"])
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("login_id", "text", (c) => c.notNull())
        .addColumn("enterprise_id", "text", (c) => c.references("enterprises.id").onDelete("cascade"))
        .addColumn("account_id", "integer", (c) => c.references("accounts.id").onDelete("cascade"))
        .addColumn("subscriber_id", "text", (c) => c.references("subscribers.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("ip", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("login_attempts")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("locked_until", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await idColumn(dialect, db.schema.createTable("api_tokens"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("enterprise_id", "text", (c) => c.references("enterprises.id").onDelete("cascade"))
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .execute();

      await idColumn(dialect, db.schema.createTable("notices"))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("published_at", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .execute();

      // No foreign key to enterprises: the trail outlives what it describes.
      await idColumn(dialect, db.schema.createTable("audit_events"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("enterprise_id", "text")
        .addColumn("actor_role", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        .addColumn("before", "text")
        .addColumn("after", "text")
        .addColumn("ip", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_events_enterprise_at").on("audit_events").columns(["enterprise_id", "at"]).execute();
    },
  };
}
