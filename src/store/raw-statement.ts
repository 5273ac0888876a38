// Statements written by hand for the bulk paths, where Kysely's builder would parse and visit every one of
// thousands of values (about 2 ms a statement of 1,000–5,000 values): the text and its parameters, with
// each dialect's placeholders.
import { CompiledQuery, PostgresAdapter } from "kysely";
import type { Db } from "./database.ts";

export type Parameter = string | number | null;

/** Collects parameters and hands out their placeholders: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
export class RawStatement {
  readonly parameters: Parameter[] = [];
  readonly #postgres: boolean;

  constructor(db: Db) {
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** The placeholder of a new parameter. */
  slot(value: Parameter): string {
    this.parameters.push(value);
    return this.#postgres ? `$${this.parameters.length}` : "?";
  }

  async execute(db: Db, text: string): Promise<void> {
    await db.executeQuery(CompiledQuery.raw(text, this.parameters));
  }
}

/**
 * The statements of one bulk write, run in order on one connection; made by `pipelined`. On PostgreSQL a
 * statement is handed over without waiting for the one before (the transaction's connection takes them
 * one after the other), so this thread builds the next statement while the database runs the last: a
 * 20,000-number change keeps both busy instead of each waiting on the other. On SQLite the driver runs a
 * statement on this thread, so each is awaited. A failed statement is thrown by a later `run` or by the
 * end of `pipelined`.
 */
export class Pipeline {
  readonly db: Db;
  readonly #postgres: boolean;
  readonly #pending: Promise<unknown>[] = [];

  constructor(db: Db) {
    this.db = db;
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Whether a statement runs while this thread goes on (PostgreSQL), rather than on it (SQLite). */
  get concurrent(): boolean {
    return this.#postgres;
  }

  statement(): RawStatement {
    return new RawStatement(this.db);
  }

  async run(statement: RawStatement, text: string): Promise<void> {
    const done = statement.execute(this.db, text);
    if (!this.#postgres) return done;
    // Observed here so that a failure is never unhandled; awaited (and thrown) in order below.
    done.catch(() => undefined);
    this.#pending.push(done);
    // A few in flight: each holds its parameters until it has run.
    if (this.#pending.length > 3) await this.#pending.shift();
  }

  /** Waits for every statement handed over, in order; throws the first failure. */
  async finish(): Promise<void> {
    while (this.#pending.length > 0) await this.#pending.shift();
  }

  /** Waits for every statement handed over to have run or failed. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#pending.splice(0));
  }
}

/**
 * Runs `body` with a pipeline of statements on `db` (a transaction) and waits for them all. Whatever
 * happens, no statement is left waiting when this returns or throws: a transaction that fails rolls back
 * on its connection at once, and a statement still queued behind would then run after the rollback,
 * outside the transaction.
 */
export async function pipelined<T>(db: Db, body: (writes: Pipeline) => Promise<T>): Promise<T> {
  const writes = new Pipeline(db);
  try {
    const result = await body(writes);
    await writes.finish();
    return result;
  } finally {
    await writes.settle();
  }
}
