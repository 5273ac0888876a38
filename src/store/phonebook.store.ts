// Shared phonebooks (共通電話帳): rows ↔ domain objects, the list and member screens' queries, the member table.
import { sql, type Selectable } from "kysely";
import type { Membership } from "../domain/account/admin-group.ts";
import type { PhonebookEntry, PhonebookFormat, PhonebookWarning } from "../domain/phonebook/phonebook.ts";
import type { Db } from "./database.ts";
import { fromJson, toJson } from "./json.ts";
import type { Dialect, PhonebookTable } from "./schema.ts";
import { like, likePattern, type Match } from "./search.ts";

export interface Phonebook {
  id: number;
  enterpriseId: string;
  /** No. on the list screen: 1, 2, … in the order the enterprise added them. */
  no: number;
  name: string;
  fileName: string;
  format: PhonebookFormat;
  entryCount: number;
  warningCount: number;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type PhonebookRow = Omit<Selectable<PhonebookTable>, "entries" | "warnings"> & { member_count: number | string | bigint | null };

export function toPhonebook(row: PhonebookRow): Phonebook {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    no: row.no,
    name: row.name,
    fileName: row.file_name,
    format: row.format as PhonebookFormat,
    entryCount: row.entry_count,
    warningCount: row.warning_count,
    memberCount: Number(row.member_count ?? 0),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function phonebooks(db: Db) {
  return db
    .selectFrom("phonebooks as p")
    .select((eb) => [
      "p.id",
      "p.enterprise_id",
      "p.no",
      "p.name",
      "p.file_name",
      "p.format",
      "p.entry_count",
      "p.warning_count",
      "p.version",
      "p.created_at",
      "p.updated_at",
      eb
        .selectFrom("phonebook_members as m")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("m.phonebook_id", "=", "p.id")
        .as("member_count"),
    ]);
}

export interface PhonebookListOptions {
  q: string;
  match: Match;
  sort: "no" | "name" | "fileName" | "updatedAt";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const sortColumn = { no: "p.no", name: "p.name", fileName: "p.file_name", updatedAt: "p.updated_at" } as const;

/** The enterprise's phonebooks; q matches the name. */
export async function listPhonebooks(db: Db, dialect: Dialect, enterpriseId: string, o: PhonebookListOptions): Promise<{ total: number; items: Phonebook[] }> {
  let filtered = db.selectFrom("phonebooks as p").where("p.enterprise_id", "=", enterpriseId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("p.name"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let query = phonebooks(db).where("p.enterprise_id", "=", enterpriseId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("p.name"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(sortColumn[o.sort], o.order).orderBy("p.id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toPhonebook) };
}

/** A phonebook of the enterprise; another enterprise's is not found. */
export async function findPhonebook(db: Db, enterpriseId: string, id: number): Promise<Phonebook | undefined> {
  const row = await phonebooks(db).where("p.enterprise_id", "=", enterpriseId).where("p.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toPhonebook(row);
}

export async function findPhonebookEntries(db: Db, id: number): Promise<{ entries: PhonebookEntry[]; warnings: PhonebookWarning[] }> {
  const row = await db.selectFrom("phonebooks").select(["entries", "warnings"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { entries: fromJson<PhonebookEntry[]>(row.entries) ?? [], warnings: fromJson<PhonebookWarning[]>(row.warnings) ?? [] };
}

export async function findPhonebookIdByName(db: Db, enterpriseId: string, name: string): Promise<number | undefined> {
  const row = await db.selectFrom("phonebooks").select("id").where("enterprise_id", "=", enterpriseId).where("name", "=", name).executeTakeFirst();
  return row?.id;
}

/** Takes the phonebook's row lock for the rest of the transaction; false when there is no such phonebook. */
export async function lockPhonebook(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.updateTable("phonebooks").set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface PhonebookContent {
  fileName: string;
  format: PhonebookFormat;
  entries: readonly PhonebookEntry[];
  warnings: readonly PhonebookWarning[];
}

/** Adds a phonebook with the next No. of the enterprise. */
export async function insertPhonebook(db: Db, p: { enterpriseId: string; name: string; at: string } & PhonebookContent): Promise<{ id: number; no: number }> {
  const { max } = await db
    .selectFrom("phonebooks")
    .select((eb) => eb.fn.max("no").as("max"))
    .where("enterprise_id", "=", p.enterpriseId)
    .executeTakeFirstOrThrow();
  const no = Number(max ?? 0) + 1;
  const row = await db
    .insertInto("phonebooks")
    .values({
      enterprise_id: p.enterpriseId,
      no,
      name: p.name,
      file_name: p.fileName,
      format: p.format,
      entries: toJson(p.entries),
      entry_count: p.entries.length,
      warnings: toJson(p.warnings),
      warning_count: p.warnings.length,
      version: 1,
      created_at: p.at,
      updated_at: p.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, no };
}

/** Renames a phonebook and/or replaces its file. */
export async function updatePhonebook(db: Db, id: number, change: { name: string; content?: PhonebookContent | undefined; version: number; at: string }): Promise<void> {
  const c = change.content;
  await db
    .updateTable("phonebooks")
    .set({
      name: change.name,
      ...(c === undefined
        ? {}
        : { file_name: c.fileName, format: c.format, entries: toJson(c.entries), entry_count: c.entries.length, warnings: toJson(c.warnings), warning_count: c.warnings.length }),
      version: change.version,
      updated_at: change.at,
    })
    .where("id", "=", id)
    .execute();
}

export async function deletePhonebook(db: Db, id: number): Promise<void> {
  await db.deleteFrom("phonebook_members").where("phonebook_id", "=", id).execute();
  await db.deleteFrom("phonebooks").where("id", "=", id).execute();
}

export interface PhonebookMember {
  subscriberId: string;
  number: string;
  extension: string;
  displayName: string;
  member: boolean;
}

export interface PhonebookMemberListOptions {
  membership: Membership;
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "extension" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const memberSortColumn = { subscriberId: "s.id", number: "s.number", extension: "s.extension", displayName: "s.display_name" } as const;

/** The enterprise's numbers with whether each receives the phonebook (メンバ / 非メンバ / both); q matches ID, number, extension or name. */
export async function listPhonebookMembers(db: Db, dialect: Dialect, enterpriseId: string, id: number, o: PhonebookMemberListOptions): Promise<{ total: number; items: PhonebookMember[] }> {
  const isMember = sql<number>`exists (select 1 from phonebook_members m where m.phonebook_id = ${id} and m.subscriber_id = s.id)`;
  let query = db.selectFrom("subscribers as s").where("s.enterprise_id", "=", enterpriseId);
  if (o.membership === "member") query = query.where(sql<boolean>`${isMember}`);
  if (o.membership === "nonMember") query = query.where(sql<boolean>`not ${isMember}`);
  if (o.q !== "") {
    const pattern = likePattern(o.q, o.match);
    query = query.where((eb) => eb.or([like(eb.ref("s.id"), pattern, dialect), like(eb.ref("s.number"), pattern, dialect), like(eb.ref("s.extension"), pattern, dialect), like(eb.ref("s.display_name"), pattern, dialect)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["s.id", "s.number", "s.extension", "s.display_name", isMember.as("member")])
    .orderBy(memberSortColumn[o.sort], o.order)
    .orderBy("s.id")
    .offset(o.offset)
    .limit(o.limit)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ subscriberId: r.id, number: r.number, extension: r.extension ?? "", displayName: r.display_name, member: r.member === 1 || (r.member as unknown) === true })),
  };
}

export async function phonebookMemberIds(db: Db, id: number): Promise<string[]> {
  const rows = await db.selectFrom("phonebook_members").select("subscriber_id").where("phonebook_id", "=", id).orderBy("subscriber_id").execute();
  return rows.map((r) => r.subscriber_id);
}

/** Which of these IDs are numbers of the enterprise. */
export async function enterpriseSubscriberIds(db: Db, enterpriseId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom("subscribers").select("id").where("enterprise_id", "=", enterpriseId).where("id", "in", ids.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function changePhonebookMembers(db: Db, id: number, add: readonly string[], remove: readonly string[]): Promise<void> {
  for (let i = 0; i < remove.length; i += 500) {
    await db.deleteFrom("phonebook_members").where("phonebook_id", "=", id).where("subscriber_id", "in", remove.slice(i, i + 500)).execute();
  }
  for (let i = 0; i < add.length; i += 500) {
    await db
      .insertInto("phonebook_members")
      .values(add.slice(i, i + 500).map((subscriberId) => ({ phonebook_id: id, subscriber_id: subscriberId })))
      .execute();
  }
}
