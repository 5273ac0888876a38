// Sends the bulk use cases to a worker thread (services/bulk-worker.ts) and answers with what it says. The
// worker is started by the first job and ends after a minute without one: an idle server keeps no second
// thread, and a run of uploads and applies pays the start (about half a second) once.
import { Worker } from "node:worker_threads";
import { DomainError } from "../domain/errors.ts";
import type { Store } from "../store/database.ts";
import type { BulkJob, BulkMethod, BulkMethods, BulkReply, BulkWorkerData, WireError } from "./bulk-worker.ts";
import type { Clock } from "./context.ts";
import { announce } from "./unit-of-work.ts";

// Beside this module: the source when the server runs from src/, the built file in dist/server/ (scripts/build-server.js).
const workerFile = new URL(import.meta.url.endsWith(".ts") ? "./bulk-worker.ts" : "./bulk-worker.js", import.meta.url);

/** An error the worker sent back, as the API expects it: a catalogue error whole, any other with its code. */
export function fromWire(error: WireError): Error {
  if (!error.domain) return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
  return new DomainError(error.code, { status: error.status, field: error.field, details: error.details, message: { ja: error.ja, en: error.en } });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class BulkJobs {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #data: BulkWorkerData;
  readonly #idleMs: number;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(store: Store, clock: Clock, options: { sipRealm?: string | undefined; idleMs?: number } = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#data = { databaseUrl: store.source.databaseUrl, dataDir: store.source.dataDir, sipRealm: options.sipRealm };
    this.#idleMs = options.idleMs ?? 60_000;
    store.onClose(() => this.stop());
  }

  /**
   * Runs the use case in the worker. On the embedded database the server's own connection is held meanwhile:
   * other requests' queries wait, as they waited for a bulk transaction on that connection before, and no
   * write of theirs comes between the worker's read and its write. Requests that need no database (route
   * decisions, static files) are answered on a free event loop.
   */
  run<M extends BulkMethod>(method: M, ...args: BulkMethods[M]): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("the store is closed"));
    const job = () => this.#send(method, args);
    return this.#store.dialect === "sqlite" ? this.#store.db.connection().execute(job) : job();
  }

  #send(method: BulkMethod, args: unknown[]): Promise<unknown> {
    clearTimeout(this.#idle);
    const worker = this.#start();
    worker.ref();
    const id = this.#nextId;
    this.#nextId += 1;
    const answer = new Promise<unknown>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args, at: this.#clock().toISOString() } satisfies BulkJob);
    });
    return answer.finally(() => {
      if (this.#pending.size > 0 || this.#worker !== worker) return;
      worker.unref();
      this.#idle = setTimeout(() => this.#retire(worker), this.#idleMs);
      this.#idle.unref();
    });
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(workerFile, { workerData: this.#data });
    worker.on("message", (reply: BulkReply) => {
      if (reply.kind === "event") return announce(this.#store.db, reply.event);
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.kind === "done") pending?.resolve(reply.value);
      else pending?.reject(fromWire(reply.error));
    });
    worker.on("error", () => undefined);
    worker.once("exit", () => {
      if (this.#worker === worker) this.#worker = undefined;
      // A worker that ended mid-job (it should not): its transaction rolled back, the job failed.
      for (const [id, pending] of this.#pending) {
        this.#pending.delete(id);
        pending.reject(new Error("the bulk worker ended before answering"));
      }
    });
    this.#worker = worker;
    return worker;
  }

  /** Asks an idle worker to close its connection and end. */
  #retire(worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ kind: "stop" });
    return exited;
  }

  /** Ends the worker once its jobs are answered (the store closes after). */
  async stop(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idle);
    const worker = this.#worker;
    if (worker === undefined) return;
    worker.ref();
    await this.#retire(worker);
  }
}
