// The bulk use cases (a bulk registration's upload and apply, bulk forwarding, the subscriber list export)
// on a thread of their own, with their own connection to the same database (services/bulk-jobs.ts starts it
// and sends the jobs).
// node:sqlite is synchronous and a 20,000-line apply holds thousands of objects: on the server's thread
// its statements, its commit and the garbage collections of its heap took the event loop for 20–60 ms at
// a time. Here they take none of it; the server's thread only waits for the answer.
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "../store/database.ts";
import { lowerThisThreadPriority } from "../store/thread-priority.ts";
import { toWire, type BulkJob, type BulkMethod, type BulkMethods, type BulkReply, type BulkWorkerData, type StreamMethod, type StreamMethods, type StreamRequest } from "./bulk-protocol.ts";
import { createServices, type Services } from "./index.ts";
import { forwardCommits } from "./unit-of-work.ts";

const run: { [M in BulkMethod]: (services: Services, args: BulkMethods[M]) => Promise<unknown> } = {
  "imports.upload": (services, [ctx, enterpriseId, file]) => services.imports.upload(ctx, enterpriseId, file),
  "imports.apply": (services, [ctx, enterpriseId, id]) => services.imports.apply(ctx, enterpriseId, id),
  "forwarding.bulk": (services, [ctx, enterpriseId, rows]) => services.forwarding.bulk(ctx, enterpriseId, rows),
};

const open: { [M in StreamMethod]: (services: Services, args: StreamMethods[M]) => Promise<{ fileName: string; chunks: AsyncIterable<Buffer> }> } = {
  "subscribers.export": (services, args) => services.subscribers.export(...(args as Parameters<Services["subscribers"]["export"]>)),
};

if (parentPort !== null) {
  // Route decisions and the portal's requests before bulk work (store/thread-priority.ts).
  lowerThisThreadPriority();
  const port = parentPort;
  const data = workerData as BulkWorkerData;
  // Checkpoints stay with the server's store; a job's transaction and an export or two share the pool.
  const store = openStore({ databaseUrl: data.databaseUrl, dataDir: data.dataDir, poolSize: 3, checkpoints: false, pageCacheMb: 2 });
  const servicesAt = (clock: () => Date) => createServices(store, { clock, sipRealm: data.sipRealm, sessionPolicy: { idleMs: 0, absoluteMs: 0, lockoutThreshold: 5, lockoutMs: 0 } });
  // A job's clock is the instant it was asked for. Exports run beside the jobs, so they read another
  // clock: the instant the export was asked for.
  let at = new Date();
  let streamAt = new Date();
  const services = servicesAt(() => new Date(at));
  const streamServices = servicesAt(() => new Date(streamAt));
  // Each commit's event goes to the server's thread as it happens, before the job's answer.
  forwardCommits(store.db, (event) => port.postMessage({ kind: "event", event } satisfies BulkReply));

  // Streams run beside the jobs: an export reads through a read-only connection of its own, and a slow
  // client must not hold up a bulk apply.
  const streams = new Map<number, AsyncIterator<Buffer>>();
  async function onStream(message: StreamRequest): Promise<void> {
    try {
      if (message.kind === "open") {
        streamAt = new Date(message.at);
        const file = await (open[message.method] as (services: Services, args: unknown[]) => Promise<{ fileName: string; chunks: AsyncIterable<Buffer> }>)(streamServices, message.args);
        streams.set(message.id, file.chunks[Symbol.asyncIterator]());
        port.postMessage({ kind: "opened", id: message.id, fileName: file.fileName } satisfies BulkReply);
        return;
      }
      const stream = streams.get(message.id);
      if (stream === undefined) return;
      if (message.kind === "cancel") {
        streams.delete(message.id);
        await stream.return?.();
        return;
      }
      const next = await stream.next();
      if (next.done === true) {
        streams.delete(message.id);
        port.postMessage({ kind: "end", id: message.id } satisfies BulkReply);
      } else {
        port.postMessage({ kind: "chunk", id: message.id, bytes: next.value } satisfies BulkReply);
      }
    } catch (error) {
      streams.delete(message.id);
      port.postMessage({ kind: "failed", id: message.id, error: toWire(error) } satisfies BulkReply);
    }
  }

  // One job at a time: on the embedded database the server holds its connection for the job anyway.
  let queue = Promise.resolve();
  port.on("message", (message: BulkJob | StreamRequest | { kind: "stop" }) => {
    if (message.kind !== "job" && message.kind !== "stop") return void onStream(message);
    queue = queue.then(async () => {
      if (message.kind === "stop") {
        for (const stream of streams.values()) await stream.return?.();
        streams.clear();
        await store.close();
        port.close();
        return;
      }
      at = new Date(message.at);
      try {
        const value = await (run[message.method] as (services: Services, args: unknown[]) => Promise<unknown>)(services, message.args);
        port.postMessage({ kind: "done", id: message.id, value } satisfies BulkReply);
      } catch (error) {
        port.postMessage({ kind: "failed", id: message.id, error: toWire(error) } satisfies BulkReply);
      }
    });
  });
}
