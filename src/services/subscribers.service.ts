// Subscribers: operators create and delete numbers (features.md §2: customers can't).
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

export class SubscriberService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
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
      await deleteSubscriber(tx, id);
      await audit(tx, ctx, now, { action: "subscriber.delete", enterpriseId, targetType: "subscriber", targetId: id, before });
    });
  }
}
