// Subscribers: operators create and delete numbers (features.md §2: customers can't).
import type { BulkJobs } from "./bulk-jobs.ts";
import { checkPassword } from "../domain/account/credentials.ts";
import { DomainError } from "../domain/errors.ts";
import { checkSubscriberNumber } from "../domain/phone-number.ts";
import {
  checkDisplayName,
  checkSubscriberId,
  defaultCallSettings,
  defaultForwarding,
  defaultTerminal,
} from "../domain/subscriber/subscriber.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  deleteSubscriber,
  findSubscriber,
  findSubscriberByNumber,
  insertSubscriber,
  type Subscriber,
} from "../store/subscriber.store.ts";
import { requireEnterpriseScope, requireOperator } from "./access.ts";
import { checkNewPassword } from "../domain/account/credentials.ts";
import { checkText } from "../domain/text.ts";
import { checkNumberBound, parseJapaneseNumber } from "../domain/phone-number.ts";
import { localTime } from "../domain/time.ts";
import type { CsvEncoding } from "../files/csv.ts";
import { subscriberCsvChunks } from "../files/subscriber-export.ts";
import { subscriberExportRows, type SubscriberExportSort } from "../store/subscriber-export.store.ts";
import type { Principal } from "../domain/roles.ts";
import type { Dialect } from "../store/schema.ts";
import {
  countSubscriberSearch,
  searchSubscribers,
  setSubscriberPasswordHash,
  updateSubscriberInfo,
  type SubscriberListRow,
  type SubscriberSearchField,
  type SubscriberSort,
} from "../store/subscriber.store.ts";
import type { Match } from "../store/search.ts";
import { findExtensionGroupRef } from "../store/extension-group.store.ts";
import { findHuntGroupByPilot } from "../store/hunt-group.store.ts";
import type { Enterprise } from "../store/enterprise.store.ts";
import { enterpriseInScope, requireAdministrator, subscriberInScope } from "./subscriber-scope.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { hashPassword } from "./password-hash.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface NewSubscriber {
  id: string;
  number: string;
  displayName?: string | undefined;
  password?: string | undefined;
  provisioningPassword?: string | undefined;
}

export interface SubscriberQuery {
  field: SubscriberSearchField;
  q: string;
  match: Match;
  sort: SubscriberSort;
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface SubscriberDetail {
  subscriber: Subscriber;
  enterprise: Enterprise;
  extensionGroup: { id: number; name: string } | null;
}

export interface SubscriberInfoInput {
  displayName?: string | undefined;
  info?: string | undefined;
  memo?: string | undefined;
  provisioningPassword?: string | undefined;
  originNumbers?: string[] | undefined;
  notifyNumber?: string | undefined;
}

/** An optional number field: empty, or a valid Japanese number (8117). */
function optionalNumber(value: string, field: string): string {
  if (value === "") return "";
  const parsed = parseJapaneseNumber(value);
  if (parsed === undefined) throw new DomainError("8117", { field });
  return parsed.national;
}

export class SubscriberService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  /** The list export runs on the bulk worker's thread when there is one (services/bulk-jobs.ts). */
  readonly #jobs: BulkJobs | undefined;

