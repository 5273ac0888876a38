// Opens the store (embedded SQLite or PostgreSQL), runs the migrations and closes it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type MigrationResult } from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index.ts";
import type { Dialect, Schema } from "./schema.ts";
import { Checkpointer } from "./checkpointer.ts";
import { NodeSqliteDatabase } from "./sqlite-driver.ts";
import { YieldPlugin } from "./yield-plugin.ts";

// COUNT(*) and other int8 results come back from pg as strings; every count of ours fits a double.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = Kysely<Schema>;

export interface Store {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The embedded database, for online backups; undefined on PostgreSQL. */
  readonly sqlite: NodeSqliteDatabase | undefined;
  /** The embedded database's WAL checkpoints, run beside the connection; undefined on PostgreSQL. */
  readonly checkpointer: Checkpointer | undefined;
  /** Where the data lives, for messages (a file name or the PostgreSQL URL without its password). */
  readonly location: string;
  /** Where it was opened from, to open the same database again (a worker thread's own connection). */
  readonly source: { readonly databaseUrl: string | undefined; readonly dataDir: string };
  /** Runs `hook` first when the store closes (a worker thread using the database ends before it). */
  onClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface StoreOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
  /** Told when an idle PostgreSQL connection fails (it is replaced on the next query). */
  readonly onIdleError?: (error: Error) => void;
  /** Told of every query with its SQL, parameters and duration (slow-query logs, benchmarks). */
  readonly log?: (event: LogEvent) => void;
  /** The embedded database's WAL checkpoints (store/checkpointer.ts); off for a second connection in the same process. */
  readonly checkpoints?: boolean;
  /**
   * The embedded database's page cache, in MB. The server's connection keeps 64 MB: a partial search of
   * the 20,000-number enterprise reads its 1,000–2,000 matching rows by rowid, and with SQLite's default
   * 2 MB each read copied its page from the file again (about 1.6 µs a row against 0.7 µs cached,
   * docs/performance.md). The cache fills only with pages read, so a small database stays small; the bulk
   * worker's connection, which streams whole enterprises once, keeps SQLite's default (2 MB) so an export
   * does not grow the process by the pages it passes through.
   */
  readonly pageCacheMb?: number;
}

export function openStore(options: StoreOptions): Store {
  const hooks: (() => Promise<void>)[] = [];
  const onClose = (hook: () => Promise<void>) => void hooks.push(hook);
  const closeHooks = async () => {
    for (const hook of hooks.splice(0)) await hook();
  };
  const source = { databaseUrl: options.databaseUrl, dataDir: options.dataDir };
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, an administrator) must not take the
    // process down: the pool drops it and opens a new one for the next query.
    pool.on("error", (error) => options.onIdleError?.(error));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), ...(options.log === undefined ? {} : { log: options.log }) });
    return {
      db,
      dialect: "postgres",
      sqlite: undefined,
      checkpointer: undefined,
      location: redactUrl(options.databaseUrl),
      source,
      onClose,
      close: async () => {
        await closeHooks();
        await db.destroy();
      },
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, "centrex.db");
  const sqlite = new NodeSqliteDatabase(file, options.pageCacheMb ?? 64);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new YieldPlugin()], ...(options.log === undefined ? {} : { log: options.log }) });
  const checkpointer = options.checkpoints === false ? undefined : new Checkpointer(file, sqlite.raw);
  const close = async () => {
    await closeHooks();
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, dialect: "sqlite", sqlite, checkpointer, location: file, source, onClose, close };
}

export async function migrateToLatest(store: Store): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

/**
 * Start-up advice about the database, for the log. PostgreSQL under a character type that is not UTF-8
 * (`C`, `POSIX`): pg_trgm then takes no kanji or kana into its trigrams, so partial search on Japanese
 * text cannot use its index (README, PostgreSQL).
 */
export async function storeWarnings(store: Store): Promise<string[]> {
  if (store.dialect !== "postgres") return [];
  const result = await sql<{ ctype: string }>`select current_setting('lc_ctype') as ctype`.execute(store.db);
  const ctype = result.rows[0]?.ctype ?? "";
  if (/utf-?8/i.test(ctype)) return [];
  return [
    `The PostgreSQL database's character type is "${ctype}", not UTF-8: partial search cannot use its trigram indexes for Japanese text and reads the table instead. Create the database with --locale=C.UTF-8 (README, PostgreSQL).`,
  ];
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
