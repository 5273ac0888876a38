// 端末 (features.md §9): terminal authentication, one-time release, emergency stop, initialise, CallKit,
// backup data, and device provisioning (api.md POST /provision) that honours all of them.
import { createHash, randomBytes } from "node:crypto";
import type { Enterprise } from "../domain/enterprise/enterprise.ts";
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import type { Subscriber, Terminal } from "../domain/subscriber/subscriber.ts";
import { applyTerminalPatch, checkDeviceId, decideSetup, type TerminalPatch } from "../domain/terminal/terminal.ts";
import type { Db } from "../store/database.ts";
import { clearLoginAttempts, lockLogin, reserveLoginAttempt } from "../store/session.store.ts";
import { findSubscriber, listEnterpriseSubscribers } from "../store/subscriber.store.ts";
import { findProvisioningSecret, leaveAllPhonebooks, resetForInitialize, setEmergencyStopped, updateTerminal } from "../store/terminal.store.ts";
import { audit } from "./audit.ts";
import { rowError, bulkFailure, type BulkRowError } from "./call-settings.service.ts";
import type { ActionContext, Clock } from "./context.ts";
import { dummyHash, verifyPassword } from "./password-hash.ts";
import { bulkScope, requireAdministrator, subscriberInScope } from "./subscriber-scope.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface TerminalView extends Terminal {
  emergencyStopped: boolean;
  version: number;
}

export interface ProvisioningResult {
  subscriberId: string;
  number: string;
  displayName: string;
  sip: { username: string; password: string; realm: string; domain: string };
  settings: { callKit: boolean; anonymousRejection: boolean; withholdCallerId: boolean };
}

export interface ProvisioningPolicy {
  readonly realm: string;
  readonly lockoutThreshold: number;
  readonly lockoutMs: number;
}

function view(s: Subscriber): TerminalView {
  const { sipHa1: _secret, ...terminal } = s.terminal;
  return { ...terminal, emergencyStopped: s.emergencyStopped, version: s.version };
}

/** The app features are part of the app service (product.md §Service plan). */
function requireApp(enterprise: Enterprise): void {
  if (!enterprise.services.app) {
    throw new DomainError("8116", { message: { ja: "アプリ(端末)サービスのご契約がありません。", en: "No app (terminal) service contract." } });
  }
}

