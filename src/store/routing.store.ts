// What the routing engine needs, loaded in a few whole-table queries and indexed; the hunt groups' state.
import { sql } from "kysely";
import type { SelfService, Services } from "../domain/enterprise/enterprise.ts";
import type { NumberKind } from "../domain/phone-number.ts";
import type {
  Distribution,
  RoutingEnterprise,
  RoutingExtensionGroup,
  RoutingHuntGroup,
  RoutingPickupGroup,
  RoutingSchedule,
  RoutingSnapshot,
  RoutingSubscriber,
} from "../domain/routing/types.ts";
import type { ScheduleRule } from "../domain/schedule/schedule.ts";
import type { CallSettings, Forwarding } from "../domain/subscriber/subscriber.ts";
import type { Selectable } from "kysely";
import type { Db } from "./database.ts";
import type { SubscriberTable } from "./schema.ts";
import { fromJson, isSet } from "./json.ts";

const subscriberColumns = [
  "id",
  "enterprise_id",
  "number",
  "number_kind",
  "display_name",
  "call_settings",
  "forwarding",
  "emergency_stopped",
  "extension_group_id",
  "extension",
  "pickup_group_id",
  "hunt_group_id",
  "hunt_order",
  "notify_number",
  "origin_number1",
  "origin_number2",
] as const;

/** Rows a read: small enough that one batch and its JSON parsing keep the event loop turning. */
const batchSize = 500;

/** Lets the event loop turn (requests in between) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type SubscriberRow = Pick<Selectable<SubscriberTable>, (typeof subscriberColumns)[number]>;

/**
 * Subscribers in id order, a batch at a time (keyset): every one, or one enterprise's. With 100,000
 * numbers one query would read and parse for about a second in one go; batches let the loop (and the
 * embedded database's yield plugin) serve other requests in between.
 */
async function* subscriberBatches(db: Db, enterpriseId?: string) {
  let after = "";
  for (;;) {
    let query = db.selectFrom("subscribers").select(subscriberColumns).where("id", ">", after);
    if (enterpriseId !== undefined) query = query.where("enterprise_id", "=", enterpriseId);
    const rows: SubscriberRow[] = await query.orderBy("id").limit(batchSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]?.id ?? after;
    await nextTurn();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * JSON columns as read for a snapshot: most numbers keep the default forwarding and call settings, so
 * equal texts are parsed once and share one frozen value (the engine copies before it changes one).
 */
type JsonReader = <T>(text: string | null) => T | null;
function jsonReader(): JsonReader {
  const seen = new Map<string, unknown>();
  return <T>(text: string | null): T | null => {
    if (text === null) return null;
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = deepFreeze(JSON.parse(text))));
    return value as T;
  };
}

const noNumbers: readonly string[] = Object.freeze([]);

function toSubscriber(r: SubscriberRow, json: JsonReader): RoutingSubscriber {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    number: r.number,
    numberKind: r.number_kind as NumberKind,
    displayName: r.display_name,
    callSettings: json<CallSettings>(r.call_settings) as CallSettings,
    forwarding: json<Forwarding>(r.forwarding) as Forwarding,
    emergencyStopped: isSet(r.emergency_stopped),
    extensionGroupId: r.extension_group_id,
    extension: r.extension ?? "",
    pickupGroupId: r.pickup_group_id,
    huntGroupId: r.hunt_group_id,
    notifyNumber: r.notify_number ?? "",
    originNumbers: r.origin_number1 === null && r.origin_number2 === null ? noNumbers : [r.origin_number1 ?? "", r.origin_number2 ?? ""].filter((n) => n !== ""),
  };
}

/** The snapshot's maps, writable by this module alone (the engine sees them read-only). */
interface Maps {
  subscribers: Map<string, RoutingSubscriber>;
  byNumber: Map<string, RoutingSubscriber>;
  enterprises: Map<string, RoutingEnterprise>;
  schedules: Map<number, RoutingSchedule>;
  huntGroups: Map<number, RoutingHuntGroup>;
  huntByPilot: Map<string, RoutingHuntGroup>;
  extensionGroups: Map<number, RoutingExtensionGroup>;
  pickupGroups: Map<number, RoutingPickupGroup>;
}

