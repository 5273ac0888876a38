// The bulk use cases (a bulk registration's upload and apply, bulk forwarding) on a thread of their own,
// with their own connection to the same database (services/bulk-jobs.ts starts it and sends the jobs).
// node:sqlite is synchronous and a 20,000-line apply holds thousands of objects: on the server's thread
// its statements, its commit and the garbage collections of its heap took the event loop for 20–60 ms at
// a time. Here they take none of it; the server's thread only waits for the answer.
import { parentPort, workerData } from "node:worker_threads";
import { DomainError } from "../domain/errors.ts";
import { openStore } from "../store/database.ts";
import type { ActionContext } from "./context.ts";
import type { ForwardingPatch } from "./forwarding.service.ts";
import { createServices, type Services } from "./index.ts";
import { forwardCommits, type CommitEvent } from "./unit-of-work.ts";
import type { UploadedFile } from "./uploaded-file.ts";

/** The use cases a worker runs, with their arguments. */
export interface BulkMethods {
  "imports.upload": [ctx: ActionContext, enterpriseId: string, file: UploadedFile];
  "imports.apply": [ctx: ActionContext, enterpriseId: string, id: number];
  "forwarding.bulk": [ctx: ActionContext, enterpriseId: string, rows: ({ subscriberId: string } & ForwardingPatch)[]];
}
export type BulkMethod = keyof BulkMethods;

/** A job: the use case, its arguments, and the instant it was asked for (the worker's clock for it). */
export interface BulkJob {
  readonly id: number;
  readonly method: BulkMethod;
  readonly args: unknown[];
  readonly at: string;
}

/** An error as it crosses back: a catalogue error whole, anything else by its message. */
export type WireError =
  | { readonly domain: true; readonly code: DomainError["code"]; readonly status: number; readonly field: string | undefined; readonly details: unknown; readonly ja: string; readonly en: string }
  | { readonly domain: false; readonly message: string; readonly code: string | undefined };

export type BulkReply =
  | { readonly kind: "event"; readonly event: CommitEvent }
  | { readonly kind: "done"; readonly id: number; readonly value: unknown }
  | { readonly kind: "failed"; readonly id: number; readonly error: WireError };

export interface BulkWorkerData {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly sipRealm: string | undefined;
}

export function toWire(error: unknown): WireError {
  if (error instanceof DomainError) {
    return { domain: true, code: error.code, status: error.status, field: error.field, details: error.details, ja: error.messageJa, en: error.messageEn };
  }
  // A database's error code (a unique violation, 23505) tells the API what happened: it crosses too.
  const code = (error as { code?: unknown } | null)?.code;
  return { domain: false, message: error instanceof Error ? error.message : String(error), code: typeof code === "string" ? code : undefined };
}

const run: { [M in BulkMethod]: (services: Services, args: BulkMethods[M]) => Promise<unknown> } = {
  "imports.upload": (services, [ctx, enterpriseId, file]) => services.imports.upload(ctx, enterpriseId, file),
  "imports.apply": (services, [ctx, enterpriseId, id]) => services.imports.apply(ctx, enterpriseId, id),
  "forwarding.bulk": (services, [ctx, enterpriseId, rows]) => services.forwarding.bulk(ctx, enterpriseId, rows),
};

if (parentPort !== null) {
  const port = parentPort;
  const data = workerData as BulkWorkerData;
  // Checkpoints stay with the server's store; two connections of a pool are enough for one job at a time.
  const store = openStore({ databaseUrl: data.databaseUrl, dataDir: data.dataDir, poolSize: 2, checkpoints: false });
  // A job's clock is the instant it was asked for.
  let at = new Date();
  const services = createServices(store, {
    clock: () => new Date(at),
    sipRealm: data.sipRealm,
    sessionPolicy: { idleMs: 0, absoluteMs: 0, lockoutThreshold: 5, lockoutMs: 0 },
  });
  // Each commit's event goes to the server's thread as it happens, before the job's answer.
  forwardCommits(store.db, (event) => port.postMessage({ kind: "event", event } satisfies BulkReply));

  // One job at a time: on the embedded database the server holds its connection for the job anyway.
  let queue = Promise.resolve();
  port.on("message", (message: BulkJob | { kind: "stop" }) => {
    queue = queue.then(async () => {
      if ("kind" in message) {
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
