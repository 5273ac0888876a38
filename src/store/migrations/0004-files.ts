// Migration 0004: uploaded files — bulk registration uploads (imports, with the stored bytes) and shared
// phonebooks (entries, warnings, member subscribers).
import type { Kysely } from "kysely";
import type { Dialect } from "../schema.ts";
import { idColumn } from "./columns.ts";

export function files(dialect: Dialect) {
  // The uploaded bytes live in the database: they commit with their row, are in every backup, and every server
  // process on one PostgreSQL sees them (docs/architecture.md, "Uploaded files").
  const bytes = dialect === "sqlite" ? "blob" : "bytea";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(dialect, db.schema.createTable("imports"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("rows", "integer", (c) => c.notNull())
        .addColumn("errors", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("content", bytes, (c) => c.notNull())
        .addColumn("uploaded_by", "text", (c) => c.notNull())
        .addColumn("uploaded_at", "text", (c) => c.notNull())
        .addColumn("applied_at", "text")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        // files.md 8062: the same file (same SHA-256) can't be uploaded twice while the first is kept.
        .addUniqueConstraint("imports_sha256", ["enterprise_id", "sha256"])
        .execute();
      await db.schema.createIndex("imports_enterprise").on("imports").columns(["enterprise_id", "uploaded_at"]).execute();

      await idColumn(dialect, db.schema.createTable("phonebooks"))
        .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id").onDelete("cascade"))
        .addColumn("no", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("entries", "text", (c) => c.notNull())
        .addColumn("entry_count", "integer", (c) => c.notNull())
        .addColumn("warnings", "text", (c) => c.notNull())
        .addColumn("warning_count", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("phonebooks_no", ["enterprise_id", "no"])
        .addUniqueConstraint("phonebooks_name", ["enterprise_id", "name"])
        .execute();

      await db.schema
        .createTable("phonebook_members")
        .addColumn("phonebook_id", "integer", (c) => c.notNull().references("phonebooks.id").onDelete("cascade"))
        .addColumn("subscriber_id", "text", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("phonebook_members_pk", ["phonebook_id", "subscriber_id"])
        .execute();
      await db.schema.createIndex("phonebook_members_subscriber").on("phonebook_members").column("subscriber_id").execute();
    },
  };
}
