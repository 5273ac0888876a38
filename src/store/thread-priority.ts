// Background threads (bulk work, WAL checkpoints) run at a lower CPU priority than the server's thread.
// On a server with one core for Centrex, or with every core busy, a thread that reads or writes as fast
// as it can took half the core from the server's thread: each request that came in while it ran waited
// for its time slice, and route decisions at 1,000/s during a 100,000-row export or bulk registration
// spent 0.6–2.4 s of every few seconds waiting to run (p99 50–140 ms). Ten steps of `nice` below the
// process's own, the server's thread runs when it has work and the background thread takes the rest,
// which at 1,000 decisions/s is most of the core: a bulk job took as long as before. Under a load that
// keeps the server's thread always busy, bulk work slows down before calls do.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** How far below the process's own priority a background thread runs (`nice` steps; 19 is the lowest). */
export const backgroundNice = 10;

/**
 * Lowers the calling thread's priority. Linux gives each thread its own `nice` value, and a thread's id
 * is the last part of /proc/thread-self. Elsewhere, or where it is not allowed, the thread keeps the
 * process's priority and nothing else changes.
 */
export function lowerThisThreadPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, Math.min(19, getPriority(tid) + backgroundNice));
  } catch {
    // Not Linux, or no /proc: the thread runs at the process's priority.
  }
}
