// The rows of the subscriber list export (加入者一覧出力), read in keyset-paged batches so memory stays flat.
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { setImmediate as nextTurn } from "node:timers/promises";
import { sql } from "kysely";
import type { StoredSubscriberRow, SubscriberExportSource } from "../domain/subscriber/subscriber-list.ts";
import type { Db } from "./database.ts";
import type { Dialect } from "./schema.ts";
import { subscriberSearchQuery, type SubscriberSearch } from "./subscriber.store.ts";

/** 内線番号順 | 外線番号順 (features.md §14). */
export type SubscriberExportSort = "extension" | "number";

/** The filters of a subscriber search (the same ones the count honours), without paging. */
export type SubscriberExportFilter = Omit<SubscriberSearch, "sort" | "order" | "offset" | "limit">;

/**
 * Rows per query: on node:sqlite a batch is read and written out without a turn of the event loop
 * (a few milliseconds for 500 rows), and is dead before the next young-generation GC, so the heap
 * does not grow with the export. PostgreSQL pays a round trip per query, so it reads more.
 */
export const exportBatchSize: Readonly<Record<Dialect, number>> = { sqlite: 500, postgres: 1000 };

/**
 * How a sort is read, one pass after the other, each in the order of an index that exists:
 * - number: numbers are unique, so the number alone is the key (index enterprise_id, number);
 * - extension: numbers with an extension by (extension, id) (index enterprise_id, extension), then
 *   the numbers without one, by id (index enterprise_id, id). NULL never takes part in a keyset
 *   comparison this way, and both databases give the same order.
 */
type Pass = "number" | "withExtension" | "withoutExtension";

const passesOf: Record<SubscriberExportSort, readonly Pass[]> = {
  number: ["number"],
  extension: ["withExtension", "withoutExtension"],
};

interface Cursor {
  id: string;
  number: string;
  extension: string;
}

// Only the subscriber's own columns: the group joins of the search query go unused, and both
// databases drop an unused left join on a unique key, so a row costs one index entry and one table row.
function batch(db: Db, dialect: Dialect, filter: SubscriberExportFilter, pass: Pass, after: Cursor | undefined, limit: number) {
  let query = subscriberSearchQuery(db, dialect, { ...filter, sort: "id", order: "asc", offset: 0, limit }).select([
    "s.id",
    "s.number",
    "s.extension",
    "s.display_name",
    "s.extension_group_id",
    "s.pickup_group_id",
    "s.hunt_group_id",
    "s.schedule_id",
    "s.call_settings",
    "s.forwarding",
    "s.terminal",
    "s.emergency_stopped",
  ]);
  switch (pass) {
    case "number":
      if (after !== undefined) query = query.where("s.number", ">", after.number);
      return query.orderBy("s.number").limit(limit);
    case "withExtension": {
      if (after === undefined) {
        query = query.where("s.extension", ">", "");
      } else {
        // One lower bound for the index range (the cursor's extension is never empty), then the exact
        // keyset condition (extension, id) > (…), which both databases evaluate alike.
        const { extension, id } = after;
        query = query
          .where("s.extension", ">=", extension)
          .where((eb) => eb.or([eb("s.extension", ">", extension), eb.and([eb("s.extension", "=", extension), eb("s.id", ">", id)])]));
      }
      return query.orderBy("s.extension").orderBy("s.id").limit(limit);
    }
    case "withoutExtension":
      query = query.where((eb) => eb.or([eb("s.extension", "is", null), eb("s.extension", "=", "")]));
      if (after !== undefined) query = query.where("s.id", ">", after.id);
      return query.orderBy("s.id").limit(limit);
  }
}

type Names = Map<number, string>;
type NameTable = "extension_groups" | "pickup_groups" | "hunt_groups" | "schedules";

/** The row columns that hold an id of each table. */
const nameColumns: readonly (readonly [NameTable, 4 | 5 | 6 | 7])[] = [
  ["extension_groups", 4],
  ["pickup_groups", 5],
  ["hunt_groups", 6],
  ["schedules", 7],
];

