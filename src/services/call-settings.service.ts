// 発着信設定 / 発着信規制 (features.md §3): per number and in bulk, within the service plan's self-service locks.
import type { SelfService } from "../domain/enterprise/enterprise.ts";
import { DomainError, isErrorCode } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import type { CallSettings } from "../domain/subscriber/subscriber.ts";
import type { Db } from "../store/database.ts";
import { listEnterpriseSubscribers, updateCallSettings } from "../store/subscriber.store.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { bulkScope, subscriberInScope } from "./subscriber-scope.ts";
import { inTransaction } from "./unit-of-work.ts";

const keys: readonly (keyof CallSettings)[] = ["anonymousRejection", "withholdCallerId", "internationalBlock", "externalBlock"];

/**
 * product.md §Service plan: operators change anything; enterprise and group admins what the plan's
 * self-service allows (8116 otherwise); end users anonymous rejection only, where the plan allows it.
 * Only values that actually change are judged, so a screen may send the whole object back.
 */
export function checkCallSettingsChange(principal: Principal, selfService: SelfService, before: CallSettings, patch: Partial<CallSettings>): CallSettings {
  const after: CallSettings = { ...before, ...patch };
  for (const key of keys) {
    if (after[key] === before[key] || principal.role === "operator") continue;
    if (principal.role === "subscriber" && key !== "anonymousRejection") throw new DomainError("8109", { field: key });
    if (!selfService[key]) throw new DomainError("8116", { field: key });
  }
  return after;
}

export interface BulkRowError {
  index: number;
  subscriberId: string;
  code: string;
  field?: string | undefined;
  message: string;
  messageEn: string;
}

/** A bulk write failed: nothing was stored; every failing row is listed (api.md: all rows or none). */
export function bulkFailure(errors: BulkRowError[]): DomainError {
  const first = errors[0];
  if (first === undefined) return new DomainError("8009");
  return new DomainError(isErrorCode(first.code) ? first.code : "8009", {
    field: `${first.index}${first.field === undefined ? "" : `.${first.field}`}`,
    details: { rows: errors },
    message: { ja: `${first.subscriberId}: ${first.message}`, en: `${first.subscriberId}: ${first.messageEn}` },
  });
}

export function rowError(index: number, subscriberId: string, error: unknown): BulkRowError {
  if (error instanceof DomainError) {
    return { index, subscriberId, code: error.code, field: error.field, message: error.messageJa, messageEn: error.messageEn };
  }
  throw error;
}

export class CallSettingsService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async get(principal: Principal, enterpriseId: string, id: string): Promise<{ callSettings: CallSettings; selfService: SelfService; version: number }> {
    const { enterprise, subscriber } = await subscriberInScope(this.#db, principal, enterpriseId, id);
    return { callSettings: subscriber.callSettings, selfService: enterprise.selfService, version: subscriber.version };
  }

  async put(ctx: ActionContext, enterpriseId: string, id: string, patch: Partial<CallSettings>, ifMatch?: number): Promise<{ callSettings: CallSettings; selfService: SelfService; version: number }> {
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const { enterprise, subscriber } = await subscriberInScope(tx, ctx.principal, enterpriseId, id);
      if (ifMatch !== undefined && ifMatch !== subscriber.version) throw new DomainError("8111");
      const after = checkCallSettingsChange(ctx.principal, enterprise.selfService, subscriber.callSettings, patch);
      await updateCallSettings(tx, id, after, subscriber.version + 1, now.toISOString());
      await audit(tx, ctx, now, { action: "subscriber.callSettings.update", enterpriseId, targetType: "subscriber", targetId: id, before: subscriber.callSettings, after });
      return { callSettings: after, selfService: enterprise.selfService, version: subscriber.version + 1 };
    });
  }

  /** The 発着信規制 screen: every row or none. */
  async bulk(ctx: ActionContext, enterpriseId: string, rows: ({ subscriberId: string } & Partial<CallSettings>)[]): Promise<{ updated: number }> {
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const scope = await bulkScope(tx, ctx.principal, enterpriseId, listEnterpriseSubscribers);
      const errors: BulkRowError[] = [];
      const seen = new Set<string>();
      for (const [index, row] of rows.entries()) {
        try {
          if (seen.has(row.subscriberId)) throw new DomainError("8009", { field: "subscriberId", details: { duplicate: row.subscriberId } });
          seen.add(row.subscriberId);
          const subscriber = scope.find(row.subscriberId);
          const { subscriberId: _ignored, ...patch } = row;
          const after = checkCallSettingsChange(ctx.principal, scope.enterprise.selfService, subscriber.callSettings, patch);
          if (keys.every((k) => after[k] === subscriber.callSettings[k])) continue;
          await updateCallSettings(tx, subscriber.id, after, subscriber.version + 1, now.toISOString());
          await audit(tx, ctx, now, { action: "subscriber.callSettings.update", enterpriseId, targetType: "subscriber", targetId: subscriber.id, before: subscriber.callSettings, after });
        } catch (error) {
          errors.push(rowError(index, row.subscriberId, error));
        }
      }
      if (errors.length > 0) throw bulkFailure(errors);
      return { updated: rows.length };
    });
  }
}
