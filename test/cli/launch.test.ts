// How `centrex serve` and `npm start` start the server (bin/launch.js): the built server, rebuilt when a
// source file is newer, with the memory settings, and stopped cleanly through the launcher.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { commandLine, root } from "../../bin/launch.js";
import { startServe } from "../support/serve-process.ts";

const built = path.join(root, "dist", "server", "main.js");
const dir = mkdtempSync(path.join(tmpdir(), "centrex-launch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("the centrex launcher", () => {
  test("serve runs the built server, and builds it again when it is older than a source file", () => {
    if (existsSync(built)) utimesSync(built, new Date(0), new Date(0));
    const command = commandLine(["serve"]);
    assert.ok(command.args.includes(built), `serve runs ${command.args.join(" ")}`);
    assert.ok(statSync(built).mtimeMs > statSync(path.join(root, "src", "main.ts")).mtimeMs, "the built server is newer than its sources");
    assert.match(readFileSync(built, "utf8"), /Centrex is ready/);
    assert.equal(command.env.MALLOC_ARENA_MAX, "2");
    assert.ok(command.args.includes("--expose-gc"), "gc is exposed for the collection made when idle");
    // Other commands run from the sources as they are.
    assert.ok(commandLine(["migrate"]).args[0]?.endsWith(path.join("src", "main.ts")));
  });

  test("bin/centrex.js serve answers, runs the built server, and SIGTERM stops both processes with status 0", async () => {
    const launcher = await startServe({ dataDir: dir, launcher: true, operatorPassword: "Launch-Operator-2026" });
    try {
      const server = readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, "utf8").trim().split(/\s+/)[0] ?? "";
      assert.match(readFileSync(`/proc/${server}/cmdline`, "utf8"), /dist\/server\/main\.js/);
      assert.match(readFileSync(`/proc/${server}/environ`, "utf8"), /MALLOC_TRIM_THRESHOLD_=131072/);

      const url = launcher.url;
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      // Request bodies are still checked (their schemas compile on first use): a missing password is 8008 …
      const bad = await fetch(`${url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: "operator" }) });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error: { code: string } }).error.code, "8008");
      // … and answers serialized by their schemas.
      const login = await fetch(`${url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: "operator", password: "Launch-Operator-2026" }) });
      assert.equal(login.status, 200);
      assert.equal(((await login.json()) as { account?: { role?: string } }).account?.role, "operator");

      await launcher.stop();
      assert.equal(launcher.child.exitCode, 0);
      assert.equal(existsSync(`/proc/${server}/cmdline`), false, "the server process is gone");
    } finally {
      if (launcher.child.exitCode === null) await launcher.kill();
    }
  });
});
