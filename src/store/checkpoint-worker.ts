// The embedded database's WAL checkpoints, on a thread of their own (store/checkpointer.ts starts it when
// the WAL has grown and it ends when idle). A checkpoint copies the pages the WAL holds back into the
// database file. SQLite runs one itself in the commit that takes the WAL past 1,000 pages; after a
// 20,000-line bulk apply that copy held the event loop for 45–65 ms inside the commit. Here it runs beside
// the server's connection instead: WAL lets a checkpoint, readers and the writer work at the same time,
// and a PASSIVE checkpoint waits for no one.
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";
import { lowerThisThreadPriority } from "./thread-priority.ts";

interface Options {
  /** The database file. */
  readonly file: string;
  /** The worker ends after this long without a checkpoint to run, giving its memory back. */
  readonly idleMs: number;
}

/** What one checkpoint did, as `PRAGMA wal_checkpoint` says it: frames in the WAL and frames copied back. */
export interface CheckpointDone {
  readonly busy: boolean;
  readonly log: number;
  readonly checkpointed: number;
}

// Checkpoints wait for the server's thread, as bulk work does (thread-priority.ts).
lowerThisThreadPriority();
const options = workerData as Options;
const db = new DatabaseSync(options.file);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");

function stop(): void {
  clearTimeout(idle);
  db.close();
  parentPort?.close();
}

let idle = setTimeout(stop, options.idleMs);

parentPort?.on("message", (message: { kind: "checkpoint" } | { kind: "stop" }) => {
  if (message.kind === "stop") return stop();
  clearTimeout(idle);
  const row = checkpoint.get() as { busy: number; log: number; checkpointed: number } | undefined;
  const done: CheckpointDone = { busy: row?.busy === 1, log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  parentPort?.postMessage(done);
  idle = setTimeout(stop, options.idleMs);
});
