// Writes the audit trail inside the transaction of the change, with secrets redacted.
import type { Db } from "../store/database.ts";
import { insertAuditEvent, insertAuditEvents } from "../store/audit.store.ts";
import { pipelined, type Pipeline } from "../store/raw-statement.ts";
import type { ActionContext } from "./context.ts";
import { noteChange } from "./unit-of-work.ts";

const secretKey = /password|secret|token|hash/i;

/**
 * Secrets never reach the trail: any key that looks like one keeps only the fact that it was set.
 * A value whose JSON names no such key anywhere (forwarding, call settings: most of a bulk change) is
 * written as it is; only the others take JSON.stringify's replacer, whose call per key costs several times more.
 */
function redactedJson(value: unknown): string {
  const plain = JSON.stringify(value);
  if (!secretKey.test(plain)) return plain;
  return JSON.stringify(value, (key, v: unknown) => (key !== "" && secretKey.test(key) && v !== null && v !== undefined && v !== "" ? "********" : v));
}

export interface AuditEntry {
  readonly action: string;
  readonly enterpriseId: string | null;
  readonly targetType: string;
  readonly targetId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /**
   * For the routing snapshot, not the trail: the change moved numbers between pickup and hunt groups and
   * changed nothing else of theirs (services/unit-of-work.ts).
   */
  readonly routing?: "memberships";
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
    before: entry.before === undefined ? null : redactedJson(entry.before),
    after: entry.after === undefined ? null : redactedJson(entry.after),
    ip: ctx.ip,
  };
}

export async function audit(db: Db, ctx: ActionContext, at: Date, entry: AuditEntry): Promise<void> {
  noteChange(db, entry);
  await insertAuditEvent(db, auditRow(ctx, at, entry));
}

/**
 * One event an entry, as `audit` writes them, in multi-row statements (bulk changes). `writes`: the
 * pipeline of the change's other statements, if any (store/raw-statement.ts).
 */
export async function auditMany(db: Db, ctx: ActionContext, at: Date, entries: readonly AuditEntry[], writes?: Pipeline): Promise<void> {
  for (const entry of entries) noteChange(db, entry);
  const insert = async (into: Pipeline) => {
    // Rows are made a statement's worth at a time, so the event loop turns between them (yield-plugin.ts).
    for (let i = 0; i < entries.length; i += 250) {
      await insertAuditEvents(into, entries.slice(i, i + 250).map((entry) => auditRow(ctx, at, entry)));
    }
  };
  await (writes === undefined ? pipelined(db, insert) : insert(writes));
}