  constructor(db: Db, clock: Clock, dialect: Dialect = "sqlite", jobs?: BulkJobs) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
    this.#jobs = jobs;
  }

  /** features.md §2: search within the principal's reach (enterprise, admin groups, self). */
  async search(principal: Principal, enterpriseId: string, query: SubscriberQuery): Promise<{ total: number; items: SubscriberListRow[] }> {
    await enterpriseInScope(this.#db, principal, enterpriseId);
    return searchSubscribers(this.#db, this.#dialect, {
      enterpriseId,
      adminGroupIds: principal.role === "groupAdmin" ? (principal.adminGroupIds ?? []) : undefined,
      onlyId: principal.role === "subscriber" ? principal.subscriberId : undefined,
      ...query,
    });
  }

  async count(principal: Principal, enterpriseId: string, query: SubscriberQuery & { numberFrom?: string | undefined; numberTo?: string | undefined }): Promise<number> {
    await enterpriseInScope(this.#db, principal, enterpriseId);
    if (principal.role === "subscriber") throw new DomainError("8109");
    return countSubscriberSearch(this.#db, this.#dialect, {
      enterpriseId,
      adminGroupIds: principal.role === "groupAdmin" ? (principal.adminGroupIds ?? []) : undefined,
      ...query,
    });
  }

  /**
   * 加入者一覧出力 / 全件CSV出力 (features.md §2, §14; files.md): what the search finds, as CSV chunks read
   * batch by batch. Administrators only; group admins get their admin groups' members. Every check
   * runs before the first byte, so a refusal is an ordinary error answer.
   */
  async export(
    principal: Principal,
    enterpriseId: string,
    query: Pick<SubscriberQuery, "field" | "q" | "match"> & { sort: SubscriberExportSort; numberFrom?: string | undefined; numberTo?: string | undefined; encoding: CsvEncoding },
  ): Promise<{ fileName: string; chunks: AsyncIterable<Buffer> }> {
    if (this.#jobs !== undefined) return this.#jobs.stream("subscribers.export", principal, enterpriseId, query);
    const enterprise = await enterpriseInScope(this.#db, principal, enterpriseId);
    requireAdministrator(principal);
    const numberFrom = checkNumberBound(query.numberFrom, "from");
    const numberTo = checkNumberBound(query.numberTo, "to");
    const source = await subscriberExportRows(
      this.#db,
      this.#dialect,
      {
        enterpriseId,
        adminGroupIds: principal.role === "groupAdmin" ? (principal.adminGroupIds ?? []) : undefined,
        field: query.field,
        q: query.q,
        match: query.match,
        numberFrom,
        numberTo,
      },
      query.sort,
    );
    const date = localTime(this.#clock(), enterprise.timeZone).date.replaceAll("-", "");
    return { fileName: `subscribers-${enterpriseId}-${date}.csv`, chunks: subscriberCsvChunks(source, { encoding: query.encoding }) };
  }

  async get(principal: Principal, enterpriseId: string, id: string): Promise<SubscriberDetail> {
    const { enterprise, subscriber } = await subscriberInScope(this.#db, principal, enterpriseId, id);
    const group = subscriber.extensionGroupId === null ? undefined : await findExtensionGroupRef(this.#db, subscriber.extensionGroupId);
    return { subscriber, enterprise, extensionGroup: group === undefined ? null : { id: group.id, name: group.name } };
  }

  /** 照会と変更: administrators change the number's information; a stale If-Match is 8111. */
  async updateInfo(ctx: ActionContext, enterpriseId: string, id: string, input: SubscriberInfoInput, ifMatch?: number): Promise<SubscriberDetail> {
    requireAdministrator(ctx.principal);
    const now = this.#clock();
    if (input.displayName !== undefined) checkDisplayName(input.displayName);
    if (input.info !== undefined) checkText(input.info, { field: "info", max: 256, multiline: true });
    if (input.memo !== undefined) checkText(input.memo, { field: "memo", max: 256, multiline: true });
    if (input.provisioningPassword !== undefined) checkPassword(input.provisioningPassword, "provisioningPassword");
    if (input.originNumbers !== undefined && input.originNumbers.length > 2) throw new DomainError("8009", { field: "originNumbers" });
    const origin = (input.originNumbers ?? []).map((n, i) => optionalNumber(n, `originNumbers.${i}`));
    const notify = input.notifyNumber === undefined ? undefined : optionalNumber(input.notifyNumber, "notifyNumber");
    const hash = input.provisioningPassword === undefined ? undefined : await hashPassword(input.provisioningPassword);
    await inTransaction(this.#db, async ({ tx }) => {
      const { subscriber: before } = await subscriberInScope(tx, ctx.principal, enterpriseId, id);
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const originNumbers: [string, string] = input.originNumbers === undefined ? before.originNumbers : [origin[0] ?? "", origin[1] ?? ""];
      const patch = {
        displayName: input.displayName ?? before.displayName,
        info: input.info ?? before.info,
        memo: input.memo ?? before.memo,
        originNumbers,
        notifyNumber: notify ?? before.notifyNumber,
      };
      // The presented number must be one the subscriber owns: its own number or one of its origin numbers.
      if (patch.notifyNumber !== "" && ![before.number, ...originNumbers].includes(patch.notifyNumber)) {
        throw new DomainError("8117", { field: "notifyNumber", message: { ja: "通知番号は外線番号または発番号から選んでください。", en: "The presented number must be the number or one of its origin numbers." } });
      }
      await updateSubscriberInfo(tx, id, patch, hash, before.version + 1, now.toISOString());
      await audit(tx, ctx, now, {
        action: "subscriber.update",
        enterpriseId,
        targetType: "subscriber",
        targetId: id,
        before: { displayName: before.displayName, info: before.info, memo: before.memo, originNumbers: before.originNumbers, notifyNumber: before.notifyNumber },
        after: { ...patch, ...(input.provisioningPassword === undefined ? {} : { provisioningPassword: "changed" }) },
      });
    });
    return this.get(ctx.principal, enterpriseId, id);
  }

  /** An administrator sets the number's portal login password (the end user's). */
  async setPassword(ctx: ActionContext, enterpriseId: string, id: string, input: { newPassword: string; newPasswordConfirm: string }): Promise<void> {
    requireAdministrator(ctx.principal);
    checkNewPassword(input.newPassword, input.newPasswordConfirm);
    const hash = await hashPassword(input.newPassword);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      await subscriberInScope(tx, ctx.principal, enterpriseId, id);
      await setSubscriberPasswordHash(tx, id, hash, now.toISOString());
      await audit(tx, ctx, now, { action: "subscriber.password.set", enterpriseId, targetType: "subscriber", targetId: id, after: { password: "changed" } });
    });
  }

  async create(ctx: ActionContext, enterpriseId: string, input: NewSubscriber): Promise<Subscriber> {
    requireOperator(ctx.principal);
    checkSubscriberId(input.id);
    const { number, kind } = checkSubscriberNumber(input.number);
    checkDisplayName(input.displayName ?? "");
    if (input.password !== undefined) checkPassword(input.password, "password");
    if (input.provisioningPassword !== undefined) checkPassword(input.provisioningPassword, "provisioningPassword");
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const provisioningPasswordHash = input.provisioningPassword === undefined ? null : await hashPassword(input.provisioningPassword);
    const now = this.#clock();
    const subscriber: Subscriber = {
      id: input.id,
      enterpriseId,
      number,
      numberKind: kind,
      displayName: input.displayName ?? "",
      info: "",
      memo: "",
      hasPassword: passwordHash !== null,
      hasProvisioningPassword: provisioningPasswordHash !== null,
      originNumbers: ["", ""],
      notifyNumber: number,
      callSettings: { ...defaultCallSettings },
      forwarding: structuredClone(defaultForwarding),
      terminal: { ...defaultTerminal },
      emergencyStopped: false,
      extensionGroupId: null,
      extension: "",
      pickupGroupId: null,
      huntGroupId: null,
      huntOrder: null,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    return inTransaction(this.#db, async ({ tx }) => {
      if ((await findEnterprise(tx, enterpriseId)) === undefined) throw new DomainError("8016");
      if ((await findSubscriber(tx, input.id)) !== undefined) throw new DomainError("8125", { field: "id" });
      if ((await findSubscriberByNumber(tx, number)) !== undefined) throw new DomainError("8125", { field: "number" });
      await insertSubscriber(tx, { subscriber, passwordHash, provisioningPasswordHash });
      await audit(tx, ctx, now, {
        action: "subscriber.create",
        enterpriseId,
        targetType: "subscriber",
        targetId: subscriber.id,
        after: { ...subscriber, password: input.password, provisioningPassword: input.provisioningPassword },
      });
      return subscriber;
    });
  }

  async remove(ctx: ActionContext, enterpriseId: string, id: string): Promise<void> {
    requireEnterpriseScope(ctx.principal, enterpriseId);
    requireOperator(ctx.principal);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      if ((await findEnterprise(tx, enterpriseId)) === undefined) throw new DomainError("8016");
      const before = await findSubscriber(tx, id);
      if (before === undefined || before.enterpriseId !== enterpriseId) throw new DomainError("8049");
      // features.md §2: a hunt-group pilot can't be deleted (8050); the group names it.
      const pilotOf = await findHuntGroupByPilot(tx, id);
      if (pilotOf !== undefined) throw new DomainError("8050", { details: { huntGroup: pilotOf } });
      await deleteSubscriber(tx, id);
      await audit(tx, ctx, now, { action: "subscriber.delete", enterpriseId, targetType: "subscriber", targetId: id, before });
    });
  }
}
