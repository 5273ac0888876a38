// Subscribers: rows ↔ domain objects, and the queries the services need.
import { sql, type Selectable, type SelectQueryBuilder } from "kysely";
import type { NumberKind } from "../domain/phone-number.ts";
import type { CallSettings, Forwarding, ForwardingSubject, Subscriber, Terminal } from "../domain/subscriber/subscriber.ts";
import type { Db } from "./database.ts";
import { flag, fromJson, isSet, toJson } from "./json.ts";
import type { Dialect, Schema, SubscriberTable } from "./schema.ts";
import type { Pipeline } from "./raw-statement.ts";
import { like, likePattern, type Match } from "./search.ts";

export type { Subscriber };


export function toSubscriber(row: Selectable<SubscriberTable>): Subscriber {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    number: row.number,
    numberKind: row.number_kind as NumberKind,
    displayName: row.display_name,
    info: row.info,
    memo: row.memo,
    hasProvisioningPassword: row.provisioning_password_hash !== null,
    hasPassword: row.password_hash !== null,
    originNumbers: [row.origin_number1 ?? "", row.origin_number2 ?? ""],
    notifyNumber: row.notify_number ?? "",
    callSettings: fromJson<CallSettings>(row.call_settings) as CallSettings,
    forwarding: fromJson<Forwarding>(row.forwarding) as Forwarding,
    terminal: fromJson<Terminal>(row.terminal) as Terminal,
    emergencyStopped: isSet(row.emergency_stopped),
    extensionGroupId: row.extension_group_id,
    extension: row.extension ?? "",
    pickupGroupId: row.pickup_group_id,
    huntGroupId: row.hunt_group_id,
    huntOrder: row.hunt_order,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewSubscriber {
  subscriber: Subscriber;
  passwordHash: string | null;
  provisioningPasswordHash: string | null;
}

export async function insertSubscriber(db: Db, { subscriber: s, passwordHash, provisioningPasswordHash }: NewSubscriber): Promise<void> {
  await db
    .insertInto("subscribers")
    .values({
      id: s.id,
      enterprise_id: s.enterpriseId,
      number: s.number,
      number_kind: s.numberKind,
      display_name: s.displayName,
      info: s.info,
      memo: s.memo,
      provisioning_password_hash: provisioningPasswordHash,
      password_hash: passwordHash,
      origin_number1: s.originNumbers[0] || null,
      origin_number2: s.originNumbers[1] || null,
      notify_number: s.notifyNumber || null,
      call_settings: toJson(s.callSettings),
      forwarding: toJson(s.forwarding),
      terminal: toJson(s.terminal),
      emergency_stopped: flag(s.emergencyStopped),
      version: s.version,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

export async function findSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  const row = await db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function findSubscriberByNumber(db: Db, number: string): Promise<Subscriber | undefined> {
  const row = await db.selectFrom("subscribers").selectAll().where("number", "=", number).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function findSubscriberPasswordHash(db: Db, id: string): Promise<{ enterpriseId: string; hash: string | null } | undefined> {
  const row = await db.selectFrom("subscribers").select(["enterprise_id", "password_hash"]).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { enterpriseId: row.enterprise_id, hash: row.password_hash };
}

export async function setSubscriberPasswordHash(db: Db, id: string, hash: string, at: string): Promise<void> {
  await db.updateTable("subscribers").set((eb) => ({ password_hash: hash, updated_at: at, version: eb("version", "+", 1) })).where("id", "=", id).execute();
}

export async function deleteSubscriber(db: Db, id: string): Promise<void> {
  await db.deleteFrom("subscribers").where("id", "=", id).execute();
}

export async function countSubscribers(db: Db, enterpriseId: string): Promise<number> {
  const { n } = await db
    .selectFrom("subscribers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("enterprise_id", "=", enterpriseId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export type SubscriberSearchField = "id" | "number" | "extension" | "extensionGroup" | "displayName";
export type SubscriberSort = "id" | "number" | "extension" | "extensionGroup" | "displayName";

export interface SubscriberSearch {
  enterpriseId: string;
  /** Group administrators: only members of these admin groups. */
  adminGroupIds?: readonly number[] | undefined;
  /** End users: only themselves. */
  onlyId?: string | undefined;
  field: SubscriberSearchField;
  q: string;
  match: Match;
  sort: SubscriberSort;
  order: "asc" | "desc";
  offset: number;
  limit: number;
  /** Number range of the export (inclusive). */
  numberFrom?: string | undefined;
  numberTo?: string | undefined;
}

export interface SubscriberListRow {
  id: string;
  number: string;
  extension: string;
  extensionGroup: string;
  displayName: string;
  pickupGroup: string;
  huntGroup: string;
  enterpriseId: string;
  enterpriseName: string;
  lineId1: string;
  lineId2: string;
  terminalAuthentication: boolean;
  emergencyStopped: boolean;
}

const columnOf: Record<Exclude<SubscriberSearchField, "extensionGroup">, "s.id" | "s.number" | "s.extension" | "s.display_name"> = {
  id: "s.id",
  number: "s.number",
  extension: "s.extension",
  displayName: "s.display_name",
};
const matchColumnOf: Record<Exclude<SubscriberSearchField, "extensionGroup">, "m.id" | "m.number" | "m.extension" | "m.display_name"> = {
  id: "m.id",
  number: "m.number",
  extension: "m.extension",
  displayName: "m.display_name",
};
const searchColumnOf: Record<Exclude<SubscriberSearchField, "extensionGroup">, "id_text" | "number" | "extension" | "display_name"> = {
  id: "id_text",
  number: "number",
  extension: "extension",
  displayName: "display_name",
};
const sortColumnOf: Record<SubscriberSort, "s.id" | "s.number" | "s.extension" | "s.display_name" | "eg.name"> = {
  id: "s.id",
  number: "s.number",
  extension: "s.extension",
  displayName: "s.display_name",
  extensionGroup: "eg.name",
};

/**
 * SQLite, partial match of 3+ characters: the FTS5 query that finds the enterprise's matches in one
 * read of the trigram index (the enterprise's posting list intersected with the substring's, migration
 * 0006); the rows are then read from the matches. A quoted phrase of 3+ characters is a substring match
 * with the trigram tokenizer. Undefined for any other search.
 */
function trigramSearch(dialect: Dialect, f: SubscriberSearch): string | undefined {
  if (dialect !== "sqlite" || f.q === "" || f.match !== "partial" || f.field === "extensionGroup" || [...f.q].length < 3) return undefined;
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return `enterprise : ${quote(`\u0002${f.enterpriseId}\u0003`)} AND ${searchColumnOf[f.field]} : ${quote(f.q)}`;
}

/** The number of matches: from the trigram index alone when nothing else narrows the search. */
async function searchTotal(db: Db, dialect: Dialect, f: SubscriberSearch): Promise<number> {
  const expression = trigramSearch(dialect, f);
  const narrowed = f.adminGroupIds !== undefined || f.onlyId !== undefined || (f.numberFrom ?? "") !== "" || (f.numberTo ?? "") !== "";
  if (expression !== undefined && !narrowed) {
    const result = await sql<{ n: number }>`select count(*) as n from subscriber_search where subscriber_search match ${expression}`.execute(db);
    return Number(result.rows[0]?.n ?? 0);
  }
  const { total } = await subscriberSearchQuery(db, dialect, f).select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  return Number(total);
}

/** Subscribers with their enterprise and the groups whose names a list shows. */
function withNames(db: Db) {
  return db
    .selectFrom("subscribers as s")
    .innerJoin("enterprises as e", "e.id", "s.enterprise_id")
    .leftJoin("extension_groups as eg", "eg.id", "s.extension_group_id")
    .leftJoin("pickup_groups as pg", "pg.id", "s.pickup_group_id")
    .leftJoin("hunt_groups as hg", "hg.id", "s.hunt_group_id");
}

/**
 * The narrowing every search applies, on the subscribers of `alias`: one number (an end user's own), an
 * admin group's members (a group admin's), a number range (加入者一覧出力).
 */
function narrowed<Q extends SelectQueryBuilder<Schema, never, unknown>>(query: Q, alias: "s" | "m", f: SubscriberSearch): Q {
  const id = sql.ref<string>(`${alias}.id`);
  const number = sql.ref<string>(`${alias}.number`);
  let q = query as SelectQueryBuilder<Schema, never, unknown>;
  if (f.onlyId !== undefined) q = q.where(id, "=", f.onlyId);
  if (f.adminGroupIds !== undefined) {
    const ids = [...f.adminGroupIds];
    q = ids.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where(sql<boolean>`${id} in (select subscriber_id from admin_group_members where admin_group_id in (${sql.join(ids)}))`);
  }
  if (f.numberFrom !== undefined && f.numberFrom !== "") q = q.where(number, ">=", f.numberFrom);
  if (f.numberTo !== undefined && f.numberTo !== "") q = q.where(number, "<=", f.numberTo);
  return q as Q;
}

/** The filtered query of a subscriber search; prefix and exact use B-tree ranges, partial the trigram index. */
export function subscriberSearchQuery(db: Db, dialect: Dialect, f: SubscriberSearch) {
  const matches = trigramSearch(dialect, f);
  const fromMatches = matches !== undefined;
  let query = narrowed(
    withNames(db)
      // `+column` keeps SQLite from using the enterprise's index, so it starts from the trigram matches.
      .where(fromMatches ? sql<string>`+${sql.ref("s.enterprise_id")}` : sql.ref("s.enterprise_id"), "=", f.enterpriseId),
    "s",
    f,
  );
  if (f.q !== "") {
    if (f.field === "extensionGroup") {
      const pattern = likePattern(f.q, f.match);
      query = query.where((eb) => like(eb.ref("eg.name"), pattern, dialect));
    } else if (f.match === "exact") {
      query = query.where(columnOf[f.field], "=", f.q);
    } else if (f.match === "prefix") {
      // A range on the column's index: "abc" ≤ x < "abc\uffff".
      query = query.where(columnOf[f.field], ">=", f.q).where(columnOf[f.field], "<", `${f.q}\uffff`);
    } else if (matches !== undefined) {
      query = query.where(sql.ref("s.rowid"), "in", db.selectFrom("subscriber_search").select("rowid").where(sql<boolean>`subscriber_search match ${matches}`));
    } else if (dialect === "sqlite") {
      // One or two characters are below a trigram: the enterprise's own rows are tested.
      const pattern = likePattern(f.q, "partial");
      query = query.where((eb) => like(eb.ref(columnOf[f.field as Exclude<SubscriberSearchField, "extensionGroup">]), pattern, dialect));
    } else {
      const column = matchColumnOf[f.field];
      const pattern = likePattern(f.q, "partial");
      // The matches are found in a subquery that `offset 0` keeps PostgreSQL from merging into the outer
      // query: merged, the planner walks the enterprise's sort-order B-tree testing ILIKE on every row
      // (about 50 ms in a 20,000-number enterprise) instead of asking the trigram index.
      query = query.where(
        "s.id",
        "in",
        db
          .selectFrom("subscribers as m")
          .select("m.id")
          .where("m.enterprise_id", "=", f.enterpriseId)
          .where((eb) => like(eb.ref(column), pattern, dialect))
          .offset(0),
      );
    }
  }
  return query;
}

export async function countSubscriberSearch(db: Db, dialect: Dialect, search: SubscriberSearch): Promise<number> {
  return searchTotal(db, dialect, search);
}

const matchSortColumnOf: Record<Exclude<SubscriberSort, "extensionGroup">, "id" | "number" | "extension" | "display_name"> = {
  id: "id",
  number: "number",
  extension: "extension",
  displayName: "display_name",
};

/**
 * SQLite, partial match of 3+ characters: the page of ids and the total in one statement, from the FTS5
 * matches of the enterprise (trigramSearch), sorted and paged; a window counts the matches before the page
 * is cut, so the trigram index is read once, not once for the total and again for the page. Only the
 * page's rows are then read with their names. Undefined for any other search.
 */
async function partialPage(db: Db, dialect: Dialect, f: SubscriberSearch): Promise<{ total: number; ids: string[] } | undefined> {
  if (trigramSearch(dialect, f) === undefined) return undefined;
  const rows = await subscriberSearchQuery(db, dialect, f)
    .select(["s.id", sql<number>`count(*) over ()`.as("total")])
    .orderBy(sortColumnOf[f.sort], f.order)
    .orderBy("s.id", f.order)
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  // A page past the end has no row to carry the total.
  const total = rows[0]?.total ?? (f.offset === 0 ? 0 : await searchTotal(db, dialect, f));
  return { total: Number(total), ids: rows.map((r) => r.id) };
}

type ListRow = {
  id: string;
  number: string;
  extension: string | null;
  display_name: string;
  terminal: string;
  emergency_stopped: number | boolean;
  enterprise_id: string;
  enterprise_name: string;
  line_id1: string | null;
  line_id2: string | null;
  extension_group: string | null;
  pickup_group: string | null;
  hunt_group: string | null;
};

/**
 * PostgreSQL, partial match sorted by a column of subscribers: the total and the page's rows with their
 * names in one statement, one round trip and one plan. The matches come from subscribers alone (the
 * trigram index keyed by enterprise, migration 0011) into a materialized CTE, which fences them: inlined,
 * the planner walks the enterprise's sort-order B-tree testing the pattern on every row. The CTE is
 * counted, and the page is cut from it and joined with its rows; a page past the end still carries the
 * total (one row with no subscriber). Undefined for any other search.
 */
async function partialPagePostgres(db: Db, dialect: Dialect, f: SubscriberSearch): Promise<{ total: number; rows: ListRow[] } | undefined> {
  if (dialect !== "postgres" || f.q === "" || f.match !== "partial" || f.field === "extensionGroup" || f.sort === "extensionGroup") return undefined;
  const matches = narrowed(
    db
      .selectFrom("subscribers as m")
      .select(["m.id", `m.${matchSortColumnOf[f.sort]} as sort_key`])
      .where("m.enterprise_id", "=", f.enterpriseId)
      .where((eb) => like(eb.ref(matchColumnOf[f.field as Exclude<SubscriberSearchField, "extensionGroup">]), likePattern(f.q, "partial"), dialect)),
    "m",
    f,
  );
  const order = sql.raw(f.order === "desc" ? "desc" : "asc");
  const { rows } = await sql<ListRow & { total: number }>`with matches as materialized (${matches})
    select p.id, s.number, s.extension, s.display_name, s.terminal, s.emergency_stopped,
      e.id as enterprise_id, e.name as enterprise_name, e.line_id1, e.line_id2,
      (select g.name from extension_groups g where g.id = s.extension_group_id) as extension_group,
      (select g.name from pickup_groups g where g.id = s.pickup_group_id) as pickup_group,
      (select g.name from hunt_groups g where g.id = s.hunt_group_id) as hunt_group,
      t.total
    from (select count(*) as total from matches) t
    left join lateral (select id, sort_key from matches order by sort_key ${order}, id ${order} limit ${f.limit} offset ${f.offset}) p on true
    left join subscribers s on s.id = p.id
    left join enterprises e on e.id = s.enterprise_id
    order by p.sort_key ${order}, p.id ${order}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.filter((r) => r.id !== null) };
}

function toListItem(r: ListRow): SubscriberListRow {
  return {
    id: r.id,
    number: r.number,
    extension: r.extension ?? "",
    extensionGroup: r.extension_group ?? "",
    displayName: r.display_name,
    pickupGroup: r.pickup_group ?? "",
    huntGroup: r.hunt_group ?? "",
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    lineId1: r.line_id1 ?? "",
    lineId2: r.line_id2 ?? "",
    terminalAuthentication: (fromJson<Terminal>(r.terminal) as Terminal).authentication,
    emergencyStopped: isSet(r.emergency_stopped),
  };
}

export async function searchSubscribers(db: Db, dialect: Dialect, f: SubscriberSearch): Promise<{ total: number; items: SubscriberListRow[] }> {
  const onPostgres = await partialPagePostgres(db, dialect, f);
  if (onPostgres !== undefined) return { total: onPostgres.total, items: onPostgres.rows.map(toListItem) };
  const query = subscriberSearchQuery(db, dialect, f);
  const partial = await partialPage(db, dialect, f);
  const total = partial?.total ?? (await searchTotal(db, dialect, f));
  // From partial matches (SQLite): every match is read to sort them, but only the page's rows are read
  // with their enterprise and group names (by primary key, in the page's order), each name by a scalar
  // subquery as on PostgreSQL (partialPagePostgres).
  const page = partial?.ids;
  if (page !== undefined && page.length === 0) return { total, items: [] };
  const columns = ["s.id", "s.number", "s.extension", "s.display_name", "s.terminal", "s.emergency_stopped", "e.id as enterprise_id", "e.name as enterprise_name", "e.line_id1", "e.line_id2"] as const;
  const unordered =
    page === undefined
      ? await query
          .orderBy(sortColumnOf[f.sort], f.order)
          .orderBy("s.id", f.order)
          .offset(f.offset)
          .limit(f.limit)
          .select([...columns, "eg.name as extension_group", "pg.name as pickup_group", "hg.name as hunt_group"])
          .execute()
      : await db
          .selectFrom("subscribers as s")
          .innerJoin("enterprises as e", "e.id", "s.enterprise_id")
          .where("s.id", "in", page)
          .select((eb) => [
            ...columns,
            eb.selectFrom("extension_groups as eg").select("eg.name").whereRef("eg.id", "=", "s.extension_group_id").as("extension_group"),
            eb.selectFrom("pickup_groups as pg").select("pg.name").whereRef("pg.id", "=", "s.pickup_group_id").as("pickup_group"),
            eb.selectFrom("hunt_groups as hg").select("hg.name").whereRef("hg.id", "=", "s.hunt_group_id").as("hunt_group"),
          ])
          .execute();
  const order = page === undefined ? undefined : new Map(page.map((id, i) => [id, i]));
  const rows = order === undefined ? unordered : unordered.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { total, items: rows.map(toListItem) };
}

export interface SubscriberInfoPatch {
  displayName: string;
  info: string;
  memo: string;
  originNumbers: [string, string];
  notifyNumber: string;
}

export async function updateSubscriberInfo(db: Db, id: string, patch: SubscriberInfoPatch, provisioningPasswordHash: string | undefined, version: number, at: string): Promise<void> {
  await db
    .updateTable("subscribers")
    .set({
      display_name: patch.displayName,
      info: patch.info,
      memo: patch.memo,
      origin_number1: patch.originNumbers[0] || null,
      origin_number2: patch.originNumbers[1] || null,
      notify_number: patch.notifyNumber || null,
      ...(provisioningPasswordHash === undefined ? {} : { provisioning_password_hash: provisioningPasswordHash }),
      version,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

export async function updateCallSettings(db: Db, id: string, callSettings: CallSettings, version: number, at: string): Promise<void> {
  await db.updateTable("subscribers").set({ call_settings: toJson(callSettings), version, updated_at: at }).where("id", "=", id).execute();
}

/**
 * Bulk forwarding: many numbers' forwarding in statements of 250 rows (one UPDATE … FROM a VALUES list,
 * on both databases) instead of one statement a number — 20,000 rows in 80 round trips. Written by hand
 * (raw-statement.ts): through Kysely's builder the 1,000 values of each statement cost more than its run.
 * Queued on `writes`, which its owner finishes.
 */
export async function updateForwardingMany(writes: Pipeline, rows: readonly { id: string; forwarding: Forwarding; version: number }[], at: string): Promise<void> {
  // 250 rows a statement: few enough that one statement stays well under the event-loop budget.
  for (let i = 0; i < rows.length; i += 250) {
    const statement = writes.statement();
    const values = rows
      .slice(i, i + 250)
      .map((r) => `(${statement.slot(r.id)}, ${statement.slot(toJson(r.forwarding))}, cast(${statement.slot(r.forwarding.schedule.scheduleId)} as integer), cast(${statement.slot(r.version)} as integer))`);
    await writes.run(
      statement,
      `with v(id, forwarding, schedule_id, version) as (values ${values.join(", ")})
      update subscribers set forwarding = v.forwarding, schedule_id = v.schedule_id, version = v.version, updated_at = ${statement.slot(at)}
      from v where subscribers.id = v.id`,
    );
  }
}

export async function updateForwarding(db: Db, id: string, forwarding: Forwarding, version: number, at: string): Promise<void> {
  await db
    .updateTable("subscribers")
    .set({
      forwarding: toJson(forwarding),
      schedule_id: forwarding.schedule.enabled ? forwarding.schedule.scheduleId : forwarding.schedule.scheduleId,
      version,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Every number of an enterprise, whole, by id: for bulk screens and the forwarding graph. Read in pages of 1,000: on the embedded database a read is
 * synchronous, and 20,000 rows in one statement would hold the event loop for a quarter of a second
 * (the yield plugin lets it turn between statements).
 */
export async function listEnterpriseSubscribers(db: Db, enterpriseId: string): Promise<Subscriber[]> {
  const pageSize = 1000;
  const out: Subscriber[] = [];
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom("subscribers").selectAll().where("enterprise_id", "=", enterpriseId);
    if (after !== undefined) query = query.where("id", ">", after);
    const rows = await query.orderBy("id").limit(pageSize).execute();
    for (const row of rows) out.push(toSubscriber(row));
    if (rows.length < pageSize) return out;
    after = rows[rows.length - 1]?.id;
  }
}

const forwardingColumns = ["id", "enterprise_id", "number", "extension_group_id", "forwarding", "version"] as const;

function toForwardingSubject(row: Pick<Selectable<SubscriberTable>, (typeof forwardingColumns)[number]>): ForwardingSubject {
  return { id: row.id, enterpriseId: row.enterprise_id, number: row.number, extensionGroupId: row.extension_group_id, forwarding: fromJson<Forwarding>(row.forwarding) as Forwarding, version: row.version };
}

/** An enterprise's numbers as a forwarding change reads them, in pages by id. */
export async function listEnterpriseForwarding(db: Db, enterpriseId: string): Promise<ForwardingSubject[]> {
  const pageSize = 1000;
  const out: ForwardingSubject[] = [];
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom("subscribers").select(forwardingColumns).where("enterprise_id", "=", enterpriseId);
    if (after !== undefined) query = query.where("id", ">", after);
    const rows = await query.orderBy("id").limit(pageSize).execute();
    for (const row of rows) out.push(toForwardingSubject(row));
    if (rows.length < pageSize) return out;
    after = rows[rows.length - 1]?.id;
  }
}

/** Numbers as a forwarding change reads them (the forwarding-loop check follows them). */
export async function findForwardingByNumbers(db: Db, numbers: readonly string[]): Promise<ForwardingSubject[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom("subscribers").select(forwardingColumns).where("number", "in", [...numbers]).execute();
  return rows.map(toForwardingSubject);
}

export async function findSubscribersByNumbers(db: Db, numbers: readonly string[]): Promise<Subscriber[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom("subscribers").selectAll().where("number", "in", [...numbers]).execute();
  return rows.map(toSubscriber);
}

export async function findSubscribersByIds(db: Db, ids: readonly string[]): Promise<Subscriber[]> {
  if (ids.length === 0) return [];
  const out: Subscriber[] = [];
  // Bounded IN lists: SQLite and pg both cap the number of parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom("subscribers").selectAll().where("id", "in", ids.slice(i, i + 500)).execute();
    out.push(...rows.map(toSubscriber));
  }
  return out;
}

/** The subscribers of an extension group: extension → number (the destination context of its members). */
export async function extensionGroupMembers(db: Db, extensionGroupId: number): Promise<{ id: string; number: string; extension: string }[]> {
  const rows = await db.selectFrom("subscribers").select(["id", "number", "extension"]).where("extension_group_id", "=", extensionGroupId).execute();
  return rows.map((r) => ({ id: r.id, number: r.number, extension: r.extension ?? "" }));
}

export async function subscribersUsingSchedule(db: Db, scheduleId: number): Promise<{ id: string; number: string }[]> {
  return db.selectFrom("subscribers").select(["id", "number"]).where("schedule_id", "=", scheduleId).orderBy("id").execute();
}

export async function isAdminGroupMember(db: Db, subscriberId: string, adminGroupIds: readonly number[]): Promise<boolean> {
  if (adminGroupIds.length === 0) return false;
  const row = await db
    .selectFrom("admin_group_members")
    .select("subscriber_id")
    .where("subscriber_id", "=", subscriberId)
    .where("admin_group_id", "in", [...adminGroupIds])
    .executeTakeFirst();
  return row !== undefined;
}

export async function adminGroupMemberIds(db: Db, adminGroupIds: readonly number[]): Promise<string[]> {
  if (adminGroupIds.length === 0) return [];
  const rows = await db.selectFrom("admin_group_members").select("subscriber_id").where("admin_group_id", "in", [...adminGroupIds]).execute();
  return rows.map((r) => r.subscriber_id);
}
