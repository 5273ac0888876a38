// What the server's thread and the bulk worker (services/bulk-worker.ts, started by services/bulk-jobs.ts)
// send each other: jobs and their answers, file streams and their chunks, commit events, errors.
import { DomainError } from "../domain/errors.ts";
import type { Forwarding } from "../domain/subscriber/subscriber.ts";
import type { Principal } from "../domain/roles.ts";
import type { ActionContext } from "./context.ts";
import type { CommitEvent } from "./unit-of-work.ts";
import type { UploadedFile } from "./uploaded-file.ts";

/** The use cases a worker runs, with their arguments. */
export interface BulkMethods {
  "imports.upload": [ctx: ActionContext, enterpriseId: string, file: UploadedFile];
  "imports.apply": [ctx: ActionContext, enterpriseId: string, id: number];
  "forwarding.bulk": [ctx: ActionContext, enterpriseId: string, rows: ({ subscriberId: string } & Partial<Forwarding>)[]];
}
export type BulkMethod = keyof BulkMethods;

/** The use cases that answer with a file, sent chunk by chunk as the server's thread asks for them. */
export interface StreamMethods {
  // The query as SubscriberService.export takes it (typed there; this module can't import the service).
  "subscribers.export": [principal: Principal, enterpriseId: string, query: object];
}
export type StreamMethod = keyof StreamMethods;

/** A job: the use case, its arguments, and the instant it was asked for (the worker's clock for it). */
export interface BulkJob {
  readonly kind: "job";
  readonly id: number;
  readonly method: BulkMethod;
  readonly args: unknown[];
  readonly at: string;
}

/** A file's stream: opened with its use case, then pulled a chunk at a time, or cancelled. */
export type StreamRequest =
  | { readonly kind: "open"; readonly id: number; readonly method: StreamMethod; readonly args: unknown[]; readonly at: string }
  | { readonly kind: "pull" | "cancel"; readonly id: number };

/** An error as it crosses back: a catalogue error whole, anything else by its message. */
export type WireError =
  | { readonly domain: true; readonly code: DomainError["code"]; readonly status: number; readonly field: string | undefined; readonly details: unknown; readonly ja: string; readonly en: string }
  | { readonly domain: false; readonly message: string; readonly code: string | undefined };

export type BulkReply =
  | { readonly kind: "event"; readonly event: CommitEvent }
  | { readonly kind: "done"; readonly id: number; readonly value: unknown }
  | { readonly kind: "failed"; readonly id: number; readonly error: WireError }
  | { readonly kind: "opened"; readonly id: number; readonly fileName: string }
  | { readonly kind: "chunk"; readonly id: number; readonly bytes: Uint8Array }
  | { readonly kind: "end"; readonly id: number };

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


/** An error the worker sent back, as the API expects it: a catalogue error whole, any other with its code. */
export function fromWire(error: WireError): Error {
  if (!error.domain) return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
  return new DomainError(error.code, { status: error.status, field: error.field, details: error.details, message: { ja: error.ja, en: error.en } });
}
