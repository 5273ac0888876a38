// Role and tenant checks shared by the use cases (product.md §Roles and permissions).
import { DomainError, type ErrorCode } from "../domain/errors.ts";
import type { Principal, Role } from "../domain/roles.ts";

/** Not logged in at all. */
export function requireLogin(principal: Principal | undefined): Principal {
  if (principal === undefined) throw new DomainError("8110");
  return principal;
}

export function requireOperator(principal: Principal): void {
  if (principal.role !== "operator") throw new DomainError("8109");
}

/**
 * The enterprise is one the principal may see: operators see all; everyone else only their own,
 * and another enterprise answers as if it did not exist (404) so its existence stays a secret.
 */
export function requireEnterpriseScope(principal: Principal, enterpriseId: string, notFound: ErrorCode = "8016"): void {
  if (principal.role === "operator") return;
  if (principal.role === "sipProxy" || principal.enterpriseId !== enterpriseId) throw new DomainError(notFound);
}

/** Within its enterprise, the principal has one of these roles (403 otherwise: the target is no secret to it). */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (principal.role === "sipProxy" || !allowed.includes(principal.role)) throw new DomainError("8109");
}