export class TerminalService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #policy: ProvisioningPolicy;

  constructor(db: Db, clock: Clock, policy: ProvisioningPolicy) {
    this.#db = db;
    this.#clock = clock;
    this.#policy = policy;
  }

  async get(principal: Principal, enterpriseId: string, id: string): Promise<TerminalView> {
    requireAdministrator(principal);
    const { subscriber } = await subscriberInScope(this.#db, principal, enterpriseId, id);
    return view(subscriber);
  }

  async #change(ctx: ActionContext, enterpriseId: string, id: string, action: string, change: (s: Subscriber, e: Enterprise, tx: Db, at: string) => Promise<void>, ifMatch?: number): Promise<TerminalView> {
    requireAdministrator(ctx.principal);
    const now = this.#clock();
    await inTransaction(this.#db, async ({ tx }) => {
      const { enterprise, subscriber } = await subscriberInScope(tx, ctx.principal, enterpriseId, id);
      requireApp(enterprise);
      if (ifMatch !== undefined && ifMatch !== subscriber.version) throw new DomainError("8111");
      await change(subscriber, enterprise, tx, now.toISOString());
      const after = await findSubscriber(tx, id);
      await audit(tx, ctx, now, { action, enterpriseId, targetType: "subscriber", targetId: id, before: view(subscriber), after: after === undefined ? undefined : view(after) });
    });
    return this.get(ctx.principal, enterpriseId, id);
  }

  /** 端末認証 ON/OFF, ワンタイム解除, CallKit (parts left out keep their values). */
  put(ctx: ActionContext, enterpriseId: string, id: string, patch: TerminalPatch, ifMatch?: number): Promise<TerminalView> {
    return this.#change(ctx, enterpriseId, id, "subscriber.terminal.update", async (s, _e, tx, at) => {
      await updateTerminal(tx, s.id, applyTerminalPatch(s.terminal, patch), s.version + 1, at);
    }, ifMatch);
  }

  /** 緊急停止 / 解除: calls to and from the number are refused, setup is refused, the app wipes its data at next contact. */
  emergencyStop(ctx: ActionContext, enterpriseId: string, id: string, stopped: boolean): Promise<TerminalView> {
    return this.#change(ctx, enterpriseId, id, stopped ? "subscriber.emergencyStop" : "subscriber.emergencyRelease", async (s, _e, tx, at) => {
      await setEmergencyStopped(tx, s.id, stopped, { ...s.terminal, wipePending: stopped ? true : (s.terminal.wipePending ?? false) }, s.version + 1, at);
    });
  }

  /** 初期化: app-side settings, backup data and voicemail options reset; the device must set up again. */
  initialize(ctx: ActionContext, enterpriseId: string, id: string): Promise<TerminalView> {
    return this.#change(ctx, enterpriseId, id, "subscriber.initialize", async (s, _e, tx, at) => {
      const terminal: Terminal = { ...s.terminal, boundDeviceId: null, provisionedAt: null, sipHa1: null, backup: null, oneTimeRelease: false, initializedAt: at };
      const forwarding = { ...s.forwarding, voicemail: { enabled: false, condition: "noAnswer" as const, ringSec: 20 } };
      await resetForInitialize(tx, s.id, terminal, forwarding, s.version + 1, at);
      await leaveAllPhonebooks(tx, s.id);
    });
  }

  deleteBackup(ctx: ActionContext, enterpriseId: string, id: string): Promise<TerminalView> {
    return this.#change(ctx, enterpriseId, id, "subscriber.backup.delete", async (s, _e, tx, at) => {
      if (s.terminal.backup === null || s.terminal.backup === undefined) throw new DomainError("8077", { message: { ja: "バックアップデータがありません。", en: "There is no backup data." } });
      await updateTerminal(tx, s.id, { ...s.terminal, backup: null }, s.version + 1, at);
    });
  }

  /** 機能設定 (CallKit in bulk) and バックアップデータ削除 in bulk: every row or none. */
  async bulk(ctx: ActionContext, enterpriseId: string, rows: { subscriberId: string; callKit?: boolean | undefined; deleteBackup?: boolean | undefined }[]): Promise<{ updated: number }> {
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const scope = await bulkScope(tx, ctx.principal, enterpriseId, listEnterpriseSubscribers);
      requireApp(scope.enterprise);
      const errors: BulkRowError[] = [];
      let updated = 0;
      for (const [index, row] of rows.entries()) {
        try {
          const s = scope.find(row.subscriberId);
          let terminal = s.terminal;
          if (row.callKit !== undefined) terminal = { ...terminal, callKit: row.callKit };
          if (row.deleteBackup === true) terminal = { ...terminal, backup: null };
          if (JSON.stringify(terminal) === JSON.stringify(s.terminal)) continue;
          await updateTerminal(tx, s.id, terminal, s.version + 1, now.toISOString());
          await audit(tx, ctx, now, { action: "subscriber.terminal.bulk", enterpriseId, targetType: "subscriber", targetId: s.id, before: view(s), after: { ...view(s), ...terminal } });
          updated += 1;
        } catch (error) {
          errors.push(rowError(index, row.subscriberId, error));
        }
      }
      if (errors.length > 0) throw bulkFailure(errors);
      return { updated };
    });
  }

  /**
   * A device asks for its SIP settings with the subscriber ID and provisioning password. Wrong secrets
   * count toward a lockout like logins (8000, then 8001); terminal authentication and emergency stop apply.
   */
  async provision(input: { subscriberId: string; provisioningPassword: string; deviceId: string }, ip: string): Promise<ProvisioningResult> {
    checkDeviceId(input.deviceId);
    if (input.subscriberId === "" || input.provisioningPassword === "") throw new DomainError("8008", { field: input.subscriberId === "" ? "subscriberId" : "provisioningPassword" });
    const now = this.#clock();
    const key = `p:${input.subscriberId}`;
    const attempt = await reserveLoginAttempt(this.#db, key, now.toISOString());
    const lockedUntil = new Date(now.getTime() + this.#policy.lockoutMs).toISOString();
    if ((attempt.lockedUntil !== null && attempt.lockedUntil > now.toISOString()) || attempt.failures > this.#policy.lockoutThreshold) {
      await lockLogin(this.#db, key, lockedUntil);
      throw new DomainError("8001");
    }
    const stored = await findProvisioningSecret(this.#db, input.subscriberId);
    const ok = await verifyPassword(input.provisioningPassword, stored ?? (await dummyHash()));
    if (!ok || stored === undefined || stored === null) {
      if (attempt.failures >= this.#policy.lockoutThreshold) await lockLogin(this.#db, key, lockedUntil);
      throw new DomainError("8000");
    }
    await clearLoginAttempts(this.#db, key);
    const password = randomBytes(18).toString("base64url");
    const ctx: ActionContext = { principal: { role: "subscriber", loginId: input.subscriberId, subscriberId: input.subscriberId }, ip };
    return inTransaction(this.#db, async ({ tx }) => {
      const s = await findSubscriber(tx, input.subscriberId);
      if (s === undefined) throw new DomainError("8000");
      const verdict = decideSetup(s.terminal, s.emergencyStopped, input.deviceId, now.toISOString());
      if (!verdict.allowed) throw new DomainError(verdict.code);
      const ha1 = createHash("md5").update(`${s.number}:${this.#policy.realm}:${password}`).digest("hex");
      await updateTerminal(tx, s.id, { ...verdict.terminal, sipHa1: ha1 }, s.version + 1, now.toISOString());
      await audit(tx, ctx, now, {
        action: "subscriber.provision",
        enterpriseId: s.enterpriseId,
        targetType: "subscriber",
        targetId: s.id,
        before: { boundDeviceId: s.terminal.boundDeviceId, oneTimeRelease: s.terminal.oneTimeRelease },
        after: { boundDeviceId: input.deviceId, oneTimeRelease: verdict.terminal.oneTimeRelease, reason: verdict.reason },
      });
      return {
        subscriberId: s.id,
        number: s.number,
        displayName: s.displayName,
        sip: { username: s.number, password, realm: this.#policy.realm, domain: this.#policy.realm },
        settings: { callKit: s.terminal.callKit, anonymousRejection: s.callSettings.anonymousRejection, withholdCallerId: s.callSettings.withholdCallerId },
      };
    });
  }
}
