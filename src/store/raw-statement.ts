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
