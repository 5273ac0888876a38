// Sends the bulk use cases and the subscriber list export to a worker thread (services/bulk-worker.ts) and
// answers with what it says. The worker is started by the first job and ends after a minute without one:
// an idle server keeps no second thread, and a run of uploads and applies pays the start (about half a
// second) once.
import { Worker } from "node:worker_threads";
import type { Store } from "../store/database.ts";
import { lowerHelperThreadsPriority } from "../store/thread-priority.ts";
import { fromWire, type BulkJob, type BulkMethod, type BulkMethods, type BulkReply, type BulkWorkerData, type StreamMethod, type StreamMethods, type StreamRequest } from "./bulk-protocol.ts";
import type { Clock } from "./context.ts";
import { announce } from "./unit-of-work.ts";

// Beside this module: the source when the server runs from src/, the built file in dist/server/ (scripts/build-server.js).
const workerFile = new URL(import.meta.url.endsWith(".ts") ? "./bulk-worker.ts" : "./bulk-worker.js", import.meta.url);

type Reply = Exclude<BulkReply, { kind: "event" }>;

export class BulkJobs {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #data: BulkWorkerData;
  readonly #idleMs: number;
  /** What waits for the worker's replies: a job's answer, or a stream's next reply. */
  readonly #handlers = new Map<number, (reply: Reply | Error) => void>();
  /** Jobs waiting for their answer and streams not yet ended: while any, the worker stays. */
  #busy = 0;
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
    // The garbage collection of bulk work runs on V8's helper threads: below the server's thread, as the worker.
    lowerHelperThreadsPriority();
  }

  /**
   * Runs the use case in the worker. On the embedded database the server's own connection is held meanwhile:
   * other requests' queries wait, as they waited for a bulk transaction on that connection before, and no
   * write of theirs comes between the worker's read and its write. Requests that need no database (route
   * decisions, static files) are answered on a free event loop.
   */
  run<M extends BulkMethod>(method: M, ...args: BulkMethods[M]): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("the store is closed"));
    const job = () => this.#job(method, args);
    return this.#store.dialect === "sqlite" ? this.#store.db.connection().execute(job) : job();
  }

  #job(method: BulkMethod, args: unknown[]): Promise<unknown> {
    const worker = this.#acquire();
    const id = this.#id();
    return new Promise<unknown>((resolve, reject) => {
      this.#handlers.set(id, (reply) => {
        this.#handlers.delete(id);
        if (reply instanceof Error) reject(reply);
        else if (reply.kind === "done") resolve(reply.value);
        else if (reply.kind === "failed") reject(fromWire(reply.error));
      });
      worker.postMessage({ kind: "job", id, method, args, at: this.#clock().toISOString() } satisfies BulkJob);
    }).finally(() => this.#release(worker));
  }

  /**
   * Opens a file the use case writes in the worker (the subscriber list export) and answers with its
   * chunks as the caller reads them, the next one asked for while the caller writes the last. A refusal
   * comes before the first chunk, as an ordinary error. It reads the last committed state through a
   * connection of its own, so it neither holds nor waits for the server's connection.
   */
  async stream<M extends StreamMethod>(method: M, ...args: StreamMethods[M]): Promise<{ fileName: string; chunks: AsyncIterable<Buffer> }> {
    if (this.#closed) throw new Error("the store is closed");
    const worker = this.#acquire();
    const id = this.#id();
    // Replies not yet taken, and the taker waiting for the next one.
    const replies: (Reply | Error)[] = [];
    let waiting: ((reply: Reply | Error) => void) | undefined;
    this.#handlers.set(id, (reply) => {
      if (waiting === undefined) replies.push(reply);
      else {
        const take = waiting;
        waiting = undefined;
        take(reply);
      }
    });
    const next = () => new Promise<Reply | Error>((resolve) => (replies.length > 0 ? resolve(replies.shift() as Reply | Error) : (waiting = resolve)));
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.#handlers.delete(id);
      this.#release(worker);
    };
    const fail = (reply: Reply | Error) => (reply instanceof Error ? reply : reply.kind === "failed" ? fromWire(reply.error) : new Error(`unexpected ${reply.kind}`));

    worker.postMessage({ kind: "open", id, method, args, at: this.#clock().toISOString() } satisfies StreamRequest);
    const opened = await next();
    if (opened instanceof Error || opened.kind !== "opened") {
      end();
      throw fail(opened);
    }
    const pull = () => worker.postMessage({ kind: "pull", id } satisfies StreamRequest);
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        pull();
        for (;;) {
          const reply = await next();
          if (!(reply instanceof Error) && reply.kind === "end") return;
          if (reply instanceof Error || reply.kind !== "chunk") throw fail(reply);
          // The next chunk is made while this one is written.
          pull();
          yield Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
        }
      } finally {
        if (!ended) worker.postMessage({ kind: "cancel", id } satisfies StreamRequest);
        end();
      }
    }
    return { fileName: opened.fileName, chunks: chunks() };
  }

  #id(): number {
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  /** The worker for one more job or stream, started if need be; held until #release. */
  #acquire(): Worker {
    clearTimeout(this.#idle);
    const worker = this.#start();
    this.#busy += 1;
    worker.ref();
    return worker;
  }

  #release(worker: Worker): void {
    this.#busy -= 1;
    if (this.#busy > 0 || this.#worker !== worker) return;
    worker.unref();
    this.#idle = setTimeout(() => void this.#retire(worker), this.#idleMs);
    this.#idle.unref();
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(workerFile, { workerData: this.#data });
    worker.on("message", (reply: BulkReply) => {
      if (reply.kind === "event") return announce(this.#store.db, reply.event);
      this.#handlers.get(reply.id)?.(reply);
    });
    worker.on("error", () => undefined);
    worker.once("exit", () => {
      if (this.#worker === worker) this.#worker = undefined;
      // A worker that ended mid-job (it should not): its transaction rolled back, the job failed.
      for (const handler of [...this.#handlers.values()]) handler(new Error("the bulk worker ended before answering"));
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
