// Runs the embedded database's WAL checkpoints on a thread of their own (store/checkpoint-worker.ts): the
// server's connection no longer checkpoints in its commits (wal_autocheckpoint = 0), so a commit after a
// long write costs what the commit costs, not the copy of every page it wrote.
import { Worker } from "node:worker_threads";
import type { DatabaseSync } from "node:sqlite";
import type { CheckpointDone } from "./checkpoint-worker.ts";

// Beside this module: the source when the server runs from src/, the built file in dist/server/ (scripts/build-server.js).
const workerFile = new URL(import.meta.url.endsWith(".ts") ? "./checkpoint-worker.ts" : "./checkpoint-worker.js", import.meta.url);

export interface CheckpointerOptions {
  /** How often the worker looks at the WAL (default 250 ms). */
  readonly intervalMs?: number;
  /** The WAL size past which it checkpoints (default 4 MB, SQLite's 1,000 pages of 4 KB). */
  readonly thresholdBytes?: number;
}

export class Checkpointer {
  readonly #worker: Worker;
  readonly #waiting: ((done: CheckpointDone) => void)[] = [];
  #stopped: Promise<void> | undefined;
  #exited = false;

  /** Starts checkpointing `file` beside `connection`, which stops checkpointing itself. */
  constructor(file: string, connection: DatabaseSync, options: CheckpointerOptions = {}) {
    this.#worker = new Worker(workerFile, {
      workerData: { file, intervalMs: options.intervalMs ?? 250, thresholdBytes: options.thresholdBytes ?? 4 * 1024 * 1024 },
    });
    // It never keeps the process alive: a server that is done exits, and its connection's close
    // checkpoints what is left.
    this.#worker.unref();
    this.#worker.on("message", (message: { kind: "checkpointed" } & CheckpointDone) => {
      for (const resolve of this.#waiting.splice(0)) resolve(message);
    });
    // A worker that ends before it is stopped (it should not) hands checkpoints back to the connection.
    this.#worker.on("error", () => undefined);
    this.#worker.once("exit", () => {
      this.#exited = true;
      if (this.#stopped === undefined && connection.isOpen) connection.exec("PRAGMA wal_autocheckpoint = 1000");
    });
    connection.exec("PRAGMA wal_autocheckpoint = 0");
  }

  /** The next checkpoint the worker finishes, whatever started it. */
  next(): Promise<CheckpointDone> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** A checkpoint now, whatever the WAL's size. */
  now(): Promise<CheckpointDone> {
    const done = this.next();
    this.#worker.postMessage({ kind: "now" });
    return done;
  }

  /** Stops the worker and closes its connection; the store's own close checkpoints what is left. */
  stop(): Promise<void> {
    if (this.#exited) return Promise.resolve();
    this.#stopped ??= new Promise<void>((resolve) => {
      // Held again while it stops: a process awaiting the close must not end before the worker has.
      this.#worker.ref();
      this.#worker.once("exit", () => resolve());
      this.#worker.postMessage({ kind: "stop" });
    });
    return this.#stopped;
  }
}
