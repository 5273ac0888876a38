// `npm test`: lint, types, dependency direction, generated API types, web build, then every test on
// the embedded database and on a throwaway PostgreSQL cluster (started here unless DATABASE_URL is given).
import { spawnSync } from "node:child_process";
import { globSync } from "node:fs";
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

const files = only.length > 0 ? only : globSync("test/**/*.test.ts").sort();
console.log(`\n▶ tests (${files.length} files)`);
const result = spawnSync(node, ["--test", "--test-concurrency=2", "--test-reporter=spec", ...files], { stdio: "inherit", env });
cluster?.stop();
process.exit(result.status ?? 1);
