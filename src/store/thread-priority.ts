// Background threads (bulk work, WAL checkpoints) run at a lower CPU priority than the server's thread.
// On a server with one core for Centrex, or with every core busy, a thread that reads or writes as fast
// as it can took half the core from the server's thread: each request that came in while it ran waited
// for its time slice, and route decisions at 1,000/s during a 100,000-row export or bulk registration
// spent 0.6–2.4 s of every few seconds waiting to run (p99 50–140 ms). Ten steps of `nice` below the
// process's own, the server's thread runs when it has work and the background thread takes the rest,
// which at 1,000 decisions/s is most of the core: a bulk job took as long as before. Under a load that
// keeps the server's thread always busy, bulk work slows down before calls do.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** How far below the process's own priority a background thread runs (`nice` steps; 19 is the lowest). */
export const backgroundNice = 10;

/** Lowers one thread's priority by `backgroundNice` steps. */
function lower(tid: number): void {
  setPriority(tid, Math.min(19, getPriority(tid) + backgroundNice));
}

/**
 * Lowers the calling thread's priority. Linux gives each thread its own `nice` value, and a thread's id
 * is the last part of /proc/thread-self. Elsewhere, or where it is not allowed, the thread keeps the
 * process's priority and nothing else changes.
 */
export function lowerThisThreadPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(tid) || tid <= 0) return;
    lower(tid);
  } catch {
    // Not Linux, or no /proc: the thread runs at the process's priority.
  }
}

let helpersLowered = false;

/**
 * Lowers V8's helper threads (named V8Worker: concurrent marking, parallel scavenges and compilation, for
 * every thread's heap) as the background threads are. Most of their work during bulk work is the bulk
 * worker's garbage: at the server's priority they took it back from the server's thread, which waited
 * 0.4–0.76 s of every 4 s of a registration to run; lowered, 0.37–0.39 s, and route p99 during five
 * 20,000-line registrations went from 25–86 ms to 17–20 ms while the registrations took as long. The
 * server's own collections lose nothing: V8 has the thread that waits for a collection do what its
 * helpers have not. Once a process; elsewhere than Linux, nothing changes.
 */
export function lowerHelperThreadsPriority(): void {
  if (helpersLowered) return;
  helpersLowered = true;
  try {
    for (const tid of readdirSync("/proc/self/task")) {
      if (readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() === "V8Worker") lower(Number(tid));
    }
  } catch {
    // Not Linux, or no /proc.
  }
}
