// The embedded database's WAL checkpoints, off the server's thread (store/checkpoint-worker.ts). The
// server's connection no longer checkpoints in its commits (wal_autocheckpoint = 0), so a commit after a
// long write costs what the commit costs, not the copy of every page it wrote. The worker is started when
// the WAL has grown and ends once idle: an idle server keeps no second thread's memory.
import { stat } from "node:fs/promises";
import type { DatabaseSync } from "node:sqlite";
import { Worker } from "node:worker_threads";
import type { CheckpointDone } from "./checkpoint-worker.ts";

// Beside this module: the source when the server runs from src/, the built file in dist/server/ (scripts/build-server.js).
const workerFile = new URL(import.meta.url.endsWith(".ts") ? "./checkpoint-worker.ts" : "./checkpoint-worker.js", import.meta.url);

export interface CheckpointerOptions {
  /** How often the WAL's size is looked at (default 250 ms). */
  readonly intervalMs?: number;
  /** The WAL size past which a checkpoint runs (default 4 MB: SQLite's own 1,000 pages of 4 KB). */
  readonly thresholdBytes?: number;
  /** How long the worker stays without work before it ends (default 2 s). */
  readonly idleMs?: number;
}

export class Checkpointer {
  readonly #file: string;
  readonly #connection: DatabaseSync;
  readonly #thresholdBytes: number;
  readonly #idleMs: number;
  readonly #timer: NodeJS.Timeout;
  readonly #waiting: ((done: CheckpointDone) => void)[] = [];
  #worker: Worker | undefined;
  #running = false;
  /** The WAL's modification time when a checkpoint last copied all of it: unchanged, nothing to copy. */
  #copied = 0;
  #stopped = false;

  /** Checkpoints `file` beside `connection`, which stops checkpointing itself. */
  constructor(file: string, connection: DatabaseSync, options: CheckpointerOptions = {}) {
    this.#file = file;
    this.#connection = connection;
    this.#thresholdBytes = options.thresholdBytes ?? 4 * 1024 * 1024;
    this.#idleMs = options.idleMs ?? 2_000;
    connection.exec("PRAGMA wal_autocheckpoint = 0");
    // A look that fails (the worker ended as it was asked) is simply the next look's to do again.
    this.#timer = setInterval(() => void this.#look().catch(() => undefined), options.intervalMs ?? 250);
    this.#timer.unref();
  }

  async #look(): Promise<void> {
    if (this.#running || this.#stopped) return;
    const wal = await stat(`${this.#file}-wal`).catch(() => undefined);
    if (wal === undefined || wal.size < this.#thresholdBytes || wal.mtimeMs === this.#copied) return;
    await this.#checkpoint(wal.mtimeMs);
  }

  /** Runs one checkpoint in the worker (started if need be); `mtimeMs` is the WAL's as it was looked at. */
  async #checkpoint(mtimeMs: number): Promise<CheckpointDone> {
    this.#running = true;
    try {
      const done = await new Promise<CheckpointDone>((resolve, reject) => {
        const worker = this.#start();
        const settle = (value: CheckpointDone | Error) => {
          worker.off("message", settle);
          worker.off("exit", ended);
          if (value instanceof Error) reject(value);
          else resolve(value);
        };
        const ended = () => settle(new Error("the checkpoint worker ended"));
        worker.on("message", settle);
        worker.on("exit", ended);
        worker.postMessage({ kind: "checkpoint" });
      });
      // Frames a reader still needed stay in the WAL: the next look tries again.
      if (done.log === done.checkpointed) this.#copied = mtimeMs;
      for (const resolve of this.#waiting.splice(0)) resolve(done);
      return done;
    } finally {
      this.#running = false;
    }
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(workerFile, { workerData: { file: this.#file, idleMs: this.#idleMs } });
    // It never keeps the process alive: a server that is done exits, and its connection's close
    // checkpoints what is left.
    worker.unref();
    worker.on("error", () => {
      // A worker that fails (it should not) hands checkpoints back to the connection.
      this.#stopped = true;
      clearInterval(this.#timer);
      if (this.#connection.isOpen) this.#connection.exec("PRAGMA wal_autocheckpoint = 1000");
    });
    worker.once("exit", () => {
      if (this.#worker === worker) this.#worker = undefined;
    });
    this.#worker = worker;
    return worker;
  }

  /** The next checkpoint that copies frames back, whatever started it. */
  next(): Promise<CheckpointDone> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** A checkpoint now, whatever the WAL's size. */
  async now(): Promise<CheckpointDone> {
    while (this.#running) await new Promise((resolve) => setTimeout(resolve, 10));
    const wal = await stat(`${this.#file}-wal`).catch(() => undefined);
    return this.#checkpoint(wal?.mtimeMs ?? 0);
  }

  /** Stops looking and ends the worker; the store's own close checkpoints what is left. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    const worker = this.#worker;
    if (worker === undefined) return;
    // Held while it stops: a process awaiting the close must not end before the worker has.
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ kind: "stop" });
    await exited;
  }
}
