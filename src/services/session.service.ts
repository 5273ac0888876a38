// Logging in and out, sessions, lockout, own password change (features.md §1, quality.md §Security).
import { hash, randomBytes } from "node:crypto";
import { checkNewPassword } from "../domain/account/credentials.ts";
import type { SelfService, Services } from "../domain/enterprise/enterprise.ts";
import { DomainError } from "../domain/errors.ts";
import type { Principal, Role } from "../domain/roles.ts";
import {
  findAccountById,
  findAccountForLogin,
  findOperator,
  setAccountPasswordHash,
  setOperatorPasswordHash,
} from "../store/account.store.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  clearLoginAttempts,
  deleteOtherSessions,
  deleteSession,
  findSession,
  insertSession,
  lockLogin,
  reserveLoginAttempt,
  touchSession,
  type SessionRow,
} from "../store/session.store.ts";
import { findSubscriberPasswordHash, setSubscriberPasswordHash } from "../store/subscriber.store.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { dummyHash, hashPassword, verifyPassword } from "./password-hash.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
  readonly lockoutThreshold: number;
  readonly lockoutMs: number;
}

export interface SessionAccount {
  loginId: string;
  role: Role;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The enterprise's service plan, so the portal hides what isn't contracted. */
  services?: Services;
  selfService?: SelfService;
  adminGroupIds?: number[];
  subscriberId?: string;
}

export interface OpenSession {
  /** The cookie value; only its hash is stored. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly account: SessionAccount;
}

export interface ResolvedSession {
  readonly principal: Principal;
  readonly csrfToken: string;
  readonly idHash: string;
  readonly account: SessionAccount;
}

export function hashToken(value: string): string {
  return hash("sha256", value, "base64url");
}

/** Who a login form names, and the row its password is kept in. */
interface Candidate {
  readonly hash: string;
  readonly session: Omit<SessionRow, "id_hash" | "csrf_token" | "ip" | "created_at" | "last_seen_at">;
}

export class SessionService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #policy: SessionPolicy;

  constructor(db: Db, clock: Clock, policy: SessionPolicy) {
    this.#db = db;
    this.#clock = clock;
    this.#policy = policy;
  }

