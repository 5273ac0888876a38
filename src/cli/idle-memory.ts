// Memory back to the system once the server is idle.
//
// V8 grows its young generation while the server works (start-up, an export, a bulk registration) and
// keeps it grown: an idle server held about 120 MB. One memory-reducing collection, made when no request
// has arrived for a whole interval and there has been work since the last one, shrinks it again (about
// 105 MB after start-up, docs/performance.md). The young generation stays at V8's default size while
// working, which bulk work needs. `gc` exists when V8 runs with --expose-gc, as bin/launch.js starts the
// server; without it this does nothing.
import type { Server } from "node:http";

export function giveBackMemoryWhenIdle(server: Server, intervalMs = 2000): () => void {
  const collect = globalThis.gc;
  if (collect === undefined) return () => undefined;
  let requests = 0;
  let seen = 0;
  let collectedAt = -1;
  const count = () => {
    requests += 1;
  };
  server.on("request", count);
  const timer = setInterval(() => {
    // Quiet for a whole interval, and work done since the last collection (start-up counts as work).
    if (requests === seen && requests !== collectedAt) {
      collect({ type: "major", execution: "sync", flavor: "last-resort" });
      collectedAt = requests;
    }
    seen = requests;
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off("request", count);
  };
}
