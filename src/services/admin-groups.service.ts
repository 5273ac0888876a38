// Admin groups (グループ設定, features.md §7): list, create, rename, delete, and the members of a group.
import { checkAdminGroupDeletable, checkAdminGroupName, checkMemberIds, memberFilterTerms, type Membership } from "../domain/account/admin-group.ts";
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { listLoginIdsOfAdminGroup } from "../store/account.store.ts";
import {
  deleteAdminGroup,
  findAdminGroup,
  findAdminGroupIdByName,
  findEnterpriseSubscriberIds,
  insertAdminGroup,
  listAdminGroupMemberIds,
  listAdminGroupMembers,
  listAdminGroups,
  renameAdminGroup,
  replaceAdminGroupMembers,
  type AdminGroup,
  type AdminGroupMember,
} from "../store/admin-group.store.ts";
import type { Db } from "../store/database.ts";
import type { Dialect } from "../store/schema.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import type { Match } from "../store/search.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";

export type { AdminGroup, AdminGroupMember };

export interface AdminGroupListQuery {
  q: string;
  match: Match;
  sort: "name" | "id";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface MemberListQuery {
  membership: Membership;
  /** Subscriber IDs separated by commas or spaces; any of them may match. */
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

/** product.md §Roles: admin groups are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

async function requireGroup(db: Db, enterpriseId: string, id: number): Promise<AdminGroup> {
  const group = await findAdminGroup(db, enterpriseId, id);
  if (group === undefined) throw new DomainError("8126");
  return group;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class AdminGroupService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: AdminGroupListQuery): Promise<{ total: number; items: AdminGroup[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listAdminGroups(this.#db, this.#dialect, enterpriseId, query);
  }

  async get(principal: Principal, enterpriseId: string, id: number): Promise<AdminGroup> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return requireGroup(this.#db, enterpriseId, id);
  }

  async create(ctx: ActionContext, enterpriseId: string, input: { name: string }): Promise<AdminGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const name = checkAdminGroupName(input.name);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if ((await findAdminGroupIdByName(tx, enterpriseId, name)) !== undefined) throw new DomainError("8113", { field: "name" });
      const id = await insertAdminGroup(tx, { enterpriseId, name, createdAt: now.toISOString() });
      const group: AdminGroup = { id, enterpriseId, name, memberCount: 0, createdAt: now.toISOString() };
      await audit(tx, ctx, now, { action: "adminGroup.create", enterpriseId, targetType: "adminGroup", targetId: String(id), after: group });
      return group;
    });
  }

  async update(ctx: ActionContext, enterpriseId: string, id: number, patch: { name?: string | undefined }): Promise<AdminGroup> {
    requireAdministrator(ctx.principal, enterpriseId);
    const name = patch.name === undefined ? undefined : checkAdminGroupName(patch.name);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const before = await requireGroup(tx, enterpriseId, id);
      if (name === undefined || name === before.name) return before;
      const holder = await findAdminGroupIdByName(tx, enterpriseId, name);
      if (holder !== undefined && holder !== id) throw new DomainError("8113", { field: "name" });
      await renameAdminGroup(tx, id, name);
      const after: AdminGroup = { ...before, name };
      await audit(tx, ctx, now, { action: "adminGroup.update", enterpriseId, targetType: "adminGroup", targetId: String(id), before, after });
      return after;
    });
  }

  /** features.md §7: not while a group admin account is assigned to it (8114, naming the accounts). */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const group = await requireGroup(tx, enterpriseId, id);
      checkAdminGroupDeletable(await listLoginIdsOfAdminGroup(tx, id));
      const subscriberIds = (await listAdminGroupMemberIds(tx, id)).sort(byCodePoint);
      await deleteAdminGroup(tx, id);
      await audit(tx, ctx, now, { action: "adminGroup.delete", enterpriseId, targetType: "adminGroup", targetId: String(id), before: { ...group, subscriberIds } });
    });
  }

  /** The enterprise's numbers with whether each is a member (メンバ / 非メンバ / both), filtered by subscriber ID. */
  async members(principal: Principal, enterpriseId: string, id: number, query: MemberListQuery): Promise<{ total: number; items: AdminGroupMember[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    await requireGroup(this.#db, enterpriseId, id);
    return listAdminGroupMembers(this.#db, this.#dialect, enterpriseId, id, { ...query, terms: memberFilterTerms(query.q) });
  }

  /** Replaces the membership at once; a subscriber that is not a number of the enterprise (8049) changes nothing. */
  async setMembers(ctx: ActionContext, enterpriseId: string, id: number, subscriberIds: readonly string[]): Promise<{ subscriberIds: string[] }> {
    requireAdministrator(ctx.principal, enterpriseId);
    const wanted = checkMemberIds(subscriberIds);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const group = await requireGroup(tx, enterpriseId, id);
      const known = await findEnterpriseSubscriberIds(tx, enterpriseId, wanted);
      const unknown = wanted.filter((sid) => !known.has(sid));
      // Another enterprise's number answers like a number that does not exist: its existence stays a secret.
      if (unknown.length > 0) throw new DomainError("8049", { field: "subscriberIds", details: { subscriberIds: unknown } });
      const before = (await listAdminGroupMemberIds(tx, id)).sort(byCodePoint);
      const after = [...wanted].sort(byCodePoint);
      if (before.length === after.length && before.every((sid, i) => sid === after[i])) return { subscriberIds: after };
      await replaceAdminGroupMembers(tx, id, after);
      await audit(tx, ctx, now, {
        action: "adminGroup.members.update",
        enterpriseId,
        targetType: "adminGroup",
        targetId: String(id),
        before: { name: group.name, subscriberIds: before },
        after: { name: group.name, subscriberIds: after },
      });
      return { subscriberIds: after };
    });
  }
}
