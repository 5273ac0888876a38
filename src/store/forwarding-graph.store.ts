// What the save-time forwarding check needs of hunt groups: a pilot's group, its members and schedule.
import type { Db } from "./database.ts";
import { isSet } from "./json.ts";

export interface PilotGroup {
  id: number;
  name: string;
  scheduleId: number | null;
  scheduleEnabled: boolean;
  members: { id: string; number: string; forwarding: string; emergencyStopped: boolean }[];
}

export async function pilotGroup(db: Db, subscriberId: string): Promise<PilotGroup | undefined> {
  const g = await db.selectFrom("hunt_groups").select(["id", "name", "schedule_id", "schedule_enabled"]).where("pilot_subscriber_id", "=", subscriberId).executeTakeFirst();
  if (g === undefined) return undefined;
  const members = await db
    .selectFrom("subscribers")
    .select(["id", "number", "forwarding", "emergency_stopped"])
    .where("hunt_group_id", "=", g.id)
    .orderBy("hunt_order")
    .execute();
  return {
    id: g.id,
    name: g.name,
    scheduleId: g.schedule_id,
    scheduleEnabled: isSet(g.schedule_enabled),
    members: members.map((m) => ({ id: m.id, number: m.number, forwarding: m.forwarding, emergencyStopped: isSet(m.emergency_stopped) })),
  };
}

/** Every hunt pilot's subscriber id: the loop check asks the store about a number's group only for these. */
export async function pilotSubscriberIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("hunt_groups").select("pilot_subscriber_id").execute();
  return new Set(rows.map((r) => r.pilot_subscriber_id));
}
