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

/** What places a number in its enterprise's groups: all a refresh reads after a change of memberships alone. */
const membershipColumns = ["id", "enterprise_id", "number", "extension_group_id", "extension", "pickup_group_id", "hunt_group_id", "hunt_order"] as const;

type MembershipRow = Pick<SubscriberRow, (typeof membershipColumns)[number]>;

/**
 * Subscribers in id order, a batch at a time (keyset): every one, or one enterprise's. With 100,000
 * numbers one query would read and parse for about a second in one go; batches let the loop (and the
 * embedded database's yield plugin) serve other requests in between.
 */
async function* subscriberBatches<R extends { id: string }>(db: Db, enterpriseId: string | undefined, columns: readonly (keyof SubscriberRow)[]): AsyncGenerator<R[]> {
  let after = "";
  for (;;) {
    let query = db.selectFrom("subscribers").select(columns).where("id", ">", after);
    if (enterpriseId !== undefined) query = query.where("enterprise_id", "=", enterpriseId);
    const rows = (await query.orderBy("id").limit(batchSize).execute()) as unknown as R[];
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

/**
 * Enterprise ids and number kinds repeat on every number: each is held as one string rather than a copy
 * per row (200,000 fewer objects for the garbage collector to mark in a 100,000-number snapshot).
 */
const words = new Map<string, string>();
function word(text: string): string {
  const known = words.get(text);
  if (known !== undefined) return known;
  if (words.size >= 100_000) words.clear();
  words.set(text, text);
  return text;
}

function toSubscriber(r: SubscriberRow, json: JsonReader): RoutingSubscriber {
  return {
    id: r.id,
    enterpriseId: word(r.enterprise_id),
    number: r.number,
    numberKind: word(r.number_kind) as NumberKind,
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

/**
 * Sees each subscriber row before the part does (a refresh's plan): answers the number as the snapshot
 * should hold it, or undefined for the part to make a new one.
 */
type RowPlanner = (r: SubscriberRow) => RoutingSubscriber | undefined;

/** Sees each row of a memberships-only read: answers the number as the snapshot should hold it. */
type MembershipPlanner = (r: MembershipRow) => RoutingSubscriber;

async function readPart(db: Db, enterpriseId?: string, planner?: { readonly rows: RowPlanner } | { readonly memberships: MembershipPlanner }): Promise<Part> {
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
  const memberships = planner !== undefined && "memberships" in planner ? planner.memberships : undefined;
  const rowPlanner = planner !== undefined && "rows" in planner ? planner.rows : undefined;
  const batches = memberships !== undefined ? subscriberBatches<MembershipRow>(db, enterpriseId, membershipColumns) : subscriberBatches<SubscriberRow>(db, enterpriseId, subscriberColumns);
  for await (const subscriberRows of batches) {
    for (const r of subscriberRows) {
      // A number the plan keeps is indexed by its strings already in the snapshot, so that the batch's
      // rows are garbage once read.
      let s: RoutingSubscriber | undefined;
      if (memberships !== undefined) {
        s = memberships(r);
      } else {
        s = rowPlanner?.(r as SubscriberRow);
        if (s === undefined) subscribers.push((s = toSubscriber(r as SubscriberRow, json)));
      }
      if (s.extensionGroupId !== null && s.extension !== "") {
        let m = extensionMembers.get(s.extensionGroupId);
        if (m === undefined) extensionMembers.set(s.extensionGroupId, (m = new Map()));
        m.set(s.extension, s.id);
      }
      if (s.pickupGroupId !== null) {
        let list = pickupMembers.get(s.pickupGroupId);
        if (list === undefined) pickupMembers.set(s.pickupGroupId, (list = []));
        list.push(s.id);
      }
      if (s.huntGroupId !== null) {
        let list = huntMembers.get(s.huntGroupId);
        if (list === undefined) huntMembers.set(s.huntGroupId, (list = []));
        list.push({ subscriberId: s.id, order: r.hunt_order ?? 0 });
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
  /** Enterprises whose numbers changed only their pickup and hunt groups (a bulk registration of those). */
  readonly memberships?: ReadonlySet<string>;
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
 * How an enterprise's rows go into the maps, worked out while they are read. A number that keeps its
 * enterprise and its number keeps its entry and its object: only what changed is kept aside, and written
 * into the object in the synchronous step. Replacing every entry instead (deleting the 20,000-number
 * enterprise's entries from the 100,000-entry maps and adding new objects) held the event loop for
 * 50–110 ms in one go after each bulk apply, and left 20,000 objects of garbage in the old generation,
 * whose collection on a 150 MB heap later stalled call routing for 100–250 ms.
 */
interface Plan {
  /** Entries kept whose numbers changed: the object in the maps, and its changed fields. */
  readonly updated: [RoutingSubscriber, Partial<RoutingSubscriber>][];
  /** Objects in the maps replaced by a new one: a number moved from another enterprise, or whose number changed. */
  readonly removed: RoutingSubscriber[];
  /** The enterprise's numbers in the maps that were read again (what was not is deleted). */
  readonly seen: Set<RoutingSubscriber>;
}

/** Whether two JSON values read from the database are the same (objects, arrays, strings, numbers, booleans, null). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What changed in a number the snapshot keeps: its fields that differ from the row's (a JSON column is
 * parsed and compared; kept as it was when equal). Empty when nothing did.
 */
function changesOf(before: RoutingSubscriber, r: SubscriberRow, json: JsonReader): Partial<RoutingSubscriber> {
  const next = toSubscriber(r, json);
  const changed: Partial<Record<keyof RoutingSubscriber, unknown>> = {};
  for (const key of Object.keys(next) as (keyof RoutingSubscriber)[]) {
    const value = next[key];
    if (key === "originNumbers" || key === "callSettings" || key === "forwarding" ? !sameJson(before[key], value) : before[key] !== value) changed[key] = value;
  }
  return changed as Partial<RoutingSubscriber>;
}

/** The row planner of an enterprise's refresh (see `Plan`). */
function planner(maps: Maps, plan: Plan): RowPlanner {
  // Parsed JSON is shared within a batch of rows only: a cache for the whole read would keep every
  // text and value alive to the end, into the old generation.
  let json = jsonReader();
  let rows = 0;
  return (r) => {
    rows += 1;
    if (rows % batchSize === 0) json = jsonReader();
    const before = maps.subscribers.get(r.id);
    if (before === undefined) return undefined;
    if (before.enterpriseId === r.enterprise_id) plan.seen.add(before);
    if (before.enterpriseId !== r.enterprise_id || before.number !== r.number) {
      plan.removed.push(before);
      return undefined;
    }
    const changed = changesOf(before, r, json);
    if (Object.keys(changed).length === 0) return before;
    plan.updated.push([before, changed]);
    // The part indexes the number as it will be.
    return { ...before, ...changed };
  };
}

/** A memberships-only read met a row it cannot place from the snapshot: the enterprise is read whole instead. */
class NotMembershipsOnly extends Error {}

/**
 * The planner of a memberships-only refresh: every number is in the snapshot already, in the same place
 * but for its pickup and hunt groups, so only their columns are read (no settings parsed, a third of the
 * columns). Anything else throws NotMembershipsOnly.
 */
function membershipPlanner(maps: Maps, plan: Plan): MembershipPlanner {
  return (r) => {
    const before = maps.subscribers.get(r.id);
    if (before === undefined || before.enterpriseId !== r.enterprise_id || before.number !== r.number || before.extensionGroupId !== r.extension_group_id || before.extension !== (r.extension ?? "")) {
      throw new NotMembershipsOnly();
    }
    plan.seen.add(before);
    const changed: { pickupGroupId?: number | null; huntGroupId?: number | null } = {};
    if (before.pickupGroupId !== r.pickup_group_id) changed.pickupGroupId = r.pickup_group_id;
    if (before.huntGroupId !== r.hunt_group_id) changed.huntGroupId = r.hunt_group_id;
    if (changed.pickupGroupId === undefined && changed.huntGroupId === undefined) return before;
    plan.updated.push([before, changed]);
    return { ...before, ...changed };
  };
}

/** Puts an enterprise's new rows in place of its old ones, as planned (synchronous). */
function swapPart(maps: Maps, owned: Map<string, Owned>, e: string, part: Part, plan: Plan): void {
  const old = owned.get(e);
  const oldIds = old?.subscribers;
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
  for (const [before, changed] of plan.updated) Object.assign(before, changed);
  // The enterprise's numbers not read again are deleted, or moved to another enterprise.
  const removed = plan.removed;
  const gone = oldIds !== undefined && plan.seen.size < oldIds.size;
  if (gone) {
    for (const id of oldIds) {
      const s = maps.subscribers.get(id);
      if (s !== undefined && s.enterpriseId === e && !plan.seen.has(s)) removed.push(s);
    }
  }
  for (const s of part.subscribers) {
    maps.subscribers.set(s.id, s);
    maps.byNumber.set(s.number, s);
  }
  for (const s of removed) {
    if (maps.subscribers.get(s.id) === s) maps.subscribers.delete(s.id);
    if (maps.byNumber.get(s.number) === s) maps.byNumber.delete(s.number);
  }
  // The enterprise, its schedules and groups (a few hundred rows at most), and its numbers' ids: the old
  // set when the numbers are the same ones.
  putPart(maps, owned, { ...part, subscribers: [] });
  let ids = oldIds;
  if (ids === undefined || gone || part.subscribers.length > 0) {
    ids = new Set();
    for (const s of plan.seen) ids.add(s.id);
    for (const s of part.subscribers) ids.add(s.id);
  }
  if (ids.size > 0) {
    const o = owned.get(e);
    if (o !== undefined) o.subscribers = ids;
    else owned.set(e, { subscribers: ids, schedules: new Set(), huntGroups: new Set(), extensionGroups: new Set(), pickupGroups: new Set() });
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
  /** Enterprises read whole: a number's own change there is read with them. */
  const whole = new Set<string>();
  const readWhole = async (e: string) => {
    whole.add(e);
    const plan: Plan = { updated: [], removed: [], seen: new Set() };
    parts.push([e, await readPart(db, e, { rows: planner(maps, plan) }), plan]);
  };
  for (const e of enterprises) await readWhole(e);
  for (const e of changes.memberships ?? []) {
    if (enterprises.has(e)) continue;
    const plan: Plan = { updated: [], removed: [], seen: new Set() };
    try {
      parts.push([e, await readPart(db, e, { memberships: membershipPlanner(maps, plan) }), plan]);
    } catch (error) {
      if (!(error instanceof NotMembershipsOnly)) throw error;
      await readWhole(e);
    }
  }

  // From here on, synchronous.
  for (const [before, next] of replaced) if (!whole.has(next.enterpriseId)) Object.assign(before, next);
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
