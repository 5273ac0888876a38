// Admin groups and their members: rows ↔ domain objects, and the queries the services need.
import type { Membership } from "../domain/account/admin-group.ts";
import type { Db } from "./database.ts";
import { like, likePattern, type Match } from "./search.ts";
import type { Dialect } from "./schema.ts";

export interface AdminGroup {
  id: number;
  enterpriseId: string;
  name: string;
  memberCount: number;
  createdAt: string;
}

export interface AdminGroupMember {
  subscriberId: string;
  number: string;
  displayName: string;
  member: boolean;
}

interface AdminGroupRow {
  id: number;
  enterprise_id: string;
  name: string;
  created_at: string;
  member_count: number | string | bigint | null;
}

export function toAdminGroup(row: AdminGroupRow): AdminGroup {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    memberCount: Number(row.member_count ?? 0),
    createdAt: row.created_at,
  };
}

// IN lists are sent in slices: both databases cap the number of bound parameters of one statement.
const slice = 500;

function slices<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += slice) out.push(values.slice(i, i + slice));
  return out;
}

function groups(db: Db) {
  return db
    .selectFrom("admin_groups as g")
    .select((eb) => [
      "g.id",
      "g.enterprise_id",
      "g.name",
      "g.created_at",
      eb
        .selectFrom("admin_group_members as m")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("m.admin_group_id", "=", "g.id")
        .as("member_count"),
    ]);
}

export interface AdminGroupListOptions {
  q: string;
  match: Match;
  sort: "name" | "id";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export async function listAdminGroups(db: Db, dialect: Dialect, enterpriseId: string, o: AdminGroupListOptions): Promise<{ total: number; items: AdminGroup[] }> {
  let filtered = db.selectFrom("admin_groups as g").where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();

  let query = groups(db).where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(`g.${o.sort}`, o.order).orderBy("g.id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toAdminGroup) };
}

/** A group of the enterprise; another enterprise's group is not found (tenancy is part of every query). */
export async function findAdminGroup(db: Db, enterpriseId: string, id: number): Promise<AdminGroup | undefined> {
  const row = await groups(db).where("g.enterprise_id", "=", enterpriseId).where("g.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toAdminGroup(row);
}

export async function findAdminGroupIdByName(db: Db, enterpriseId: string, name: string): Promise<number | undefined> {
  const row = await db.selectFrom("admin_groups").select("id").where("enterprise_id", "=", enterpriseId).where("name", "=", name).executeTakeFirst();
  return row?.id;
}

export async function insertAdminGroup(db: Db, g: { enterpriseId: string; name: string; createdAt: string }): Promise<number> {
  const row = await db
    .insertInto("admin_groups")
    .values({ enterprise_id: g.enterpriseId, name: g.name, created_at: g.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function renameAdminGroup(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable("admin_groups").set({ name }).where("id", "=", id).execute();
}

/** The members go with the group (admin_group_members.admin_group_id cascades). */
export async function deleteAdminGroup(db: Db, id: number): Promise<void> {
  await db.deleteFrom("admin_groups").where("id", "=", id).execute();
}

export async function listAdminGroupMemberIds(db: Db, id: number): Promise<string[]> {
  const rows = await db.selectFrom("admin_group_members").select("subscriber_id").where("admin_group_id", "=", id).orderBy("subscriber_id").execute();
  return rows.map((r) => r.subscriber_id);
}

export interface MemberListOptions {
  membership: Membership;
  /** Subscriber-ID filters; a subscriber that matches any of them is listed. */
  terms: readonly string[];
  match: Match;
  sort: "subscriberId" | "number" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const memberSortColumn = { subscriberId: "s.id", number: "s.number", displayName: "s.display_name" } as const;

/** The enterprise's subscribers with whether each is a member of the group (メンバ / 非メンバ / both). */
export async function listAdminGroupMembers(
  db: Db,
  dialect: Dialect,
  enterpriseId: string,
  groupId: number,
  o: MemberListOptions,
): Promise<{ total: number; items: AdminGroupMember[] }> {
  let query = db
    .selectFrom("subscribers as s")
    .leftJoin("admin_group_members as m", (join) => join.onRef("m.subscriber_id", "=", "s.id").on("m.admin_group_id", "=", groupId))
    .where("s.enterprise_id", "=", enterpriseId);
  if (o.membership === "member") query = query.where("m.subscriber_id", "is not", null);
  if (o.membership === "nonMember") query = query.where("m.subscriber_id", "is", null);
  if (o.terms.length > 0) query = query.where((eb) => eb.or(o.terms.map((t) => like(eb.ref("s.id"), likePattern(t, o.match), dialect))));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["s.id", "s.number", "s.display_name", "m.subscriber_id as member_id"])
    .orderBy(memberSortColumn[o.sort], o.order)
    .orderBy("s.id")
    .offset(o.offset)
    .limit(o.limit)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ subscriberId: r.id, number: r.number, displayName: r.display_name, member: r.member_id !== null })),
  };
}

/** Which of these subscriber IDs are numbers of the enterprise. */
export async function findEnterpriseSubscriberIds(db: Db, enterpriseId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of slices(ids)) {
    const rows = await db.selectFrom("subscribers").select("id").where("enterprise_id", "=", enterpriseId).where("id", "in", part).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Replaces the whole membership; the caller's transaction makes it all or nothing. */
export async function replaceAdminGroupMembers(db: Db, groupId: number, subscriberIds: readonly string[]): Promise<void> {
  await db.deleteFrom("admin_group_members").where("admin_group_id", "=", groupId).execute();
  for (const part of slices(subscriberIds)) {
    await db
      .insertInto("admin_group_members")
      .values(part.map((subscriberId) => ({ admin_group_id: groupId, subscriber_id: subscriberId })))
      .execute();
  }
}
