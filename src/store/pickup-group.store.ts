// Pickup groups (ピックアップグループ): rows ↔ domain objects, the queries of the group screens, and the
// membership column of subscribers (pickup_group_id).
import type { Selectable } from "kysely";
import type { Membership } from "../domain/account/admin-group.ts";
import type { Db } from "./database.ts";
import type { Dialect, PickupGroupTable } from "./schema.ts";
import { like, likePattern, type Match } from "./search.ts";

export interface PickupGroup {
  id: number;
  enterpriseId: string;
  name: string;
  number: string;
  site: string;
  memo: string;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type PickupGroupRow = Selectable<PickupGroupTable> & { member_count: number | string | bigint | null };

export function toPickupGroup(row: PickupGroupRow): PickupGroup {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    number: row.number,
    site: row.site,
    memo: row.memo,
    memberCount: Number(row.member_count ?? 0),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groups(db: Db) {
  return db
    .selectFrom("pickup_groups as g")
    .selectAll("g")
    .select((eb) => [
      eb
        .selectFrom("subscribers as s")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("s.pickup_group_id", "=", "g.id")
        .as("member_count"),
    ]);
}

export interface PickupGroupListOptions {
  q: string;
  match: Match;
  sort: "name" | "number" | "site";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const groupSortColumn = { name: "g.name", number: "g.number", site: "g.site" } as const;

export async function listPickupGroups(db: Db, dialect: Dialect, enterpriseId: string, o: PickupGroupListOptions): Promise<{ total: number; items: PickupGroup[] }> {
  let filtered = db.selectFrom("pickup_groups as g").where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let query = groups(db).where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(groupSortColumn[o.sort], o.order).orderBy("g.id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toPickupGroup) };
}

/** A group of the enterprise; another enterprise's group is not found. */
export async function findPickupGroup(db: Db, enterpriseId: string, id: number): Promise<PickupGroup | undefined> {
  const row = await groups(db).where("g.enterprise_id", "=", enterpriseId).where("g.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toPickupGroup(row);
}

/** Takes the group's row lock for the rest of the transaction (see lockExtensionGroup). False when there is no such group. */
export async function lockPickupGroup(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.updateTable("pickup_groups").set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether another group of the enterprise has this name, or this number in this site. */
export async function findPickupGroupConflict(db: Db, enterpriseId: string, g: { name: string; number: string; site: string }, exceptId?: number): Promise<"name" | "number" | undefined> {
  let query = db
    .selectFrom("pickup_groups")
    .select(["name"])
    .where("enterprise_id", "=", enterpriseId)
    .where((eb) => eb.or([eb("name", "=", g.name), eb.and([eb("number", "=", g.number), eb("site", "=", g.site)])]));
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  const rows = await query.execute();
  if (rows.some((r) => r.name === g.name)) return "name";
  return rows.length > 0 ? "number" : undefined;
}

export type PickupGroupDraft = Omit<PickupGroup, "id" | "memberCount">;

export async function insertPickupGroup(db: Db, g: PickupGroupDraft): Promise<number> {
  const row = await db
    .insertInto("pickup_groups")
    .values({ enterprise_id: g.enterpriseId, name: g.name, number: g.number, site: g.site, memo: g.memo, version: g.version, created_at: g.createdAt, updated_at: g.updatedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePickupGroup(db: Db, id: number, g: PickupGroupDraft): Promise<void> {
  await db.updateTable("pickup_groups").set({ name: g.name, number: g.number, site: g.site, memo: g.memo, version: g.version, updated_at: g.updatedAt }).where("id", "=", id).execute();
}

export async function deletePickupGroup(db: Db, id: number): Promise<void> {
  await db.deleteFrom("pickup_groups").where("id", "=", id).execute();
}

export interface PickupGroupMember {
  subscriberId: string;
  number: string;
  displayName: string;
  /** The pickup group the number is in now (this one, another one, or none). */
  pickupGroupId: number | null;
  member: boolean;
}

export interface PickupMemberListOptions {
  membership: Membership;
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const memberSortColumn = { subscriberId: "s.id", number: "s.number", displayName: "s.display_name" } as const;

/** The enterprise's numbers with whether each is a member; q matches ID, number or name. */
export async function listPickupGroupMembers(db: Db, dialect: Dialect, enterpriseId: string, groupId: number, o: PickupMemberListOptions): Promise<{ total: number; items: PickupGroupMember[] }> {
  let query = db.selectFrom("subscribers as s").where("s.enterprise_id", "=", enterpriseId);
  if (o.membership === "member") query = query.where("s.pickup_group_id", "=", groupId);
  if (o.membership === "nonMember") query = query.where((eb) => eb.or([eb("s.pickup_group_id", "is", null), eb("s.pickup_group_id", "!=", groupId)]));
  if (o.q !== "") {
    const pattern = likePattern(o.q, o.match);
    query = query.where((eb) => eb.or([like(eb.ref("s.id"), pattern, dialect), like(eb.ref("s.number"), pattern, dialect), like(eb.ref("s.display_name"), pattern, dialect)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["s.id", "s.number", "s.display_name", "s.pickup_group_id"])
    .orderBy(memberSortColumn[o.sort], o.order)
    .orderBy("s.id")
    .offset(o.offset)
    .limit(o.limit)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ subscriberId: r.id, number: r.number, displayName: r.display_name, pickupGroupId: r.pickup_group_id, member: r.pickup_group_id === groupId })),
  };
}

/** The subscriber IDs in the group. */
export async function pickupGroupMemberIds(db: Db, groupId: number): Promise<string[]> {
  const rows = await db.selectFrom("subscribers").select("id").where("pickup_group_id", "=", groupId).orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** Sets one number's pickup group (null: none); a number in another group moves. */
export async function setPickupMembership(db: Db, subscriberId: string, groupId: number | null, at: string): Promise<void> {
  await db
    .updateTable("subscribers")
    .set((eb) => ({ pickup_group_id: groupId, version: eb("version", "+", 1), updated_at: at }))
    .where("id", "=", subscriberId)
    .execute();
}

/** The pickup groups these numbers are in now, by subscriber ID (for the audit trail of a move). */
export async function pickupGroupsOf(db: Db, enterpriseId: string, ids: readonly string[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom("subscribers").select(["id", "pickup_group_id"]).where("enterprise_id", "=", enterpriseId).where("id", "in", ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.pickup_group_id);
  }
  return out;
}
