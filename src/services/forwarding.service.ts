// 留守番電話・転送設定 (features.md §4–5): a number's forwarding and voicemail, bulk forwarding, the destination list.
import type { Enterprise } from "../domain/enterprise/enterprise.ts";
import { DomainError } from "../domain/errors.ts";
import { checkDestination, type DestinationContext } from "../domain/forwarding/destination-policy.ts";
import { checkForwarding } from "../domain/forwarding/forwarding.ts";
import type { Principal } from "../domain/roles.ts";
import { sameForwarding, type Forwarding, type ForwardingSubject } from "../domain/subscriber/subscriber.ts";
import { checkMemo } from "../domain/text.ts";
import type { Db } from "../store/database.ts";
import { listForwardDestinations, replaceForwardDestinations, type ForwardDestination } from "../store/forward-destination.store.ts";
import { findSchedule } from "../store/schedule.store.ts";
import { pipelined } from "../store/raw-statement.ts";
import { listEnterpriseForwarding, updateForwarding, updateForwardingMany } from "../store/subscriber.store.ts";
import { requireRole } from "./access.ts";
import { audit, auditMany } from "./audit.ts";
import type { BulkJobs } from "./bulk-jobs.ts";
import { bulkFailure, rowError, type BulkRowError } from "./call-settings.service.ts";
import type { ActionContext, Clock } from "./context.ts";
import { destinationContext, SiteReader } from "./destination-context.ts";
import { assertNoForwardingLoop, forwardingWarnings, type ForwardingWarning } from "./forwarding-graph.ts";
import { bulkScope, enterpriseInScope, subscriberInScope } from "./subscriber-scope.ts";
import { inTransaction } from "./unit-of-work.ts";
import { slices } from "./slices.ts";

export type ForwardingPatch = Partial<Forwarding>;

export const maxForwardDestinations = 30;

/** The forwarding service contract (8115), and the schedule and voicemail options of the plan. */
function requireServices(enterprise: Enterprise, next: Forwarding, before: Forwarding): void {
  if (!enterprise.services.forwarding) throw new DomainError("8115");
  if (next.schedule.enabled && !before.schedule.enabled && !enterprise.services.scheduleForwarding) {
    throw new DomainError("8115", { field: "schedule.enabled", message: { ja: "スケジュール転送のご契約がありません。", en: "No schedule-forwarding contract." } });
  }
  if (next.voicemail.enabled && !before.voicemail.enabled && !enterprise.services.voicemail) {
    throw new DomainError("8115", { field: "voicemail.enabled", message: { ja: "留守番電話のご契約がありません。", en: "No voicemail contract." } });
  }
}

function merge(before: Forwarding, patch: ForwardingPatch): Forwarding {
  return {
    unconditional: patch.unconditional ?? before.unconditional,
    busy: patch.busy ?? before.busy,
    noAnswer: patch.noAnswer ?? before.noAnswer,
    schedule: patch.schedule ?? before.schedule,
    voicemail: patch.voicemail ?? before.voicemail,
  };
}

/** Changed rows written a statement at a time while a bulk change is checked (PostgreSQL). */
const writeBatch = 250;

interface ValidationMemo {
  sites: SiteReader;
  contexts: Map<number | null, DestinationContext>;
  schedules: Map<number, Awaited<ReturnType<typeof findSchedule>>>;
}

export class ForwardingService {
  readonly #db: Db;
  readonly #clock: Clock;

  /** Bulk forwarding runs on the bulk worker's thread when there is one (services/bulk-jobs.ts). */
  readonly #jobs: BulkJobs | undefined;

  constructor(db: Db, clock: Clock, jobs?: BulkJobs) {
    this.#db = db;
    this.#clock = clock;
    this.#jobs = jobs;
  }

  async get(principal: Principal, enterpriseId: string, id: string): Promise<{ forwarding: Forwarding; contracted: boolean; version: number; services: Enterprise["services"] }> {
    const { enterprise, subscriber } = await subscriberInScope(this.#db, principal, enterpriseId, id);
    if (!enterprise.services.forwarding) throw new DomainError("8115");
    return { forwarding: subscriber.forwarding, contracted: true, version: subscriber.version, services: enterprise.services };
  }

  /** Validates one number's new forwarding against the rules; returns it normalised. */
  /**
   * `memo` is shared by the rows of one bulk call: a site's extensions and a schedule are read once, not
   * once a row (20,000 rows of a 1,000-member site would otherwise read 20 million extensions).
   */
  async #validate(tx: Db, enterprise: Enterprise, subscriber: ForwardingSubject, patch: ForwardingPatch, memo?: ValidationMemo): Promise<Forwarding> {
    const next = merge(subscriber.forwarding, patch);
    requireServices(enterprise, next, subscriber.forwarding);
    const groupId = subscriber.extensionGroupId;
    let context = memo?.contexts.get(groupId);
    if (context === undefined) {
      context = await destinationContext(tx, groupId, false, memo?.sites);
      memo?.contexts.set(groupId, context);
    }
    const checked = checkForwarding(next, context);
    if (checked.schedule.scheduleId !== null && (patch.schedule !== undefined || checked.schedule.enabled)) {
      const scheduleId = checked.schedule.scheduleId;
      const schedule = memo?.schedules.has(scheduleId) === true ? memo.schedules.get(scheduleId) : await findSchedule(tx, scheduleId);
      memo?.schedules.set(scheduleId, schedule);
      if (schedule === undefined || schedule.enterpriseId !== enterprise.id) throw new DomainError("8023", { field: "schedule.scheduleId" });
    }
    return checked;
  }

