// Extension groups (内線グループ, features.md §10): list, add, edit, delete, and the members with their extensions.
import type { Membership } from "../domain/account/admin-group.ts";
import { DomainError } from "../domain/errors.ts";
import {
  checkExtensionGroup,
  checkExtensionGroupDeletable,
  checkExtensionMembers,
  externalPrefix,
  groupView,
  rebaseForwarding,
  rebaseScheduleRules,
  type ExtensionMember,
  type ExtensionMemberInput,
  type GroupView,
} from "../domain/extension-group/extension-group.ts";
import type { Principal } from "../domain/roles.ts";
import type { ScheduleRule } from "../domain/schedule/schedule.ts";
import type { Forwarding } from "../domain/subscriber/subscriber.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  deleteExtensionGroup,
  findExtensionGroup,
  findExtensionGroupConflict,
  insertExtensionGroup,
  listExtensionGroupMembers,
  listExtensionGroups,
  lockExtensionGroup,
  schedulesOfExtensionGroup,
  setExtensionMembership,
  updateExtensionGroup,
  updateScheduleRules,
  type ExtensionGroup,
  type ExtensionGroupMember,
} from "../store/extension-group.store.ts";
import { fromJson } from "../store/json.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { extensionGroupMembers, findSubscribersByIds } from "../store/subscriber.store.ts";
import { uniqueViolation } from "../store/unique.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";

export type { ExtensionGroup, ExtensionGroupMember };

export interface ExtensionGroupListQuery {
  q: string;
  match: Match;
  sort: "name" | "siteNumber";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface ExtensionMemberListQuery {
  membership: Membership;
  /** Matches the subscriber ID, number, extension or display name. */
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "extension" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface ExtensionGroupInput {
  name: string;
  siteNumber: string;
  memo?: string | undefined;
}

/** What a membership change did besides the membership: forwarding and schedule rules that had to follow. */
export interface ExtensionMembersResult {
  members: ExtensionMember[];
  adjustedForwarding: { subscriberId: string; cleared: string[] }[];
  adjustedSchedules: { id: number; name: string }[];
}

/** product.md §Roles: extension groups are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The stored parts of a group the audit trail records (no member count: it is not the group's own field). */
function audited(g: ExtensionGroup) {
  return { id: g.id, name: g.name, siteNumber: g.siteNumber, externalPrefix: g.externalPrefix, memo: g.memo, version: g.version };
}

export class ExtensionGroupService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: ExtensionGroupListQuery): Promise<{ total: number; items: ExtensionGroup[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listExtensionGroups(this.#db, this.#dialect, enterpriseId, query);
  }

  async get(principal: Principal, enterpriseId: string, id: number): Promise<ExtensionGroup> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const group = await findExtensionGroup(this.#db, enterpriseId, id);
    if (group === undefined) throw new DomainError("8014");
    return group;
  }

  /** Name and site number unique in the enterprise (8017); the external prefix is always "0". */
  async create(ctx: ActionContext, enterpriseId: string, input: ExtensionGroupInput): Promise<ExtensionGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const checked = checkExtensionGroup({ name: input.name, siteNumber: input.siteNumber, memo: input.memo ?? "" });
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const conflict = await findExtensionGroupConflict(tx, enterpriseId, checked.name, checked.siteNumber);
      if (conflict !== undefined) throw new DomainError("8017", { field: conflict });
      let id: number;
      try {
        id = await insertExtensionGroup(tx, { enterpriseId, ...checked, externalPrefix, at: now });
      } catch (error) {
        // Another request added the same name or site number after the check above.
        const constraint = uniqueViolation(error);
        if (constraint !== undefined) throw new DomainError("8017", { field: /site/.test(constraint) ? "siteNumber" : "name" });
        throw error;
      }
      const group: ExtensionGroup = { id, enterpriseId, ...checked, externalPrefix, memberCount: 0, version: 1, createdAt: now, updatedAt: now };
      await audit(tx, ctx, this.#clock(), { action: "extensionGroup.create", enterpriseId, targetType: "extensionGroup", targetId: String(id), after: audited(group) });
      return group;
    });
  }