/** What each enterprise put into a snapshot, so that a refresh of the enterprise can take it out again. */
interface Owned {
  subscribers: Set<string>;
  schedules: Set<number>;
  huntGroups: Set<number>;
  extensionGroups: Set<number>;
  pickupGroups: Set<number>;
}

const ownedBy = new WeakMap<RoutingSnapshot, Map<string, Owned>>();

/** One or every enterprise's rows, read and indexed (not yet in a snapshot). */
interface Part {
  enterprises: RoutingEnterprise[];
  subscribers: RoutingSubscriber[];
  schedules: RoutingSchedule[];
  huntGroups: RoutingHuntGroup[];
  extensionGroups: RoutingExtensionGroup[];
  pickupGroups: RoutingPickupGroup[];
  /** The enterprise of each schedule and group (the snapshot's types don't carry it). */
  ownerOf: Record<"schedule" | "extensionGroup" | "pickupGroup", ReadonlyMap<number, string>>;
}

async function readPart(db: Db, enterpriseId?: string): Promise<Part> {
  // Every table but subscribers is small: read whole, or the enterprise's rows.
  const one = enterpriseId !== undefined;
  const e = enterpriseId ?? "";
  const [enterpriseRows, scheduleRows, huntRows, extensionRows, pickupRows] = await Promise.all([
    db.selectFrom("enterprises").select(["id", "time_zone", "services", "self_service"]).$if(one, (q) => q.where("id", "=", e)).execute(),
    db.selectFrom("schedules").select(["id", "enterprise_id", "name", "cfna_timeout_sec", "extension_group_id", "rules"]).$if(one, (q) => q.where("enterprise_id", "=", e)).execute(),
    db
      .selectFrom("hunt_groups")
      .select(["id", "name", "enterprise_id", "pilot_subscriber_id", "distribution", "slide_timer_sec", "schedule_id", "schedule_enabled"])
      .$if(one, (q) => q.where("enterprise_id", "=", e))
      .execute(),
    db.selectFrom("extension_groups").select(["id", "enterprise_id", "name", "external_prefix"]).$if(one, (q) => q.where("enterprise_id", "=", e)).execute(),
    db.selectFrom("pickup_groups").select(["id", "enterprise_id", "name", "number"]).$if(one, (q) => q.where("enterprise_id", "=", e)).execute(),
  ]);

  const subscribers: RoutingSubscriber[] = [];
  const json = jsonReader();
  const extensionMembers = new Map<number, Map<string, string>>();
  const pickupMembers = new Map<number, string[]>();
  const huntMembers = new Map<number, { subscriberId: string; order: number }[]>();
  for await (const subscriberRows of subscriberBatches(db, enterpriseId)) {
    for (const r of subscriberRows) {
      subscribers.push(toSubscriber(r, json));
      if (r.extension_group_id !== null && r.extension !== null && r.extension !== "") {
        let m = extensionMembers.get(r.extension_group_id);
        if (m === undefined) extensionMembers.set(r.extension_group_id, (m = new Map()));
        m.set(r.extension, r.id);
      }
      if (r.pickup_group_id !== null) {
        let list = pickupMembers.get(r.pickup_group_id);
        if (list === undefined) pickupMembers.set(r.pickup_group_id, (list = []));
        list.push(r.id);
      }
      if (r.hunt_group_id !== null) {
        let list = huntMembers.get(r.hunt_group_id);
        if (list === undefined) huntMembers.set(r.hunt_group_id, (list = []));
        list.push({ subscriberId: r.id, order: r.hunt_order ?? 0 });
      }
    }
  }
  return {
    enterprises: enterpriseRows.map((e) => ({ id: e.id, timeZone: e.time_zone, services: fromJson<Services>(e.services) as Services, selfService: fromJson<SelfService>(e.self_service) as SelfService })),
    subscribers,
    schedules: scheduleRows.map((r) => ({ id: r.id, name: r.name, cfnaTimeoutSec: r.cfna_timeout_sec, extensionGroupId: r.extension_group_id, rules: fromJson<ScheduleRule[]>(r.rules) ?? [] })),
    huntGroups: huntRows.map((r) => ({
      id: r.id,
      name: r.name,
      enterpriseId: r.enterprise_id,
      pilotSubscriberId: r.pilot_subscriber_id,
      distribution: r.distribution as Distribution,
      slideTimerSec: r.slide_timer_sec,
      scheduleId: r.schedule_id,
      scheduleEnabled: isSet(r.schedule_enabled),
      members: (huntMembers.get(r.id) ?? []).sort((a, b) => a.order - b.order || (a.subscriberId < b.subscriberId ? -1 : 1)),
    })),
    extensionGroups: extensionRows.map((r) => ({ id: r.id, name: r.name, externalPrefix: r.external_prefix, members: extensionMembers.get(r.id) ?? new Map() })),
    pickupGroups: pickupRows.map((r) => ({ id: r.id, name: r.name, number: r.number, memberIds: pickupMembers.get(r.id) ?? [] })),
    ownerOf: {
      schedule: new Map(scheduleRows.map((r) => [r.id, r.enterprise_id])),
      extensionGroup: new Map(extensionRows.map((r) => [r.id, r.enterprise_id])),
      pickupGroup: new Map(pickupRows.map((r) => [r.id, r.enterprise_id])),
    },
  };
}

