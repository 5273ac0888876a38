// Extension groups (内線グループ): rows ↔ domain objects, the queries of the group screens, and the
// membership columns of subscribers (extension_group_id, extension).
import type { Forwarding } from "../domain/subscriber/subscriber.ts";
import type { Membership } from "../domain/account/admin-group.ts";
import type { ScheduleRule } from "../domain/schedule/schedule.ts";
import type { Db } from "./database.ts";
import { toJson } from "./json.ts";
import type { Dialect } from "./schema.ts";
import { like, likePattern, type Match } from "./search.ts";

export async function findExtensionGroupPrefix(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom("extension_groups").select("external_prefix").where("id", "=", id).executeTakeFirst();
  return row?.external_prefix;
}

export async function findExtensionGroupRef(db: Db, id: number): Promise<{ id: number; enterpriseId: string; name: string; externalPrefix: string } | undefined> {
  const row = await db.selectFrom("extension_groups").select(["id", "enterprise_id", "name", "external_prefix"]).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, enterpriseId: row.enterprise_id, name: row.name, externalPrefix: row.external_prefix };
}

export interface ExtensionGroup {
  id: number;
  enterpriseId: string;
  name: string;
  siteNumber: string;
  externalPrefix: string;
  memo: string;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ExtensionGroupRow {
  id: number;
  enterprise_id: string;
  name: string;
  site_number: string;
  external_prefix: string;
  memo: string;
  version: number;
  created_at: string;
  updated_at: string;
  member_count: number | string | bigint | null;
}

export function toExtensionGroup(row: ExtensionGroupRow): ExtensionGroup {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    siteNumber: row.site_number,
    externalPrefix: row.external_prefix,
    memo: row.memo,
    memberCount: Number(row.member_count ?? 0),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groups(db: Db) {
  return db
    .selectFrom("extension_groups as g")
    .select((eb) => [
      "g.id",
      "g.enterprise_id",
      "g.name",
      "g.site_number",
      "g.external_prefix",
      "g.memo",
      "g.version",
      "g.created_at",
      "g.updated_at",
      eb
        .selectFrom("subscribers as s")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("s.extension_group_id", "=", "g.id")
        .as("member_count"),
    ]);
}

export interface ExtensionGroupListOptions {
  q: string;
  match: Match;
  sort: "name" | "siteNumber";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const groupSortColumn = { name: "g.name", siteNumber: "g.site_number" } as const;

export async function listExtensionGroups(db: Db, dialect: Dialect, enterpriseId: string, o: ExtensionGroupListOptions): Promise<{ total: number; items: ExtensionGroup[] }> {
  let filtered = db.selectFrom("extension_groups as g").where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let query = groups(db).where("g.enterprise_id", "=", enterpriseId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("g.name"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(groupSortColumn[o.sort], o.order).orderBy("g.id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toExtensionGroup) };
}

/** A group of the enterprise; another enterprise's group is not found (tenancy is part of every query). */
export async function findExtensionGroup(db: Db, enterpriseId: string, id: number): Promise<ExtensionGroup | undefined> {
  const row = await groups(db).where("g.enterprise_id", "=", enterpriseId).where("g.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toExtensionGroup(row);
}

/**
 * Takes the group's row lock for the rest of the transaction (a write that changes nothing): concurrent
 * changes of one group's fields or members then run one after the other. False when there is no such group.
 */
export async function lockExtensionGroup(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.updateTable("extension_groups").set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Which field another group of the enterprise already uses: the name or the site number. */
export async function findExtensionGroupConflict(db: Db, enterpriseId: string, name: string, siteNumber: string, exceptId?: number): Promise<"name" | "siteNumber" | undefined> {
  let query = db
    .selectFrom("extension_groups")
    .select(["name", "site_number"])
    .where("enterprise_id", "=", enterpriseId)
    .where((eb) => eb.or([eb("name", "=", name), eb("site_number", "=", siteNumber)]));
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  const rows = await query.execute();
  if (rows.some((r) => r.name === name)) return "name";
  if (rows.length > 0) return "siteNumber";
  return undefined;
}

export interface NewExtensionGroup {
  enterpriseId: string;
  name: string;
  siteNumber: string;
  externalPrefix: string;
  memo: string;
  at: string;
}

export async function insertExtensionGroup(db: Db, g: NewExtensionGroup): Promise<number> {
  const row = await db
    .insertInto("extension_groups")
    .values({ enterprise_id: g.enterpriseId, name: g.name, site_number: g.siteNumber, external_prefix: g.externalPrefix, memo: g.memo, version: 1, created_at: g.at, updated_at: g.at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateExtensionGroup(db: Db, g: ExtensionGroup): Promise<void> {
  await db
    .updateTable("extension_groups")
    .set({ name: g.name, site_number: g.siteNumber, memo: g.memo, version: g.version, updated_at: g.updatedAt })
    .where("id", "=", g.id)
    .execute();
}

export async function deleteExtensionGroup(db: Db, id: number): Promise<void> {
  await db.deleteFrom("extension_groups").where("id", "=", id).execute();
}

/** The schedules whose destinations follow this group's prefix rule. */
export async function schedulesOfExtensionGroup(db: Db, id: number): Promise<{ id: number; name: string; rules: string; version: number }[]> {
  return db.selectFrom("schedules").select(["id", "name", "rules", "version"]).where("extension_group_id", "=", id).orderBy("name").execute();
}

export async function updateScheduleRules(db: Db, id: number, rules: readonly ScheduleRule[], version: number, at: string): Promise<void> {
  await db.updateTable("schedules").set({ rules: toJson(rules), version, updated_at: at }).where("id", "=", id).execute();
}

export interface ExtensionGroupMember {
  subscriberId: string;
  number: string;
  displayName: string;
  /** The number's current extension and group (the group may be another one). */
  extension: string;
  extensionGroupId: number | null;
  member: boolean;
}

export interface ExtensionMemberListOptions {
  membership: Membership;
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "extension" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const memberSortColumn = { subscriberId: "s.id", number: "s.number", extension: "s.extension", displayName: "s.display_name" } as const;

/** The enterprise's numbers with whether each is a member (メンバ / 非メンバ / both); q matches ID, number, extension or name. */
export async function listExtensionGroupMembers(
  db: Db,
  dialect: Dialect,
  enterpriseId: string,
  groupId: number,
  o: ExtensionMemberListOptions,
): Promise<{ total: number; items: ExtensionGroupMember[] }> {
  let query = db.selectFrom("subscribers as s").where("s.enterprise_id", "=", enterpriseId);
  if (o.membership === "member") query = query.where("s.extension_group_id", "=", groupId);
  if (o.membership === "nonMember") query = query.where((eb) => eb.or([eb("s.extension_group_id", "is", null), eb("s.extension_group_id", "!=", groupId)]));
  if (o.q !== "") {
    const pattern = likePattern(o.q, o.match);
    query = query.where((eb) => eb.or([like(eb.ref("s.id"), pattern, dialect), like(eb.ref("s.number"), pattern, dialect), like(eb.ref("s.extension"), pattern, dialect), like(eb.ref("s.display_name"), pattern, dialect)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["s.id", "s.number", "s.display_name", "s.extension", "s.extension_group_id"])
    .orderBy(memberSortColumn[o.sort], o.order)
    .orderBy("s.id")
    .offset(o.offset)
    .limit(o.limit)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      subscriberId: r.id,
      number: r.number,
      displayName: r.display_name,
      extension: r.extension ?? "",
      extensionGroupId: r.extension_group_id,
      member: r.extension_group_id === groupId,
    })),
  };
}

/** Sets one number's group and extension (null, null: no group), and its forwarding when that had to follow. */
export async function setExtensionMembership(
  db: Db,
  subscriberId: string,
  change: { groupId: number | null; extension: string | null; forwarding?: Forwarding | undefined },
  version: number,
  at: string,
): Promise<void> {
  await db
    .updateTable("subscribers")
    .set({
      extension_group_id: change.groupId,
      extension: change.extension,
      ...(change.forwarding === undefined ? {} : { forwarding: toJson(change.forwarding) }),
      version,
      updated_at: at,
    })
    .where("id", "=", subscriberId)
    .execute();
}
