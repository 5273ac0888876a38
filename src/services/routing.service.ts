// Call routing for the SIP proxy and the what-if screen: the engine over a cached snapshot of the store.
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { route } from "../domain/routing/engine.ts";
import { addDays, holidayOf, localTime } from "../domain/time.ts";
import type { Call, Decision, RoutingSnapshot, RoutingState, RoutingSubscriber } from "../domain/routing/types.ts";
import type { Db } from "../store/database.ts";
import { addUsage, loadHuntState, loadRoutingSnapshot, readDataVersion, refreshRoutingSnapshot, setHuntCursor, type RoutingChanges } from "../store/routing.store.ts";
import type { Dialect } from "../store/schema.ts";
import { adminGroupMemberIds, findSubscriber, updateForwarding } from "../store/subscriber.store.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction, onCommit, type ChangeScope } from "./unit-of-work.ts";

export interface WeekHour {
  hour: number;
  first: string;
  forwardTo: string | null;
  reason: string | null;
  scheduleRule: string | null;
}

export interface WeekView {
  number: string;
  subscriberId: string;
  huntGroupId: number | null;
  timeZone: string;
  days: { date: string; holiday: string | null; hours: WeekHour[] }[];
}

/** The instant of a local date and hour in a time zone (the offset found by asking Intl once). */
function instantOf(date: string, hour: number, timeZone: string): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
  const local = localTime(guess, timeZone);
  const shownMinutes = (Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(guess.getUTCFullYear(), guess.getUTCMonth(), guess.getUTCDate())) / 60_000 + local.minutes;
  const offset = shownMinutes - hour * 60;
  return new Date(guess.getTime() - offset * 60_000);
}

export interface RouteRequest {
  call: Omit<Call, "at"> & { at?: string | undefined };
  state?: RoutingState | undefined;
  commit?: boolean | undefined;
}

/** Up to this many numbers, decisions wait for a reload after a commit (see `snapshot`). */
const freshUpTo = 20_000;

/** Writes remembered for an in-place refresh; past this many (nothing asked for a decision) the next refresh reads everything. */
const maxPendingChanges = 10_000;

/** How often another process's writes are looked for on PostgreSQL (one indexed read). */
const versionCheckMs = 200;