/** Puts a part into the maps, noting what belongs to which enterprise (groups and schedules by their own enterprise). */
function putPart(maps: Maps, owned: Map<string, Owned>, part: Part): void {
  const ownedOf = (enterpriseId: string | undefined): Owned | undefined => {
    if (enterpriseId === undefined) return undefined;
    let o = owned.get(enterpriseId);
    if (o === undefined) owned.set(enterpriseId, (o = { subscribers: new Set(), schedules: new Set(), huntGroups: new Set(), extensionGroups: new Set(), pickupGroups: new Set() }));
    return o;
  };
  for (const e of part.enterprises) {
    maps.enterprises.set(e.id, e);
    ownedOf(e.id);
  }
  for (const s of part.subscribers) {
    maps.subscribers.set(s.id, s);
    maps.byNumber.set(s.number, s);
    ownedOf(s.enterpriseId)?.subscribers.add(s.id);
  }
  for (const g of part.schedules) {
    maps.schedules.set(g.id, g);
    ownedOf(part.ownerOf.schedule.get(g.id))?.schedules.add(g.id);
  }
  for (const g of part.huntGroups) {
    maps.huntGroups.set(g.id, g);
    maps.huntByPilot.set(g.pilotSubscriberId, g);
    ownedOf(g.enterpriseId)?.huntGroups.add(g.id);
  }
  for (const g of part.extensionGroups) {
    maps.extensionGroups.set(g.id, g);
    ownedOf(part.ownerOf.extensionGroup.get(g.id))?.extensionGroups.add(g.id);
  }
  for (const g of part.pickupGroups) {
    maps.pickupGroups.set(g.id, g);
    ownedOf(part.ownerOf.pickupGroup.get(g.id))?.pickupGroups.add(g.id);
  }
}

export async function loadRoutingSnapshot(db: Db): Promise<RoutingSnapshot> {
  const part = await readPart(db);
  const maps: Maps = {
    subscribers: new Map(),
    byNumber: new Map(),
    enterprises: new Map(),
    schedules: new Map(),
    huntGroups: new Map(),
    huntByPilot: new Map(),
    extensionGroups: new Map(),
    pickupGroups: new Map(),
  };
  const owned = new Map<string, Owned>();
  putPart(maps, owned, part);
  const snapshot: RoutingSnapshot = maps;
  ownedBy.set(snapshot, owned);
  return snapshot;
}

/** What a write changed (services/unit-of-work.ts): some numbers' own settings, and whole enterprises. */
export interface RoutingChanges {
  readonly enterprises: ReadonlySet<string>;
  readonly subscribers: ReadonlySet<string>;
}

