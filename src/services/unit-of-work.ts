// One transaction per write, with effects (cache invalidation, notifications) run only after commit.
import type { Db } from "../store/database.ts";
import { bumpDataVersion } from "../store/routing.store.ts";

export type Effect = () => void | Promise<void>;

export interface Work {
  readonly tx: Db;
  /** Queue an effect for after the commit; dropped if the transaction rolls back. */
  after(effect: Effect): void;
}

/**
 * What a write may have changed of the data a routing snapshot holds: some numbers' own settings, some
 * enterprises (anything of theirs), or anything at all. The audit trail says it (services/audit.ts
 * notes each event here): every change is audited, and a write whose events don't say which enterprise
 * (or that wrote none) counts as a change to everything.
 */
export type ChangeScope =
  | {
      readonly enterprises: ReadonlySet<string>;
      readonly subscribers: ReadonlySet<string>;
      /** Enterprises whose numbers changed only their pickup and hunt groups (read again in part). */
      readonly memberships?: ReadonlySet<string>;
    }
  | "everything";

/** Told of a write to one database: before its commit (with the data version it makes) and after. */
export interface CommitListener {
  /** Inside the transaction, which still holds the data-version row: no other write can take `version`. */
  prepared(version: number, scope: ChangeScope): void;
  /** After the commit. */
  committed(version: number): void;
  /** The transaction rolled back after `prepared`: `version` was never committed. */
  rolledBack(version: number): void;
}

const listeners = new WeakMap<Db, Set<CommitListener>>();

