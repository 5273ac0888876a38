// `npm test`: lint, types, dependency direction, generated API types, web build, then every test on
// the embedded database and on a throwaway PostgreSQL cluster (started here unless DATABASE_URL is given).
import { spawnSync } from "node:child_process";
import { existsSync, globSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { startPgCluster, type PgCluster } from "./pg-cluster.ts";

const node = process.execPath;
const bin = (name: string) => `node_modules/.bin/${name}`;

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The README promises `npm test` on a fresh machine: the browser tests need Debian's chromium and the
 * PostgreSQL half needs its server binaries. As root with apt-get at hand, install what is missing.
 */
function ensureSystemPackages(): void {
  const missing: string[] = [];
  if (!existsSync("/usr/bin/chromium")) missing.push("chromium");
  if (!existsSync("/usr/lib/postgresql") || globSync("/usr/lib/postgresql/*/bin/initdb").length === 0) missing.push("postgresql");
  if (missing.length === 0) return;
  if (userInfo().uid !== 0 || !existsSync("/usr/bin/apt-get")) {
    console.error(`\n!! Debian packages missing: ${missing.join(", ")} — install them (apt-get install ${missing.join(" ")}) for the full test run.\n`);
    return;
  }
  console.log(`\n▶ installing Debian packages: ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
}

ensureSystemPackages();
const only = process.argv.slice(2);
if (only.length === 0) {
  step("lint (eslint)", node, [bin("eslint"), "."]);
  step("types (tsc, server and web)", node, [bin("tsc"), "-p", "tsconfig.json"]);
  step("types (web)", node, [bin("tsc"), "-p", "src/web/tsconfig.json"]);
  step("dependency direction (dependency-cruiser)", node, [bin("depcruise"), "src", "--config", ".dependency-cruiser.cjs"]);
  step("generated API types are current", node, ["scripts/gen-api.ts", "--check"]);
  step("web build (vite)", node, [bin("vite"), "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"]);
}

let cluster: PgCluster | undefined;
const env: NodeJS.ProcessEnv = { ...process.env };
if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== "") {
  env.CENTREX_TEST_PG_URL = process.env.DATABASE_URL;
  console.log(`\n▶ PostgreSQL: using DATABASE_URL for the PostgreSQL half of the tests`);
} else {
  const started = await startPgCluster();
  if ("skipped" in started) {
    const line = "!".repeat(78);
    console.error(`\n${line}\n!! PostgreSQL tests SKIPPED: ${started.skipped}\n!! Only the embedded database is tested in this run.\n${line}\n`);
  } else {
    cluster = started;
    env.CENTREX_TEST_PG_URL = started.url;
    console.log(`\n▶ PostgreSQL: throwaway cluster at ${started.url}`);
  }
}
delete env.DATABASE_URL;

// Browser tests run after the rest, one file at a time: each drives a real Chromium, and two at once on a
// small machine only make both slower and flakier.
const all = only.length > 0 ? only : globSync("test/**/*.test.ts").sort();
const phases = [all.filter((f) => !f.includes("/e2e/")), all.filter((f) => f.includes("/e2e/"))].filter((p) => p.length > 0);
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const [i, files] of phases.entries()) {
  const browser = files.some((f) => f.includes("/e2e/"));
  console.log(`\n▶ ${browser ? "browser tests (Chromium)" : "tests"} (${files.length} files)`);
  const countFile = `${tmpdir()}/centrex-test-counts-${process.pid}-${i}.json`;
  const result = spawnSync(
    node,
    [
      "--test",
      `--test-concurrency=${browser ? 1 : 2}`,
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=./scripts/count-reporter.ts",
      `--test-reporter-destination=${countFile}.out`,
      ...files,
    ],
    { stdio: "inherit", env: { ...env, CENTREX_COUNT_FILE: countFile } },
  );
  if (result.status !== 0) status = result.status ?? 1;
  try {
    const counts = JSON.parse(readFileSync(countFile, "utf8")) as typeof totals;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    rmSync(countFile, { force: true });
    rmSync(`${countFile}.out`, { force: true });
  } catch {
    status = status === 0 ? 1 : status;
  }
}
cluster?.stop();
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
