// List-search helpers shared by every store: LIKE patterns with the user's text matched literally.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";

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

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
export function like(column: Expression<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
