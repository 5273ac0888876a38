// The load generator of `npm run bench`: a separate process (pinned to the other core by bench/run.ts)
// so the server's figures are not shared with its client. Reads one JSON job from the file named on its command line, prints one JSON result.
//
//   closed: autocannon, N connections as fast as the server answers (requests/s, latency).
//   open:   a fixed rate (e.g. 1,000/s) over 64 kept-open connections, whatever the answers do; latency counted from when each request
//           was due, not when it went out, so a stalled server shows up in the figure (no coordinated
//           omission). Ends after its time or at SIGTERM.
//   background: 5 exports or 5 bulk registrations, in their own process beside an open-loop run.
import { readFileSync } from "node:fs";
import http from "node:http";

interface Target {
  url: string;
  headers: Record<string, string>;
  /** Route requests: bodies cycled through. */
  bodies: string[];
  path: string;
}

interface ClosedJob extends Target {
  mode: "closed";
  seconds: number;
  connections: number;
}

interface Background {
  kind: "export" | "import";
  /** export: the CSV path; import: the imports collection path. */
  path: string;
  /** import: the files to upload and apply in turn (base64). */
  files?: string[];
  times: number;
  headers: Record<string, string>;
}

interface OpenJob extends Target {
  mode: "open";
  rate: number;
  /** At most this long; SIGTERM ends the run earlier (when the background job is done). */
  seconds: number;
}

interface BackgroundJob extends Background {
  mode: "background";
  url: string;
}

// The job comes as a JSON file (the import files make it too long for a command line).
const job = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as ClosedJob | OpenJob | BackgroundJob;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function closed(j: ClosedJob): Promise<unknown> {
  // Imported here: the open-loop and background processes start faster without it.
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({
    url: j.url,
    connections: j.connections,
    duration: j.seconds,
    headers: j.headers,
    requests: j.bodies.length === 0 ? [{ method: "GET", path: j.path }] : j.bodies.map((body) => ({ method: "POST", path: j.path, body })),
  });
  return { requestsPerSecond: result.requests.average, total: result.requests.total, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function background(b: BackgroundJob): Promise<{ seconds: number; rows: number }> {
  const j = b;
  // Started ahead of the open-loop sender (its start-up would otherwise take the load core from it), the
  // job waits for a line on stdin before it begins. Its HTTP client loads on first use (a few hundred
  // milliseconds of the load core, which the sender's latencies would show): one request first.
  await (await fetch(`${j.url}/healthz`)).arrayBuffer();
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.pause();
  const started = performance.now();
  let rows = 0;
  for (let k = 0; k < b.times; k += 1) {
    if (b.kind === "export") {
      const answer = await fetch(`${j.url}${b.path}`, { headers: b.headers });
      if (answer.status !== 200 || answer.body === null) throw new Error(`export answered ${answer.status}`);
      let lines = 0;
      for await (const chunk of answer.body) {
        const bytes = Buffer.from(chunk as Uint8Array);
        for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
      }
      rows += lines - 1;
    } else {
      const file = Buffer.from(b.files?.[k % (b.files?.length ?? 1)] ?? "", "base64");
      const form = new FormData();
      form.append("file", new Blob([file]), `PICKUP-${k}.csv`);
      const uploaded = await fetch(`${j.url}${b.path}`, { method: "POST", headers: b.headers, body: form });
      const record = (await uploaded.json()) as { record?: { id: number }; id?: number };
      const id = record.record?.id ?? record.id;
      if (uploaded.status !== 201 || id === undefined) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(record).slice(0, 300)}`);
      const applied = await fetch(`${j.url}${b.path}/${id}/apply`, { method: "POST", headers: b.headers });
      if (applied.status !== 200) throw new Error(`apply answered ${applied.status}: ${(await applied.text()).slice(0, 300)}`);
      rows += file.toString("latin1").split("\n").length - 3;
    }
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}

async function open(j: OpenJob): Promise<unknown> {
  // A fixed set of connections, opened before the clock starts and used in turn (as the SIP proxy keeps its
  // connections): a connection opened mid-run when the others are busy costs its handshake and a cold
  // socket on both sides, which is the load generator's doing, not the server's. When all are busy a
  // request waits for one, and that wait counts in its latency.
  const connections = 64;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, scheduling: "fifo" });
  const target = new URL(j.url);
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  /** When (ms from the start) the requests were due that took over 100 ms: where a stall happened. */
  const slow: number[] = [];
  const send = (due: number, body: string) => {
    inFlight += 1;
    const request = http.request(
      { host: target.hostname, port: target.port, path: j.path, method: "POST", agent, headers: { ...j.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on("end", () => {
          inFlight -= 1;
          if (response.statusCode !== 200) errors += 1;
          const latency = performance.now() - due;
          latencies.push(latency);
          if (latency > 100) slow.push(Math.round(due - start));
        });
      },
    );
    request.on("error", () => {
      inFlight -= 1;
      errors += 1;
    });
    request.end(body);
  };
  const total = j.rate * j.seconds;
  const interval = 1000 / j.rate;
  let stopped = false;
  let start = 0;
  process.once("SIGTERM", () => {
    stopped = true;
  });
  await Promise.all(
    Array.from(
      { length: connections },
      (_, i) =>
        new Promise<void>((resolve) => {
          const body = j.bodies[i % j.bodies.length] ?? "{}";
          const request = http.request(
            { host: target.hostname, port: target.port, path: j.path, method: "POST", agent, headers: { ...j.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
            (response) => response.resume().on("end", () => resolve()),
          );
          request.on("error", () => resolve());
          request.end(body);
        }),
    ),
  );
  start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < Math.floor((now - start) / interval) + 1) {
        send(start + sent * interval, j.bodies[sent % j.bodies.length] ?? "{}");
        sent += 1;
      }
      if (sent >= total || stopped) resolve();
      else setTimeout(tick, 0.5);
    };
    tick();
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    seconds: (performance.now() - start) / 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    errors,
    slowOver100Ms: slow.length,
    slowDueFromMs: slow.length === 0 ? null : Math.min(...slow),
    slowDueToMs: slow.length === 0 ? null : Math.max(...slow),
  };
}

const result = job.mode === "closed" ? await closed(job) : job.mode === "open" ? await open(job) : await background(job);
process.stdout.write(`${JSON.stringify(result)}\n`);