/** Listens to every write committed through `inTransaction` on `db` in this process (the routing snapshot does). */
export function onCommit(db: Db, listener: CommitListener): () => void {
  let set = listeners.get(db);
  if (set === undefined) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Subscriber-scoped changes at most this many numbers; a larger one refreshes the enterprise. */
const subscriberScopeMax = 500;

interface Scope {
  everything: boolean;
  enterprises: Set<string>;
  subscribers: Set<string>;
  memberships: Set<string>;
  /** The enterprises of `subscribers`: refreshed whole when the numbers are too many. */
  ofSubscribers: Set<string>;
  events: number;
}

const scopes = new WeakMap<Db, Scope>();

/** Audit actions that change one number's own row and nothing else. */
const ownRowOnly = /^(subscriber\.(update$|provision$|initialize$|forwarding\.|callSettings\.|password\.|terminal\.|backup\.)|featureCode\.)/;

/**
 * Audit actions that change nothing the routing snapshot holds (store/routing.store.ts reads enterprises,
 * numbers, schedules and groups): logins and their groups, API tokens, phonebooks, notices, the forward
 * destination list, uploads (an upload is checked and kept, not applied). Without this, each upload of a
 * 20,000-line file read the enterprise's 20,000 numbers again on the server's thread for nothing.
 */
const outsideRouting = /^(account\.|adminGroup\.|apiToken\.|bulletin\.|forwardDestinations\.|import\.(create|delete)$|notices\.|operator\.|phonebook\.|session\.)/;

/**
 * An audited change, as the routing snapshot sees it. Actions that change nothing but one number's own
 * row (its information, forwarding, call settings, terminal and its backup, passwords, feature codes)
 * are scoped to the number; the refresh itself widens to the enterprise when the row moved in the
 * snapshot's indexes (its number, extension or groups). A change outside the routing data refreshes
 * nothing; one that says it moved numbers between pickup and hunt groups alone (`routing: "memberships"`,
 * a bulk registration of those) reads only those columns of the enterprise's numbers. Any other change of
 * an enterprise's refreshes the enterprise.
 */
export function noteChange(tx: Db, change: { action: string; enterpriseId: string | null; targetType: string; targetId: string; routing?: "memberships" }): void {
  const scope = scopes.get(tx);
  if (scope === undefined) return;
  scope.events += 1;
  if (outsideRouting.test(change.action)) return;
  if (change.enterpriseId === null) {
    scope.everything = true;
  } else if (change.targetType === "subscriber" && ownRowOnly.test(change.action)) {
    scope.subscribers.add(change.targetId);
    scope.ofSubscribers.add(change.enterpriseId);
  } else if (change.routing === "memberships") {
    scope.memberships.add(change.enterpriseId);
  } else {
    scope.enterprises.add(change.enterpriseId);
  }
}

function changeScope(scope: Scope): ChangeScope {
  if (scope.everything || scope.events === 0) return "everything";
  const enterprises = scope.subscribers.size > subscriberScopeMax ? new Set([...scope.enterprises, ...scope.ofSubscribers]) : scope.enterprises;
  const subscribers = scope.subscribers.size > subscriberScopeMax ? new Set<string>() : scope.subscribers;
  const memberships = new Set([...scope.memberships].filter((e) => !enterprises.has(e)));
  return memberships.size === 0 ? { enterprises, subscribers } : { enterprises, subscribers, memberships };
}

/**
 * Runs a write in one transaction. It bumps the data version inside the transaction, so every server
 * process can tell its cached routing snapshot is stale, and tells this process's listeners what changed.
 */
export async function inTransaction<T>(db: Db, body: (work: Work) => Promise<T>): Promise<T> {
  const effects: Effect[] = [];
  const registered = listeners.get(db);
  let prepared: number | undefined;
  let result: T;
  try {
    result = await db.transaction().execute(async (tx) => {
      const scope: Scope = { everything: false, enterprises: new Set(), subscribers: new Set(), memberships: new Set(), ofSubscribers: new Set(), events: 0 };
      scopes.set(tx, scope);
      const value = await body({ tx, after: (effect) => effects.push(effect) });
      prepared = await bumpDataVersion(tx);
      if (registered !== undefined) {
        const changed = changeScope(scope);
        for (const listener of registered) listener.prepared(prepared, changed);
      }
      return value;
    });
  } catch (error) {
    if (prepared !== undefined && registered !== undefined) for (const listener of registered) listener.rolledBack(prepared);
    throw error;
  }
  if (prepared !== undefined && registered !== undefined) for (const listener of registered) listener.committed(prepared);
  for (const effect of effects) await effect();
  return result;
}

/** A commit listener's event, as it crosses from a worker thread's connection to this process's listeners. */
export type CommitEvent =
  | {
      readonly kind: "prepared";
      readonly version: number;
      readonly scope: "everything" | { readonly enterprises: string[]; readonly subscribers: string[]; readonly memberships?: string[] };
    }
  | { readonly kind: "committed" | "rolledBack"; readonly version: number };

/** Hands every commit event of `db` (a worker thread's connection) to `send`, as it happens. */
export function forwardCommits(db: Db, send: (event: CommitEvent) => void): () => void {
  return onCommit(db, {
    prepared: (version, scope) =>
      send({
        kind: "prepared",
        version,
        scope:
          scope === "everything"
            ? scope
            : { enterprises: [...scope.enterprises], subscribers: [...scope.subscribers], ...(scope.memberships === undefined ? {} : { memberships: [...scope.memberships] }) },
      }),
    committed: (version) => send({ kind: "committed", version }),
    rolledBack: (version) => send({ kind: "rolledBack", version }),
  });
}

/**
 * Tells this process's listeners on `db` of a write a worker thread's connection to the same database made
 * (services/bulk-worker.ts), in the order it happened: the routing snapshot then refreshes what it changed,
 * as after a write of its own.
 */
export function announce(db: Db, event: CommitEvent): void {
  const registered = listeners.get(db);
  if (registered === undefined) return;
  for (const listener of registered) {
    if (event.kind === "prepared") {
      const { scope } = event;
      listener.prepared(
        event.version,
        scope === "everything"
          ? scope
          : { enterprises: new Set(scope.enterprises), subscribers: new Set(scope.subscribers), ...(scope.memberships === undefined ? {} : { memberships: new Set(scope.memberships) }) },
      );
    } else if (event.kind === "committed") listener.committed(event.version);
    else listener.rolledBack(event.version);
  }
}
