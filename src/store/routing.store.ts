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
import type { Db } from "./database.ts";
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
const batchSize = 2000;

/**
 * Every subscriber, in id order, a batch at a time (keyset). With 100,000 numbers one query would read
 * and parse for about a second in one go; batches let the loop (and the embedded database's yield
 * plugin) serve other requests in between.
 */
async function* subscriberBatches(db: Db) {
  let after = "";
  for (;;) {
    const rows = await db.selectFrom("subscribers").select(subscriberColumns).where("id", ">", after).orderBy("id").limit(batchSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]?.id ?? after;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function loadRoutingSnapshot(db: Db): Promise<RoutingSnapshot> {
  const [enterpriseRows, scheduleRows, huntRows, extensionRows, pickupRows] = await Promise.all([
    db.selectFrom("enterprises").select(["id", "time_zone", "services", "self_service"]).execute(),
    db.selectFrom("schedules").select(["id", "name", "cfna_timeout_sec", "extension_group_id", "rules"]).execute(),
    db.selectFrom("hunt_groups").select(["id", "name", "enterprise_id", "pilot_subscriber_id", "distribution", "slide_timer_sec", "schedule_id", "schedule_enabled"]).execute(),
    db.selectFrom("extension_groups").select(["id", "name", "external_prefix"]).execute(),
    db.selectFrom("pickup_groups").select(["id", "name", "number"]).execute(),
  ]);

  const enterprises = new Map<string, RoutingEnterprise>();
  for (const e of enterpriseRows) {
    enterprises.set(e.id, { id: e.id, timeZone: e.time_zone, services: fromJson<Services>(e.services) as Services, selfService: fromJson<SelfService>(e.self_service) as SelfService });
  }
  const subscribers = new Map<string, RoutingSubscriber>();
  const byNumber = new Map<string, RoutingSubscriber>();
  const extensionMembers = new Map<number, Map<string, string>>();
  const pickupMembers = new Map<number, string[]>();
  const huntMembers = new Map<number, { subscriberId: string; order: number }[]>();
  for await (const subscriberRows of subscriberBatches(db)) for (const r of subscriberRows) {
    const s: RoutingSubscriber = {
      id: r.id,
      enterpriseId: r.enterprise_id,
      number: r.number,
      numberKind: r.number_kind as NumberKind,
      displayName: r.display_name,
      callSettings: fromJson<CallSettings>(r.call_settings) as CallSettings,
      forwarding: fromJson<Forwarding>(r.forwarding) as Forwarding,
      emergencyStopped: isSet(r.emergency_stopped),
      extensionGroupId: r.extension_group_id,
      extension: r.extension ?? "",
      pickupGroupId: r.pickup_group_id,
      huntGroupId: r.hunt_group_id,
      notifyNumber: r.notify_number ?? "",
      originNumbers: [r.origin_number1 ?? "", r.origin_number2 ?? ""].filter((n) => n !== ""),
    };
    subscribers.set(s.id, s);
    byNumber.set(s.number, s);
    if (r.extension_group_id !== null && r.extension !== null && r.extension !== "") {
      let m = extensionMembers.get(r.extension_group_id);
      if (m === undefined) extensionMembers.set(r.extension_group_id, (m = new Map()));
      m.set(r.extension, r.id);
    }
    if (r.pickup_group_id !== null) {
      const list = pickupMembers.get(r.pickup_group_id) ?? [];
      list.push(r.id);
      pickupMembers.set(r.pickup_group_id, list);
    }
    if (r.hunt_group_id !== null) {
      const list = huntMembers.get(r.hunt_group_id) ?? [];
      list.push({ subscriberId: r.id, order: r.hunt_order ?? 0 });
      huntMembers.set(r.hunt_group_id, list);
    }
  }
  const schedules = new Map<number, RoutingSchedule>();
  for (const r of scheduleRows) {
    schedules.set(r.id, { id: r.id, name: r.name, cfnaTimeoutSec: r.cfna_timeout_sec, extensionGroupId: r.extension_group_id, rules: fromJson<ScheduleRule[]>(r.rules) ?? [] });
  }
  const huntGroups = new Map<number, RoutingHuntGroup>();
  const huntByPilot = new Map<string, RoutingHuntGroup>();
  for (const r of huntRows) {
    const members = (huntMembers.get(r.id) ?? []).sort((a, b) => a.order - b.order || (a.subscriberId < b.subscriberId ? -1 : 1));
    const g: RoutingHuntGroup = {
      id: r.id,
      name: r.name,
      enterpriseId: r.enterprise_id,
      pilotSubscriberId: r.pilot_subscriber_id,
      distribution: r.distribution as Distribution,
      slideTimerSec: r.slide_timer_sec,
      scheduleId: r.schedule_id,
      scheduleEnabled: isSet(r.schedule_enabled),
      members,
    };
    huntGroups.set(g.id, g);
    huntByPilot.set(g.pilotSubscriberId, g);
  }
  const extensionGroups = new Map<number, RoutingExtensionGroup>();
  for (const r of extensionRows) extensionGroups.set(r.id, { id: r.id, name: r.name, externalPrefix: r.external_prefix, members: extensionMembers.get(r.id) ?? new Map() });
  const pickupGroups = new Map<number, RoutingPickupGroup>();
  for (const r of pickupRows) pickupGroups.set(r.id, { id: r.id, name: r.name, number: r.number, memberIds: pickupMembers.get(r.id) ?? [] });
  return { subscribers, byNumber, enterprises, schedules, huntGroups, huntByPilot, extensionGroups, pickupGroups };
}

export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom("data_version").select("version").where("id", "=", 1).executeTakeFirst();
  return row?.version ?? 0;
}

/** Every committed write bumps the version (in its transaction), so other processes see their snapshot is stale. */
export async function bumpDataVersion(db: Db): Promise<void> {
  await db.updateTable("data_version").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();
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