/** The columns that place a number in the snapshot's indexes; a change to any of them refreshes its enterprise. */
function samePlace(s: RoutingSubscriber, r: SubscriberRow, order: number | undefined): boolean {
  return (
    s.enterpriseId === r.enterprise_id &&
    s.number === r.number &&
    s.extension === (r.extension ?? "") &&
    s.extensionGroupId === r.extension_group_id &&
    s.pickupGroupId === r.pickup_group_id &&
    s.huntGroupId === r.hunt_group_id &&
    (r.hunt_group_id === null || order === (r.hunt_order ?? 0))
  );
}

/**
 * How an enterprise's new rows go into the maps, worked out before the synchronous step. A number that
 * keeps its enterprise and its number keeps its entry: its object is updated in place. Replacing every
 * entry instead (deleting 20,000 of a 100,000-entry map and adding them back) held the event loop for
 * 50–110 ms in one go after each bulk apply; updating them in place takes a few milliseconds.
 */
interface Plan {
  /** Entries kept: the object in the maps, and what it becomes. */
  readonly updated: [RoutingSubscriber, RoutingSubscriber][];
  /** New entries: numbers new to the enterprise, or whose number changed. */
  readonly added: RoutingSubscriber[];
  /** Objects in the maps that go: numbers deleted or moved, and the old number of a number that changed. */
  readonly removed: RoutingSubscriber[];
  /** The enterprise's numbers after the change. */
  readonly ids: Set<string>;
}

/** Items handled between turns of the event loop while planning. */
const planBatch = 2_000;

async function planPart(maps: Maps, old: Owned | undefined, part: Part): Promise<Plan> {
  const plan: Plan = { updated: [], added: [], removed: [], ids: new Set() };
  for (let i = 0; i < part.subscribers.length; i += 1) {
    if (i > 0 && i % planBatch === 0) await nextTurn();
    const next = part.subscribers[i] as RoutingSubscriber;
    plan.ids.add(next.id);
    const before = maps.subscribers.get(next.id);
    if (before !== undefined && before.enterpriseId === next.enterpriseId && before.number === next.number) plan.updated.push([before, next]);
    else {
      plan.added.push(next);
      if (before !== undefined) plan.removed.push(before);
    }
  }
  let i = 0;
  for (const id of old?.subscribers ?? []) {
    i += 1;
    if (i % planBatch === 0) await nextTurn();
    if (plan.ids.has(id)) continue;
    const before = maps.subscribers.get(id);
    if (before !== undefined) plan.removed.push(before);
  }
  return plan;
}

/** Puts an enterprise's new rows in place of its old ones, as planned (synchronous). */
function swapPart(maps: Maps, owned: Map<string, Owned>, e: string, part: Part, plan: Plan): void {
  const old = owned.get(e);
  if (old !== undefined) {
    for (const id of old.schedules) maps.schedules.delete(id);
    for (const id of old.huntGroups) {
      const g = maps.huntGroups.get(id);
      maps.huntGroups.delete(id);
      if (g !== undefined && maps.huntByPilot.get(g.pilotSubscriberId) === g) maps.huntByPilot.delete(g.pilotSubscriberId);
    }
    for (const id of old.extensionGroups) maps.extensionGroups.delete(id);
    for (const id of old.pickupGroups) maps.pickupGroups.delete(id);
    owned.delete(e);
  }
  maps.enterprises.delete(e);
  for (const [before, next] of plan.updated) Object.assign(before, next);
  for (const s of plan.added) {
    maps.subscribers.set(s.id, s);
    maps.byNumber.set(s.number, s);
  }
  for (const s of plan.removed) {
    if (maps.subscribers.get(s.id) === s) maps.subscribers.delete(s.id);
    if (maps.byNumber.get(s.number) === s) maps.byNumber.delete(s.number);
  }
  // The enterprise, its schedules and groups (a few hundred rows at most), then its numbers.
  putPart(maps, owned, { ...part, subscribers: [] });
  if (plan.ids.size > 0) {
    const o = owned.get(e);
    if (o !== undefined) o.subscribers = plan.ids;
    else owned.set(e, { subscribers: plan.ids, schedules: new Set(), huntGroups: new Set(), extensionGroups: new Set(), pickupGroups: new Set() });
  }
}

