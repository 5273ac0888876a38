// Enterprises (operators): list, read, create with the built-in Administrator, change, delete; the bulletin.
import {
  checkBulletin,
  checkEnterpriseId,
  checkEnterpriseName,
  checkLineId,
  checkTimeZone,
  defaultSelfService,
  defaultServices,
  defaultTimeZone,
  type SelfService,
  type Services,
} from "../domain/enterprise/enterprise.ts";
import { checkPassword } from "../domain/account/credentials.ts";
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { insertAccount } from "../store/account.store.ts";
import type { Db } from "../store/database.ts";
import {
  deleteEnterprise,
  findEnterprise,
  getBulletin,
  insertEnterprise,
  listEnterprises,
  setBulletin,
  updateEnterprise,
  type Enterprise,
} from "../store/enterprise.store.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { requireEnterpriseScope, requireOperator, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { hashPassword } from "./password-hash.ts";
import { inTransaction } from "./unit-of-work.ts";

export const builtInAdministrator = "Administrator";

export interface NewEnterprise {
  id: string;
  name: string;
  lineId1?: string | undefined;
  lineId2?: string | undefined;
  timeZone?: string | undefined;
  administratorPassword: string;
  services?: Partial<Services> | undefined;
  selfService?: Partial<SelfService> | undefined;
}

export interface EnterprisePatch {
  name?: string | undefined;
  lineId1?: string | undefined;
  lineId2?: string | undefined;
  timeZone?: string | undefined;
  services?: Partial<Services> | undefined;
  selfService?: Partial<SelfService> | undefined;
}

export interface ListQuery {
  q: string;
  match: Match;
  sort: "id" | "name";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export class EnterpriseService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, query: ListQuery): Promise<{ total: number; items: Enterprise[] }> {
    requireOperator(principal);
    return listEnterprises(this.#db, this.#dialect, query);
  }

  async get(principal: Principal, id: string): Promise<Enterprise> {
    requireEnterpriseScope(principal, id);
    const enterprise = await findEnterprise(this.#db, id);
    if (enterprise === undefined) throw new DomainError("8016");
    return enterprise;
  }

  async create(ctx: ActionContext, input: NewEnterprise): Promise<Enterprise> {
    requireOperator(ctx.principal);
    checkEnterpriseId(input.id);
    checkEnterpriseName(input.name);
    checkLineId(input.lineId1 ?? "", "lineId1");
    checkLineId(input.lineId2 ?? "", "lineId2");
    const timeZone = checkTimeZone(input.timeZone ?? defaultTimeZone);
    checkPassword(input.administratorPassword, "administratorPassword");
    const hash = await hashPassword(input.administratorPassword);
    const now = this.#clock().toISOString();
    const enterprise: Enterprise = {
      id: input.id,
      name: input.name,
      lineId1: input.lineId1 ?? "",
      lineId2: input.lineId2 ?? "",
      timeZone,
      services: { ...defaultServices, ...input.services },
      selfService: { ...defaultSelfService, ...input.selfService },
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return inTransaction(this.#db, async ({ tx }) => {
      if ((await findEnterprise(tx, input.id)) !== undefined) throw new DomainError("8124", { field: "id" });
      await insertEnterprise(tx, enterprise);
      await insertAccount(
        tx,
        {
          enterpriseId: enterprise.id,
          loginId: builtInAdministrator,
          role: "enterpriseAdmin",
          adminGroupId: null,
          memo: "",
          builtIn: true,
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
        hash,
      );
      await audit(tx, ctx, new Date(now), { action: "enterprise.create", enterpriseId: enterprise.id, targetType: "enterprise", targetId: enterprise.id, after: enterprise });
      return enterprise;
    });
  }

  async update(ctx: ActionContext, id: string, patch: EnterprisePatch, ifMatch?: number): Promise<Enterprise> {
    requireOperator(ctx.principal);
    if (patch.name !== undefined) checkEnterpriseName(patch.name);
    if (patch.lineId1 !== undefined) checkLineId(patch.lineId1, "lineId1");
    if (patch.lineId2 !== undefined) checkLineId(patch.lineId2, "lineId2");
    if (patch.timeZone !== undefined) checkTimeZone(patch.timeZone);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const before = await findEnterprise(tx, id);
      if (before === undefined) throw new DomainError("8016");
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const after: Enterprise = {
        ...before,
        name: patch.name ?? before.name,
        lineId1: patch.lineId1 ?? before.lineId1,
        lineId2: patch.lineId2 ?? before.lineId2,
        timeZone: patch.timeZone ?? before.timeZone,
        services: { ...before.services, ...patch.services },
        selfService: { ...before.selfService, ...patch.selfService },
        version: before.version + 1,
        updatedAt: now.toISOString(),
      };
      await updateEnterprise(tx, after);
      await audit(tx, ctx, now, { action: "enterprise.update", enterpriseId: id, targetType: "enterprise", targetId: id, before, after });
      return after;
    });
  }

  async remove(ctx: ActionContext, id: string): Promise<void> {
    requireOperator(ctx.principal);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      const before = await findEnterprise(tx, id);
      if (before === undefined) throw new DomainError("8016");
      await deleteEnterprise(tx, id);
      await audit(tx, ctx, now, { action: "enterprise.delete", enterpriseId: id, targetType: "enterprise", targetId: id, before });
    });
  }

  /** Every user of the enterprise reads the bulletin; operators too. */
  async bulletin(principal: Principal, enterpriseId: string): Promise<{ text: string; updatedAt: string | null }> {
    requireEnterpriseScope(principal, enterpriseId);
    const bulletin = await getBulletin(this.#db, enterpriseId);
    if (bulletin === undefined) throw new DomainError("8016");
    return bulletin;
  }

  /** Only the enterprise's administrators write it (features.md §1). */
  async setBulletin(ctx: ActionContext, enterpriseId: string, text: string): Promise<{ text: string; updatedAt: string | null }> {
    requireEnterpriseScope(ctx.principal, enterpriseId);
    requireRole(ctx.principal, ["enterpriseAdmin"]);
    checkBulletin(text);
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const before = await getBulletin(tx, enterpriseId);
      if (before === undefined) throw new DomainError("8016");
      await setBulletin(tx, enterpriseId, text, now.toISOString());
      await audit(tx, ctx, now, { action: "bulletin.update", enterpriseId, targetType: "bulletin", targetId: enterpriseId, before: { text: before.text }, after: { text } });
      return { text, updatedAt: now.toISOString() };
    });
  }
}