  /** Replaces name, site number and memo; duplicates are 8018, a stale If-Match 8111, a missing group 8019. */
  async update(ctx: ActionContext, enterpriseId: string, id: number, input: ExtensionGroupInput, ifMatch?: number): Promise<ExtensionGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const checked = checkExtensionGroup({ name: input.name, siteNumber: input.siteNumber, memo: input.memo ?? "" });
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockExtensionGroup(tx, enterpriseId, id))) throw new DomainError("8019");
      const before = (await findExtensionGroup(tx, enterpriseId, id)) as ExtensionGroup;
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      if (checked.name === before.name && checked.siteNumber === before.siteNumber && checked.memo === before.memo) return before;
      const conflict = await findExtensionGroupConflict(tx, enterpriseId, checked.name, checked.siteNumber, id);
      if (conflict !== undefined) throw new DomainError("8018", { field: conflict });
      const after: ExtensionGroup = { ...before, ...checked, version: before.version + 1, updatedAt: now };
      try {
        await updateExtensionGroup(tx, after);
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== undefined) throw new DomainError("8018", { field: /site/.test(constraint) ? "siteNumber" : "name" });
        throw error;
      }
      await audit(tx, ctx, this.#clock(), { action: "extensionGroup.update", enterpriseId, targetType: "extensionGroup", targetId: String(id), before: audited(before), after: audited(after) });
      return after;
    });
  }

  /**
   * Refused (8122, saying why) while the group has members or a schedule refers to it: members would lose
   * their extensions and their forwarding would be read differently, so they are taken out on purpose first.
   */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockExtensionGroup(tx, enterpriseId, id))) throw new DomainError("8020");
      const group = (await findExtensionGroup(tx, enterpriseId, id)) as ExtensionGroup;
      const schedules = (await schedulesOfExtensionGroup(tx, id)).map((s) => ({ id: s.id, name: s.name }));
      checkExtensionGroupDeletable(group.name, group.memberCount, schedules);
      await deleteExtensionGroup(tx, id);
      await audit(tx, ctx, this.#clock(), { action: "extensionGroup.delete", enterpriseId, targetType: "extensionGroup", targetId: String(id), before: audited(group) });
    });
  }

  /** The enterprise's numbers with whether each is a member (メンバ / 非メンバ / both); a missing group is 8051. */
  async members(principal: Principal, enterpriseId: string, id: number, query: ExtensionMemberListQuery): Promise<{ total: number; items: ExtensionGroupMember[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    if ((await findExtensionGroup(this.#db, enterpriseId, id)) === undefined) throw new DomainError("8051");
    return listExtensionGroupMembers(this.#db, this.#dialect, enterpriseId, id, query);
  }

  /**
   * Replaces the membership at once (all or nothing). A number listed with an extension becomes a member
   * (moving out of another extension group); a member left out leaves and loses its extension. Stored
   * forwarding follows (features.md §4): each destination keeps reaching the same number — a colleague's
   * extension follows the colleague, an external number gains or loses the prefix "0" as its owner joins or
   * leaves; a destination that can't be read any more is switched off and cleared. Rules of schedules that
   * belong to an affected group follow the same way.
   */
  async setMembers(ctx: ActionContext, enterpriseId: string, id: number, items: readonly ExtensionMemberInput[]): Promise<ExtensionMembersResult> {
    requireAdministrator(ctx.principal, enterpriseId);
    const wanted = checkExtensionMembers(items);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockExtensionGroup(tx, enterpriseId, id))) throw new DomainError("8051");
      const group = (await findExtensionGroup(tx, enterpriseId, id)) as ExtensionGroup;

      const found = new Map((await findSubscribersByIds(tx, wanted.map((m) => m.subscriberId))).filter((s) => s.enterpriseId === enterpriseId).map((s) => [s.id, s]));
      const unknown = wanted.filter((m) => !found.has(m.subscriberId)).map((m) => m.subscriberId);
      // Another enterprise's number answers like a number that does not exist: its existence stays a secret.
      if (unknown.length > 0) throw new DomainError("8049", { field: "subscriberId", details: { subscriberIds: unknown } });

      const extensionOf = new Map(wanted.map((m) => [m.subscriberId, m.extension]));
      // The groups whose membership changes: this one, and every group a new member comes from.
      const groupIds = [...new Set([id, ...[...found.values()].map((s) => s.extensionGroupId).filter((g): g is number => g !== null)])];
      const oldMembers = new Map<number, { id: string; number: string; extension: string }[]>();
      for (const g of groupIds) oldMembers.set(g, await extensionGroupMembers(tx, g));
      const prefixOf = new Map<number, string>([[id, group.externalPrefix]]);
      for (const g of groupIds) if (!prefixOf.has(g)) prefixOf.set(g, (await findExtensionGroup(tx, enterpriseId, g))?.externalPrefix ?? externalPrefix);

      const oldViews = new Map<number, GroupView>();
      const newViews = new Map<number, GroupView>();
      for (const g of groupIds) {
        const prefix = prefixOf.get(g) ?? externalPrefix;
        const members = oldMembers.get(g) ?? [];
        oldViews.set(g, groupView(prefix, members));
        newViews.set(
          g,
          g === id
            ? groupView(prefix, wanted.map((m) => ({ number: found.get(m.subscriberId)?.number ?? "", extension: m.extension })))
            : groupView(prefix, members.filter((m) => !extensionOf.has(m.id))),
        );
      }

      // Every number whose membership or forwarding may change: the old and new members of every affected group.
      const affectedIds = new Set<string>(wanted.map((m) => m.subscriberId));
      for (const members of oldMembers.values()) for (const m of members) affectedIds.add(m.id);
      const subscribers = await findSubscribersByIds(tx, [...affectedIds].sort(byCodePoint));

      const adjustedForwarding: ExtensionMembersResult["adjustedForwarding"] = [];
      const forwardingChanges: { subscriberId: string; before: Forwarding; after: Forwarding }[] = [];
      const moved: { subscriberId: string; fromGroupId: number }[] = [];
      let membershipChanged = false;
      for (const s of subscribers.sort((a, b) => byCodePoint(a.id, b.id))) {
        const from = s.extensionGroupId === null ? undefined : oldViews.get(s.extensionGroupId);
        const nextExtension = extensionOf.get(s.id);
        const nextGroup = nextExtension !== undefined ? id : s.extensionGroupId === id ? null : s.extensionGroupId;
        const to = nextGroup === null ? undefined : newViews.get(nextGroup);
        const rebased = rebaseForwarding(s.forwarding, from, to, nextGroup === s.extensionGroupId);
        const joinsOrChanges = nextGroup !== s.extensionGroupId || (nextExtension ?? s.extension) !== s.extension;
        if (!joinsOrChanges && !rebased.changed) continue;
        if (joinsOrChanges) membershipChanged = true;
        if (nextGroup === id && s.extensionGroupId !== null && s.extensionGroupId !== id) moved.push({ subscriberId: s.id, fromGroupId: s.extensionGroupId });
        if (rebased.changed) {
          adjustedForwarding.push({ subscriberId: s.id, cleared: [...rebased.cleared] });
          forwardingChanges.push({ subscriberId: s.id, before: s.forwarding, after: rebased.forwarding });
        }
        await setExtensionMembership(
          tx,
          s.id,
          { groupId: nextGroup, extension: nextGroup === null ? null : (nextExtension ?? s.extension), forwarding: rebased.changed ? rebased.forwarding : undefined },
          s.version + 1,
          now,
        );
      }

      const adjustedSchedules: { id: number; name: string }[] = [];
      const scheduleChanges: { id: number; name: string; before: ScheduleRule[]; after: ScheduleRule[] }[] = [];
      if (membershipChanged) {
        for (const g of groupIds) {
          const from = oldViews.get(g) as GroupView;
          const to = newViews.get(g) as GroupView;
          for (const schedule of await schedulesOfExtensionGroup(tx, g)) {
            const rules = fromJson<ScheduleRule[]>(schedule.rules) ?? [];
            const rebased = rebaseScheduleRules(rules, from, to);
            if (!rebased.changed) continue;
            await updateScheduleRules(tx, schedule.id, rebased.rules, schedule.version + 1, now);
            adjustedSchedules.push({ id: schedule.id, name: schedule.name });
            scheduleChanges.push({ id: schedule.id, name: schedule.name, before: rules, after: rebased.rules });
          }
        }
      }

      const before = (oldMembers.get(id) ?? []).map((m) => ({ subscriberId: m.id, extension: m.extension })).sort((a, b) => byCodePoint(a.subscriberId, b.subscriberId));
      const members = [...wanted].sort((a, b) => byCodePoint(a.subscriberId, b.subscriberId));
      if (membershipChanged || forwardingChanges.length > 0) {
        await audit(tx, ctx, this.#clock(), {
          action: "extensionGroup.members.update",
          enterpriseId,
          targetType: "extensionGroup",
          targetId: String(id),
          before: { name: group.name, members: before },
          after: { name: group.name, members, moved, forwarding: forwardingChanges, schedules: scheduleChanges },
        });
      }
      return { members, adjustedForwarding, adjustedSchedules };
    });
  }
}
