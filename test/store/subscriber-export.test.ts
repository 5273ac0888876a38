// The export's keyset paging on both databases: every row once, in order, whatever the batch size.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultCallSettings, defaultForwarding, defaultTerminal } from "../../src/domain/subscriber/subscriber.ts";
import type { Db } from "../../src/store/database.ts";
import type { StoredSubscriberRow } from "../../src/domain/subscriber/subscriber-list.ts";
import { subscriberExportRows, type SubscriberExportFilter, type SubscriberExportSort } from "../../src/store/subscriber-export.store.ts";
import { countSubscriberSearch } from "../../src/store/subscriber.store.ts";
import { createTestStore, dialects, type TestStore } from "../support/db.ts";

const now = "2026-01-01T00:00:00.000Z";

// id, number, extension (group A or B; "" none)
const rows: [string, string, string, "A" | "B" | ""][] = [
  ["s01", "0312340009", "201", "A"],
  ["s02", "0312340001", "201", "B"], // same extension in another group: after s01 (by id)
  ["s03", "0312340005", "", ""],
  ["s04", "05012340002", "100", "A"],
  ["s05", "0312340003", "", ""],
  ["s06", "0312340007", "201", "A"],
  ["s07", "05012340004", "300", "B"],
  ["s08", "0312340006", "", ""],
  ["s09", "0312340008", "1000", "A"], // text order: "100" < "1000" < "201"
  ["s10", "05012340010", "", ""],
];

async function ids(db: Db, dialect: "sqlite" | "postgres", filter: SubscriberExportFilter, sort: SubscriberExportSort, batchSize: number): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of (await subscriberExportRows(db, dialect, filter, sort, batchSize)).rows) {
    assert.ok(batch.length > 0 && batch.length <= batchSize);
    out.push(...batch.map((r) => r[0]));
  }
  return out;
}

for (const dialect of dialects()) {
  describe(`subscriber export rows (${dialect})`, () => {
    let t: TestStore;
    let db: Db;
    const all: SubscriberExportFilter = { enterpriseId: "e1", field: "id", q: "", match: "prefix" };

    before(async () => {
      t = await createTestStore(dialect);
      db = t.store.db;
      for (const id of ["e1", "e2"]) {
        await db.insertInto("enterprises").values({ id, name: id, line_id1: "L1", line_id2: null, time_zone: "Asia/Tokyo", services: "{}", self_service: "{}", bulletin_text: "", bulletin_updated_at: null, version: 1, created_at: now, updated_at: now }).execute();
      }
      const group = async (name: string, site: string) =>
        (await db.insertInto("extension_groups").values({ enterprise_id: "e1", name, site_number: site, external_prefix: "0", memo: "", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      const groups = { A: await group("A", "1"), B: await group("B", "2") };
      const subscriber = (id: string, enterpriseId: string, number: string, extension: string, g: "A" | "B" | "") =>
        db
          .insertInto("subscribers")
          .values({
            id, enterprise_id: enterpriseId, number, number_kind: "oabj", display_name: `name ${id}`, info: "", memo: "",
            provisioning_password_hash: null, password_hash: null, origin_number1: null, origin_number2: null, notify_number: null,
            call_settings: JSON.stringify(defaultCallSettings), forwarding: JSON.stringify(defaultForwarding), terminal: JSON.stringify(defaultTerminal),
            emergency_stopped: 0, version: 1, created_at: now, updated_at: now,
            extension_group_id: g === "" ? null : groups[g], extension: extension === "" ? null : extension,
          })
          .execute();
      for (const [id, number, extension, g] of rows) await subscriber(id, "e1", number, extension, g);
      await subscriber("x01", "e2", "0312349999", "100", "");
      // A number whose extension was cleared to "" rather than NULL still counts as "no extension".
      await db.updateTable("subscribers").set({ extension: "" }).where("id", "=", "s10").execute();
    });
    after(async () => t?.dispose());

    const byNumber = [...rows].sort((a, b) => (a[1] < b[1] ? -1 : 1)).map((r) => r[0]);
    const byExtension = ["s04", "s09", "s01", "s02", "s06", "s07", "s03", "s05", "s08", "s10"];

    for (const batchSize of [1, 2, 3, 4, 500]) {
      test(`batches of ${batchSize}: by number, every row once, in order`, async () => {
        assert.deepEqual(await ids(db, dialect, all, "number", batchSize), byNumber);
      });

      test(`batches of ${batchSize}: by extension (ties by id), then the numbers without one`, async () => {
        assert.deepEqual(await ids(db, dialect, all, "extension", batchSize), byExtension);
      });
    }

    test("number bounds are inclusive and agree with the count", async () => {
      const filter = { ...all, numberFrom: "0312340003", numberTo: "0312340008" };
      const got = await ids(db, dialect, filter, "number", 2);
      assert.deepEqual(got, ["s05", "s03", "s08", "s06", "s09"]);
      assert.equal(await countSubscriberSearch(db, dialect, { ...filter, sort: "id", order: "asc", offset: 0, limit: 1 }), got.length);
    });

    test("the search filters apply, and only the enterprise's own numbers", async () => {
      assert.deepEqual(await ids(db, dialect, { ...all, field: "extensionGroup", q: "B", match: "exact" }, "extension", 1), ["s02", "s07"]);
      assert.deepEqual(await ids(db, dialect, { ...all, field: "extension", q: "20", match: "prefix" }, "number", 1), ["s02", "s06", "s01"]);
      assert.ok(!(await ids(db, dialect, all, "number", 3)).includes("x01"));
    });

    test("a row carries the columns the file needs, and the names its ids stand for", async () => {
      const source = await subscriberExportRows(db, dialect, { ...all, q: "s04", match: "exact" }, "number");
      const found: StoredSubscriberRow[] = [];
      for await (const batch of source.rows) found.push(...batch);
      assert.equal(found.length, 1);
      const [row] = found;
      assert.ok(row !== undefined);
      assert.deepEqual(row, [
        "s04", "05012340002", "100", "name s04", row[4], null, null, null,
        JSON.stringify(defaultCallSettings), JSON.stringify(defaultForwarding), JSON.stringify(defaultTerminal), 0,
      ]);
      assert.equal(source.extensionGroups.get(row[4] ?? -1), "A");
      assert.deepEqual([source.enterpriseId, source.lineId1, source.lineId2], ["e1", "L1", ""]);
    });

    test("a group of another enterprise that a row refers to is named as a join would name it", async () => {
      const other = (await db.insertInto("extension_groups").values({ enterprise_id: "e2", name: "other", site_number: "9", external_prefix: "0", memo: "", version: 1, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
      await db.updateTable("subscribers").set({ extension_group_id: other }).where("id", "=", "s05").execute();
      try {
        const source = await subscriberExportRows(db, dialect, all, "number", 2);
        assert.equal(source.extensionGroups.get(other), undefined, "only the enterprise's own groups are read up front");
        const exported: StoredSubscriberRow[] = [];
        for await (const batch of source.rows) exported.push(...batch);
        const s05 = exported.find((r) => r[0] === "s05");
        assert.equal(s05?.[4], other);
        assert.equal(source.extensionGroups.get(other), "other", "looked up before the batch that refers to it");
      } finally {
        await db.updateTable("subscribers").set({ extension_group_id: null }).where("id", "=", "s05").execute();
        await db.deleteFrom("extension_groups").where("id", "=", other).execute();
      }
    });
  });
}
