// Unique-constraint violations of both databases, so a service can answer a lost race with its catalogue code.

/**
 * What a unique violation names — PostgreSQL's constraint name, or SQLite's "table.column, …" list — or
 * undefined when the error is something else.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; constraint?: unknown; errcode?: unknown; message?: unknown };
  // PostgreSQL: SQLSTATE 23505 unique_violation.
  if (e.code === "23505") return typeof e.constraint === "string" ? e.constraint : "";
  // SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) / SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  const message = typeof e.message === "string" ? e.message : "";
  const m = /UNIQUE constraint failed: (.*)$/.exec(message);
  if (m !== null) return m[1] ?? "";
  if (e.errcode === 2067 || e.errcode === 1555) return "";
  return undefined;
}
