// Enterprises: rows ↔ domain objects, and the queries the services need.
import type { Selectable } from "kysely";
import type { Enterprise, SelfService, Services } from "../domain/enterprise/enterprise.ts";
import type { Db } from "./database.ts";
import { fromJson, toJson } from "./json.ts";
import { like, likePattern } from "./search.ts";
import type { Dialect, EnterpriseTable } from "./schema.ts";

export type { Enterprise };


export function toEnterprise(row: Selectable<EnterpriseTable>): Enterprise {
  return {
    id: row.id,
    name: row.name,
    lineId1: row.line_id1 ?? "",
    lineId2: row.line_id2 ?? "",
    timeZone: row.time_zone,
    services: fromJson<Services>(row.services) as Services,
    selfService: fromJson<SelfService>(row.self_service) as SelfService,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findEnterprise(db: Db, id: string): Promise<Enterprise | undefined> {
  const row = await db.selectFrom("enterprises").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toEnterprise(row);
}

export async function listEnterprises(
  db: Db,
  dialect: Dialect,
  options: { q: string; match: "prefix" | "exact" | "partial"; sort: "id" | "name"; order: "asc" | "desc"; offset: number; limit: number },
): Promise<{ total: number; items: Enterprise[] }> {
  let query = db.selectFrom("enterprises");
  if (options.q !== "") {
    const pattern = likePattern(options.q, options.match);
    query = query.where((eb) => eb.or([like(eb.ref("id"), pattern, dialect), like(eb.ref("name"), pattern, dialect)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy(options.sort, options.order).orderBy("id").offset(options.offset).limit(options.limit).execute();
  return { total: Number(total), items: rows.map(toEnterprise) };
}

export async function insertEnterprise(db: Db, e: Enterprise): Promise<void> {
  await db
    .insertInto("enterprises")
    .values({
      id: e.id,
      name: e.name,
      line_id1: e.lineId1,
      line_id2: e.lineId2,
      time_zone: e.timeZone,
      services: toJson(e.services),
      self_service: toJson(e.selfService),
      bulletin_text: "",
      bulletin_updated_at: null,
      version: e.version,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    })
    .execute();
}

export async function updateEnterprise(db: Db, e: Enterprise): Promise<void> {
  await db
    .updateTable("enterprises")
    .set({
      name: e.name,
      line_id1: e.lineId1,
      line_id2: e.lineId2,
      time_zone: e.timeZone,
      services: toJson(e.services),
      self_service: toJson(e.selfService),
      version: e.version,
      updated_at: e.updatedAt,
    })
    .where("id", "=", e.id)
    .execute();
}

export async function deleteEnterprise(db: Db, id: string): Promise<void> {
  await db.deleteFrom("enterprises").where("id", "=", id).execute();
}

export async function getBulletin(db: Db, enterpriseId: string): Promise<{ text: string; updatedAt: string | null } | undefined> {
  const row = await db
    .selectFrom("enterprises")
    .select(["bulletin_text", "bulletin_updated_at"])
    .where("id", "=", enterpriseId)
    .executeTakeFirst();
  return row === undefined ? undefined : { text: row.bulletin_text, updatedAt: row.bulletin_updated_at };
}

export async function setBulletin(db: Db, enterpriseId: string, text: string, at: string): Promise<void> {
  await db.updateTable("enterprises").set({ bulletin_text: text, bulletin_updated_at: at }).where("id", "=", enterpriseId).execute();
}
