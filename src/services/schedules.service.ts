// 時間帯転送 (features.md §6): list, add, edit, delete (in-use protection), and the 4-week preview.
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { checkSchedule, preview, type PreviewDay, type Schedule, type ScheduleRule } from "../domain/schedule/schedule.ts";
import { addDays, localTime } from "../domain/time.ts";
import type { Db } from "../store/database.ts";
import { findExtensionGroupRef } from "../store/extension-group.store.ts";
import {
  deleteSchedule,
  findSchedule,
  findScheduleByName,
  huntGroupsUsingSchedule,
  insertSchedule,
  listSchedules,
  updateSchedule,
} from "../store/schedule.store.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { findSubscribersByIds, subscribersUsingSchedule } from "../store/subscriber.store.ts";
import { requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { destinationContext } from "./destination-context.ts";
import { assertNoForwardingLoop } from "./forwarding-graph.ts";
import { enterpriseInScope } from "./subscriber-scope.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface ScheduleInput {
  name: string;
  cfnaTimeoutSec: number;
  extensionGroupId?: number | null | undefined;
  memo?: string | undefined;
  rules: ScheduleRule[];
}

export class ScheduleService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async #scope(principal: Principal, enterpriseId: string) {
    const enterprise = await enterpriseInScope(this.#db, principal, enterpriseId);
    requireRole(principal, ["operator", "enterpriseAdmin"]);
    return enterprise;
  }

  async list(principal: Principal, enterpriseId: string, q: { q: string; match: Match; order: "asc" | "desc"; offset: number; limit: number }) {
    await this.#scope(principal, enterpriseId);
    return listSchedules(this.#db, this.#dialect, { enterpriseId, ...q });
  }

  async get(principal: Principal, enterpriseId: string, id: number): Promise<Schedule> {
    await this.#scope(principal, enterpriseId);
    const schedule = await findSchedule(this.#db, id);
    if (schedule === undefined || schedule.enterpriseId !== enterpriseId) throw new DomainError("8023");
    return schedule;
  }

  async #checked(tx: Db, enterpriseId: string, input: ScheduleInput) {
    const extensionGroupId = input.extensionGroupId ?? null;
    if (extensionGroupId !== null) {
      const group = await findExtensionGroupRef(tx, extensionGroupId);
      if (group === undefined || group.enterpriseId !== enterpriseId) throw new DomainError("8014", { field: "extensionGroupId" });
    }
    const checked = checkSchedule({ name: input.name, cfnaTimeoutSec: input.cfnaTimeoutSec, memo: input.memo ?? "", rules: input.rules }, await destinationContext(tx, extensionGroupId));
    return { ...checked, extensionGroupId };
  }

  async create(ctx: ActionContext, enterpriseId: string, input: ScheduleInput): Promise<Schedule> {
    await this.#scope(ctx.principal, enterpriseId);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const checked = await this.#checked(tx, enterpriseId, input);
      if ((await findScheduleByName(tx, enterpriseId, checked.name)) !== undefined) throw new DomainError("8034", { field: "name" });
      const draft: Omit<Schedule, "id"> = { enterpriseId, ...checked, version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString() };
      const id = await insertSchedule(tx, draft);
      const schedule = { ...draft, id };
      await audit(tx, ctx, now, { action: "schedule.create", enterpriseId, targetType: "schedule", targetId: String(id), after: schedule });
      return schedule;
    });
  }

  async update(ctx: ActionContext, enterpriseId: string, id: number, input: ScheduleInput, ifMatch?: number): Promise<Schedule> {
    await this.#scope(ctx.principal, enterpriseId);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const before = await findSchedule(tx, id);
      if (before === undefined || before.enterpriseId !== enterpriseId) throw new DomainError("8035");
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const checked = await this.#checked(tx, enterpriseId, input);
      const other = await findScheduleByName(tx, enterpriseId, checked.name);
      if (other !== undefined && other.id !== id) throw new DomainError("8034", { field: "name" });
      const after: Schedule = { ...before, ...checked, version: before.version + 1, updatedAt: now.toISOString() };
      // New rules may close a loop through the numbers that use this schedule.
      const users = await findSubscribersByIds(tx, (await subscribersUsingSchedule(tx, id)).map((u) => u.id));
      await assertNoForwardingLoop(tx, users, { schedules: new Map([[id, { name: after.name, rules: after.rules, extensionGroupId: after.extensionGroupId }]]) });
      await updateSchedule(tx, after);
      await audit(tx, ctx, now, { action: "schedule.update", enterpriseId, targetType: "schedule", targetId: String(id), before, after });
      return after;
    });
  }

  /** A schedule in use by a number or a hunt group can't be deleted (8122, naming the users). */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    await this.#scope(ctx.principal, enterpriseId);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      const before = await findSchedule(tx, id);
      if (before === undefined || before.enterpriseId !== enterpriseId) throw new DomainError("8038");
      const subscribers = await subscribersUsingSchedule(tx, id);
      const huntGroups = await huntGroupsUsingSchedule(tx, id);
      if (subscribers.length > 0 || huntGroups.length > 0) {
        const names = [...subscribers.map((s) => `${s.id}(${s.number})`), ...huntGroups.map((h) => `代表グループ「${h.name}」`)];
        const shown = names.slice(0, 5).join("、") + (names.length > 5 ? ` ほか${names.length - 5}件` : "");
        throw new DomainError("8122", {
          details: { subscribers, huntGroups },
          message: { ja: `時間帯転送「${before.name}」は ${shown} で使用中のため削除できません。`, en: `Schedule "${before.name}" is used by ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}; it can't be deleted.` },
        });
      }
      await deleteSchedule(tx, id);
      await audit(tx, ctx, now, { action: "schedule.delete", enterpriseId, targetType: "schedule", targetId: String(id), before });
    });
  }

  /** Hour by hour over `days` days (default 28) from a local date (default today in the enterprise's zone). */
  async preview(principal: Principal, enterpriseId: string, id: number, from: string | undefined, days: number): Promise<{ schedule: Schedule; from: string; days: PreviewDay[] }> {
    const enterprise = await this.#scope(principal, enterpriseId);
    const schedule = await this.get(principal, enterpriseId, id);
    const start = from ?? localTime(this.#clock(), enterprise.timeZone).date;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start)) || addDays(start, 0) !== start) throw new DomainError("8078", { field: "from" });
    return { schedule, from: start, days: preview(schedule.rules, start, days) };
  }
}
