// quality.md: a partial-match subscriber search uses the trigram index, not a scan of the table.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CompiledQuery, sql } from "kysely";
import { subscriberSearchQuery } from "../../src/store/subscriber.store.ts";
import { like, likePattern } from "../../src/store/search.ts";
import { storeWarnings } from "../../src/store/database.ts";
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
      assert.equal((await search("佐々木", 10)).total, 4, "a page past the end still tells the total");
    });

    test("partial matches sort by the chosen column either way, ties by id", async () => {
      const byNumberDesc = await services.subscribers.search(ctx.principal, "acme", { field: "displayName", q: "田中", match: "partial", sort: "number", order: "desc", offset: 0, limit: 3 });
      assert.equal(byNumberDesc.total, 8);
      assert.deepEqual(byNumberDesc.items.map((s) => s.id), ["acme-11", "acme-10", "acme-8"]);
      const byId = await services.subscribers.search(ctx.principal, "acme", { field: "id", q: "me-1", match: "partial", sort: "id", order: "asc", offset: 1, limit: 2 });
      assert.equal(byId.total, 3); // acme-1, acme-10, acme-11
      assert.deepEqual(byId.items.map((s) => s.id), ["acme-10", "acme-11"]);
    });

    test("a partial search by extension finds the extensions as they are now, within the enterprise", async () => {
      // Extensions are in the trigram index, kept by the triggers on subscribers: a change or a deletion takes
      // the old text out of the results.
      const site = await services.extensionGroups.create(ctx, "acme", { name: "本社", siteNumber: "1" });
      const other = await services.extensionGroups.create(ctx, "acme2", { name: "本社", siteNumber: "1" });
      await services.extensionGroups.setMembers(ctx, "acme", site.id, [
        { subscriberId: "acme-1", extension: "47101" },
        { subscriberId: "acme-2", extension: "47102" },
        { subscriberId: "acme-3", extension: "39999" },
      ]);
      await services.extensionGroups.setMembers(ctx, "acme2", other.id, [{ subscriberId: "acme2-1", extension: "47103" }]);
      const byExtension = (q: string) =>
        services.subscribers.search(ctx.principal, "acme", { field: "extension", q, match: "partial", sort: "extension", order: "asc", offset: 0, limit: 50 });
      assert.deepEqual((await byExtension("710")).items.map((s) => [s.id, s.extension]), [["acme-1", "47101"], ["acme-2", "47102"]]);
      // acme-2 moves to another extension; a name change re-indexes the name, and the extension stays found.
      await services.extensionGroups.setMembers(ctx, "acme", site.id, [
        { subscriberId: "acme-1", extension: "47101" },
        { subscriberId: "acme-2", extension: "58102" },
        { subscriberId: "acme-3", extension: "39999" },
      ]);
      const renamed = await services.subscribers.get(ctx.principal, "acme", "acme-3");
      await services.subscribers.updateInfo(ctx, "acme", "acme-3", { displayName: "改名 一郎" }, renamed.subscriber.version);
      assert.deepEqual((await byExtension("710")).items.map((s) => s.id), ["acme-1"]);
      assert.equal((await byExtension("810")).total, 1);
      assert.deepEqual((await byExtension("999")).items.map((s) => s.id), ["acme-3"]);
      assert.equal((await services.subscribers.search(ctx.principal, "acme", { field: "displayName", q: "改名 一", match: "partial", sort: "id", order: "asc", offset: 0, limit: 50 })).total, 1);
      const inOther = (q: string) =>
        services.subscribers.search(ctx.principal, "acme2", { field: "extension", q, match: "partial", sort: "extension", order: "asc", offset: 0, limit: 50 });
      assert.deepEqual((await inOther("4710")).items.map((s) => s.id), ["acme2-1"]);
      await services.subscribers.remove(ctx, "acme2", "acme2-1");
      assert.equal((await inOther("4710")).total, 0);
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

// Migration 0008: on PostgreSQL the trigram indexes are on lower(column). A partial search still reads one
// of them, case-insensitively; a list of numbers or ids (the forwarding-loop check, bulk registration)
// can no longer be answered from one, whose posting lists hold nearly every row, and goes to the B-trees.
if (dialects().includes("postgres")) {
  describe("trigram indexes and lists of values (postgres)", () => {
    let t: TestStore;
    let services: Services;
    const ctx = { principal: { role: "operator", loginId: "operator" } as const, ip: "127.0.0.1" };
    const numbers = Array.from({ length: 300 }, (_, i) => `031${String(i).padStart(7, "0")}`);
    before(async () => {
      t = await createTestStore("postgres");
      services = createServices(t.store, { sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
      await services.enterprises.create(ctx, { id: "acme", name: "企業acme", lineId1: "LINE-acme", administratorPassword: "Search-Admin-2026" });
      for (const [i, number] of numbers.slice(0, 30).entries()) {
        await services.subscribers.create(ctx, "acme", { id: `acme-${i}`, number, displayName: i % 2 === 0 ? `John Smith${i}` : `山田 花子${i}` });
      }
      await sql`analyze subscribers`.execute(t.store.db);
    });
    after(async () => t.dispose());

    /** The plan PostgreSQL makes when a table scan is off the table: which index it would pick. */
    async function plan(statement: { sql: string; parameters: readonly unknown[] }): Promise<string> {
      return t.store.db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        const bound = await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]));
        return bound.rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    }

    test("300 numbers at once are looked up in the unique index, not a trigram index", async () => {
      const compiled = t.store.db.selectFrom("subscribers").selectAll().where("number", "in", numbers).compile();
      const details = await plan(compiled);
      assert.match(details, /subscribers_number_key/, details);
      assert.doesNotMatch(details, /_trgm/, details);
    });

    test("a partial search's condition can read the trigram index, and ignores case", async () => {
      // The search's own condition (store/search.ts), alone: it must be written on the indexed expression.
      const compiled = t.store.db.selectFrom("subscribers").select("id").where((eb) => like(eb.ref("display_name"), likePattern("smith", "partial"), "postgres")).compile();
      const details = await plan(compiled);
      assert.match(details, /subscribers_display_name_trgm/, details);
      const found = await services.subscribers.search(ctx.principal, "acme", { field: "displayName", q: "SMITH1", match: "partial", sort: "displayName", order: "asc", offset: 0, limit: 50 });
      assert.deepEqual(found.items.map((s) => s.displayName), ["John Smith10", "John Smith12", "John Smith14", "John Smith16", "John Smith18"]);
    });

    test("a partial search within an enterprise asks one trigram index for both the enterprise and the text", async () => {
      // Migration 0011: the enterprise is a key of the trigram index, so no bitmap of the enterprise's
      // B-tree (every number it has) is built and intersected with the text's. The plan is made on a
      // larger enterprise (5,000 more numbers, rolled back), where the choice matters.
      const compiled = t.store.db
        .selectFrom("subscribers")
        .select("id")
        .where("enterprise_id", "=", "acme")
        .where((eb) => like(eb.ref("display_name"), likePattern("花子1", "partial"), "postgres"))
        .compile();
      const details = await t.store.db
        .transaction()
        .execute(async (tx) => {
          const columns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'subscribers' order by ordinal_position`.execute(tx)).rows.map((r) => r.name);
          const replaced: Record<string, string> = { id: "'bulk-' || g", number: "'039' || lpad(g::text, 7, '0')", display_name: "'社員 ' || g", extension: "null" };
          const list = columns.map((c) => `"${c}"`).join(", ");
          const values = columns.map((c) => replaced[c] ?? `s."${c}"`).join(", ");
          await sql.raw(`insert into subscribers (${list}) select ${values} from subscribers s, generate_series(1, 5000) g where s.id = 'acme-1'`).execute(tx);
          await sql`analyze subscribers`.execute(tx);
          const bound = await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
          throw Object.assign(new Error("roll back"), { plan: bound.rows.map((r) => r["QUERY PLAN"]).join("\n") });
        })
        .catch((error: { plan?: string }) => error.plan ?? String(error));
      assert.match(details, /Bitmap Index Scan on subscribers_display_name_trgm\b.*\n\s+Index Cond: \(\(enterprise_id = /, details);
      assert.doesNotMatch(details, /subscribers_enterprise_id|BitmapAnd/, details);
      assert.equal((await services.subscribers.search(ctx.principal, "acme", { field: "displayName", q: "花子1", match: "partial", sort: "id", order: "asc", offset: 0, limit: 50 })).total, 6); // 花子1, 花子11 … 花子19
    });
  });
}

// README, PostgreSQL: under a character type that is not UTF-8, pg_trgm takes no kanji or kana into its
// trigrams; start-up says so.
if (dialects().includes("postgres")) {
  describe("start-up advice on the database's character type (postgres)", () => {
    test("a C-locale database is reported, a C.UTF-8 one is not, and the embedded database never", async () => {
      const plain = await createTestStore("postgres", { locale: "C" });
      const utf8 = await createTestStore("postgres", { locale: "C.UTF-8" });
      const embedded = await createTestStore("sqlite");
      try {
        const [warning] = await storeWarnings(plain.store);
        assert.match(warning ?? "", /character type is "C", not UTF-8.*--locale=C\.UTF-8/);
        assert.deepEqual(await storeWarnings(utf8.store), []);
        assert.deepEqual(await storeWarnings(embedded.store), []);
      } finally {
        await Promise.all([plain.dispose(), utf8.dispose(), embedded.dispose()]);
      }
    });
  });
}
