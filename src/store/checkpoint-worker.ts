// The embedded database's WAL checkpoints, on a thread of their own (store/checkpointer.ts starts it).
// A checkpoint copies the pages the WAL holds back into the database file. SQLite runs one itself in the
// commit that takes the WAL past 1,000 pages; after a 20,000-line bulk apply that copy held the event
// loop for 45–65 ms inside the commit. Here it runs beside the server's connection instead: WAL lets a
// checkpoint, readers and the writer work at the same time, and a PASSIVE checkpoint waits for no one.
import { statSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

interface Options {
  /** The database file; its WAL is this name with -wal. */
  readonly file: string;
  /** How often the WAL's size is looked at. */
  readonly intervalMs: number;
  /** The WAL size past which a checkpoint runs (SQLite's own default is 1,000 pages). */
  readonly thresholdBytes: number;
}

/** What one checkpoint did, as `PRAGMA wal_checkpoint` says it: frames in the WAL and frames copied back. */
export interface CheckpointDone {
  readonly busy: boolean;
  readonly log: number;
  readonly checkpointed: number;
}

const options = workerData as Options;
const db = new DatabaseSync(options.file);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");

/** The WAL's size, 0 when there is none: SQLite reuses the file from its start after a whole checkpoint. */
function walBytes(): number {
  try {
    return statSync(`${options.file}-wal`).size;
  } catch {
    return 0;
  }
}

const dataVersion = db.prepare("PRAGMA data_version");
/** The data version (it changes with every commit of another connection) the last whole checkpoint saw. */
let copied: unknown;

function run(force: boolean): CheckpointDone | undefined {
  const version = (dataVersion.get() as { data_version: number } | undefined)?.data_version;
  if (!force && (version === copied || walBytes() < options.thresholdBytes)) return undefined;
  const row = checkpoint.get() as { busy: number; log: number; checkpointed: number } | undefined;
  const done = { busy: row?.busy === 1, log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  // Frames a reader still needed stay in the WAL: the next look tries again.
  if (done.log === done.checkpointed) copied = version;
  return done;
}

const timer = setInterval(() => {
  const done = run(false);
  if (done !== undefined) parentPort?.postMessage({ kind: "checkpointed", ...done });
}, options.intervalMs);

parentPort?.on("message", (message: { kind: "now" } | { kind: "stop" }) => {
  if (message.kind === "now") {
    parentPort?.postMessage({ kind: "checkpointed", ...run(true) });
  } else {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
