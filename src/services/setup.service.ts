// First start: the operator account and, on request, the demo enterprise with its logins.
import { randomBytes } from "node:crypto";
import { countOperators, insertOperator } from "../store/account.store.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import { uniqueViolation } from "../store/unique.ts";
import { DomainError } from "../domain/errors.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import type { EnterpriseService } from "./enterprises.service.ts";
import { hashPassword } from "./password-hash.ts";
import type { SubscriberService } from "./subscribers.service.ts";
import { inTransaction } from "./unit-of-work.ts";

export const operatorLoginId = "operator";

/** The demo's logins: fixed so the README can name them; the demo is only for trying the portal out. */
export const demoLogins = {
  enterpriseId: "demo",
  adminLoginId: "Administrator",
  adminPassword: "Demo-Admin-2026",
  subscriberIdPrefix: "demo",
  subscriberPassword: "Demo-User-2026",
} as const;

export interface DemoSummary {
  enterpriseId: string;
  adminLoginId: string;
  adminPassword: string;
  subscriberIds: string[];
  subscriberPassword: string;
}

const system: ActionContext = { principal: { role: "operator", loginId: "system" }, ip: "127.0.0.1" };

export class SetupService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #enterprises: EnterpriseService;
  readonly #subscribers: SubscriberService;

  constructor(db: Db, clock: Clock, enterprises: EnterpriseService, subscribers: SubscriberService) {
    this.#db = db;
    this.#clock = clock;
    this.#enterprises = enterprises;
    this.#subscribers = subscribers;
  }

  async isEmpty(): Promise<boolean> {
    return (await countOperators(this.#db)) === 0;
  }

  /** On an empty database, creates `operator`; returns the password when it had to be generated. */
  async ensureOperator(password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await countOperators(this.#db)) > 0) return { created: false };
    const chosen = password ?? randomBytes(12).toString("base64url");
    const hash = await hashPassword(chosen);
    const now = this.#clock();
    try {
      await inTransaction(this.#db, async ({ tx }) => {
        await insertOperator(tx, operatorLoginId, hash, now.toISOString());
        await audit(tx, system, now, { action: "operator.create", enterpriseId: null, targetType: "operator", targetId: operatorLoginId });
      });
    } catch (error) {
      // Two processes starting together on an empty database: the other one created it first.
      if (uniqueViolation(error) !== undefined) return { created: false };
      throw error;
    }
    return password === undefined ? { created: true, generatedPassword: chosen } : { created: true };
  }

  /** The demo enterprise `demo`: built-in Administrator and 20 subscribers demo001…demo020. */
  async loadDemo(): Promise<DemoSummary | undefined> {
    if ((await findEnterprise(this.#db, demoLogins.enterpriseId)) !== undefined) return undefined;
    try {
      await this.#enterprises.create(system, {
        id: demoLogins.enterpriseId,
        name: "デモ株式会社",
        lineId1: "DEMO-LINE-1",
        administratorPassword: demoLogins.adminPassword,
      });
    } catch (error) {
      // Another process starting at the same moment is loading it (8124: the enterprise exists).
      if ((error instanceof DomainError && error.code === "8124") || uniqueViolation(error) !== undefined) return undefined;
      throw error;
    }
    const names = ["総務 太郎", "総務 花子", "営業 一郎", "営業 二郎", "営業 三郎", "開発 四郎", "開発 五郎", "開発 六子", "受付", "会議室",
      "経理 七海", "経理 八重", "人事 九郎", "人事 十和", "倉庫", "FAX", "社長室", "秘書", "コールセンター1", "コールセンター2"];
    const subscriberIds: string[] = [];
    for (let i = 1; i <= 20; i += 1) {
      const id = `${demoLogins.subscriberIdPrefix}${String(i).padStart(3, "0")}`;
      // Tokyo numbers for the first ten, 050 numbers for the app users.
      const number = i <= 10 ? `03123450${String(i).padStart(2, "0")}` : `050123450${String(i).padStart(2, "0")}`;
      await this.#subscribers.create(system, demoLogins.enterpriseId, {
        id,
        number,
        displayName: names[i - 1],
        password: demoLogins.subscriberPassword,
        provisioningPassword: `Prov-${id}-2026`,
      });
      subscriberIds.push(id);
    }
    return {
      enterpriseId: demoLogins.enterpriseId,
      adminLoginId: demoLogins.adminLoginId,
      adminPassword: demoLogins.adminPassword,
      subscriberIds,
      subscriberPassword: demoLogins.subscriberPassword,
    };
  }
}
