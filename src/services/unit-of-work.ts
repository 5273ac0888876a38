// One transaction per write, with effects (cache invalidation, notifications) run only after commit.
import type { Db } from "../store/database.ts";

export type Effect = () => void | Promise<void>;

export interface Work {
  readonly tx: Db;
  /** Queue an effect for after the commit; dropped if the transaction rolls back. */
  after(effect: Effect): void;
}

export async function inTransaction<T>(db: Db, body: (work: Work) => Promise<T>): Promise<T> {
  const effects: Effect[] = [];
  const result = await db.transaction().execute((tx) => body({ tx, after: (effect) => effects.push(effect) }));
  for (const effect of effects) await effect();
  return result;
}
