// Benchmark: the subscriber CSV export (quality.md: 100,000 rows, Shift_JIS, ≥ 200,000 rows/s, memory growth ≤ 64 MB).
// Builds 100,000 subscribers in a temporary embedded database, streams the export to /dev/null (in
// process, then over HTTP) and prints, beside each limit: rows/s, rows per CPU-second (the figure
// that holds on a busy machine), peak RSS growth and event-loop delay; and, for reference, a raw
// node:sqlite prepared statement reading the same rows, and csv-stringify formatting them.
//
//   node --expose-gc bench/export.ts [--rows 100000]
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import { buildApp } from "../src/api/app.ts";
import { defaultCallSettings, defaultForwarding, defaultTerminal } from "../src/domain/subscriber/subscriber.ts";
import { quoteField } from "../src/files/csv.ts";
import { createServices } from "../src/services/index.ts";
import { migrateToLatest, openStore } from "../src/store/database.ts";
import { exportBatchSize } from "../src/store/subscriber-export.store.ts";
import { figure, type Figure } from "./figures.ts";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" } } });
const rowCount = Number(values.rows);
const enterpriseId = "bench";
const limits = { rowsPerSecond: 200_000, rssGrowthMb: 64, loopDelayP99Ms: 20 };

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => bytes / 1024 / 1024;
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;

function line(figure: string, value: string, note = ""): void {
  console.log(`${figure.padEnd(50)} ${value.padStart(12)}   ${note}`);
}

