// The audit log (操作履歴, features.md §15): who changed what, when, from where; operators see all, enterprise admins their enterprise.
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { listAuditEvents, type AuditEvent } from "../store/audit.store.ts";
import type { Db } from "../store/database.ts";
import { requireEnterpriseScope, requireOperator, requireRole } from "./access.ts";

export type { AuditEvent };

export interface AuditQuery {
  /** Changes made to this number. */
  subscriberId?: string | undefined;
  /** Who made them: an operator or subscriber ID, an account's login ID, or `enterpriseId/loginId`. */
  actor?: string | undefined;
  /** ISO-8601 instants; `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

/** Any ISO-8601 instant with an offset, compared as the stored UTC text (`2026-11-22T13:30:00.000Z`). */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new DomainError("8009", { field });
  return new Date(ms).toISOString();
}

/**
 * The trail names an enterprise account `enterpriseId/loginId` (services/audit.ts); within one enterprise
 * its bare login ID finds it too.
 */
function actorIds(actor: string | undefined, enterpriseId: string | null): string[] | undefined {
  if (actor === undefined || actor === "") return undefined;
  return enterpriseId === null || actor.includes("/") ? [actor] : [actor, `${enterpriseId}/${actor}`];
}

export class AuditLogService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * One enterprise's trail: its admins and operators (group admins and end users 403). The enterprise
   * need not exist any more: the trail outlives what it describes.
   */
  async listForEnterprise(principal: Principal, enterpriseId: string, query: AuditQuery): Promise<{ total: number; items: AuditEvent[] }> {
    requireEnterpriseScope(principal, enterpriseId);
    requireRole(principal, ["operator", "enterpriseAdmin"]);
    return this.#list(enterpriseId, query);
  }

  /** Every enterprise's trail and the operators' own changes (operators only), optionally for one enterprise. */
  async listAll(principal: Principal, query: AuditQuery & { enterpriseId?: string | undefined }): Promise<{ total: number; items: AuditEvent[] }> {
    requireOperator(principal);
    const enterpriseId = query.enterpriseId === undefined || query.enterpriseId === "" ? null : query.enterpriseId;
    return this.#list(enterpriseId, query);
  }

  async #list(enterpriseId: string | null, query: AuditQuery): Promise<{ total: number; items: AuditEvent[] }> {
    const from = instant(query.from, "from");
    const to = instant(query.to, "to");
    const subscriberId = query.subscriberId === "" ? undefined : query.subscriberId;
    return listAuditEvents(this.#db, {
      enterpriseId,
      ...(subscriberId === undefined ? {} : { targetType: "subscriber", targetId: subscriberId }),
      actor: actorIds(query.actor, enterpriseId),
      from,
      to,
      offset: query.offset,
      limit: query.limit,
    });
  }
}