  async put(
    ctx: ActionContext,
    enterpriseId: string,
    id: string,
    patch: ForwardingPatch,
    ifMatch?: number,
  ): Promise<{ forwarding: Forwarding; contracted: boolean; version: number; services: Enterprise["services"]; warnings: ForwardingWarning[] }> {
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const { enterprise, subscriber } = await subscriberInScope(tx, ctx.principal, enterpriseId, id);
      if (!enterprise.services.forwarding) throw new DomainError("8115");
      if (ifMatch !== undefined && ifMatch !== subscriber.version) throw new DomainError("8111");
      const after = await this.#validate(tx, enterprise, subscriber, patch);
      await assertNoForwardingLoop(tx, [subscriber], { forwarding: new Map([[subscriber.id, after]]) });
      const warnings = await forwardingWarnings(tx, subscriber, after);
      await updateForwarding(tx, id, after, subscriber.version + 1, now.toISOString());
      await audit(tx, ctx, now, { action: "subscriber.forwarding.update", enterpriseId, targetType: "subscriber", targetId: id, before: subscriber.forwarding, after });
      return { forwarding: after, contracted: true, version: subscriber.version + 1, services: enterprise.services, warnings };
    });
  }

  /** Bulk forwarding (着信転送一括設定 / 一括入力): every row or none, forwarding in force at once. */
  async bulk(ctx: ActionContext, enterpriseId: string, rows: ({ subscriberId: string } & ForwardingPatch)[]): Promise<{ updated: number }> {
    if (this.#jobs !== undefined) return (await this.#jobs.run("forwarding.bulk", ctx, enterpriseId, rows)) as { updated: number };
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const scope = await bulkScope(tx, ctx.principal, enterpriseId, listEnterpriseForwarding);
      if (!scope.enterprise.services.forwarding) throw new DomainError("8115");
      const errors: BulkRowError[] = [];
      const changes = new Map<string, Forwarding>();
      const changed: ForwardingSubject[] = [];
      const memo: ValidationMemo = { sites: new SiteReader(tx), contexts: new Map(), schedules: new Map() };
      const pause = slices();
      return pipelined(tx, async (writes) => {
        // The updates and their audit events go out as one pipeline. On PostgreSQL they go out while the
        // rows are still being checked, 250 at a time, so the database writes on its core while this thread
        // checks the next rows; a row in error, or a loop found at the end, throws and the transaction
        // rolls every written row back. On the embedded database a write runs on this thread, so nothing
        // is written until every row has passed (a file with an error fails without writing at all).
        let written = 0;
        const write = async (upTo: number) => {
          const updates = changed.slice(written, upTo).map((s) => ({ subscriber: s, forwarding: changes.get(s.id) as Forwarding }));
          written = upTo;
          await updateForwardingMany(writes, updates.map((u) => ({ id: u.subscriber.id, forwarding: u.forwarding, version: u.subscriber.version + 1 })), now.toISOString());
          await auditMany(
            tx,
            ctx,
            now,
            updates.map((u) => ({ action: "subscriber.forwarding.update", enterpriseId, targetType: "subscriber", targetId: u.subscriber.id, before: u.subscriber.forwarding, after: u.forwarding })),
            writes,
          );
        };
        for (const [index, row] of rows.entries()) {
          await pause();
          try {
            if (changes.has(row.subscriberId)) throw new DomainError("8009", { field: "subscriberId", details: { duplicate: row.subscriberId } });
            const subscriber = scope.find(row.subscriberId);
            const { subscriberId: _ignored, ...patch } = row;
            const after = await this.#validate(tx, scope.enterprise, subscriber, patch, memo);
            changes.set(subscriber.id, after);
            if (!sameForwarding(after, subscriber.forwarding)) changed.push(subscriber);
          } catch (error) {
            errors.push(rowError(index, row.subscriberId, error));
          }
          if (writes.concurrent && errors.length === 0 && changed.length - written >= writeBatch) await write(changed.length);
        }
        if (errors.length > 0) throw bulkFailure(errors);
        await assertNoForwardingLoop(tx, changed, { forwarding: changes }, memo.sites);
        await write(changed.length);
        return { updated: changed.length };
      });
    });
  }

  /** 転送先番号リスト: administrators read it (the bulk screen's pull-downs); enterprise admins write it. */
  async destinations(principal: Principal, enterpriseId: string): Promise<ForwardDestination[]> {
    await enterpriseInScope(this.#db, principal, enterpriseId);
    requireRole(principal, ["operator", "enterpriseAdmin", "groupAdmin"]);
    return listForwardDestinations(this.#db, enterpriseId);
  }

  async setDestinations(ctx: ActionContext, enterpriseId: string, items: ForwardDestination[]): Promise<ForwardDestination[]> {
    const enterprise = await enterpriseInScope(this.#db, ctx.principal, enterpriseId);
    requireRole(ctx.principal, ["operator", "enterpriseAdmin"]);
    if (!enterprise.services.forwarding) throw new DomainError("8115");
    if (items.length > maxForwardDestinations) throw new DomainError("8100", { field: "items" });
    // The list is enterprise-wide: numbers as the PSTN knows them, no extension-group prefix; no international (8102).
    const checked = items.map((item, i) => ({
      number: checkDestination(item.number, `${i}.number`, { allowInternational: false }).dialed,
      memo: checkMemo(item.memo, `${i}.memo`),
    }));
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const before = await listForwardDestinations(tx, enterpriseId);
      await replaceForwardDestinations(tx, enterpriseId, checked);
      await audit(tx, ctx, now, { action: "forwardDestinations.replace", enterpriseId, targetType: "forwardDestinations", targetId: enterpriseId, before, after: checked });
      return checked;
    });
  }
}