/** An HTTP client in a child process: each fetch is a line on its stdin, answered with the bytes read. */
class Client {
  readonly #child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { createInterface } from "node:readline";
       for await (const line of createInterface({ input: process.stdin })) {
         const [url, token] = JSON.parse(line);
         const answer = await fetch(url, { headers: { authorization: "Bearer " + token } });
         let bytes = 0;
         for await (const chunk of answer.body) bytes += chunk.length;
         console.log(JSON.stringify({ status: answer.status, bytes }));
       }`,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  readonly #answers = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();

  async fetch(url: string, token: string): Promise<number> {
    this.#child.stdin.write(`${JSON.stringify([url, token])}\n`);
    const next = await this.#answers.next();
    if (next.done === true) throw new Error("the client process ended");
    const { status, bytes } = JSON.parse(next.value) as { status: number; bytes: number };
    if (status !== 200) throw new Error(`export answered ${status}`);
    return bytes;
  }

  close(): void {
    this.#child.stdin.end();
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), "centrex-bench-export-"));
const store = openStore({ dataDir });
try {
  await migrateToLatest(store);
  const services = createServices(store, { bulkWorker: true, sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
  const operator = { role: "operator", loginId: "bench" } as const;
  const system = { principal: operator, ip: "127.0.0.1" };
  await services.enterprises.create(system, { id: enterpriseId, name: "ベンチ株式会社", lineId1: "BENCH-1", administratorPassword: "Bench-Admin-2026" });
  const raw = store.sqlite?.raw;
  if (raw === undefined) throw new Error("the benchmark runs on the embedded database");
  console.log(`subscriber CSV export: ${rowCount.toLocaleString("en-US")} rows; ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)} at start`);

  // --- data set, inserted in bulk in one transaction ------------------------------------------------------
  let started = performance.now();
  const now = new Date().toISOString();
  const families = ["佐藤", "鈴木", "髙橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤", "ｻﾄｳ", "Smith"];
  const givens = ["太郎", "花子", "一郎", "美咲", "翔太", "陽菜", "ｹﾝｼﾞ", "John", "～受付～", "①号室"];
  raw.exec("BEGIN");
  const group = raw.prepare("insert into extension_groups (enterprise_id, name, site_number, external_prefix, memo, version, created_at, updated_at) values (?, ?, ?, '0', '', 1, ?, ?)");
  const pickup = raw.prepare("insert into pickup_groups (enterprise_id, name, number, site, memo, version, created_at, updated_at) values (?, ?, ?, '1', '', 1, ?, ?)");
  const schedule = raw.prepare("insert into schedules (enterprise_id, name, cfna_timeout_sec, memo, rules, version, created_at, updated_at) values (?, ?, 20, '', '[]', 1, ?, ?)");
  for (let i = 1; i <= 50; i += 1) group.run(enterpriseId, `拠点${i}`, String(100 + i), now, now);
  for (let i = 1; i <= 200; i += 1) pickup.run(enterpriseId, `ピックアップ${i}`, String(i), now, now);
  for (let i = 1; i <= 200; i += 1) schedule.run(enterpriseId, `営業時間外${i}`, now, now);
  const subscriber = raw.prepare(
    `insert into subscribers (id, enterprise_id, number, number_kind, display_name, info, memo, call_settings, forwarding, terminal,
       emergency_stopped, extension_group_id, extension, pickup_group_id, schedule_id, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  // A mix like a real enterprise's: most numbers keep the default settings; a fifth forward to their
  // own mobile (unique destinations), a tenth follow a schedule, a third have a bound device; names
  // are unique and mostly Japanese, with CP932 specials; every 97th is a formula.
  for (let i = 0; i < rowCount; i += 1) {
    const inGroup = i % 5 !== 0;
    const kind = i % 20;
    const mobile = `090${String(i).padStart(8, "0")}`;
    const scheduleId = kind === 5 || kind === 6 ? (i % 200) + 1 : null;
    const forwarding = {
      ...defaultForwarding,
      unconditional: kind <= 1 ? { enabled: true, destination: mobile } : defaultForwarding.unconditional,
      noAnswer: kind === 2 || kind === 3 ? { enabled: true, destination: mobile, timerSec: 15 + (i % 4) * 5 } : defaultForwarding.noAnswer,
      voicemail: kind === 4 ? { enabled: true, condition: "busyOrNoAnswer", ringSec: 20 } : defaultForwarding.voicemail,
      schedule: { enabled: scheduleId !== null, scheduleId },
    };
    const bound = i % 3 === 0;
    subscriber.run(
      `s${String(i).padStart(7, "0")}`,
      enterpriseId,
      i % 2 === 0 ? `03${String(i).padStart(8, "0")}` : `050${String(i).padStart(8, "0")}`,
      i % 2 === 0 ? "oabj" : "050",
      i % 97 === 0 ? `=HYPERLINK("x")${i}` : `${families[i % families.length]} ${givens[i % givens.length]}${i % 1000}`,
      JSON.stringify({ ...defaultCallSettings, anonymousRejection: i % 10 < 3, internationalBlock: i % 2 === 0, externalBlock: i % 20 === 7 }),
      JSON.stringify(forwarding),
      JSON.stringify({ ...defaultTerminal, authentication: bound, callKit: i % 2 === 1, boundDeviceId: bound ? `device-${i}` : null }),
      i % 101 === 0 ? 1 : 0,
      inGroup ? (i % 50) + 1 : null,
      inGroup ? String(1000 + (i % 9000)) : null,
      i % 4 === 0 ? (i % 200) + 1 : null,
      scheduleId,
      now,
      now,
    );
  }
  raw.exec("COMMIT");
  line("data set inserted", `${((performance.now() - started) / 1000).toFixed(1)} s`);

  // --- the export --------------------------------------------------------------------------------------
  const query = { field: "id", q: "", match: "prefix" } as const;

  interface Measured {
    rate: number;
    cpuRate: number;
    growthMb: number;
    loopP99Ms: number;
  }
  const measured = new Map<string, Measured>();
  async function measure(title: string, rows: number, run: () => Promise<number>): Promise<void> {
    gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const bytes = await run();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const rate = rows / seconds;
    console.log(`${title}: ${rows.toLocaleString("en-US")} rows, ${mb(bytes).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
    line("  rows/s (wall clock)", perSecond(rate), `limit ≥ ${perSecond(limits.rowsPerSecond)}: ${(rate / limits.rowsPerSecond).toFixed(2)}×`);
    line("  rows per CPU-second", perSecond(rows / cpuSeconds), `limit ≥ ${perSecond(limits.rowsPerSecond)}: ${(rows / cpuSeconds / limits.rowsPerSecond).toFixed(2)}×`);
    line("  peak RSS growth", `${mb(peak - baseline).toFixed(1)} MB`, `limit ≤ ${limits.rssGrowthMb} MB: ${(mb(peak - baseline) / limits.rssGrowthMb).toFixed(2)}×`);
    measured.set(title, { rate, cpuRate: rows / cpuSeconds, growthMb: mb(peak - baseline), loopP99Ms: loop.percentile(99) / 1e6 });
    line("  event-loop delay p99", `${(loop.percentile(99) / 1e6).toFixed(1)} ms`, `limit ≤ ${limits.loopDelayP99Ms} ms: ${(loop.percentile(99) / 1e6 / limits.loopDelayP99Ms).toFixed(2)}× (max ${(loop.max / 1e6).toFixed(1)} ms)`);
  }

  /** Measures `times` runs and keeps, under `title`, the one of median rate (with the worst memory growth and loop delay). */
  async function medianOf(times: number, title: string, rows: number, run: () => Promise<number>): Promise<void> {
    const runs: Measured[] = [];
    for (let i = 1; i <= times; i += 1) {
      await measure(`${title} (${i} of ${times})`, rows, run);
      runs.push(measured.get(`${title} (${i} of ${times})`) as Measured);
    }
    runs.sort((a, b) => a.rate - b.rate);
    const median = runs[Math.floor(times / 2)] as Measured;
    measured.set(title, { ...median, growthMb: Math.max(...runs.map((r) => r.growthMb)), loopP99Ms: Math.max(...runs.map((r) => r.loopP99Ms)) });
    console.log(`${title}: median ${perSecond(median.rate)}`);
  }

  async function toDevNull(chunks: AsyncIterable<Buffer>): Promise<number> {
    let bytes = 0;
    async function* counted() {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted(), { objectMode: false }), createWriteStream("/dev/null"));
    return bytes;
  }

  // Memory first, in a process that has not exported yet: a fifth of the rows, then all of them (the peak
  // growth must not follow the row count). These first exports also compile the formatter; the rates are
  // measured after them (the first export of a process measured 35 % slower than the second for that alone).
  const fifth = Math.ceil(rowCount / 5);
  const fifthTo = `03${String(2 * fifth - 2).padStart(8, "0")}`;
  const exportTo = (sort: "number" | "extension", encoding: "shift_jis" | "utf-8", numberTo?: string) => async () =>
    toDevNull((await services.subscribers.export(operator, enterpriseId, { ...query, sort, encoding, numberTo })).chunks);
  // The export runs on the bulk worker's thread (services/bulk-jobs.ts): a first export of ten rows starts
  // it, so that its start (a fixed cost, not the export's) is not counted in the exports' memory growth.
  await exportTo("number", "shift_jis", `03${String(18).padStart(8, "0")}`)();
  await measure(`first export in the process, sort=number, shift_jis, to=${fifthTo}`, fifth, exportTo("number", "shift_jis", fifthTo));
  await measure("first export in the process, sort=number, shift_jis", rowCount, exportTo("number", "shift_jis"));
  for (const [sort, encoding] of [["extension", "shift_jis"], ["number", "utf-8"]] as const) await exportTo(sort, encoding)();
  // Each rate is the median of three exports: on a shared machine one export's rate varied by a third.
  for (const [sort, encoding] of [["number", "shift_jis"], ["extension", "shift_jis"], ["number", "utf-8"]] as const) {
    await medianOf(3, `in process, sort=${sort}, ${encoding}`, rowCount, exportTo(sort, encoding));
  }

  const app = await buildApp({ services });
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    const { token } = await services.apiTokens.create(system, { name: "bench", role: "operator" });
    // The client in a process of its own, as a real one is: reading 15 MB in this process would take the
    // server's own CPU. It fetches once to warm up, then three times measured.
    const client = new Client();
    try {
      const csvUrl = `${url}/api/v1/enterprises/${enterpriseId}/subscribers.csv`;
      await client.fetch(csvUrl, token);
      await medianOf(3, "over HTTP, sort=extension, shift_jis", rowCount, () => client.fetch(csvUrl, token));
    } finally {
      client.close();
    }
  } finally {
    await app.close();
  }

  // --- references measured in the same run ---------------------------------------------------------------
  console.log("references:");
  // A raw node:sqlite prepared statement reading what the export reads, as it reads it: the subscriber's
  // own columns (the names come from maps read once per export), as arrays, in the same keyset batches.
  const read = raw.prepare(
    `select s.id, s.number, s.extension, s.display_name, s.extension_group_id, s.pickup_group_id, s.hunt_group_id, s.schedule_id,
       s.call_settings, s.forwarding, s.terminal, s.emergency_stopped
     from subscribers s join enterprises e on e.id = s.enterprise_id
     where s.enterprise_id = ? and s.number > ? order by s.number limit ?`,
  );
  read.setReturnArrays(true);
  const readBatch = exportBatchSize.sqlite;
  started = performance.now();
  const readCpu = process.cpuUsage();
  let last = "";
  let readRows = 0;
  for (;;) {
    const rows = read.all(enterpriseId, last, readBatch) as unknown as [string, string][];
    readRows += rows.length;
    if (rows.length < readBatch) break;
    last = rows.at(-1)?.[1] ?? "";
  }
  const readCpuSeconds = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(readCpu));
  line("  raw node:sqlite, same query, read only", perSecond(readRows / ((performance.now() - started) / 1000)), `(rows; ${perSecond(readRows / readCpuSeconds)} per CPU-second; no JSON, no CSV)`);
  // Why files/csv.ts quotes fields itself rather than through csv-stringify: the same 20,000 records.
  const sample: string[][] = [];
  for (let i = 0; i < 20_000; i += 1) {
    sample.push([`s${i}`, `03${i}`, String(1000 + i), "拠点1", `佐藤 太郎${i}`, enterpriseId, "BENCH-1", "", "ピックアップ1", "", "1", "0", "0", "0", "1", `090${i}`, "0", "", "1", `03${i}`, "20", "0", "", "0", "1", "0", "0"]);
  }
  started = performance.now();
  for (let i = 0; i < sample.length; i += 1000) stringify(sample.slice(i, i + 1000), { quoted: true, record_delimiter: "\r\n" });
  line("  csv-stringify (quoted, CRLF), format only", perSecond(sample.length / ((performance.now() - started) / 1000)), "(rows)");
  started = performance.now();
  for (const record of sample) void `${record.map(quoteField).join(",")}\r\n`;
  line("  files/csv.ts quoteField, format only", perSecond(sample.length / ((performance.now() - started) / 1000)), "(rows)");
  console.log(`load average ${loadavg()[0]?.toFixed(1)} at the end${gc === undefined ? "; run with --expose-gc for a steadier memory baseline" : ""}`);

  // The sqlite3 command-line tool writing the same rows as CSV (UTF-8; it has no Shift_JIS): the limit.
  // Run once to warm the page cache, then timed.
  const cliQuery = `select s.id, s.number, s.extension, s.display_name, s.call_settings, s.forwarding, s.terminal from subscribers s where s.enterprise_id = '${enterpriseId}' order by s.number`;
  const runCli = () => spawnSync("sqlite3", [store.location, "-csv", cliQuery], { stdio: ["ignore", "ignore", "pipe"] });
  const cli = runCli();
  const cliStarted = performance.now();
  const timed = runCli();
  const cliRate = cli.status === 0 && timed.status === 0 ? rowCount / ((performance.now() - cliStarted) / 1000) : undefined;
  if (cliRate !== undefined) line("  sqlite3 CLI, same rows as CSV to /dev/null", perSecond(cliRate), "(rows)");
  const all = measured.get(`in process, sort=number, shift_jis`);
  const first = measured.get("first export in the process, sort=number, shift_jis");
  const fifthRun = [...measured.entries()].find(([title]) => title.includes("to="))?.[1];
  const http = measured.get("over HTTP, sort=extension, shift_jis");
  const figures: Figure[] = [];
  if (all !== undefined) {
    const growthMb = Math.max(all.growthMb, first?.growthMb ?? 0);
    const loopP99Ms = Math.max(all.loopP99Ms, first?.loopP99Ms ?? 0);
    figures.push(
      figure("subscriber CSV export, 100,000 rows, Shift_JIS (SQLite)", all.rate, "rows/s", { target: "≥ 200,000", pass: all.rate >= 200_000, ...(cliRate === undefined ? {} : { limit: cliRate, limitName: "sqlite3 CLI, same rows as CSV" }) }),
      figure("subscriber CSV export, rows per CPU-second (SQLite)", all.cpuRate, "rows/s", { target: "information", pass: true }),
      figure("subscriber CSV export, peak memory growth, 100,000 rows (SQLite)", growthMb, "MB", { target: "≤ 64", pass: growthMb <= 64, note: fifthRun === undefined ? "" : `${fifthRun.growthMb.toFixed(1)} MB for a fifth of the rows` }),
      figure("event-loop delay p99, CSV export (SQLite)", loopP99Ms, "ms", { target: "≤ 20", pass: loopP99Ms <= 20, note: "the first export of the process or a later one, the larger" }),
    );
  }
  if (http !== undefined) figures.push(figure("subscriber CSV export over HTTP, 100,000 rows, Shift_JIS (SQLite)", http.rate, "rows/s", { target: "≥ 200,000", pass: http.rate >= 200_000 }));
  console.log(`FIGURES ${JSON.stringify(figures)}`);
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