async function namesOf(db: Db, table: NameTable, enterpriseId: string): Promise<Names> {
  const rows = await db.selectFrom(table).select(["id", "name"]).where("enterprise_id", "=", enterpriseId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Adds to the maps the ids the rows refer to that they lack: what the join would have found (a name
 * of another enterprise), else "" (as a join finding nothing).
 */
async function completeNames(db: Db, names: Record<NameTable, Names>, rows: readonly StoredSubscriberRow[]): Promise<void> {
  const { extension_groups: eg, pickup_groups: pg, hunt_groups: hg, schedules: sc } = names;
  const lacks = (map: Names, id: number | null) => id !== null && !map.has(id);
  if (!rows.some((r) => lacks(eg, r[4]) || lacks(pg, r[5]) || lacks(hg, r[6]) || lacks(sc, r[7]))) return;
  for (const [table, column] of nameColumns) {
    const map = names[table];
    const missing = new Set<number>();
    for (const row of rows) {
      const id = row[column];
      if (id !== null && !map.has(id)) missing.add(id);
    }
    if (missing.size === 0) continue;
    const found = await db.selectFrom(table).select(["id", "name"]).where("id", "in", [...missing]).execute();
    for (const id of missing) map.set(id, "");
    for (const r of found) map.set(r.id, r.name);
  }
}

const probes: readonly Cursor[] = [
  { id: "\u0000id", number: "\u0000number", extension: "\u0000extension" },
  { id: "\u0001id", number: "\u0001number", extension: "\u0001extension" },
];

/**
 * A pass's batch query as a node:sqlite statement, prepared once and run batch after batch with the
 * cursor and the limit bound. Building and compiling the query with Kysely takes about 200 µs, as
 * long as reading a hundred rows, so it is done twice per pass rather than once per batch: two
 * compilations that differ only in the cursor and the limit tell where those go among the parameters.
 */
class PassStatement {
  readonly #statement: StatementSync;
  readonly #parameters: SQLInputValue[];
  readonly #slots: (readonly [number, keyof Cursor | "limit"])[] = [];

  constructor(reader: DatabaseSync, db: Db, dialect: Dialect, filter: SubscriberExportFilter, pass: Pass, withCursor: boolean) {
    const [a, b] = probes.map((cursor, i) => batch(db, dialect, filter, pass, withCursor ? cursor : undefined, i + 1).compile());
    if (a === undefined || b === undefined || a.sql !== b.sql) throw new Error("an export batch query changes with its cursor");
    a.parameters.forEach((value, i) => {
      if (value === b.parameters[i]) return;
      const slot = value === 1 ? "limit" : (["id", "number", "extension"] as const).find((key) => probes[0]?.[key] === value);
      if (slot === undefined) throw new Error("an export batch query has a parameter of unknown origin");
      this.#slots.push([i, slot]);
    });
    this.#parameters = a.parameters as SQLInputValue[];
    this.#statement = reader.prepare(a.sql);
    this.#statement.setReturnArrays(true);
  }

  all(after: Cursor | undefined, limit: number): StoredSubscriberRow[] {
    const parameters = [...this.#parameters];
    for (const [i, slot] of this.#slots) parameters[i] = slot === "limit" ? limit : (after?.[slot] ?? null);
    return this.#statement.all(...parameters) as unknown as StoredSubscriberRow[];
  }
}

/**
 * A read-only connection of its own to the embedded database, undefined when it is not a file. The
 * export reads through it without the store's single connection: each batch is one read of the last
 * committed state (WAL lets readers and the writer work side by side), so an export neither waits for
 * nor holds up other requests' transactions, and never reads one of them half done.
 */
async function openReader(db: Db): Promise<DatabaseSync | undefined> {
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = rows[0]?.file ?? "";
  if (file === "") return undefined;
  const reader = new DatabaseSync(file, { readOnly: true });
  reader.exec("PRAGMA busy_timeout = 5000");
  return reader;
}

/**
 * Every subscriber the filter finds, in the export's order, with the names its rows refer to. The
 * names are read now; the rows as they are consumed, one query per `batchSize` rows. Between
 * batches the event loop gets a turn (node:sqlite is synchronous), so a long export does not hold up
 * other requests. Rows changed while the export runs may appear as before or after the change.
 */
export async function subscriberExportRows(
  db: Db,
  dialect: Dialect,
  filter: SubscriberExportFilter,
  sort: SubscriberExportSort,
  batchSize: number = exportBatchSize[dialect],
): Promise<SubscriberExportSource> {
  const enterprise = await db.selectFrom("enterprises").select(["line_id1", "line_id2"]).where("id", "=", filter.enterpriseId).executeTakeFirst();
  const names: Record<NameTable, Names> = {
    extension_groups: await namesOf(db, "extension_groups", filter.enterpriseId),
    pickup_groups: await namesOf(db, "pickup_groups", filter.enterpriseId),
    hunt_groups: await namesOf(db, "hunt_groups", filter.enterpriseId),
    schedules: await namesOf(db, "schedules", filter.enterpriseId),
  };

  async function* rows(): AsyncGenerator<StoredSubscriberRow[]> {
    const reader = dialect === "sqlite" ? await openReader(db) : undefined;
    const statements = new Map<string, PassStatement>();
    const read = async (pass: Pass, after: Cursor | undefined, limit: number): Promise<StoredSubscriberRow[]> => {
      if (reader !== undefined) {
        const key = `${pass} ${after === undefined ? "first" : "next"}`;
        let statement = statements.get(key);
        if (statement === undefined) {
          statement = new PassStatement(reader, db, dialect, filter, pass, after !== undefined);
          statements.set(key, statement);
        }
        return statement.all(after, limit);
      }
      const found = await batch(db, dialect, filter, pass, after, limit).execute();
      return found.map((r) => [
        r.id,
        r.number,
        r.extension,
        r.display_name,
        r.extension_group_id,
        r.pickup_group_id,
        r.hunt_group_id,
        r.schedule_id,
        r.call_settings,
        r.forwarding,
        r.terminal,
        r.emergency_stopped,
      ]);
    };
    // The first batches are smaller: until V8 has compiled the formatting code, a row costs several
    // times more, and a full first batch would hold the event loop for tens of milliseconds.
    let limit = Math.min(batchSize, 50);
    try {
      for (const pass of passesOf[sort]) {
        let after: Cursor | undefined;
        for (;;) {
          const found = await read(pass, after, limit);
          await completeNames(db, names, found);
          if (found.length > 0) yield found;
          const last = found.at(-1);
          if (last === undefined || found.length < limit) break;
          after = { id: last[0], number: last[1], extension: last[2] ?? "" };
          limit = Math.min(batchSize, limit * 2);
          await nextTurn();
        }
      }
    } finally {
      reader?.close();
    }
  }

  return {
    enterpriseId: filter.enterpriseId,
    lineId1: enterprise?.line_id1 ?? "",
    lineId2: enterprise?.line_id2 ?? "",
    extensionGroups: names.extension_groups,
    pickupGroups: names.pickup_groups,
    huntGroups: names.hunt_groups,
    schedules: names.schedules,
    rows: rows(),
  };
}
