// The quality.md data set: 100 enterprises, 100,000 subscribers (the largest enterprise 20,000), a
// 30-number forward destination list each, 200 schedules, 500 hunt groups, extension and pickup groups.
// Written through Kysely in multi-row batches so the same code fills the embedded database and
// PostgreSQL, with every index and trigger (FTS5 trigram, pg_trgm) maintained as in production.
import { sql } from "kysely";
import { defaultCallSettings, defaultForwarding, defaultTerminal, type Forwarding } from "../src/domain/subscriber/subscriber.ts";
import type { Services } from "../src/services/index.ts";
import type { Db } from "../src/store/database.ts";

export const largest = { id: "e000", size: 20_000 } as const;
export const enterpriseCount = 100;
export const subscriberCount = 100_000;

export interface DataSet {
  readonly enterprises: string[];
  /** Ordinary numbers of the largest enterprise (no forwarding, no hunt group): route targets. */
  readonly ordinaryNumbers: string[];
  /** The pilot number of the largest enterprise's 32-member hunt group with a schedule. */
  readonly huntPilotNumber: string;
  readonly subscriberIdsOfLargest: string[];
}

export const enterpriseId = (e: number) => `e${String(e).padStart(3, "0")}`;
const subscriberId = (e: number, i: number) => `${enterpriseId(e)}s${String(i).padStart(5, "0")}`;

/** Sizes: the largest first, the other 80,000 shared by 99 enterprises. */
function sizes(): number[] {
  const rest = subscriberCount - largest.size;
  const each = Math.floor(rest / (enterpriseCount - 1));
  return Array.from({ length: enterpriseCount }, (_, e) => (e === 0 ? largest.size : each + (e <= rest - each * (enterpriseCount - 1) ? 1 : 0)));
}

const families = ["佐藤", "鈴木", "髙橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"];
const givens = ["太郎", "花子", "一郎", "美咲", "翔太", "陽菜", "健二", "由美", "大輔", "さくら", "ｹﾝｼﾞ", "John"];

