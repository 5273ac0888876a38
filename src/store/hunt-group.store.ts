// Hunt groups (代表グループ): rows ↔ domain objects, the queries of the group screens, and the membership
// columns of subscribers (hunt_group_id, hunt_order).
import type { Selectable } from "kysely";
import type { Membership } from "../domain/account/admin-group.ts";
import type { Distribution, HuntMember } from "../domain/hunt-group/hunt-group.ts";
import type { Db } from "./database.ts";
import { flag, isSet } from "./json.ts";
import type { Dialect, HuntGroupTable } from "./schema.ts";
import { like, likePattern, type Match } from "./search.ts";

export interface HuntGroup {
  id: number;
  enterpriseId: string;
  name: string;
  pilotSubscriberId: string;
  distribution: Distribution;
  slideTimerSec: number;
  schedule: { enabled: boolean; scheduleId: number | null };
  memo: string;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type HuntGroupRow = Selectable<HuntGroupTable> & { member_count: number | string | bigint | null };

export function toHuntGroup(row: HuntGroupRow): HuntGroup {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    pilotSubscriberId: row.pilot_subscriber_id,
    distribution: row.distribution as Distribution,
    slideTimerSec: row.slide_timer_sec,
    schedule: { enabled: isSet(row.schedule_enabled), scheduleId: row.schedule_id },
    memo: row.memo,
    memberCount: Number(row.member_count ?? 0),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groups(db: Db) {
  return db
    .selectFrom("hunt_groups as g")
    .selectAll("g")
    .select((eb) => [
      eb
        .selectFrom("subscribers as s")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("s.hunt_group_id", "=", "g.id")
        .as("member_count"),
    ]);
}

export interface HuntGroupListOptions {
  q: string;
  match: Match;
  sort: "name" | "pilotSubscriberId" | "distribution" | "slideTimerSec";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const groupSortColumn = { name: "g.name", pilotSubscriberId: "g.pilot_subscriber_id", distribution: "g.distribution", slideTimerSec: "g.slide_timer_sec" } as const;

export async function listHuntGroups(db: Db, dialect: Dialect, enterpriseId: string, o: HuntGroupListOptions): Promise<{ total: number; items: HuntGroup[] }> {
  let filtered = db.selectFrom("hunt_groups as g").where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let query = groups(db).where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(groupSortColumn[o.sort], o.order).orderBy("g.id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toHuntGroup) };
}

/** A group of the enterprise; another enterprise's group is not found. */
export async function findHuntGroup(db: Db, enterpriseId: string, id: number): Promise<HuntGroup | undefined> {
  const row = await groups(db).where("g.enterprise_id", "=", enterpriseId).where("g.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toHuntGroup(row);
}

/** Takes the group's row lock for the rest of the transaction (see lockExtensionGroup). False when there is no such group. */
export async function lockHuntGroup(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.updateTable("hunt_groups").set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findHuntGroupIdByName(db: Db, enterpriseId: string, name: string): Promise<number | undefined> {
  const row = await db.selectFrom("hunt_groups").select("id").where("enterprise_id", "=", enterpriseId).where("name", "=", name).executeTakeFirst();
  return row?.id;
}

/** The hunt group whose pilot (代表番号) the subscriber is, if any. */
export async function findHuntGroupByPilot(db: Db, subscriberId: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom("hunt_groups").select(["id", "name"]).where("pilot_subscriber_id", "=", subscriberId).executeTakeFirst();
}

export type HuntGroupDraft = Omit<HuntGroup, "id" | "memberCount">;

function values(g: HuntGroupDraft) {
  return {
    name: g.name,
    pilot_subscriber_id: g.pilotSubscriberId,
    distribution: g.distribution,
    slide_timer_sec: g.slideTimerSec,
    schedule_id: g.schedule.scheduleId,
    schedule_enabled: flag(g.schedule.enabled),
    memo: g.memo,
    version: g.version,
    updated_at: g.updatedAt,
  };
}

export async function insertHuntGroup(db: Db, g: HuntGroupDraft): Promise<number> {
  const row = await db
    .insertInto("hunt_groups")
    .values({ ...values(g), enterprise_id: g.enterpriseId, created_at: g.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHuntGroup(db: Db, id: number, g: HuntGroupDraft): Promise<void> {
  await db.updateTable("hunt_groups").set(values(g)).where("id", "=", id).execute();
}

export async function deleteHuntGroup(db: Db, id: number): Promise<void> {
  await db.deleteFrom("hunt_groups").where("id", "=", id).execute();
}

export interface HuntGroupMember {
  subscriberId: string;
  number: string;
  displayName: string;
  /** 着信順序 in this group; null for a number that is not a member. */
  order: number | null;
  /** The hunt group the number is in now (this one, another one, or none). */
  huntGroupId: number | null;
  member: boolean;
}

export interface HuntMemberListOptions {
  membership: Membership;
  q: string;
  match: Match;
  sort: "order" | "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

/** The enterprise's numbers with whether each is a member; q matches ID, number or name. Members first by order when sorted by order. */
export async function listHuntGroupMembers(db: Db, dialect: Dialect, enterpriseId: string, groupId: number, o: HuntMemberListOptions): Promise<{ total: number; items: HuntGroupMember[] }> {
  let query = db.selectFrom("subscribers as s").where("s.enterprise_id", "=", enterpriseId);
  if (o.membership === "member") query = query.where("s.hunt_group_id", "=", groupId);
  if (o.membership === "nonMember") query = query.where((eb) => eb.or([eb("s.hunt_group_id", "is", null), eb("s.hunt_group_id", "!=", groupId)]));
  if (o.q !== "") {
    const pattern = likePattern(o.q, o.match);
    query = query.where((eb) => eb.or([like(eb.ref("s.id"), pattern, dialect), like(eb.ref("s.number"), pattern, dialect), like(eb.ref("s.display_name"), pattern, dialect)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let rows = query.select(["s.id", "s.number", "s.display_name", "s.hunt_group_id", "s.hunt_order"]);
  if (o.sort === "order") {
    // Members by their order, then everyone else by subscriber ID.
    rows = rows.orderBy((eb) => eb.case().when("s.hunt_group_id", "=", groupId).then(0).else(1).end(), o.order).orderBy("s.hunt_order", o.order);
  } else {
    rows = rows.orderBy({ subscriberId: "s.id", number: "s.number", displayName: "s.display_name" }[o.sort] as "s.id", o.order);
  }
  const out = await rows.orderBy("s.id").offset(o.offset).limit(o.limit).execute();
  return {
    total: Number(total),
    items: out.map((r) => ({
      subscriberId: r.id,
      number: r.number,
      displayName: r.display_name,
      order: r.hunt_group_id === groupId ? r.hunt_order : null,
      huntGroupId: r.hunt_group_id,
      member: r.hunt_group_id === groupId,
    })),
  };
}

/** The members of the group, by order. */
export async function huntGroupMembers(db: Db, groupId: number): Promise<HuntMember[]> {
  const rows = await db.selectFrom("subscribers").select(["id", "hunt_order"]).where("hunt_group_id", "=", groupId).orderBy("hunt_order").orderBy("id").execute();
  return rows.map((r) => ({ subscriberId: r.id, order: r.hunt_order ?? 0 }));
}

/**
 * Puts a number in the group with its order, unless it is in another hunt group meanwhile: the condition is
 * part of the write, so two groups can't both take one number (false: it belongs to another group).
 */
export async function joinHuntGroup(db: Db, subscriberId: string, groupId: number, order: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable("subscribers")
    .set((eb) => ({ hunt_group_id: groupId, hunt_order: order, version: eb("version", "+", 1), updated_at: at }))
    .where("id", "=", subscriberId)
    .where((eb) => eb.or([eb("hunt_group_id", "is", null), eb("hunt_group_id", "=", groupId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function leaveHuntGroup(db: Db, subscriberId: string, groupId: number, at: string): Promise<void> {
  await db
    .updateTable("subscribers")
    .set((eb) => ({ hunt_group_id: null, hunt_order: null, version: eb("version", "+", 1), updated_at: at }))
    .where("id", "=", subscriberId)
    .where("hunt_group_id", "=", groupId)
    .execute();
}
