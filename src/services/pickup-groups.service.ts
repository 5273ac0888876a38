// Pickup groups (ピックアップグループ, features.md §11): list, add, edit, delete, and the members.
import type { Membership } from "../domain/account/admin-group.ts";
import { DomainError } from "../domain/errors.ts";
import { checkPickupGroup, checkPickupGroupDeletable, checkPickupMemberIds, checkSiteChange, defaultSite } from "../domain/pickup-group/pickup-group.ts";
import type { Principal } from "../domain/roles.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  deletePickupGroup,
  findPickupGroup,
  findPickupGroupConflict,
  insertPickupGroup,
  listPickupGroupMembers,
  listPickupGroups,
  lockPickupGroup,
  pickupGroupMemberIds,
  pickupGroupsOf,
  setPickupMembership,
  updatePickupGroup,
  type PickupGroup,
  type PickupGroupDraft,
  type PickupGroupMember,
} from "../store/pickup-group.store.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { uniqueViolation } from "../store/unique.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";

export type { PickupGroup, PickupGroupMember };

export interface PickupGroupListQuery {
  q: string;
  match: Match;
  sort: "name" | "number" | "site";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface PickupMemberListQuery {
  membership: Membership;
  /** Matches the subscriber ID, number or display name. */
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface PickupGroupInput {
  name: string;
  number: string;
  /** Left out: "default" for a new group, the stored site for an edit. */
  site?: string | undefined;
  memo?: string | undefined;
}

/** product.md §Roles: pickup groups are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function audited(g: PickupGroupDraft & { id: number }) {
  const { id, name, number, site, memo, version } = g;
  return { id, name, number, site, memo, version };
}

export class PickupGroupService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: PickupGroupListQuery): Promise<{ total: number; items: PickupGroup[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listPickupGroups(this.#db, this.#dialect, enterpriseId, query);
  }

  async get(principal: Principal, enterpriseId: string, id: number): Promise<PickupGroup> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const group = await findPickupGroup(this.#db, enterpriseId, id);
    if (group === undefined) throw new DomainError("8048");
    return group;
  }

  /** Name, or number + site, unique in the enterprise (8043). */
  async create(ctx: ActionContext, enterpriseId: string, input: PickupGroupInput): Promise<PickupGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const g = checkPickupGroup({ name: input.name, number: input.number, site: input.site ?? defaultSite, memo: input.memo ?? "" });
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const conflict = await findPickupGroupConflict(tx, enterpriseId, g);
      if (conflict !== undefined) throw new DomainError("8043", { field: conflict });
      const draft: PickupGroupDraft = { enterpriseId, ...g, version: 1, createdAt: now, updatedAt: now };
      let id: number;
      try {
        id = await insertPickupGroup(tx, draft);
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === undefined) throw error;
        throw new DomainError("8043", { field: /name/.test(constraint) ? "name" : "number" });
      }
      const group: PickupGroup = { ...draft, id, memberCount: 0 };
      await audit(tx, ctx, this.#clock(), { action: "pickupGroup.create", enterpriseId, targetType: "pickupGroup", targetId: String(id), after: audited(group) });
      return group;
    });
  }

  /** Missing group 8045, stale If-Match 8111, duplicates 8044, a new site while the group has members 8081. */
  async update(ctx: ActionContext, enterpriseId: string, id: number, input: PickupGroupInput, ifMatch?: number): Promise<PickupGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    checkPickupGroup({ name: input.name, number: input.number, site: input.site ?? defaultSite, memo: input.memo ?? "" });
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      // The lock first: the member count read below can't change until this change is stored.
      if (!(await lockPickupGroup(tx, enterpriseId, id))) throw new DomainError("8045");
      const before = (await findPickupGroup(tx, enterpriseId, id)) as PickupGroup;
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const g = checkPickupGroup({ name: input.name, number: input.number, site: input.site ?? before.site, memo: input.memo ?? "" });
      if (g.name === before.name && g.number === before.number && g.site === before.site && g.memo === before.memo) return before;
      checkSiteChange(before.site, g.site, before.memberCount);
      const conflict = await findPickupGroupConflict(tx, enterpriseId, g, id);
      if (conflict !== undefined) throw new DomainError("8044", { field: conflict });
      const after: PickupGroup = { ...before, ...g, version: before.version + 1, updatedAt: now };
      try {
        await updatePickupGroup(tx, id, after);
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === undefined) throw error;
        throw new DomainError("8044", { field: /name/.test(constraint) ? "name" : "number" });
      }
      await audit(tx, ctx, this.#clock(), { action: "pickupGroup.update", enterpriseId, targetType: "pickupGroup", targetId: String(id), before: audited(before), after: audited(after) });
      return after;
    });
  }

  /** Not while the group has members (8046); a missing group is 8047. */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockPickupGroup(tx, enterpriseId, id))) throw new DomainError("8047");
      const group = (await findPickupGroup(tx, enterpriseId, id)) as PickupGroup;
      checkPickupGroupDeletable(group.memberCount);
      await deletePickupGroup(tx, id);
      await audit(tx, ctx, this.#clock(), { action: "pickupGroup.delete", enterpriseId, targetType: "pickupGroup", targetId: String(id), before: audited(group) });
    });
  }

  /** The enterprise's numbers with whether each is a member; a missing group is 8048. */
  async members(principal: Principal, enterpriseId: string, id: number, query: PickupMemberListQuery): Promise<{ total: number; items: PickupGroupMember[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    if ((await findPickupGroup(this.#db, enterpriseId, id)) === undefined) throw new DomainError("8048");
    return listPickupGroupMembers(this.#db, this.#dialect, enterpriseId, id, query);
  }

  /**
   * Replaces the members at once (all or nothing). A number is in at most one pickup group: one that is in
   * another group moves to this one (the audit trail records where it came from).
   */
  async setMembers(ctx: ActionContext, enterpriseId: string, id: number, subscriberIds: readonly string[]): Promise<{ subscriberIds: string[] }> {
    requireAdministrator(ctx.principal, enterpriseId);
    const wanted = checkPickupMemberIds(subscriberIds);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockPickupGroup(tx, enterpriseId, id))) throw new DomainError("8048");
      const group = (await findPickupGroup(tx, enterpriseId, id)) as PickupGroup;
      const current = await pickupGroupsOf(tx, enterpriseId, wanted);
      const unknown = wanted.filter((sid) => !current.has(sid));
      // Another enterprise's number answers like a number that does not exist: its existence stays a secret.
      if (unknown.length > 0) throw new DomainError("8049", { field: "subscriberIds", details: { subscriberIds: unknown } });
      const before = (await pickupGroupMemberIds(tx, id)).sort(byCodePoint);
      const after = [...wanted].sort(byCodePoint);
      const keep = new Set(after);
      const joining = after.filter((sid) => current.get(sid) !== id);
      const leaving = before.filter((sid) => !keep.has(sid));
      if (joining.length === 0 && leaving.length === 0) return { subscriberIds: after };
      const moved = joining.filter((sid) => current.get(sid) !== null).map((sid) => ({ subscriberId: sid, fromGroupId: current.get(sid) }));
      for (const sid of leaving) await setPickupMembership(tx, sid, null, now);
      for (const sid of joining) await setPickupMembership(tx, sid, id, now);
      await audit(tx, ctx, this.#clock(), {
        action: "pickupGroup.members.update",
        enterpriseId,
        targetType: "pickupGroup",
        targetId: String(id),
        before: { name: group.name, subscriberIds: before },
        after: { name: group.name, subscriberIds: after, moved },
      });
      return { subscriberIds: after };
    });
  }
}
