// Benchmark: bulk registration (quality.md: ≥ 20,000 lines/s validated and applied atomically, 20,000 lines ≤ 1 s
// on SQLite; event-loop delay p99 ≤ 20 ms). Builds an enterprise of 20,000 numbers in a temporary embedded
// database (a fifth forwarding to a colleague's extension or an external number), then for each kind uploads a
// 20,000-line file (every check: format, subscribers, groups, rules) and applies it, printing lines/s (wall and
// per CPU-second, the figure that holds on a busy machine) and the event-loop delay beside the limits, and, for
// reference, raw node:sqlite prepared statements writing the same memberships one by one.
//
//   node bench/imports.ts [--lines 20000]
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import { defaultCallSettings, defaultForwarding, defaultTerminal } from "../src/domain/subscriber/subscriber.ts";
import { bulkHeaders } from "../src/files/bulk-file.ts";
import { createServices } from "../src/services/index.ts";
import { migrateToLatest, openStore } from "../src/store/database.ts";
import { figure, type Figure } from "./figures.ts";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const { values } = parseArgs({ options: { lines: { type: "string", default: "20000" } } });
const lineCount = Number(values.lines);
const enterpriseId = "bench";
const limits = { linesPerSecond: 20_000, loopDelayP99Ms: 20 };
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;

function line(figure: string, value: string, note = ""): void {
  console.log(`${figure.padEnd(50)} ${value.padStart(12)}   ${note}`);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "centrex-bench-imports-"));
