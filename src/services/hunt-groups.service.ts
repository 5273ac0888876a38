// Hunt groups (代表グループ, features.md §8): list, add, edit, delete, and the members with their order.
import type { Membership } from "../domain/account/admin-group.ts";
import { DomainError } from "../domain/errors.ts";
import { checkDistributionChange, checkHuntGroup, checkHuntGroupDeletable, checkHuntMembers, type Distribution, type HuntMember } from "../domain/hunt-group/hunt-group.ts";
import type { Principal } from "../domain/roles.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  deleteHuntGroup,
  findHuntGroup,
  findHuntGroupByPilot,
  findHuntGroupIdByName,
  huntGroupMembers,
  insertHuntGroup,
  joinHuntGroup,
  leaveHuntGroup,
  listHuntGroupMembers,
  listHuntGroups,
  lockHuntGroup,
  updateHuntGroup,
  type HuntGroup,
  type HuntGroupDraft,
  type HuntGroupMember,
} from "../store/hunt-group.store.ts";
import { findSchedule } from "../store/schedule.store.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { findSubscriber, findSubscribersByIds } from "../store/subscriber.store.ts";
import { uniqueViolation } from "../store/unique.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";

export type { HuntGroup, HuntGroupMember };

export interface HuntGroupListQuery {
  q: string;
  match: Match;
  sort: "name" | "pilotSubscriberId" | "distribution" | "slideTimerSec";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface HuntMemberListQuery {
  membership: Membership;
  /** Matches the subscriber ID, number or display name. */
  q: string;
  match: Match;
  sort: "order" | "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface HuntGroupInput {
  name: string;
  pilotSubscriberId: string;
  distribution: Distribution;
  slideTimerSec: number;
  schedule?: { enabled: boolean; scheduleId: number | null } | undefined;
  memo?: string | undefined;
}

/** product.md §Roles: hunt groups are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

function checked(input: HuntGroupInput) {
  return checkHuntGroup({
    name: input.name,
    pilotSubscriberId: input.pilotSubscriberId,
    distribution: input.distribution,
    slideTimerSec: input.slideTimerSec,
    schedule: input.schedule ?? { enabled: false, scheduleId: null },
    memo: input.memo ?? "",
  });
}

/** The stored parts of a group the audit trail records. */
function audited(g: HuntGroupDraft & { id: number }) {
  const { id, name, pilotSubscriberId, distribution, slideTimerSec, schedule, memo, version } = g;
  return { id, name, pilotSubscriberId, distribution, slideTimerSec, schedule, memo, version };
}

/** A lost race on the unique pilot or name, answered with the code the checks before the write would give. */
function fromUniqueViolation(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) throw error;
  if (/pilot/.test(constraint)) throw new DomainError("8027", { field: "pilotSubscriberId" });
  throw new DomainError("8021", { field: "name" });
}

export class HuntGroupService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: HuntGroupListQuery): Promise<{ total: number; items: HuntGroup[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listHuntGroups(this.#db, this.#dialect, enterpriseId, query);
  }

  async get(principal: Principal, enterpriseId: string, id: number): Promise<HuntGroup> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const group = await findHuntGroup(this.#db, enterpriseId, id);
    if (group === undefined) throw new DomainError("8053");
    return group;
  }

  /** The pilot is a number of the enterprise (missingPilot otherwise) and no other group's pilot (8027); the schedule exists (8023). */
  async #checkReferences(tx: Db, enterpriseId: string, g: ReturnType<typeof checked>, missingPilot: "8025" | "8026", self?: number): Promise<void> {
    const pilot = await findSubscriber(tx, g.pilotSubscriberId);
    if (pilot === undefined || pilot.enterpriseId !== enterpriseId) throw new DomainError(missingPilot, { field: "pilotSubscriberId" });
    const holder = await findHuntGroupByPilot(tx, g.pilotSubscriberId);
    if (holder !== undefined && holder.id !== self) throw new DomainError("8027", { field: "pilotSubscriberId", details: { huntGroup: holder } });
    if (g.schedule.scheduleId !== null) {
      const schedule = await findSchedule(tx, g.schedule.scheduleId);
      if (schedule === undefined || schedule.enterpriseId !== enterpriseId) throw new DomainError("8023", { field: "schedule.scheduleId" });
    }
  }

