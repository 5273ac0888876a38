// The audit trail: one row per change, written in the transaction of the change.
import type { Selectable } from "kysely";
import type { Db } from "./database.ts";
import type { AuditEventTable } from "./schema.ts";
import { fromJson } from "./json.ts";
import type { Pipeline } from "./raw-statement.ts";

export interface AuditEvent {
  id: number;
  at: string;
  enterpriseId: string | null;
  actor: { role: string; id: string };
  action: string;
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  ip: string;
}

export function toAuditEvent(row: Selectable<AuditEventTable>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    enterpriseId: row.enterprise_id,
    actor: { role: row.actor_role, id: row.actor_id },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    before: fromJson(row.before),
    after: fromJson(row.after),
    ip: row.ip,
  };
}

export async function insertAuditEvent(db: Db, row: Omit<Selectable<AuditEventTable>, "id">): Promise<void> {
  await db.insertInto("audit_events").values(row).execute();
}

const auditColumns = ["at", "enterprise_id", "actor_role", "actor_id", "action", "target_type", "target_id", "before", "after", "ip"] as const;

/** The events of a bulk change, 500 to a statement rather than one a row, written by hand (raw-statement.ts). */
export async function insertAuditEvents(writes: Pipeline, rows: readonly Omit<Selectable<AuditEventTable>, "id">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const statement = writes.statement();
    const tuples = rows.slice(i, i + 500).map((row) => `(${auditColumns.map((column) => statement.slot(row[column])).join(", ")})`);
    await writes.run(statement, `insert into "audit_events" (${auditColumns.map((c) => `"${c}"`).join(", ")}) values ${tuples.join(", ")}`);
  }
}

export interface AuditFilter {
  enterpriseId: string | null;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** One actor ID, or several that all name the same actor (`demo/Administrator` and `Administrator`). */
  actor?: string | readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

export async function listAuditEvents(db: Db, f: AuditFilter): Promise<{ total: number; items: AuditEvent[] }> {
  let q = db.selectFrom("audit_events");
  if (f.enterpriseId !== null) q = q.where("enterprise_id", "=", f.enterpriseId);
  if (f.targetType !== undefined) q = q.where("target_type", "=", f.targetType);
  if (f.targetId !== undefined) q = q.where("target_id", "=", f.targetId);
  if (typeof f.actor === "string") q = q.where("actor_id", "=", f.actor);
  else if (f.actor !== undefined && f.actor.length > 0) q = q.where("actor_id", "in", [...f.actor]);
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<", f.to);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy("id", "desc").offset(f.offset).limit(f.limit).execute();
  return { total: Number(total), items: rows.map(toAuditEvent) };
}
