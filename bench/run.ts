// `npm run bench`: every figure of quality.md's performance table, each beside its target and, where one
// can be measured in the same run, its limit. Writes bench/results.json. Never part of `npm test`.
//
//   npm run bench [-- --skip-postgres]
//
// Phases: the routing engine in process; the quality.md data set on the embedded database and on a
// throwaway PostgreSQL cluster (bench/server.ts, pinned to CPU 0, its load generators to CPU 1); the
// 100,000-row CSV export and the 20,000-line bulk registrations (bench/export.ts, bench/imports.ts); an idle
// server's memory; the portal's first-load JavaScript.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { startPgCluster } from "../scripts/pg-cluster.ts";
import { figure, printFigure, type Figure } from "./figures.ts";
import { routingFigures } from "./routing.ts";
import { commandLine, serverRuntime } from "../bin/launch.js";

const { values } = parseArgs({ options: { "skip-postgres": { type: "boolean", default: false } } });
const started = performance.now();
const figures: Figure[] = [];
const add = (f: Figure) => {
  figures.push(f);
  printFigure(f);
};
const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0 && availableParallelism() >= 2;

/**
 * A bench script in its own process; its figures come back on a `FIGURES [...]` line. It runs with the
 * server's V8 flags and malloc settings (bin/launch.js), as the code it measures runs in `centrex serve`.
 */
function runScript(args: string[], cpu = "0"): Figure[] {
  const nodeArgs = [...serverRuntime.flags, ...args];
  const command = pinned ? "taskset" : process.execPath;
  const commandArgs = pinned ? ["-c", cpu, process.execPath, ...nodeArgs] : nodeArgs;
  const env = { ...process.env, ...serverRuntime.env };
  const result = spawnSync(command, commandArgs, { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  const lines = (result.stdout ?? "").split("\n");
  for (const line of lines) if (!line.startsWith("FIGURES ")) console.log(line);
  const found = lines.find((l) => l.startsWith("FIGURES "));
  if (result.status !== 0 || found === undefined) {
    console.log(`  ✖ ${args.join(" ")} ended with ${result.status}`);
    return [];
  }
  return JSON.parse(found.slice("FIGURES ".length)) as Figure[];
}

console.log(`Centrex benchmarks: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? ""}), load average ${loadavg()[0]?.toFixed(1)}\n`);

console.log("▶ routing engine, in process");
for (const f of routingFigures()) add(figure(f.name, f.value, f.unit, { target: f.target, pass: f.pass }));

console.log("");
figures.push(...runScript(["bench/server.ts", "--dialect", "sqlite"]));

if (!values["skip-postgres"]) {
  // PostgreSQL on the load core: its background work (autovacuum, checkpoints, WAL) would otherwise take
  // turns on the core the server under test has to itself, which the bare Fastify limit never shares.
  const cluster = process.env.DATABASE_URL === undefined ? await startPgCluster(pinned ? { cpus: "1" } : {}) : undefined;
  const url = process.env.DATABASE_URL ?? (cluster !== undefined && "url" in cluster ? cluster.url : undefined);
  try {
    console.log("");
    if (url === undefined) console.log(`  ✖ no PostgreSQL: ${cluster !== undefined && "skipped" in cluster ? cluster.skipped : ""}`);
    else figures.push(...runScript(["bench/server.ts", "--dialect", "postgres", "--database-url", url]));
  } finally {
    if (cluster !== undefined && "stop" in cluster) cluster.stop();
  }
}

console.log("\n▶ subscriber CSV export, 100,000 rows (SQLite)");
figures.push(...runScript(["--expose-gc", "bench/export.ts"]));
console.log("\n▶ bulk registration, 20,000 lines a file (SQLite)");
figures.push(...runScript(["bench/imports.ts"]));

// --- an idle server: `centrex serve` on a fresh embedded database with the demo enterprise ---------------
console.log("\n▶ idle server");
{
  const dataDir = mkdtempSync(path.join(tmpdir(), "centrex-bench-idle-"));
  // The server process exactly as `npm start` and `centrex serve` start it (bin/launch.js): the same
  // entry (the built server), V8 flag and malloc settings. The launcher's own process is not counted.
  const server = commandLine(["serve"], { ...process.env, CENTREX_DATA_DIR: dataDir, PORT: "0", CENTREX_DEMO: "1", CENTREX_OPERATOR_PASSWORD: "Bench-Operator-2026" });
  const child = spawn(server.command, server.args, { env: server.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/ready: http/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  const url = /ready: (http:\/\/[0-9.:]+)/.exec(output)?.[1];
  if (url !== undefined) {
    // A login page and an API answer, then 5 s of nothing.
    await fetch(`${url}/`).then((r) => r.text());
    await fetch(`${url}/healthz`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 5000));
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    add(figure("idle server RSS, embedded database, demo enterprise", rssKb / 1024, "MB", { target: "≤ 120", pass: rssKb / 1024 <= 120 }));
  } else {
    console.log(`  ✖ the server did not start: ${output.slice(0, 500)}`);
  }
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}

// --- the portal's first load: the JavaScript of the login page and of the top page, gzip -------------------
console.log("\n▶ portal first load");
{
  if (!existsSync("dist/web/index.html")) spawnSync(process.execPath, ["node_modules/.bin/vite", "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"], { stdio: "inherit" });
  const web = "dist/web";
  const html = readFileSync(path.join(web, "index.html"), "utf8");
  const gz = (file: string) => gzipSync(readFileSync(path.join(web, file))).length;
  // What index.html loads (the entry and its preloaded chunks), then each screen's own chunks, followed
  // through their static imports.
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
  const assets = readdirSync(path.join(web, "assets"));
  const importsOf = (file: string): string[] =>
    [...readFileSync(path.join(web, file), "utf8").matchAll(/from"\.\/([^"]+\.js)"|import"\.\/([^"]+\.js)"/g)].map((m) => `assets/${m[1] ?? m[2] ?? ""}`);
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file) || !existsSync(path.join(web, file))) continue;
      seen.add(file);
      queue.push(...importsOf(file));
    }
    return seen;
  };
  const base = closure(entry);
  for (const [screen, prefix] of [
    ["login page", "login-page"],
    ["top page", "top-page"],
  ] as const) {
    const chunks = assets.filter((a) => a.startsWith(`${prefix}-`) && a.endsWith(".js")).map((a) => `assets/${a}`);
    const files = closure([...base, ...chunks]);
    const kb = [...files].reduce((sum, f) => sum + gz(f), 0) / 1024;
    add(figure(`portal first load, ${screen}: JavaScript, gzip`, kb, "KB", { target: "≤ 350", pass: kb <= 350, note: `${files.size} files${chunks.length === 0 ? "; no chunk of its own" : ""}` }));
  }
}

const failed = figures.filter((f) => !f.pass);
const results = {
  figures,
  machine: {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? "",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtEnd: Number(loadavg()[0]?.toFixed(2)),
    pinned,
    at: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
  },
};
writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${figures.length} figures, ${failed.length} below target, in ${results.machine.seconds} s. Wrote bench/results.json`);
for (const f of failed) console.log(`  ✖ ${f.name}: ${f.value} ${f.unit} (target ${f.target})`);
