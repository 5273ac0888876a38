// List-search helpers shared by every store: LIKE patterns with the user's text matched literally.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Dialect } from "./schema.ts";

export type Match = "prefix" | "exact" | "partial";

/** `%` and `_` typed by the user are escaped so they match themselves. */
export function likePattern(q: string, match: Match): string {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  switch (match) {
    case "exact":
      return escaped;
    case "prefix":
      return `${escaped}%`;
    case "partial":
      return `%${escaped}%`;
  }
}

/**
 * `column LIKE pattern ESCAPE '\'`, case-insensitive on both databases. SQLite's LIKE is, for ASCII.
 * PostgreSQL gets `lower(column) LIKE lower(pattern)`: what its ILIKE does on a multibyte database, and the
 * expression the subscribers' trigram indexes are built on (migration 0008).
 */
export function like(column: Expression<unknown>, pattern: string, dialect: Dialect = "sqlite"): RawBuilder<SqlBool> {
  return dialect === "postgres" ? sql<SqlBool>`lower(${column}) like lower(${pattern}) escape '\\'` : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