/**
 * Brings a snapshot up to date with a write in place, reading only what it changed: the numbers whose own
 * settings changed, and every row of the enterprises it changed otherwise. Everything is read and planned
 * first; the maps then change in one synchronous step, so a decision sees the snapshot before or after,
 * never between. (The routing service runs one refresh at a time, so nothing changes the maps between the
 * plan and the step.) Returns false when the snapshot wasn't made by `loadRoutingSnapshot` (then load a new one).
 */
export async function refreshRoutingSnapshot(db: Db, snapshot: RoutingSnapshot, changes: RoutingChanges): Promise<boolean> {
  const owned = ownedBy.get(snapshot);
  if (owned === undefined) return false;
  const maps = snapshot as unknown as Maps;
  const enterprises = new Set(changes.enterprises);
  /** Numbers whose own settings changed: the object in the maps, and what it becomes. */
  const replaced: [RoutingSubscriber, RoutingSubscriber][] = [];
  const json = jsonReader();
  const ids = [...changes.subscribers];
  for (let i = 0; i < ids.length; i += batchSize) {
    const chunk = ids.slice(i, i + batchSize);
    const rows: SubscriberRow[] = await db.selectFrom("subscribers").select(subscriberColumns).where("id", "in", chunk).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const before = maps.subscribers.get(id);
      const row = byId.get(id);
      if (before === undefined || row === undefined) {
        // Created or deleted: the enterprise's groups change with it.
        const e = row?.enterprise_id ?? before?.enterpriseId;
        if (e !== undefined) enterprises.add(e);
        continue;
      }
      const order = row.hunt_group_id === null ? undefined : maps.huntGroups.get(row.hunt_group_id)?.members.find((m) => m.subscriberId === id)?.order;
      if (samePlace(before, row, order)) replaced.push([before, toSubscriber(row, json)]);
      else enterprises.add(row.enterprise_id).add(before.enterpriseId);
    }
  }
  const parts: [string, Part, Plan][] = [];
  for (const e of enterprises) {
    const part = await readPart(db, e);
    parts.push([e, part, await planPart(maps, owned.get(e), part)]);
  }

  // From here on, synchronous.
  for (const [before, next] of replaced) if (!enterprises.has(next.enterpriseId)) Object.assign(before, next);
  for (const [e, part, plan] of parts) swapPart(maps, owned, e, part, plan);
  return true;
}

export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom("data_version").select("version").where("id", "=", 1).executeTakeFirst();
  return row?.version ?? 0;
}

/** Every committed write bumps the version (in its transaction), so other processes see their snapshot is stale. */
export async function bumpDataVersion(db: Db): Promise<number> {
  const row = await db.updateTable("data_version").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).returning("version").executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function loadHuntState(db: Db): Promise<{ cursors: Record<string, string>; usage: Record<string, number> }> {
  const [cursors, usage] = await Promise.all([
    db.selectFrom("hunt_cursors").select(["hunt_group_id", "subscriber_id"]).execute(),
    db.selectFrom("member_usage").select(["subscriber_id", "count"]).execute(),
  ]);
  return {
    cursors: Object.fromEntries(cursors.map((c) => [String(c.hunt_group_id), c.subscriber_id])),
    usage: Object.fromEntries(usage.map((u) => [u.subscriber_id, Number(u.count)])),
  };
}

export async function setHuntCursor(db: Db, huntGroupId: number, subscriberId: string, at: string): Promise<void> {
  await db
    .insertInto("hunt_cursors")
    .values({ hunt_group_id: huntGroupId, subscriber_id: subscriberId, updated_at: at })
    .onConflict((oc) => oc.column("hunt_group_id").doUpdateSet({ subscriber_id: subscriberId, updated_at: at }))
    .execute();
}

export async function addUsage(db: Db, subscriberId: string, at: string): Promise<void> {
  await db
    .insertInto("member_usage")
    .values({ subscriber_id: subscriberId, count: 1, updated_at: at })
    .onConflict((oc) => oc.column("subscriber_id").doUpdateSet({ count: sql<number>`member_usage.count + 1`, updated_at: at }))
    .execute();
}
