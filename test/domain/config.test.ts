// The configuration contract of api.md: defaults, validation that names the variable, README table.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ConfigError, configKeys, loadConfig } from "../../src/config/config.ts";

test("defaults: 127.0.0.1:8080, embedded database under ./data, demo decided at start-up", () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.databaseUrl, undefined);
  assert.match(config.dataDir, /data$/);
  assert.equal(config.demo, undefined);
  assert.equal(config.sessionIdleMs, 30 * 60_000);
  assert.equal(config.sessionAbsoluteMs, 12 * 3_600_000);
  assert.equal(config.lockoutThreshold, 5);
  assert.equal(config.lockoutMs, 15 * 60_000);
  assert.ok(Object.isFrozen(config));
});

test("each bad value is named in the error, all at once", () => {
  assert.throws(
    () => loadConfig({ PORT: "80a", DATABASE_URL: "mysql://x", CENTREX_DEMO: "maybe", CENTREX_OPERATOR_PASSWORD: "short" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      for (const name of ["PORT", "DATABASE_URL", "CENTREX_DEMO", "CENTREX_OPERATOR_PASSWORD"]) assert.match(text, new RegExp(name));
      assert.equal(error.problems.length, 4);
      return true;
    },
  );
});

test("PostgreSQL is selected by a postgres:// URL; demo flags parse", () => {
  const config = loadConfig({ DATABASE_URL: "postgres://u:p@127.0.0.1:5432/centrex", CENTREX_DEMO: "0", PORT: "9000" });
  assert.equal(config.databaseUrl, "postgres://u:p@127.0.0.1:5432/centrex");
  assert.equal(config.demo, false);
  assert.equal(config.port, 9000);
});

test("the README's configuration table lists every key", () => {
  const readme = readFileSync("README.md", "utf8");
  for (const key of configKeys) assert.ok(readme.includes(`\`${key.name}\``), `${key.name} missing from README.md`);
});