  /**
   * 企業ID + ログインID for enterprise accounts; without 企業ID an operator ID or a subscriber ID.
   * The attempt is counted before the password is checked, so a burst can't try more than the threshold.
   */
  async login(input: { enterpriseId?: string | undefined; loginId: string; password: string }, ip: string, previousSessionId?: string): Promise<OpenSession> {
    const now = this.#clock();
    const enterpriseId = input.enterpriseId?.trim() ?? "";
    if (input.loginId === "") throw new DomainError("8008", { field: "loginId" });
    if (input.password === "") throw new DomainError("8008", { field: "password" });
    const key = enterpriseId === "" ? `n:${input.loginId}` : `e:${enterpriseId}:${input.loginId}`;

    const attempt = await reserveLoginAttempt(this.#db, key, now.toISOString());
    const lockedUntil = new Date(now.getTime() + this.#policy.lockoutMs).toISOString();
    if ((attempt.lockedUntil !== null && attempt.lockedUntil > now.toISOString()) || attempt.failures > this.#policy.lockoutThreshold) {
      await lockLogin(this.#db, key, lockedUntil);
      throw new DomainError("8001");
    }

    const candidate = await this.#findCandidate(enterpriseId, input.loginId);
    // Unknown IDs are checked against a dummy hash: same answer, about the same time.
    const ok = await verifyPassword(input.password, candidate?.hash ?? (await dummyHash()));
    if (!ok || candidate === undefined) {
      if (attempt.failures >= this.#policy.lockoutThreshold) await lockLogin(this.#db, key, lockedUntil);
      throw new DomainError("8000");
    }
    await clearLoginAttempts(this.#db, key);

    // The session id is always new at login (no fixation); a session the browser still had ends.
    if (previousSessionId !== undefined) await deleteSession(this.#db, hashToken(previousSessionId));
    const sessionId = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(32).toString("base64url");
    const row: SessionRow = {
      ...candidate.session,
      id_hash: hashToken(sessionId),
      csrf_token: csrfToken,
      ip,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
    };
    await insertSession(this.#db, row);
    const resolved = await this.#toResolved(row);
    if (resolved === undefined) throw new DomainError("8000");
    return { sessionId, csrfToken, account: resolved.account };
  }

  async #findCandidate(enterpriseId: string, loginId: string): Promise<Candidate | undefined> {
    if (enterpriseId !== "") {
      const found = await findAccountForLogin(this.#db, enterpriseId, loginId);
      if (found === undefined) return undefined;
      return {
        hash: found.hash,
        session: { role: found.account.role, login_id: loginId, enterprise_id: enterpriseId, account_id: found.account.id, subscriber_id: null },
      };
    }
    const operator = await findOperator(this.#db, loginId);
    if (operator !== undefined) {
      return { hash: operator.hash, session: { role: "operator", login_id: loginId, enterprise_id: null, account_id: null, subscriber_id: null } };
    }
    const subscriber = await findSubscriberPasswordHash(this.#db, loginId);
    if (subscriber === undefined || subscriber.hash === null) return undefined;
    return {
      hash: subscriber.hash,
      session: { role: "subscriber", login_id: loginId, enterprise_id: subscriber.enterpriseId, account_id: null, subscriber_id: loginId },
    };
  }

  /** The session behind a cookie, or undefined when unknown or expired (an expired one is removed). */
  async resolve(sessionId: string): Promise<ResolvedSession | undefined> {
    const idHash = hashToken(sessionId);
    const row = await findSession(this.#db, idHash);
    if (row === undefined) return undefined;
    const now = this.#clock().getTime();
    const idle = now - Date.parse(row.last_seen_at) > this.#policy.idleMs;
    const tooOld = now - Date.parse(row.created_at) > this.#policy.absoluteMs;
    if (idle || tooOld) {
      await deleteSession(this.#db, idHash);
      return undefined;
    }
    // Refresh the idle clock at most every 30 s: a write per request would be wasted work.
    if (now - Date.parse(row.last_seen_at) > 30_000) await touchSession(this.#db, idHash, new Date(now).toISOString());
    return this.#toResolved(row);
  }

  async #toResolved(row: SessionRow): Promise<ResolvedSession | undefined> {
    const role = row.role as Role;
    const account: SessionAccount = { loginId: row.login_id, role };
    let adminGroupIds: number[] | undefined;
    if (row.enterprise_id !== null) {
      const enterprise = await findEnterprise(this.#db, row.enterprise_id);
      if (enterprise === undefined) return undefined;
      account.enterpriseId = enterprise.id;
      account.enterpriseName = enterprise.name;
      account.services = enterprise.services;
      account.selfService = enterprise.selfService;
    }
    if (row.account_id !== null) {
      const found = await findAccountById(this.#db, row.account_id);
      if (found === undefined) return undefined;
      if (found.account.role === "groupAdmin") {
        adminGroupIds = found.account.adminGroupId === null ? [] : [found.account.adminGroupId];
        account.adminGroupIds = adminGroupIds;
      }
    }
    if (row.subscriber_id !== null) account.subscriberId = row.subscriber_id;
    return {
      idHash: row.id_hash,
      csrfToken: row.csrf_token,
      account,
      principal: {
        role,
        loginId: row.login_id,
        enterpriseId: row.enterprise_id ?? undefined,
        accountId: row.account_id ?? undefined,
        adminGroupIds,
        subscriberId: row.subscriber_id ?? undefined,
      },
    };
  }

  async logout(sessionId: string): Promise<void> {
    await deleteSession(this.#db, hashToken(sessionId));
  }

  /** features.md §1: 8108 wrong current password, 8105 mismatch, 8107 format. Other sessions of the login end. */
  async changeOwnPassword(
    ctx: ActionContext,
    session: ResolvedSession,
    input: { currentPassword: string; newPassword: string; newPasswordConfirm: string },
  ): Promise<void> {
    const p = session.principal;
    const stored = await this.#currentHash(p);
    if (stored === undefined || !(await verifyPassword(input.currentPassword, stored))) {
      throw new DomainError("8108", { field: "currentPassword" });
    }
    checkNewPassword(input.newPassword, input.newPasswordConfirm);
    const hash = await hashPassword(input.newPassword);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      if (p.role === "operator") await setOperatorPasswordHash(tx, p.loginId, hash);
      else if (p.role === "subscriber" && p.subscriberId !== undefined) await setSubscriberPasswordHash(tx, p.subscriberId, hash, now.toISOString());
      else if (p.accountId !== undefined) await setAccountPasswordHash(tx, p.accountId, hash, now.toISOString());
      await deleteOtherSessions(tx, session.idHash, { role: p.role, loginId: p.loginId, enterpriseId: p.enterpriseId ?? null });
      await audit(tx, ctx, now, {
        action: "session.password.change",
        enterpriseId: p.enterpriseId ?? null,
        targetType: p.role === "subscriber" ? "subscriber" : p.role === "operator" ? "operator" : "account",
        targetId: p.loginId,
        after: { password: "changed" },
      });
    });
  }

  async #currentHash(p: Principal): Promise<string | undefined> {
    if (p.role === "operator") return (await findOperator(this.#db, p.loginId))?.hash;
    if (p.role === "subscriber" && p.subscriberId !== undefined) return (await findSubscriberPasswordHash(this.#db, p.subscriberId))?.hash ?? undefined;
    if (p.accountId !== undefined) return (await findAccountById(this.#db, p.accountId))?.hash;
    return undefined;
  }
}
