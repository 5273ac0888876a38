// Login accounts (ログインアカウント, features.md §7): search, create, change, delete, and a password set by an administrator.
import { checkAccountGroup, checkAccountMemo, checkRemovable, checkRenamable, type AccountRole } from "../domain/account/account.ts";
import { checkLoginId, checkNewPassword } from "../domain/account/credentials.ts";
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import {
  countEnterpriseAdmins,
  deleteAccount,
  deleteAccountSessions,
  findAccount,
  insertAccount,
  listAccounts,
  renameAccountSessions,
  setAccountPasswordHash,
  updateAccount,
  type AccountView,
} from "../store/account.store.ts";
import { findAdminGroup } from "../store/admin-group.store.ts";
import type { Db } from "../store/database.ts";
import type { Dialect } from "../store/schema.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import type { Match } from "../store/search.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { hashPassword } from "./password-hash.ts";
import { inTransaction } from "./unit-of-work.ts";

export type { AccountView };

export interface AccountListQuery {
  role?: AccountRole | undefined;
  adminGroupId?: number | undefined;
  q: string;
  match: Match;
  sort: "loginId" | "role" | "createdAt";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface NewAccount {
  loginId: string;
  role: AccountRole;
  adminGroupId?: number | null | undefined;
  password: string;
  passwordConfirm: string;
  memo?: string | undefined;
}

export interface AccountPatch {
  loginId?: string | undefined;
  adminGroupId?: number | null | undefined;
  memo?: string | undefined;
}

/** product.md §Roles: login accounts are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

async function requireAccount(db: Db, enterpriseId: string, loginId: string): Promise<AccountView> {
  const account = await findAccount(db, enterpriseId, loginId);
  if (account === undefined) throw new DomainError("8126");
  return account;
}

async function requireGroupOf(db: Db, enterpriseId: string, adminGroupId: number | null): Promise<void> {
  if (adminGroupId !== null && (await findAdminGroup(db, enterpriseId, adminGroupId)) === undefined) {
    throw new DomainError("8126", { field: "adminGroupId" });
  }
}

export class AccountService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: AccountListQuery): Promise<{ total: number; items: AccountView[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listAccounts(this.#db, this.#dialect, enterpriseId, query);
  }

  async get(principal: Principal, enterpriseId: string, loginId: string): Promise<AccountView> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return requireAccount(this.#db, enterpriseId, loginId);
  }

  async create(ctx: ActionContext, enterpriseId: string, input: NewAccount): Promise<AccountView> {
    requireAdministrator(ctx.principal, enterpriseId);
    checkLoginId(input.loginId);
    const adminGroupId = checkAccountGroup(input.role, input.adminGroupId);
    checkNewPassword(input.password, input.passwordConfirm, "password");
    const memo = checkAccountMemo(input.memo ?? "");
    const hash = await hashPassword(input.password);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      await requireGroupOf(tx, enterpriseId, adminGroupId);
      if ((await findAccount(tx, enterpriseId, input.loginId)) !== undefined) throw new DomainError("8112", { field: "loginId" });
      await insertAccount(
        tx,
        {
          enterpriseId,
          loginId: input.loginId,
          role: input.role,
          adminGroupId,
          memo,
          builtIn: false,
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        },
        hash,
      );
      const created = await requireAccount(tx, enterpriseId, input.loginId);
      await audit(tx, ctx, now, {
        action: "account.create",
        enterpriseId,
        targetType: "account",
        targetId: created.loginId,
        after: { ...created, password: "set" },
      });
      return created;
    });
  }

  /**
   * Login ID (rename), admin group and memo. The role does not change: a different role is a different
   * account. The built-in Administrator keeps its login ID (8104).
   */
  async update(ctx: ActionContext, enterpriseId: string, loginId: string, patch: AccountPatch, ifMatch?: number): Promise<AccountView> {
    requireAdministrator(ctx.principal, enterpriseId);
    if (patch.loginId !== undefined) checkLoginId(patch.loginId);
    if (patch.memo !== undefined) checkAccountMemo(patch.memo);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const before = await requireAccount(tx, enterpriseId, loginId);
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");

      const newLoginId = patch.loginId ?? before.loginId;
      if (newLoginId !== before.loginId) {
        checkRenamable(before);
        if ((await findAccount(tx, enterpriseId, newLoginId)) !== undefined) throw new DomainError("8112", { field: "loginId" });
      }
      let adminGroupId = before.adminGroupId;
      if (patch.adminGroupId !== undefined) {
        adminGroupId = checkAccountGroup(before.role, patch.adminGroupId);
        if (adminGroupId !== before.adminGroupId) await requireGroupOf(tx, enterpriseId, adminGroupId);
      }
      const memo = patch.memo ?? before.memo;
      if (newLoginId === before.loginId && adminGroupId === before.adminGroupId && memo === before.memo) return before;

      await updateAccount(tx, { ...before, loginId: newLoginId, adminGroupId, memo, version: before.version + 1, updatedAt: now.toISOString() });
      if (newLoginId !== before.loginId) await renameAccountSessions(tx, before.id, newLoginId);
      const after = await requireAccount(tx, enterpriseId, newLoginId);
      await audit(tx, ctx, now, { action: "account.update", enterpriseId, targetType: "account", targetId: before.loginId, before, after });
      return after;
    });
  }

  /** features.md §7: never the built-in Administrator (8104) nor the last enterprise admin (8122). Its sessions end. */
  async remove(ctx: ActionContext, enterpriseId: string, loginId: string): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const before = await requireAccount(tx, enterpriseId, loginId);
      checkRemovable(before, await countEnterpriseAdmins(tx, enterpriseId));
      await deleteAccount(tx, before.id);
      await audit(tx, ctx, now, { action: "account.delete", enterpriseId, targetType: "account", targetId: before.loginId, before });
    });
  }

  /**
   * An administrator sets another account's password (8107 format, 8105 confirmation). The account's
   * sessions end, so whoever had it logged in must use the new password; an administrator setting its
   * own password this way keeps its sessions.
   */
  async setPassword(ctx: ActionContext, enterpriseId: string, loginId: string, input: { newPassword: string; newPasswordConfirm: string }): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    checkNewPassword(input.newPassword, input.newPasswordConfirm);
    const hash = await hashPassword(input.newPassword);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const target = await requireAccount(tx, enterpriseId, loginId);
      await setAccountPasswordHash(tx, target.id, hash, now.toISOString());
      if (target.id !== ctx.principal.accountId) await deleteAccountSessions(tx, target.id);
      await audit(tx, ctx, now, { action: "account.password.set", enterpriseId, targetType: "account", targetId: target.loginId, after: { password: "set" } });
    });
  }
}