const store = openStore({ dataDir });
try {
  await migrateToLatest(store);
  const services = createServices(store, { bulkWorker: true, sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
  const operator = { role: "operator", loginId: "bench" } as const;
  const ctx = { principal: operator, ip: "127.0.0.1" };
  await services.enterprises.create(ctx, { id: enterpriseId, name: "ベンチ株式会社", administratorPassword: "Bench-Admin-2026" });
  const raw = store.sqlite?.raw;
  if (raw === undefined) throw new Error("the benchmark runs on the embedded database");
  console.log(`bulk registration: ${lineCount.toLocaleString("en-US")} lines a file; ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)} at start`);

  // --- data set: 20 extension groups (half the numbers in them), 700 hunt groups, 50 pickup groups ---------
  const now = new Date().toISOString();
  /** An enterprise of `count` numbers (ids `prefix` + 6 digits, numbers `area` + 8 digits), and its three files. */
  function prepare(enterpriseId: string, count: number, prefix: string, area: string) {
    if (raw === undefined) throw new Error("the benchmark runs on the embedded database");
    raw.exec("BEGIN");
    const group = raw.prepare("insert into extension_groups (enterprise_id, name, site_number, external_prefix, memo, version, created_at, updated_at) values (?, ?, ?, '0', '', 1, ?, ?)");
    for (let g = 1; g <= 20; g += 1) group.run(enterpriseId, `拠点${g}`, String(g), now, now);
    const groupIds = (raw.prepare("select id from extension_groups where enterprise_id = ? order by id").all(enterpriseId) as { id: number }[]).map((r) => r.id);
    const pickup = raw.prepare("insert into pickup_groups (enterprise_id, name, number, site, memo, version, created_at, updated_at) values (?, ?, ?, 'default', '', 1, ?, ?)");
    for (let g = 1; g <= 50; g += 1) pickup.run(enterpriseId, `ピックアップ${g}`, String(g), now, now);
    const subscriber = raw.prepare(
      `insert into subscribers (id, enterprise_id, number, number_kind, display_name, info, memo, call_settings, forwarding, terminal,
         emergency_stopped, extension_group_id, extension, version, created_at, updated_at)
       values (?, ?, ?, 'oabj', ?, '', '', ?, ?, ?, 0, ?, ?, 1, ?, ?)`,
    );
    const id = (i: number) => `${prefix}${String(i).padStart(6, "0")}`;
    for (let i = 0; i < count; i += 1) {
      const inGroup = i % 2 === 0;
      const forwarding =
        i % 5 === 0
          ? { ...defaultForwarding, unconditional: { enabled: true, destination: inGroup ? String(10000 + ((i + 2) % count)) : `0090${String(i).padStart(8, "0")}` } }
          : defaultForwarding;
      subscriber.run(
        id(i),
        enterpriseId,
        `${area}${String(i).padStart(8, "0")}`,
        `番号 ${i}`,
        JSON.stringify(defaultCallSettings),
        JSON.stringify(forwarding),
        JSON.stringify(defaultTerminal),
        inGroup ? (groupIds[i % 20] ?? null) : null,
        inGroup ? String(10000 + i) : null,
        now,
        now,
      );
    }
    const hunt = raw.prepare(
      "insert into hunt_groups (enterprise_id, name, pilot_subscriber_id, distribution, slide_timer_sec, schedule_enabled, memo, version, created_at, updated_at) values (?, ?, ?, 'sequential', 20, 0, '', 1, ?, ?)",
    );
    const huntGroups = Math.ceil(count / 30);
    for (let g = 1; g <= huntGroups; g += 1) hunt.run(enterpriseId, `代表${g}`, id(count - g), now, now);
    raw.exec("COMMIT");

    // --- the files ---------------------------------------------------------------------------------------------
    const q = (...fields: string[]) => fields.map((f) => `"${f}"`).join(",");
    const file = (kind: "VPN" | "HUNT" | "PICKUP", row: (i: number) => string[]) => {
      const lines = [q(kind), q(...bulkHeaders[kind])];
      for (let i = 0; i < count; i += 1) lines.push(q(...row(i)));
      return iconv.encode(`${lines.join("\r\n")}\r\n`, "cp932");
    };
    const files = [
      // every number moves to another group with a new extension, a tenth leave their group
      ["VPN", file("VPN", (i) => (i % 10 === 9 ? [id(i), "", ""] : [id(i), `拠点${((i + 7) % 20) + 1}`, String(20000 + i)]))],
      // 30 members a group (the last numbers are the pilots; they stay out)
      ["HUNT", file("HUNT", (i) => [id(i), `代表${Math.floor(i / 30) + 1}`, String((i % 30) + 1)])],
      ["PICKUP", file("PICKUP", (i) => [id(i), `ピックアップ${(i % 50) + 1}`])],
    ] as const;
    return { id, huntGroups, files };
  }
  const warm = "warm";
  await services.enterprises.create(ctx, { id: warm, name: "準備株式会社", administratorPassword: "Bench-Admin-2026" });
  const warmUp = prepare(warm, 2_000, "w", "04");
  const { id, huntGroups, files } = prepare(enterpriseId, lineCount, "s", "03");

  // --- warm-up: a tenth-size file of each kind in another enterprise. It starts the bulk worker (a server
  // doing bulk work has it running; it ends after a quiet minute) and compiles its code. ---------------------
  {
    const started = performance.now();
    for (const [kind, bytes] of warmUp.files) {
      const { record } = await services.imports.upload(ctx, warm, { fileName: `${kind}.csv`, bytes: kind === "HUNT" ? trimPilots(bytes, 2_000) : bytes });
      await services.imports.apply(ctx, warm, record.id);
    }
    line("warm-up: the three kinds, 2,000 lines each", `${((performance.now() - started) / 1000).toFixed(2)} s`, "(including the bulk worker's start)");
  }

  const figures: Figure[] = [];
  for (const [kind, bytes] of files) {
    // HUNT: the pilots at the end are no members of their own groups.
    const content = kind === "HUNT" ? trimPilots(bytes, lineCount) : bytes;
    const lines = kind === "HUNT" ? lineCount - huntGroups : lineCount;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { record } = await services.imports.upload(ctx, enterpriseId, { fileName: `${kind}.csv`, bytes: content });
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const result = await services.imports.apply(ctx, enterpriseId, record.id);
    const t2 = performance.now();
    const applyCpu = process.cpuUsage(cpu1);
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
    const rate = (seconds: number) => `limit ≥ ${perSecond(limits.linesPerSecond)}: ${(lines / seconds / limits.linesPerSecond).toFixed(2)}×`;
    console.log(`${kind}: ${lines.toLocaleString("en-US")} lines (${JSON.stringify(result.summary)}); upload ${((t1 - t0) / 1000).toFixed(2)} s, apply ${((t2 - t1) / 1000).toFixed(2)} s`);
    line("  apply: checked again and applied, lines/s", perSecond(lines / ((t2 - t1) / 1000)), rate((t2 - t1) / 1000));
    line("  apply, lines per CPU-second", perSecond(lines / cpuSeconds(applyCpu)), rate(cpuSeconds(applyCpu)));
    line("  upload + apply, lines/s", perSecond(lines / ((t2 - t0) / 1000)), rate((t2 - t0) / 1000));
    line("  upload + apply, lines per CPU-second", perSecond(lines / cpuSeconds(cpu)), rate(cpuSeconds(cpu)));
    const wall = lines / ((t2 - t0) / 1000);
    figures.push(
      figure(`bulk registration ${kind}, ${lines.toLocaleString("en-US")} lines, upload + apply (SQLite)`, wall, "lines/s", { target: "≥ 20,000", pass: wall >= 20_000, note: `apply ${((t2 - t1) / 1000).toFixed(2)} s` }),
      figure(`bulk registration ${kind}, lines per CPU-second (SQLite)`, lines / cpuSeconds(cpu), "lines/s", { target: "information", pass: true }),
      figure(`event-loop delay p99, bulk registration ${kind} (SQLite)`, loop.percentile(99) / 1e6, "ms", { target: "≤ 20", pass: loop.percentile(99) / 1e6 <= 20, note: `max ${(loop.max / 1e6).toFixed(1)} ms` }),
    );
    line("  event-loop delay p99", `${(loop.percentile(99) / 1e6).toFixed(1)} ms`, `limit ≤ ${limits.loopDelayP99Ms} ms: ${(loop.percentile(99) / 1e6 / limits.loopDelayP99Ms).toFixed(2)}× (max ${(loop.max / 1e6).toFixed(1)} ms)`);
    if (kind === "VPN") line("  forwarding that followed", String(result.adjustedForwarding.length));
  }

  // --- reference: the same pickup memberships written by raw prepared statements, one UPDATE a line -----------
  console.log("references:");
  const update = raw.prepare("update subscribers set pickup_group_id = ?, version = version + 1, updated_at = ? where id = ?");
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  raw.exec("BEGIN");
  for (let i = 0; i < lineCount; i += 1) update.run(((i + 1) % 50) + 1, now, id(i));
  raw.exec("COMMIT");
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu0));
  line("  raw node:sqlite UPDATE per line, one transaction", perSecond(lineCount / seconds), `(${perSecond(lineCount / cpuSeconds)} per CPU-second; no checks, no audit)`);
  // The sqlite3 command-line tool doing the same PICKUP import: read the CSV into a table, then one UPDATE.
  const csvFile = path.join(dataDir, "pickup.csv");
  writeFileSync(csvFile, Array.from({ length: lineCount }, (_, i) => `${id(i)},ピックアップ${((i + 3) % 50) + 1}`).join("\n"));
  store.sqlite?.raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const cliStarted = performance.now();
  const cli = spawnSync(
    "sqlite3",
    [
      store.location,
      "create temp table pickup_file (subscriber_id text, group_name text);",
      `.import --csv ${csvFile} pickup_file`,
      `update subscribers set pickup_group_id = (select g.id from pickup_groups g join pickup_file f on f.group_name = g.name where f.subscriber_id = subscribers.id and g.enterprise_id = '${enterpriseId}'), version = version + 1 where id in (select subscriber_id from pickup_file);`,
    ],
    { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
  );
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  if (cli.status === 0) line("  sqlite3 CLI: .import the CSV + one UPDATE", perSecond(lineCount / cliSeconds), "(no checks, no audit)");
  else console.log(`  sqlite3 CLI failed: ${cli.stderr}`);
  const pickupFigure = figures.find((f) => f.name.startsWith("bulk registration PICKUP") && f.target !== "information");
  if (pickupFigure !== undefined && cli.status === 0) {
    const f = pickupFigure;
    Object.assign(f, figure(f.name, f.value, f.unit, { target: f.target, pass: f.pass, limit: lineCount / cliSeconds, limitName: "sqlite3 CLI .import + UPDATE", note: f.note ?? "" }));
  }
  console.log(`FIGURES ${JSON.stringify(figures)}`);
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The HUNT file without its last lines: those numbers are the pilots. */
function trimPilots(bytes: Buffer, count: number): Buffer {
  const text = iconv.decode(bytes, "cp932").split("\r\n");
  const keep = text.slice(0, text.length - 1 - Math.ceil(count / 30));
  return iconv.encode(`${keep.join("\r\n")}\r\n`, "cp932");
}