/** `call.at`: an ISO-8601 date or instant. */
const instantPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export class RoutingService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;
  #snapshot: RoutingSnapshot | undefined;
  /** The data version the snapshot reflects. */
  #version = -1;
  /** What each of this process's writes changed, by the data version it made (until the snapshot has it). */
  readonly #changes = new Map<number, ChangeScope>();
  /** Set when `#changes` had to be dropped: the next refresh reads everything. */
  #changesLost = false;
  #stale = true;
  #checkedAt = 0;
  #loading: Promise<RoutingSnapshot> | undefined;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
    // A write committed in this process makes the snapshot stale at once, and says what it changed.
    onCommit(db, {
      prepared: (version, scope) => {
        if (this.#changes.size >= maxPendingChanges) {
          this.#changes.clear();
          this.#changesLost = true;
        }
        this.#changes.set(version, scope);
      },
      committed: () => {
        this.#stale = true;
      },
      rolledBack: (version) => {
        this.#changes.delete(version);
      },
    });
  }

  /** The current snapshot: refreshed after a write; on PostgreSQL other processes' writes are noticed too. */
  async snapshot(): Promise<RoutingSnapshot> {
    const now = Date.now();
    if (!this.#stale && this.#dialect === "postgres" && now - this.#checkedAt > versionCheckMs) {
      this.#checkedAt = now;
      if ((await readDataVersion(this.#db)) !== this.#version) this.#stale = true;
    }
    if (this.#stale || this.#snapshot === undefined) {
      const loading = (this.#loading ??= this.#refresh().finally(() => {
        this.#loading = undefined;
      }));
      // A large installation keeps deciding on the snapshot as it is while a refresh reads (an enterprise's
      // numbers, or all 100,000 after another process's write), so a bulk change never stalls call routing.
      // Up to `freshUpTo` numbers a refresh takes milliseconds, and a decision always waits for it: it sees
      // the latest commit.
      if (this.#snapshot !== undefined && this.#snapshot.subscribers.size > freshUpTo) {
        // Nobody awaits this refresh: a failure leaves the snapshot stale, to be retried.
        loading.catch(() => undefined);
        return this.#snapshot;
      }
      return loading;
    }
    return this.#snapshot;
  }

  /**
   * Brings the snapshot up to the database's data version: in place, reading only what this process's
   * writes changed when every version since the snapshot's is one of them; otherwise (another process
   * wrote, or the first time) by reading everything.
   */
  async #refresh(): Promise<RoutingSnapshot> {
    while (this.#stale || this.#snapshot === undefined) {
      this.#stale = false;
      this.#changesLost = false;
      try {
        const version = await readDataVersion(this.#db);
        const changes = this.#changesUpTo(version);
        if (this.#snapshot === undefined || changes === undefined || !(await refreshRoutingSnapshot(this.#db, this.#snapshot, changes))) {
          this.#snapshot = await loadRoutingSnapshot(this.#db);
        }
        this.#version = version;
        for (const v of this.#changes.keys()) if (v <= version) this.#changes.delete(v);
        this.#checkedAt = Date.now();
      } catch (error) {
        this.#stale = true;
        throw error;
      }
    }
    return this.#snapshot;
  }

  /** What changed between the snapshot's version and `version`, if this process made every one of those changes. */
  #changesUpTo(version: number): RoutingChanges | undefined {
    if (this.#version < 0 || this.#changesLost || version < this.#version || version - this.#version > this.#changes.size) return undefined;
    const enterprises = new Set<string>();
    const subscribers = new Set<string>();
    const memberships = new Set<string>();
    for (let v = this.#version + 1; v <= version; v += 1) {
      const scope = this.#changes.get(v);
      if (scope === undefined || scope === "everything") return undefined;
      for (const e of scope.enterprises) enterprises.add(e);
      for (const id of scope.subscribers) subscribers.add(id);
      for (const e of scope.memberships ?? []) memberships.add(e);
    }
    return { enterprises, subscribers, memberships };
  }

  /** Resolves once the snapshot reflects every commit made so far (a refresh in progress included). */
  async settled(): Promise<void> {
    await this.snapshot();
    while (this.#loading !== undefined || this.#stale) await (this.#loading ?? this.snapshot());
  }

  /** Whose call it is: the called number (inbound) or the caller (outbound). */
  #subject(snapshot: RoutingSnapshot, call: Call): RoutingSubscriber | undefined {
    if (call.direction === "inbound") return snapshot.byNumber.get(call.dialed.replace(/\D/g, ""));
    return (call.caller === undefined ? undefined : snapshot.subscribers.get(call.caller)) ?? snapshot.byNumber.get(call.from.replace(/\D/g, ""));
  }

  async #authorise(principal: Principal, subject: RoutingSubscriber | undefined): Promise<void> {
    if (principal.role === "operator" || principal.role === "sipProxy") return;
    // Others see only calls of their own numbers; an unknown or foreign number is simply not found.
    if (subject === undefined || subject.enterpriseId !== principal.enterpriseId) throw new DomainError("8049");
    if (principal.role === "enterpriseAdmin") return;
    if (principal.role === "subscriber" && principal.subscriberId === subject.id) return;
    if (principal.role === "groupAdmin" && (await adminGroupMemberIds(this.#db, principal.adminGroupIds ?? [])).includes(subject.id)) return;
    throw new DomainError("8049");
  }

  /** A what-if changes nothing; `commit` (SIP proxy tokens only) applies feature codes and hunt state. */
  async decide(ctx: ActionContext, request: RouteRequest): Promise<Decision> {
    if (request.commit === true && ctx.principal.role !== "sipProxy") throw new DomainError("8109", { field: "commit" });
    const givenAt = request.call.at;
    if (givenAt !== undefined && (!instantPattern.test(givenAt) || Number.isNaN(Date.parse(givenAt)))) throw new DomainError("8009", { field: "call.at" });
    const call: Call = { ...request.call, at: givenAt ?? this.#clock().toISOString() };
    const snapshot = await this.snapshot();
    await this.#authorise(ctx.principal, this.#subject(snapshot, call));
    const given = request.state ?? {};
    let decision = route(snapshot, call, given);
    // Only a round-robin or least-used hunt group reads the stored hunt state, and it says so by the
    // effects it leaves: the ordinary call (nearly all of them) decides without touching the database.
    const needsState = (given.roundRobinCursor === undefined || given.usage === undefined) && decision.effects.some((e) => e.kind === "roundRobin" || e.kind === "usage");
    if (needsState) {
      const stored = await loadHuntState(this.#db);
      decision = route(snapshot, call, { ...given, roundRobinCursor: given.roundRobinCursor ?? stored.cursors, usage: given.usage ?? stored.usage });
    }
    if (request.commit === true) await this.#apply(ctx, decision);
    return decision;
  }

  /**
   * The week view of the simulation screen: hour by hour from a local date, what a call to the number
   * (or hunt pilot) does first — ring, forward where, or be rejected — and the rule behind it.
   */
  async week(principal: Principal, dialed: string, from: string | undefined, days: number): Promise<WeekView> {
    const snapshot = await this.snapshot();
    const subject = snapshot.byNumber.get(dialed.replace(/\D/g, ""));
    await this.#authorise(principal, subject);
    if (subject === undefined) throw new DomainError("8049");
    const timeZone = snapshot.enterprises.get(subject.enterpriseId)?.timeZone ?? "Asia/Tokyo";
    const start = from ?? localTime(this.#clock(), timeZone).date;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || addDays(start, 0) !== start) throw new DomainError("8078", { field: "from" });
    const hunt = snapshot.huntByPilot.get(subject.id);
    const out: WeekView = { number: subject.number, subscriberId: subject.id, huntGroupId: hunt?.id ?? null, timeZone, days: [] };
    for (let d = 0; d < days; d += 1) {
      const date = addDays(start, d);
      const hours: WeekHour[] = [];
      for (let hour = 0; hour < 24; hour += 1) {
        const at = instantOf(date, hour, timeZone);
        const decision = route(snapshot, { direction: "inbound", from: "0000000000", dialed: subject.number, at: at.toISOString() }, {});
        const first = decision.plan.steps[0];
        const rule = decision.explain.find((e) => e.rule.startsWith("scheduleRule#"));
        hours.push({
          hour,
          first: first?.kind ?? "reject",
          forwardTo: first?.kind === "forward" ? first.to : null,
          reason: first?.kind === "forward" ? first.reason : null,
          scheduleRule: rule === undefined ? null : rule.detail,
        });
      }
      out.days.push({ date, holiday: holidayOf(date)?.name ?? null, hours });
    }
    return out;
  }

  async #apply(ctx: ActionContext, decision: Decision): Promise<void> {
    const now = this.#clock();
    const forwarding = decision.effects.filter((e) => e.kind === "forwarding");
    if (forwarding.length > 0) {
      await inTransaction(this.#db, async ({ tx }) => {
        for (const effect of forwarding) {
          const before = await findSubscriber(tx, effect.subscriberId);
          if (before === undefined) continue;
          await updateForwarding(tx, before.id, effect.forwarding, before.version + 1, now.toISOString());
          await audit(tx, ctx, now, {
            action: `featureCode.${effect.action}`,
            enterpriseId: before.enterpriseId,
            targetType: "subscriber",
            targetId: before.id,
            before: before.forwarding,
            after: effect.forwarding,
          });
        }
      });
    }
    // Hunt state changes with every call: written directly, it doesn't make the snapshot stale.
    for (const effect of decision.effects) {
      if (effect.kind === "roundRobin") await setHuntCursor(this.#db, effect.huntGroupId, effect.subscriberId, now.toISOString());
      else if (effect.kind === "usage") await addUsage(this.#db, effect.subscriberId, now.toISOString());
    }
  }
}