  async create(ctx: ActionContext, enterpriseId: string, input: HuntGroupInput): Promise<HuntGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const g = checked(input);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if ((await findHuntGroupIdByName(tx, enterpriseId, g.name)) !== undefined) throw new DomainError("8021", { field: "name" });
      await this.#checkReferences(tx, enterpriseId, g, "8025");
      const draft: HuntGroupDraft = { enterpriseId, ...g, version: 1, createdAt: now, updatedAt: now };
      let id: number;
      try {
        id = await insertHuntGroup(tx, draft);
      } catch (error) {
        fromUniqueViolation(error);
      }
      const group: HuntGroup = { ...draft, id, memberCount: 0 };
      await audit(tx, ctx, this.#clock(), { action: "huntGroup.create", enterpriseId, targetType: "huntGroup", targetId: String(id), after: audited(group) });
      return group;
    });
  }

  /**
   * Replaces the group's fields. Missing group 8024, stale If-Match 8111, name 8021, pilot 8026 / 8027,
   * schedule 8023; switching to 同報 with 6+ members 8082, away from it with 33+ members 8083.
   */
  async update(ctx: ActionContext, enterpriseId: string, id: number, input: HuntGroupInput, ifMatch?: number): Promise<HuntGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const g = checked(input);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      // The lock first: the member count read below can't change until this change is stored.
      if (!(await lockHuntGroup(tx, enterpriseId, id))) throw new DomainError("8024");
      const before = (await findHuntGroup(tx, enterpriseId, id)) as HuntGroup;
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const holder = await findHuntGroupIdByName(tx, enterpriseId, g.name);
      if (holder !== undefined && holder !== id) throw new DomainError("8021", { field: "name" });
      await this.#checkReferences(tx, enterpriseId, g, "8026", id);
      checkDistributionChange(before.distribution, g.distribution, before.memberCount);
      const same =
        g.name === before.name &&
        g.pilotSubscriberId === before.pilotSubscriberId &&
        g.distribution === before.distribution &&
        g.slideTimerSec === before.slideTimerSec &&
        g.schedule.enabled === before.schedule.enabled &&
        g.schedule.scheduleId === before.schedule.scheduleId &&
        g.memo === before.memo;
      if (same) return before;
      const after: HuntGroup = { ...before, ...g, version: before.version + 1, updatedAt: now };
      try {
        await updateHuntGroup(tx, id, after);
      } catch (error) {
        fromUniqueViolation(error);
      }
      await audit(tx, ctx, this.#clock(), { action: "huntGroup.update", enterpriseId, targetType: "huntGroup", targetId: String(id), before: audited(before), after: audited(after) });
      return after;
    });
  }

  /** Not while the group has members (8030); a missing group is 8028. */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockHuntGroup(tx, enterpriseId, id))) throw new DomainError("8028");
      const group = (await findHuntGroup(tx, enterpriseId, id)) as HuntGroup;
      checkHuntGroupDeletable(group.memberCount);
      await deleteHuntGroup(tx, id);
      await audit(tx, ctx, this.#clock(), { action: "huntGroup.delete", enterpriseId, targetType: "huntGroup", targetId: String(id), before: audited(group) });
    });
  }

  /** The enterprise's numbers with whether each is a member and its order; a missing group is 8053. */
  async members(principal: Principal, enterpriseId: string, id: number, query: HuntMemberListQuery): Promise<{ total: number; items: HuntGroupMember[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    if ((await findHuntGroup(this.#db, enterpriseId, id)) === undefined) throw new DomainError("8053");
    return listHuntGroupMembers(this.#db, this.#dialect, enterpriseId, id, query);
  }

  /**
   * Replaces the members and their orders at once (all or nothing). A number already in another hunt group is
   * refused (8022), not moved: taking it out of that group is a change of that group.
   */
  async setMembers(ctx: ActionContext, enterpriseId: string, id: number, items: readonly HuntMember[]): Promise<{ members: HuntMember[] }> {
    requireAdministrator(ctx.principal, enterpriseId);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockHuntGroup(tx, enterpriseId, id))) throw new DomainError("8053");
      const group = (await findHuntGroup(tx, enterpriseId, id)) as HuntGroup;
      const wanted = checkHuntMembers(items, group.distribution);

      const found = new Map((await findSubscribersByIds(tx, wanted.map((m) => m.subscriberId))).filter((s) => s.enterpriseId === enterpriseId).map((s) => [s.id, s]));
      const unknown = wanted.filter((m) => !found.has(m.subscriberId)).map((m) => m.subscriberId);
      if (unknown.length > 0) throw new DomainError("8049", { field: "subscriberId", details: { subscriberIds: unknown } });
      const elsewhere = [...found.values()].filter((s) => s.huntGroupId !== null && s.huntGroupId !== id).map((s) => ({ subscriberId: s.id, huntGroupId: s.huntGroupId }));
      if (elsewhere.length > 0) throw new DomainError("8022", { field: "subscriberId", details: { members: elsewhere } });

      const before = await huntGroupMembers(tx, id);
      const orderBefore = new Map(before.map((m) => [m.subscriberId, m.order]));
      const keep = new Set(wanted.map((m) => m.subscriberId));
      const changed = before.length !== wanted.length || wanted.some((m) => orderBefore.get(m.subscriberId) !== m.order);
      if (!changed) return { members: wanted };
      for (const m of before) if (!keep.has(m.subscriberId)) await leaveHuntGroup(tx, m.subscriberId, id, now);
      for (const m of wanted) {
        if (orderBefore.get(m.subscriberId) === m.order) continue;
        // The condition is part of the write: a number another group took meanwhile is refused here too.
        if (!(await joinHuntGroup(tx, m.subscriberId, id, m.order, now))) throw new DomainError("8022", { field: "subscriberId", details: { members: [{ subscriberId: m.subscriberId }] } });
      }
      await audit(tx, ctx, this.#clock(), {
        action: "huntGroup.members.update",
        enterpriseId,
        targetType: "huntGroup",
        targetId: String(id),
        before: { name: group.name, members: before },
        after: { name: group.name, members: wanted },
      });
      return { members: wanted };
    });
  }
}
