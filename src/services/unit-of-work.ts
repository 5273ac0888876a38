// One transaction per write, with effects (cache invalidation, notifications) run only after commit.
import type { Db } from "../store/database.ts";
import { bumpDataVersion } from "../store/routing.store.ts";

export type Effect = () => void | Promise<void>;

export interface Work {
  readonly tx: Db;
  /** Queue an effect for after the commit; dropped if the transaction rolls back. */
  after(effect: Effect): void;
}

const commitListeners = new Set<() => void>();

/** Called after every committed write in this process (the routing snapshot listens). */
export function onCommit(listener: () => void): () => void {
  commitListeners.add(listener);
  return () => commitListeners.delete(listener);
}

/**
 * Runs a write in one transaction. It bumps the data version inside the transaction, so every server
 * process can tell its cached routing snapshot is stale, and notifies this process after the commit.
 */
export async function inTransaction<T>(db: Db, body: (work: Work) => Promise<T>): Promise<T> {
  const effects: Effect[] = [];
  const result = await db.transaction().execute(async (tx) => {
    const value = await body({ tx, after: (effect) => effects.push(effect) });
    await bumpDataVersion(tx);
    return value;
  });
  for (const listener of commitListeners) listener();
  for (const effect of effects) await effect();
  return result;
}
