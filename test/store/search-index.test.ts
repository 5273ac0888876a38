// quality.md: a partial-match subscriber search uses the trigram index, not a scan of the table.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { subscriberSearchQuery } from "../../src/store/subscriber.store.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { createTestStore, dialects, type TestStore } from "../support/db.ts";

describe("subscriber search index (sqlite)", () => {
  let t: TestStore;
  before(async () => {
    t = await createTestStore("sqlite");
  });
  after(async () => t.dispose());

  test("a partial match on 表示名称 reads the FTS5 trigram index", async () => {
    const query = subscriberSearchQuery(t.store.db, "sqlite", {
      enterpriseId: "e1",
      field: "displayName",
      q: "営業部",
      match: "partial",
      sort: "id",
      order: "asc",
      offset: 0,
      limit: 50,
    }).select("s.id");
    const compiled = query.compile();
    const plan = await sql.raw<{ detail: string }>(`explain query plan ${compiled.sql}`).execute(t.store.db).catch(async () => {
      // Parameters are bound, not inlined: ask SQLite directly with them.
      const statement = t.store.sqlite?.raw.prepare(`explain query plan ${compiled.sql}`);
      return { rows: (statement?.all(...(compiled.parameters as (string | number)[])) ?? []) as { detail: string }[] };
    });
    const details = plan.rows.map((r) => r.detail).join("\n");
    if (process.env.SHOW_PLAN !== undefined) console.log(details);
    // "VIRTUAL TABLE INDEX n:M…": the FTS5 table is entered through a MATCH on the trigram index.
    assert.match(details, /VIRTUAL TABLE INDEX \d+:M\d/, details);
    assert.doesNotMatch(details, /SCAN s\b/, details);
  });
});

// The trigram index keys each number by its enterprise (migration 0006): a partial search counts and pages
// one enterprise's matches only, also when another enterprise's id contains this one's.
for (const dialect of dialects()) {
  describe(`partial search within one enterprise (${dialect})`, () => {
    let t: TestStore;
    let services: Services;
    const ctx = { principal: { role: "operator", loginId: "operator" } as const, ip: "127.0.0.1" };
    before(async () => {
      t = await createTestStore(dialect);
      services = createServices(t.store, { sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
      const enterprises = ["acme", "acme2", "xacme"];
      for (const [e, id] of enterprises.entries()) {
        await services.enterprises.create(ctx, { id, name: `企業${id}`, lineId1: `LINE-${id}`, administratorPassword: "Search-Admin-2026" });
        for (let i = 0; i < 12; i += 1) {
          await services.subscribers.create(ctx, id, { id: `${id}-${i}`, number: `03${e + 1}${String(i).padStart(7, "0")}`, displayName: i % 3 === 0 ? `営業部 佐々木${i}` : `総務 田中${i}` });
        }
      }
    });
    after(async () => t.dispose());
    const search = (q: string, offset = 0, limit = 50) =>
      services.subscribers.search(ctx.principal, "acme", { field: "displayName", q, match: "partial", sort: "displayName", order: "asc", offset, limit });

    test("the total and the rows are the enterprise's own matches, in order, page by page", async () => {
      const all = await search("佐々木");
      assert.equal(all.total, 4);
      assert.deepEqual(all.items.map((s) => s.id), ["acme-0", "acme-3", "acme-6", "acme-9"]);
      assert.ok(all.items.every((s) => s.enterpriseId === "acme" && s.extensionGroup === ""));
      const second = await search("佐々木", 2, 2);
      assert.equal(second.total, 4);
      assert.deepEqual(second.items.map((s) => s.id), all.items.slice(2).map((s) => s.id));
      assert.equal((await search("田中1")).total, 3); // 田中1, 田中10, 田中11
      assert.equal((await search("存在しない")).total, 0);
      assert.deepEqual((await search("佐々木", 10)).items, []);
    });

    test("the count screen agrees, and a number range narrows it", async () => {
      assert.equal(await services.subscribers.count(ctx.principal, "acme", { field: "displayName", q: "田中", match: "partial", sort: "id", order: "asc", offset: 0, limit: 50 }), 8);
      assert.equal(
        await services.subscribers.count(ctx.principal, "acme", { field: "displayName", q: "田中", match: "partial", sort: "id", order: "asc", offset: 0, limit: 50, numberFrom: "0310000000", numberTo: "0310000005" }),
        4,
      );
    });
  });
}
