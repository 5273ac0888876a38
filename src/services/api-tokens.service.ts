// API tokens for scripts and the SIP proxy: created by operators and enterprise admins, shown once, scoped.
import { randomBytes } from "node:crypto";
import { DomainError } from "../domain/errors.ts";
import type { Principal, TokenRole } from "../domain/roles.ts";
import { checkText } from "../domain/text.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  deleteApiToken,
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  touchApiToken,
  type ApiTokenRow,
} from "../store/session.store.ts";
import { requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { hashToken } from "./session.service.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface ApiToken {
  id: number;
  name: string;
  role: TokenRole;
  enterpriseId: string | null;
  /** The enterprise's name, for lists; null for a token of no enterprise. */
  enterpriseName: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function toApiToken(row: ApiTokenRow, enterpriseName: string | null): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as TokenRole,
    enterpriseId: row.enterprise_id,
    enterpriseName,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

const tokenPrefix = "cx_";

/**
 * How long a token once found is trusted without reading it again. The SIP proxy sends every call with
 * its token, so this keeps a database read off the routing hot path; past this time the token is read
 * again in the background while the cached answer still serves, so a long write transaction holding the
 * embedded database never stalls call routing. Deleting a token in this process takes effect at once;
 * elsewhere (another process, an enterprise deleted with its tokens) within this time. The cache is keyed
 * by the token as presented, so a decision costs no hashing; the database only ever holds the hash.
 */
const cacheMs = 2_000;

interface Cached {
  principal: Principal;
  id: number;
  /** When the last use was recorded (ms since the epoch; 0 for never). */
  lastUsedMs: number;
  at: number;
  refreshing?: Promise<void> | undefined;
}

export class ApiTokenService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #cache = new Map<string, Cached>();

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Operators may create any token (an enterprise admin's needs its enterprise); enterprise admins
   * only enterprise-admin tokens of their own enterprise. The secret is returned here and never again.
   */
  async create(ctx: ActionContext, input: { name: string; role: TokenRole; enterpriseId?: string | undefined }): Promise<{ token: string; apiToken: ApiToken }> {
    const p = ctx.principal;
    requireRole(p, ["operator", "enterpriseAdmin"]);
    checkText(input.name, { field: "name", max: 64, required: true });
    let enterpriseId: string | null = null;
    if (p.role === "enterpriseAdmin") {
      if (input.role !== "enterpriseAdmin") throw new DomainError("8109", { field: "role" });
      if (input.enterpriseId !== undefined && input.enterpriseId !== p.enterpriseId) throw new DomainError("8016", { field: "enterpriseId" });
      enterpriseId = p.enterpriseId ?? null;
    } else if (input.role === "enterpriseAdmin") {
      if (input.enterpriseId === undefined || input.enterpriseId === "") throw new DomainError("8008", { field: "enterpriseId" });
      enterpriseId = input.enterpriseId;
    }
    const token = `${tokenPrefix}${randomBytes(32).toString("base64url")}`;
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const enterprise = enterpriseId === null ? undefined : await findEnterprise(tx, enterpriseId);
      if (enterpriseId !== null && enterprise === undefined) throw new DomainError("8016", { field: "enterpriseId" });
      const row = {
        token_hash: hashToken(token),
        name: input.name,
        role: input.role,
        enterprise_id: enterpriseId,
        created_by: p.enterpriseId === undefined ? p.loginId : `${p.enterpriseId}/${p.loginId}`,
        created_at: now.toISOString(),
        last_used_at: null,
      };
      const id = await insertApiToken(tx, row);
      const apiToken = toApiToken({ ...row, id }, enterprise?.name ?? null);
      await audit(tx, ctx, now, { action: "apiToken.create", enterpriseId, targetType: "apiToken", targetId: String(id), after: apiToken });
      return { token, apiToken };
    });
  }

  async list(principal: Principal): Promise<ApiToken[]> {
    requireRole(principal, ["operator", "enterpriseAdmin"]);
    const rows = await listApiTokens(this.#db, principal.role === "operator" ? null : (principal.enterpriseId ?? ""));
    return rows.map((row) => toApiToken(row, row.enterprise_name));
  }

  async revoke(ctx: ActionContext, id: number): Promise<void> {
    const p = ctx.principal;
    requireRole(p, ["operator", "enterpriseAdmin"]);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      const row = await findApiToken(tx, id);
      if (row === undefined || (p.role !== "operator" && row.enterprise_id !== p.enterpriseId)) throw new DomainError("8126");
      await deleteApiToken(tx, id);
      await audit(tx, ctx, now, { action: "apiToken.delete", enterpriseId: row.enterprise_id, targetType: "apiToken", targetId: String(id), before: toApiToken(row, row.enterprise_name) });
    });
    this.#cache.clear();
  }

  /**
   * The principal a Bearer token stands for, or undefined: at once (no promise) for a token known and fresh
   * in the cache, as the SIP proxy's is on every call-routing request, where a promise and its turns cost
   * more than the lookup; otherwise once the token is read, or its last use recorded.
   */
  authenticateNow(token: string): Principal | undefined | Promise<Principal | undefined> {
    if (!token.startsWith(tokenPrefix)) return undefined;
    const cached = this.#cache.get(token);
    if (cached !== undefined && performance.now() - cached.at <= cacheMs && this.#clock().getTime() - cached.lastUsedMs <= 60_000) return cached.principal;
    return this.#authenticate(token);
  }

  async #authenticate(token: string): Promise<Principal | undefined> {
    let cached = this.#cache.get(token);
    if (cached === undefined) {
      cached = await this.#read(token);
      if (cached === undefined) return undefined;
    } else if (performance.now() - cached.at > cacheMs) {
      cached.refreshing ??= this.#read(token).then(
        () => undefined,
        () => undefined,
      );
    }
    // Recording the last use costs a write; once a minute is precise enough for an administrator.
    const now = this.#clock();
    if (now.getTime() - cached.lastUsedMs > 60_000) {
      cached.lastUsedMs = now.getTime();
      await touchApiToken(this.#db, cached.id, now.toISOString());
    }
    return cached.principal;
  }

  /** Reads a token into the cache (or drops it from there when it no longer exists). */
  async #read(token: string): Promise<Cached | undefined> {
    const row = await findApiTokenByHash(this.#db, hashToken(token));
    if (row === undefined) {
      this.#cache.delete(token);
      return undefined;
    }
    const principal: Principal = { role: row.role as TokenRole, loginId: `token:${row.name}`, enterpriseId: row.enterprise_id ?? undefined, tokenId: row.id };
    const cached: Cached = { principal, id: row.id, lastUsedMs: row.last_used_at === null ? 0 : Date.parse(row.last_used_at), at: performance.now() };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(token, cached);
    return cached;
  }


}
