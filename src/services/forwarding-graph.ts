// Save-time forwarding-loop check (8118): follows every forward a change makes possible, through numbers
// and schedules, across enterprises, and refuses a change that closes a cycle.
import { DomainError } from "../domain/errors.ts";
import { describeLoop, findLoop, type ForwardEdge } from "../domain/forwarding/loop.ts";
import type { ScheduleRule } from "../domain/schedule/schedule.ts";
import type { Forwarding, ForwardingSubject, Subscriber } from "../domain/subscriber/subscriber.ts";
import type { Db } from "../store/database.ts";
import { findSchedule } from "../store/schedule.store.ts";
import { findForwardingByNumbers, findSubscribersByNumbers } from "../store/subscriber.store.ts";
import { pilotGroup, pilotSubscriberIds } from "../store/forwarding-graph.store.ts";
import { SiteReader } from "./destination-context.ts";
import { slices } from "./slices.ts";

export interface PendingChanges {
  /** New forwarding of subscribers, by subscriber ID. */
  readonly forwarding?: ReadonlyMap<string, Forwarding>;
  /** New rules of schedules, by schedule ID. */
  readonly schedules?: ReadonlyMap<number, { name: string; rules: readonly ScheduleRule[]; extensionGroupId: number | null }>;
}

const viaLabels: Record<string, string> = { unconditional: "無条件転送", busy: "話中時転送", noAnswer: "無応答転送" };

interface GroupInfo {
  prefix: string;
  byExtension: Map<string, string>;
}

/** Resolves destinations to platform numbers, loading what it needs once. */
class GraphLoader {
  readonly #db: Db;
  readonly #pending: PendingChanges;
  readonly #sites: SiteReader;
  readonly #groups = new Map<number, GroupInfo>();
  // Read once a check: 20,000 numbers of a bulk change would otherwise ask one by one whether each is a pilot.
  #pilots: Promise<Set<string>> | undefined;
  readonly #schedules = new Map<number, { name: string; rules: readonly ScheduleRule[]; extensionGroupId: number | null } | null>();

  constructor(db: Db, pending: PendingChanges, sites: SiteReader) {
    this.#db = db;
    this.#pending = pending;
    this.#sites = sites;
  }

