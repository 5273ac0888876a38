// Column helpers for migrations that differ between SQLite and PostgreSQL.
import type { CreateTableBuilder } from "kysely";
import type { Dialect } from "../schema.ts";

/** An auto-numbered integer primary key `id` on either database. */
export function idColumn<T extends string>(dialect: Dialect, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id"> {
  return dialect === "sqlite"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    : table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity());
}
