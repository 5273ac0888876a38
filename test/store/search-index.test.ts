// quality.md: a partial-match subscriber search uses the trigram index, not a scan of the table.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { subscriberSearchQuery } from "../../src/store/subscriber.store.ts";
import { createTestStore, type TestStore } from "../support/db.ts";

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
