// A Kysely SqliteDatabase over Node's built-in node:sqlite (no native add-on), with a prepared-statement cache.
import { DatabaseSync, type StatementSync, type SQLInputValue } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

const statementCacheSize = 256;

/** Kysely's SQLite dialect speaks the better-sqlite3 API; this adapts node:sqlite to it. */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  // Kysely prepares every query it runs; hot queries are the same few strings, so keep their statements.
  readonly #statements = new Map<string, SqliteStatement>();

  readonly fileName: string;

  /** `pageCacheMb`: the connection's page cache (SQLite's own default is 2 MB). */
  constructor(fileName: string, pageCacheMb?: number) {
    this.fileName = fileName;
    this.#db = new DatabaseSync(fileName, { enableForeignKeyConstraints: true });
    // quality.md: WAL, foreign keys on, synchronous=FULL for the store.
    this.#db.exec("PRAGMA journal_mode = WAL");
    this.#db.exec("PRAGMA synchronous = FULL");
    this.#db.exec("PRAGMA foreign_keys = ON");
    this.#db.exec("PRAGMA busy_timeout = 5000");
    if (pageCacheMb !== undefined) this.#db.exec(`PRAGMA cache_size = ${-Math.round(pageCacheMb * 1024)}`);
  }

  get raw(): DatabaseSync {
    return this.#db;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) return cached;
    const statement = adapt(this.#db.prepare(sql));
    if (this.#statements.size >= statementCacheSize) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

function toSqlite(values: ReadonlyArray<unknown>): SQLInputValue[] {
  // A plain loop with strings first: bulk statements bind a thousand parameters, most of them text.
  const out = new Array<SQLInputValue>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (typeof v === "string" || typeof v === "number") out[i] = v;
    else if (v === undefined || v === null) out[i] = null;
    else if (typeof v === "boolean") out[i] = v ? 1 : 0;
    else if (v instanceof Date) out[i] = v.toISOString();
    else if (typeof v === "bigint" || v instanceof Uint8Array) out[i] = v;
    else throw new TypeError(`unsupported SQLite parameter of type ${typeof v}`);
  }
  return out;
}

function adapt(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...toSqlite(parameters)),
    run: (parameters) => {
      const result = statement.run(...toSqlite(parameters));
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...toSqlite(parameters)),
  };
}
