// Which subscribers a principal may see and change (product.md: own enterprise, own admin groups, self).
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import type { Subscriber } from "../domain/subscriber/subscriber.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise, type Enterprise } from "../store/enterprise.store.ts";
import { adminGroupMemberIds, findSubscriber, isAdminGroupMember } from "../store/subscriber.store.ts";
import { requireEnterpriseScope } from "./access.ts";

/** The enterprise, if the principal may see it (404 8016 otherwise). */
export async function enterpriseInScope(db: Db, principal: Principal, enterpriseId: string): Promise<Enterprise> {
  requireEnterpriseScope(principal, enterpriseId);
  const enterprise = await findEnterprise(db, enterpriseId);
  if (enterprise === undefined) throw new DomainError("8016");
  return enterprise;
}

/**
 * The subscriber, if the principal may see it: a number outside the principal's reach answers as if
 * it did not exist (404 8049), so group admins and end users learn nothing of other numbers.
 */
export async function subscriberInScope(db: Db, principal: Principal, enterpriseId: string, subscriberId: string): Promise<{ enterprise: Enterprise; subscriber: Subscriber }> {
  const enterprise = await enterpriseInScope(db, principal, enterpriseId);
  const subscriber = await findSubscriber(db, subscriberId);
  if (subscriber === undefined || subscriber.enterpriseId !== enterpriseId) throw new DomainError("8049");
  if (principal.role === "subscriber" && principal.subscriberId !== subscriberId) throw new DomainError("8049");
  if (principal.role === "groupAdmin" && !(await isAdminGroupMember(db, subscriberId, principal.adminGroupIds ?? []))) throw new DomainError("8049");
  return { enterprise, subscriber };
}

/** Administrators of the number: operator, enterprise admin, group admin of one of its groups. */
export function requireAdministrator(principal: Principal): void {
  if (!["operator", "enterpriseAdmin", "groupAdmin"].includes(principal.role)) throw new DomainError("8109");
}

/**
 * For bulk screens: the enterprise and its numbers the principal may change, loaded once, as much of them
 * as `read` reads (`listEnterpriseSubscribers` whole; a forwarding change reads only the forwarding).
 */
export async function bulkScope<T extends { id: string }>(
  db: Db,
  principal: Principal,
  enterpriseId: string,
  read: (db: Db, enterpriseId: string) => Promise<T[]>,
): Promise<{ enterprise: Enterprise; find(id: string): T }> {
  requireAdministrator(principal);
  const enterprise = await enterpriseInScope(db, principal, enterpriseId);
  const all = await read(db, enterpriseId);
  const allowed = principal.role === "groupAdmin" ? new Set(await adminGroupMemberIds(db, principal.adminGroupIds ?? [])) : undefined;
  const byId = new Map(all.filter((s) => allowed === undefined || allowed.has(s.id)).map((s) => [s.id, s]));
  return {
    enterprise,
    find(id: string): T {
      const s = byId.get(id);
      if (s === undefined) throw new DomainError("8049", { field: "subscriberId" });
      return s;
    },
  };
}
