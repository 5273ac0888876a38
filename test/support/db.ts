// The databases every store/API test runs on: the embedded SQLite always, PostgreSQL when the run has one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { migrateToLatest, openStore, type Store } from "../../src/store/database.ts";
import { migrations } from "../../src/store/migrations/index.ts";
import type { Dialect } from "../../src/store/schema.ts";

/** Set by scripts/test.ts (a throwaway cluster) or by the developer (an existing server). */
export const adminUrl = process.env.CENTREX_TEST_PG_URL;

export function dialects(): Dialect[] {
  return adminUrl === undefined ? ["sqlite"] : ["sqlite", "postgres"];
}

export interface TestStore {
  readonly store: Store;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

let counter = 0;

/**
 * A new, empty, migrated database of the dialect: every test server gets its own. On PostgreSQL it has
 * the cluster's locale (C.UTF-8, scripts/pg-cluster.ts) unless `locale` names another.
 */
/**
 * A throwaway store, migrated to the latest schema; `migrateTo` stops at an earlier migration (the
 * previous release's schema, for testing the migrations that follow it).
 */
export async function createTestStore(dialect: Dialect, options: { locale?: string; migrateTo?: string } = {}): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "centrex-test-"));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => undefined as void;
  if (dialect === "postgres") {
    if (adminUrl === undefined) throw new Error("PostgreSQL tests need CENTREX_TEST_PG_URL (npm test starts a cluster)");
    counter += 1;
    const name = `centrex_${process.pid}_${counter}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(options.locale === undefined ? `create database ${name}` : `create database ${name} template template0 locale '${options.locale}'`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const store = openStore({ databaseUrl, dataDir, poolSize: 5 });
  if (options.migrateTo === undefined) await migrateToLatest(store);
  else {
    const { error } = await new Migrator({ db: store.db, provider: { getMigrations: async () => migrations(store.dialect) } }).migrateTo(options.migrateTo);
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  }
  let disposed = false;
  return {
    store,
    dataDir,
    databaseUrl,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await store.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