  async #group(id: number): Promise<GroupInfo> {
    let g = this.#groups.get(id);
    if (g === undefined) {
      const { prefix, members } = await this.#sites.read(id);
      g = { prefix, byExtension: new Map(members.map((m) => [m.extension, m.number])) };
      this.#groups.set(id, g);
    }
    return g;
  }

  async #schedule(id: number) {
    const pending = this.#pending.schedules?.get(id);
    if (pending !== undefined) return pending;
    if (!this.#schedules.has(id)) {
      const s = await findSchedule(this.#db, id);
      this.#schedules.set(id, s === undefined ? null : { name: s.name, rules: s.rules, extensionGroupId: s.extensionGroupId });
    }
    return this.#schedules.get(id) ?? undefined;
  }

  /** A destination as stored → the national number it reaches. */
  async #resolve(destination: string, groupId: number | null): Promise<string | undefined> {
    if (destination === "" || destination.startsWith("010")) return undefined;
    if (groupId === null) return destination;
    const g = await this.#group(groupId);
    if (destination.startsWith(g.prefix) && destination.length > g.prefix.length + 2) return destination.slice(g.prefix.length);
    return g.byExtension.get(destination);
  }

  /** A hunt pilot's calls go to its members (and its schedule's forwards); its own forwarding is not used. */
  async #huntEdges(s: ForwardingSubject): Promise<ForwardEdge[] | undefined> {
    this.#pilots ??= pilotSubscriberIds(this.#db);
    if (!(await this.#pilots).has(s.id)) return undefined;
    const group = await pilotGroup(this.#db, s.id);
    if (group === undefined) return undefined;
    const edges: ForwardEdge[] = group.members.map((m) => ({ to: m.number, via: `代表グループ「${group.name}」` }));
    if (group.scheduleEnabled && group.scheduleId !== null) {
      const schedule = await this.#schedule(group.scheduleId);
      for (const [i, rule] of (schedule?.rules ?? []).entries()) {
        if (rule.action === "none" || rule.destination === undefined) continue;
        const to = await this.#resolve(rule.destination, schedule?.extensionGroupId ?? null);
        if (to !== undefined) edges.push({ to, via: `スケジュール『${schedule?.name ?? ""}』${i + 1}行目` });
      }
    }
    return edges;
  }

  async edges(s: ForwardingSubject): Promise<ForwardEdge[]> {
    const hunt = await this.#huntEdges(s);
    if (hunt !== undefined) return hunt;
    const f = this.#pending.forwarding?.get(s.id) ?? s.forwarding;
    const edges: ForwardEdge[] = [];
    for (const type of ["unconditional", "busy", "noAnswer"] as const) {
      if (!f[type].enabled) continue;
      const to = await this.#resolve(f[type].destination, s.extensionGroupId);
      if (to !== undefined) edges.push({ to, via: type });
    }
    if (f.schedule.enabled && f.schedule.scheduleId !== null) {
      const schedule = await this.#schedule(f.schedule.scheduleId);
      if (schedule !== undefined) {
        for (const [i, rule] of schedule.rules.entries()) {
          if (rule.action === "none" || rule.destination === undefined) continue;
          // A schedule's destinations follow its own extension group (none: plain numbers).
          const to = await this.#resolve(rule.destination, schedule.extensionGroupId);
          if (to !== undefined) edges.push({ to, via: `スケジュール『${schedule.name}』${i + 1}行目` });
        }
      }
    }
    return edges;
  }
}

/**
 * Refuses (8118) when any of the start numbers reaches a forwarding cycle once the pending changes apply.
 * `sites`: the extension groups the change has already read, if any.
 */
export async function assertNoForwardingLoop(db: Db, starts: readonly ForwardingSubject[], pending: PendingChanges, sites = new SiteReader(db)): Promise<void> {
  if (starts.length === 0) return;
  const loader = new GraphLoader(db, pending, sites);
  const graph = new Map<string, ForwardEdge[]>();
  const known = new Map<string, ForwardingSubject>(starts.map((s) => [s.number, s]));
  let frontier = [...known.keys()];
  // A bulk change starts from thousands of numbers: the walk pauses for the event loop now and then.
  const pause = slices();
  while (frontier.length > 0) {
    const missing = frontier.filter((n) => !known.has(n));
    for (let i = 0; i < missing.length; i += 1000) {
      for (const s of await findForwardingByNumbers(db, missing.slice(i, i + 1000))) known.set(s.number, s);
    }
    const next: string[] = [];
    for (const number of frontier) {
      await pause();
      if (graph.has(number)) continue;
      const s = known.get(number);
      const edges = s === undefined ? [] : await loader.edges(s);
      graph.set(number, edges);
      for (const e of edges) if (!graph.has(e.to)) next.push(e.to);
    }
    frontier = [...new Set(next)];
  }
  for (const s of starts) {
    await pause();
    const loop = findLoop(graph, s.number);
    if (loop !== undefined) {
      const text = describeLoop(loop, viaLabels);
      throw new DomainError("8118", {
        details: { loop: loop.numbers, via: loop.via, subscriberId: s.id },
        message: { ja: `転送がループしています: ${text}`, en: `The forwarding would loop: ${describeLoop(loop)}` },
      });
    }
  }
}

export interface ForwardingWarning {
  code: "emergencyStopped" | "anonymousRejection" | "huntAllForward";
  destination: string;
  message: string;
  messageEn: string;
}

/**
 * Warnings, not errors: a forward that is allowed but probably not what the administrator wants —
 * to a stopped number, to a number that rejects anonymous callers, to a hunt group whose members all forward away.
 */
export async function forwardingWarnings(db: Db, subscriber: Subscriber, forwarding: Forwarding): Promise<ForwardingWarning[]> {
  const loader = new GraphLoader(db, { forwarding: new Map([[subscriber.id, forwarding]]) }, new SiteReader(db));
  const targets = [...new Set((await loader.edges(subscriber)).map((e) => e.to))];
  const warnings: ForwardingWarning[] = [];
  for (const t of await findSubscribersByNumbers(db, targets)) {
    if (t.emergencyStopped) {
      warnings.push({ code: "emergencyStopped", destination: t.number, message: `転送先 ${t.number} は緊急停止中のため、転送された着信はつながりません。`, messageEn: `${t.number} is under emergency stop: forwarded calls won't connect.` });
    }
    if (t.callSettings.anonymousRejection) {
      warnings.push({ code: "anonymousRejection", destination: t.number, message: `転送先 ${t.number} は非通知着信拒否のため、非通知の着信は転送先で拒否されます。`, messageEn: `${t.number} rejects anonymous calls: forwarded anonymous calls will be refused there.` });
    }
    const group = await pilotGroup(db, t.id);
    if (group !== undefined && group.members.length > 0 && group.members.every((m) => (JSON.parse(m.forwarding) as Forwarding).unconditional.enabled)) {
      warnings.push({ code: "huntAllForward", destination: t.number, message: `転送先の代表グループ「${group.name}」は全メンバが無条件転送中です。`, messageEn: `Every member of hunt group "${group.name}" forwards unconditionally.` });
    }
  }
  return warnings;
}
