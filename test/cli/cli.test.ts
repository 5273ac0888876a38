// The `centrex` command as an operator uses it: serve (ready line, demo logins, graceful stop), migrate, backup, enterprise create, bad configuration.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "centrex-cli-"));
  dirs.push(d);
  return d;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function centrex(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["src/main.ts", ...args], { env: { ...process.env, DATABASE_URL: "", ...env }, encoding: "utf8", timeout: 60_000 });
}

describe("centrex CLI", () => {
  test("serve: on an empty embedded database prints the operator password, the demo logins and the URL; SIGTERM stops it cleanly", async () => {
    const dir = dataDir();
    const child = spawn(process.execPath, ["src/main.ts", "serve"], {
      env: { ...process.env, DATABASE_URL: "", CENTREX_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "warn", CENTREX_WEB_DIR: path.join(dir, "noweb") },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 120_000);
      child.stdout.on("data", () => {
        const m = /Centrex is ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    assert.match(out, /ログインID operator .*パスワード \S{8,}/);
    assert.match(out, /企業ID demo \/ ログインID Administrator \/ パスワード \S+/);
    assert.match(out, /demo001 … demo020/);
    const health = await fetch(`${url}/readyz`);
    assert.equal(health.status, 200);
    const password = /ログインID operator \(企業ID empty\) \/ パスワード (\S+)/.exec(out)?.[1] ?? "";
    const login = await fetch(`${url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: "operator", password }) });
    assert.equal(login.status, 200);
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    assert.equal(code, 0);
  });

  test("a bad configuration value stops start-up with a message naming it", () => {
    const r = centrex(["migrate"], { CENTREX_DATA_DIR: dataDir(), PORT: "eighty" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /PORT=eighty/);
  });

  test("migrate, enterprise create, demo and backup on the embedded database", () => {
    const dir = dataDir();
    const env = { CENTREX_DATA_DIR: dir };
    const migrated = centrex(["migrate"], env);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /0001-foundation: Success/);
    assert.match(centrex(["migrate"], env).stdout, /up to date/);

    const created = centrex(["enterprise", "create", "--id", "acme", "--name", "アクメ株式会社", "--admin-password", "Acme-Admin-77"], env);
    assert.equal(created.status, 0, created.stderr);
    const duplicate = centrex(["enterprise", "create", "--id", "acme", "--name", "x", "--admin-password", "Acme-Admin-77"], env);
    assert.equal(duplicate.status, 1);
    assert.match(duplicate.stderr, /エラー 8124/);
    const weak = centrex(["enterprise", "create", "--id", "weak", "--name", "x", "--admin-password", "password1"], env);
    assert.match(weak.stderr, /エラー 8107/);

    const demo = centrex(["demo"], env);
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /Administrator/);

    const file = path.join(dir, "backup.db");
    const backup = centrex(["backup", file], env);
    assert.equal(backup.status, 0, backup.stderr);
    assert.ok(existsSync(file));
    const copy = new DatabaseSync(file, { readOnly: true });
    const enterprises = copy.prepare("select id from enterprises order by id").all().map((r) => r.id);
    assert.deepEqual(enterprises, ["acme", "demo"]);
    assert.equal(copy.prepare("pragma integrity_check").get()?.integrity_check, "ok");
    copy.close();
  });

  test("route: the numbered plan with its rules, in Japanese or English", () => {
    const env = { CENTREX_DATA_DIR: dataDir() };
    assert.equal(centrex(["demo"], env).status, 0);
    const ja = centrex(["route", "--to", "0312345001", "--from", "0612345678", "--busy", "demo001"], env);
    assert.equal(ja.status, 0, ja.stderr);
    assert.match(ja.stdout, /^1\. .*話中で終了します。 {2}\[busyNoForward\]/m);
    const en = centrex(["route", "--to", "1840612345678", "--caller", "demo001", "--lang", "en"], env);
    assert.match(en.stdout, /184: caller ID withheld/);
    assert.match(en.stdout, /Caller ID: restricted/);
    const bad = centrex(["route", "--from", "x"], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--to is required/);
  });

  test("unknown commands print the usage", () => {
    const r = centrex(["frobnicate"], { CENTREX_DATA_DIR: dataDir() });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Usage: centrex/);
  });
});

describe("the full demo", () => {
  test("demo loads groups, a schedule and a hunt group that route as documented", () => {
    const env = { CENTREX_DATA_DIR: dataDir() };
    const demo = centrex(["demo"], env);
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /ログインID eigyo/);
    const holiday = centrex(["route", "--to", "0312345010", "--from", "0612345678", "--at", "2026-11-23T10:00:00+09:00"], env);
    assert.match(holiday.stdout, /スケジュール『営業時間外』4行目: 祝祭日\(勤労感謝の日\)/);
    const tuesday = centrex(["route", "--to", "0312345010", "--from", "0612345678", "--at", "2026-11-24T10:00:00+09:00"], env);
    assert.match(tuesday.stdout, /代表グループ「代表」/);
    assert.match(tuesday.stdout, /^1\. 0312345003\(着信順序 1\)/m);
  });
});