async function insertBatched<T>(rows: T[], write: (batch: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function buildDataSet(db: Db, services: Services): Promise<DataSet> {
  const operator = { principal: { role: "operator", loginId: "bench" } as const, ip: "127.0.0.1" };
  // One enterprise through the use case (its administrator, defaults); the other 99 cloned from its rows.
  await services.enterprises.create(operator, { id: enterpriseId(0), name: "ベンチ株式会社000", lineId1: "BENCH-000", administratorPassword: "Bench-Admin-2026" });
  const template = await db.selectFrom("enterprises").selectAll().where("id", "=", enterpriseId(0)).executeTakeFirstOrThrow();
  const admin = await db.selectFrom("accounts").selectAll().where("enterprise_id", "=", enterpriseId(0)).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const ids = Array.from({ length: enterpriseCount }, (_, e) => enterpriseId(e));
  await insertBatched(ids.slice(1), (batch) =>
    db
      .insertInto("enterprises")
      .values(batch.map((id, k) => ({ ...template, id, name: `ベンチ株式会社${String(k + 1).padStart(3, "0")}`, line_id1: `BENCH-${String(k + 1).padStart(3, "0")}` })))
      .execute(),
  );
  await insertBatched(ids.slice(1), (batch) =>
    db
      .insertInto("accounts")
      .values(batch.map((id) => ({ enterprise_id: id, login_id: admin.login_id, password_hash: admin.password_hash, role: admin.role, admin_group_id: null, memo: "", built_in: admin.built_in, version: 1, created_at: now, updated_at: now })))
      .execute(),
  );

  const sizeOf = sizes();
  // Groups: the largest enterprise has 20 sites and 50 pickup groups, the others 2 of each; 2 schedules and
  // 5 hunt groups an enterprise (200 and 500 in all); a 30-number destination list an enterprise.
  const extensionGroups: { enterprise_id: string; name: string; site_number: string; external_prefix: string; memo: string; version: number; created_at: string; updated_at: string }[] = [];
  const pickupGroups: { enterprise_id: string; name: string; number: string; site: string; memo: string; version: number; created_at: string; updated_at: string }[] = [];
  const schedules: { enterprise_id: string; name: string; cfna_timeout_sec: number; extension_group_id: null; memo: string; rules: string; version: number; created_at: string; updated_at: string }[] = [];
  const destinations: { enterprise_id: string; position: number; number: string; memo: string }[] = [];
  const afterHours = (destination: string) =>
    JSON.stringify([
      { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "00:00", end: "09:00", action: "unconditional", destination },
      { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "18:00", end: "24:00", action: "unconditional", destination },
      { type: "weekday", weekdays: [0, 6], start: "00:00", end: "24:00", action: "unconditional", destination },
      { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination },
    ]);
  for (const [e, id] of ids.entries()) {
    const sites = e === 0 ? 20 : 2;
    for (let g = 1; g <= sites; g += 1) extensionGroups.push({ enterprise_id: id, name: `拠点${g}`, site_number: String(g), external_prefix: "0", memo: "", version: 1, created_at: now, updated_at: now });
    for (let g = 1; g <= (e === 0 ? 50 : 2); g += 1) pickupGroups.push({ enterprise_id: id, name: `ピックアップ${g}`, number: String(g), site: "default", memo: "", version: 1, created_at: now, updated_at: now });
    for (let k = 1; k <= 2; k += 1) schedules.push({ enterprise_id: id, name: `営業時間外${k}`, cfna_timeout_sec: 20, extension_group_id: null, memo: "", rules: afterHours(`090${String(e * 100 + k).padStart(8, "0")}`), version: 1, created_at: now, updated_at: now });
    for (let k = 1; k <= 30; k += 1) destinations.push({ enterprise_id: id, position: k, number: `090${String(e * 1000 + k).padStart(8, "0")}`, memo: `転送先${k}` });
  }
  await insertBatched(extensionGroups, (b) => db.insertInto("extension_groups").values(b).execute());
  await insertBatched(pickupGroups, (b) => db.insertInto("pickup_groups").values(b).execute());
  await insertBatched(schedules, (b) => db.insertInto("schedules").values(b).execute());
  await insertBatched(destinations, (b) => db.insertInto("forward_destinations").values(b).execute());
  const idsOf = async (table: "extension_groups" | "pickup_groups" | "schedules") => {
    const rows = await db.selectFrom(table).select(["id", "enterprise_id"]).orderBy("id").execute();
    const by = new Map<string, number[]>();
    for (const r of rows) by.set(r.enterprise_id, [...(by.get(r.enterprise_id) ?? []), r.id]);
    return by;
  };
  const siteIds = await idsOf("extension_groups");
  const pickupIds = await idsOf("pickup_groups");
  const scheduleIds = await idsOf("schedules");

  // Subscribers: a fifth forward somewhere, a tenth follow a schedule, a third have a bound device;
  // four-fifths have an extension in a site; every 97th name is a CSV formula.
  let global = 0;
  const ordinaryNumbers: string[] = [];
  const subscriberIdsOfLargest: string[] = [];
  const callSettings = JSON.stringify(defaultCallSettings);
  for (const [e, id] of ids.entries()) {
    const rows = [];
    const sites = siteIds.get(id) ?? [];
    const pickups = pickupIds.get(id) ?? [];
    const enterpriseSchedules = scheduleIds.get(id) ?? [];
    for (let i = 0; i < (sizeOf[e] ?? 0); i += 1, global += 1) {
      // The first hundred (hunt pilots and members) keep plain settings.
      const kind = i < 100 ? 10 : i % 20;
      const number = global % 4 === 3 ? `050${String(10_000_000 + global)}` : `03${String(10_000_000 + global)}`;
      const scheduleId = kind === 5 || kind === 6 ? (enterpriseSchedules[i % enterpriseSchedules.length] ?? null) : null;
      const site = i % 5 === 0 ? null : (sites[i % sites.length] ?? null);
      // Members of a site dial out with its external prefix "0".
      const mobile = `${site === null ? "" : "0"}0901${String(global).padStart(7, "0")}`;
      const forwarding: Forwarding = {
        ...defaultForwarding,
        unconditional: kind <= 1 ? { enabled: true, destination: mobile } : defaultForwarding.unconditional,
        noAnswer: kind === 2 || kind === 3 ? { enabled: true, destination: mobile, timerSec: 20 } : defaultForwarding.noAnswer,
        schedule: { enabled: scheduleId !== null, scheduleId },
      };
      const bound = i % 3 === 0;
      const sid = subscriberId(e, i);
      if (e === 0) subscriberIdsOfLargest.push(sid);
      if (e === 0 && kind >= 8 && kind <= 15 && i >= 100) ordinaryNumbers.push(number);
      rows.push({
        id: sid,
        enterprise_id: id,
        number,
        number_kind: number.startsWith("050") ? "050" : "oabj",
        display_name: i % 97 === 0 ? `=HYPERLINK("x")${i}` : `${families[i % families.length]} ${givens[(i >> 2) % givens.length]}${i}`,
        info: "",
        memo: "",
        call_settings: callSettings,
        forwarding: JSON.stringify(forwarding),
        terminal: JSON.stringify({ ...defaultTerminal, authentication: bound, boundDeviceId: bound ? `device-${global}` : null }),
        emergency_stopped: 0 as const,
        extension_group_id: site,
        extension: site === null ? null : String(1000 + i),
        pickup_group_id: i % 4 === 0 ? (pickups[i % pickups.length] ?? null) : null,
        schedule_id: scheduleId,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    }
    await insertBatched(rows, (b) => db.insertInto("subscribers").values(b).execute(), 1000);
  }

  // Hunt groups: 5 an enterprise; the largest enterprise's first has 32 members and the after-hours
  // schedule, the others 8 members. Pilots and members are numbers 1–99 of each enterprise.
  const hunts = [];
  for (const [e, id] of ids.entries()) {
    for (let h = 0; h < 5; h += 1) {
      hunts.push({
        enterprise_id: id,
        name: `代表${h + 1}`,
        pilot_subscriber_id: subscriberId(e, h),
        distribution: h % 2 === 0 ? "sequential" : "roundRobin",
        slide_timer_sec: 15,
        schedule_id: h === 0 ? (scheduleIds.get(id)?.[0] ?? null) : null,
        schedule_enabled: (h === 0 ? 1 : 0) as 0 | 1,
        memo: "",
        version: 1,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await insertBatched(hunts, (b) => db.insertInto("hunt_groups").values(b).execute());
  const huntRows = await db.selectFrom("hunt_groups").select(["id", "enterprise_id", "name"]).execute();
  for (const h of huntRows) {
    const e = Number(h.enterprise_id.slice(1));
    const index = Number(h.name.slice(2)) - 1;
    const big = e === 0 && index === 0;
    const first = 5 + index * 8 + (e === 0 && index > 0 ? 24 : 0);
    const members = Array.from({ length: big ? 32 : 8 }, (_, k) => subscriberId(e, first + k));
    await db
      .updateTable("subscribers")
      .set({ hunt_group_id: h.id, hunt_order: sql<number>`0` })
      .where("id", "in", members)
      .execute();
    for (const [k, member] of members.entries()) await db.updateTable("subscribers").set({ hunt_order: k + 1 }).where("id", "=", member).execute();
  }
  return { enterprises: ids, ordinaryNumbers, huntPilotNumber: `03${String(10_000_000)}`, subscriberIdsOfLargest };
}
