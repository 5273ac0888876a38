// Writes the audit trail inside the transaction of the change, with secrets redacted.
import type { Db } from "../store/database.ts";
import { insertAuditEvent, insertAuditEvents } from "../store/audit.store.ts";
import type { ActionContext } from "./context.ts";

const secretKey = /password|secret|token|hash/i;

/** Secrets never reach the trail: any key that looks like one keeps only the fact that it was set. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? (v === null || v === undefined || v === "" ? v : "********") : redact(v)]),
    );
  }
  return value;
}

export interface AuditEntry {
  readonly action: string;
  readonly enterpriseId: string | null;
  readonly targetType: string;
  readonly targetId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

function auditRow(ctx: ActionContext, at: Date, entry: AuditEntry) {
  return {
    at: at.toISOString(),
    enterprise_id: entry.enterpriseId,
    actor_role: ctx.principal.role,
    actor_id: ctx.principal.enterpriseId !== undefined && ctx.principal.role !== "subscriber"
      ? `${ctx.principal.enterpriseId}/${ctx.principal.loginId}`
      : ctx.principal.loginId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
    after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    ip: ctx.ip,
  };
}

export async function audit(db: Db, ctx: ActionContext, at: Date, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, auditRow(ctx, at, entry));
}

/** One event an entry, as `audit` writes them, in multi-row statements (bulk changes). */
export async function auditMany(db: Db, ctx: ActionContext, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  await insertAuditEvents(db, entries.map((entry) => auditRow(ctx, at, entry)));
}
