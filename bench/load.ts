// The load generator of `npm run bench`: a separate process (pinned to the other core by bench/run.ts)
// so the server's figures are not shared with its client. Reads one JSON job from the file named on its command line, prints one JSON result.
//
//   closed: autocannon, N connections as fast as the server answers (requests/s, latency).
//   open:   a fixed rate (e.g. 1,000/s) over 64 kept-open connections, whatever the answers do; latency counted from when each request
//           was due, not when it went out, so a stalled server shows up in the figure (no coordinated
//           omission). Ends after its time or at SIGTERM.
//   background: 5 exports or 5 bulk registrations, in their own process beside an open-loop run.
import { readFileSync } from "node:fs";
import net from "node:net";

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

interface Connection {
  socket: net.Socket;
  /** When each request sent on it and not yet answered was due (HTTP/1.1 answers come in order). */
  due: number[];
  buffered: Buffer;
  dead: boolean;
}

/**
 * Answers read off a connection: each ends after its headers and its Content-Length (every answer of the
 * server has one). Calls `answered(status, due)` for each.
 */
function readAnswers(c: Connection, chunk: Buffer, answered: (status: number, due: number) => void): void {
  c.buffered = c.buffered.length === 0 ? chunk : Buffer.concat([c.buffered, chunk]);
  for (;;) {
    const headEnd = c.buffered.indexOf("\r\n\r\n");
    if (headEnd === -1) return;
    const head = c.buffered.toString("latin1", 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (c.buffered.length < headEnd + 4 + length) return;
    c.buffered = c.buffered.subarray(headEnd + 4 + length);
    answered(Number(head.slice(9, 12)), c.due.shift() ?? 0);
  }
}

async function open(j: OpenJob): Promise<unknown> {
  // A fixed set of keep-alive connections, opened before the clock starts (as the SIP proxy keeps its
  // connections): a connection opened mid-run when the others are busy costs its handshake and a cold
  // socket on both sides, which is the load generator's doing, not the server's. Each request goes on
  // the connection with the fewest unanswered ones; when all are busy it waits behind another on its
  // connection, and that wait counts in its latency. The requests are written as prepared bytes and the
  // answers read by their Content-Length: Node's HTTP client (a request object, its events and headers
  // per call) put milliseconds of its own into the tail of a 1,000/s run.
  const connections = 64;
  const target = new URL(j.url);
  const requests = j.bodies.map((body) => {
    const headers = Object.entries({ ...j.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    return Buffer.from(`POST ${j.path} HTTP/1.1\r\nhost: ${target.host}\r\n${headers}\r\n${body}`);
  });
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  /** When (ms from the start) the requests were due that took over 100 ms: where a stall happened. */
  const slow: number[] = [];
  let start = 0;
  const answered = (status: number, due: number) => {
    inFlight -= 1;
    if (status !== 200) errors += 1;
    const latency = performance.now() - due;
    latencies.push(latency);
    if (latency > 100) slow.push(Math.round(due - start));
  };
  const pool: Connection[] = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<Connection>((resolve, reject) => {
          const socket = net.connect(Number(target.port), target.hostname, () => resolve(c));
          const c: Connection = { socket, due: [], buffered: Buffer.alloc(0), dead: false };
          socket.setNoDelay(true);
          socket.on("data", (chunk: Buffer) => readAnswers(c, chunk, answered));
          // A connection the server ends (or that fails) counts its unanswered requests as errors and takes no more.
          const lost = () => {
            c.dead = true;
            errors += c.due.length;
            inFlight -= c.due.length;
            c.due = [];
          };
          socket.on("error", (error) => {
            lost();
            reject(error);
          });
          socket.on("close", lost);
        }),
    ),
  );
  // One request on every connection before the clock starts.
  inFlight = connections;
  await new Promise<void>((resolve) => {
    const warm = setInterval(() => {
      if (inFlight === 0) {
        clearInterval(warm);
        resolve();
      }
    }, 5);
    pool.forEach((c, i) => {
      c.due.push(performance.now());
      c.socket.write(requests[i % requests.length] ?? "");
    });
  });
  latencies.length = 0;
  errors = 0;
  let next = 0;
  const send = (due: number, request: Buffer) => {
    let c = pool[next % connections] as Connection;
    next += 1;
    if (c.dead || c.due.length > 0) for (const other of pool) if (!other.dead && (c.dead || other.due.length < c.due.length)) c = other;
    if (c.dead) {
      errors += 1;
      return;
    }
    inFlight += 1;
    c.due.push(due);
    c.socket.write(request);
  };
  const total = j.rate * j.seconds;
  const interval = 1000 / j.rate;
  let stopped = false;
  process.once("SIGTERM", () => {
    stopped = true;
  });
  start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < Math.floor((now - start) / interval) + 1) {
        send(start + sent * interval, requests[sent % requests.length] as Buffer);
        sent += 1;
      }
      if (sent >= total || stopped) resolve();
      else setTimeout(tick, 0.5);
    };
    tick();
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  for (const c of pool) c.socket.destroy();
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
