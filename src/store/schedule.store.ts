// Schedules (時間帯転送): rules are read and written whole, as JSON.
import type { Selectable } from "kysely";
import type { Schedule, ScheduleRule } from "../domain/schedule/schedule.ts";
import type { Db } from "./database.ts";
import { fromJson, toJson } from "./json.ts";
import type { Dialect, ScheduleTable } from "./schema.ts";
import { like, likePattern, type Match } from "./search.ts";

export function toSchedule(row: Selectable<ScheduleTable>): Schedule {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    cfnaTimeoutSec: row.cfna_timeout_sec,
    extensionGroupId: row.extension_group_id,
    memo: row.memo,
    rules: fromJson<ScheduleRule[]>(row.rules) ?? [],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findSchedule(db: Db, id: number): Promise<Schedule | undefined> {
  const row = await db.selectFrom("schedules").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toSchedule(row);
}

export async function findScheduleByName(db: Db, enterpriseId: string, name: string): Promise<Schedule | undefined> {
  const row = await db.selectFrom("schedules").selectAll().where("enterprise_id", "=", enterpriseId).where("name", "=", name).executeTakeFirst();
  return row === undefined ? undefined : toSchedule(row);
}

export async function listSchedules(
  db: Db,
  dialect: Dialect,
  f: { enterpriseId: string; q: string; match: Match; order: "asc" | "desc"; offset: number; limit: number },
): Promise<{ total: number; items: Schedule[] }> {
  let q = db.selectFrom("schedules").where("enterprise_id", "=", f.enterpriseId);
  if (f.q !== "") {
    const pattern = likePattern(f.q, f.match);
    q = q.where((eb) => like(eb.ref("name"), pattern, dialect));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy("name", f.order).orderBy("id").offset(f.offset).limit(f.limit).execute();
  return { total: Number(total), items: rows.map(toSchedule) };
}

export async function insertSchedule(db: Db, s: Omit<Schedule, "id">): Promise<number> {
  const { id } = await db
    .insertInto("schedules")
    .values({
      enterprise_id: s.enterpriseId,
      name: s.name,
      cfna_timeout_sec: s.cfnaTimeoutSec,
      extension_group_id: s.extensionGroupId,
      memo: s.memo,
      rules: toJson(s.rules),
      version: s.version,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateSchedule(db: Db, s: Schedule): Promise<void> {
  await db
    .updateTable("schedules")
    .set({
      name: s.name,
      cfna_timeout_sec: s.cfnaTimeoutSec,
      extension_group_id: s.extensionGroupId,
      memo: s.memo,
      rules: toJson(s.rules),
      version: s.version,
      updated_at: s.updatedAt,
    })
    .where("id", "=", s.id)
    .execute();
}

export async function deleteSchedule(db: Db, id: number): Promise<void> {
  await db.deleteFrom("schedules").where("id", "=", id).execute();
}

export async function huntGroupsUsingSchedule(db: Db, scheduleId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom("hunt_groups").select(["id", "name"]).where("schedule_id", "=", scheduleId).orderBy("name").execute();
}

export async function listSchedulesOf(db: Db, enterpriseId: string): Promise<Schedule[]> {
  const rows = await db.selectFrom("schedules").selectAll().where("enterprise_id", "=", enterpriseId).execute();
  return rows.map(toSchedule);
}
