// quality.md §Reliability: a crash (kill -9) at any point of a bulk apply leaves the database as before or as
// after, never between. A server process is killed with SIGKILL at random points of uploads and applies of bulk
// files that move every number of an enterprise (PICKUP and VPN in turn). With the process gone the database is
// read directly: every number's memberships are all as before or all as after, the upload record and the audit
// trail agree with them, SQLite's integrity check passes on a fresh connection, and the last file uploaded again
// and applied on a live `centrex serve` creates no second upload and no stray membership.
//
// Most kills hit an apply process: the product's store and import service (openStore, ImportService, as `serve`
// builds them) driven over IPC. It starts in a fraction of the time of `centrex serve`, whose ~3 CPU-seconds of
// start-up (route schemas compiled) would not let 50 kills fit the test budget; the last kills and the re-upload
// go through `centrex serve` over HTTP, so the whole server is killed too.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import { sql } from "kysely";
import { defaultCallSettings, defaultForwarding, defaultTerminal } from "../../src/domain/subscriber/subscriber.ts";
import { bulkHeaders } from "../../src/files/bulk-file.ts";
import { createServices } from "../../src/services/index.ts";
import { openStore, type Db } from "../../src/store/database.ts";
import { Client, codeOf, type Answer } from "../support/client.ts";
import { createTestStore, dialects, type TestStore } from "../support/db.ts";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { seededRandom } from "../../src/domain/routing/random.ts";

const enterpriseId = "crash";
/** Numbers of the enterprise, each named by every file: an apply writes them all, in batches of 500. */
const numbers = 2_000;
const groups = 10;
/** Kills of an apply process, then of `centrex serve`. */
const trials = { worker: 50, serve: 2 };
const operatorPassword = "Crash-Operator-2026";
const base = `/api/v1/enterprises/${enterpriseId}/imports`;

type Kind = "PICKUP" | "VPN";
/** The two placements of every number a file can ask for; each trial asks for the one the data is not in. */
type State = "A" | "B";
type Outcome = "before" | "after" | "between";

const flip = (s: State): State => (s === "A" ? "B" : "A");
const subscriberId = (i: number) => `c${String(i).padStart(5, "0")}`;
/** The group (0-based) of number i: state B puts every number in the next group, so each one changes. */
const slot = (i: number, s: State) => (i + (s === "B" ? 1 : 0)) % groups;
const extensionOf = (i: number, s: State) => String((s === "A" ? 10_000 : 20_000) + i);
const pickupName = (g: number) => `ピックアップ${g + 1}`;
const siteName = (g: number) => `拠点${g + 1}`;

/** A bulk file putting every number in its place of the state; the rotation makes its bytes (SHA-256) new. */
function bulkFile(kind: Kind, s: State, rotation: number): Buffer {
  const q = (...fields: string[]) => fields.map((f) => `"${f}"`).join(",");
  const lines = [q(kind), q(...bulkHeaders[kind])];
  for (let k = 0; k < numbers; k += 1) {
    const i = (k + rotation) % numbers;
    lines.push(kind === "PICKUP" ? q(subscriberId(i), pickupName(slot(i, s))) : q(subscriberId(i), siteName(slot(i, s)), extensionOf(i, s)));
  }
  return iconv.encode(`${lines.join("\r\n")}\r\n`, "cp932");
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

interface Seeded {
  token: string;
  pickupIds: number[];
  extensionIds: number[];
}

/** The enterprise, an API token of its admin, the groups and the numbers (state A for both kinds). */
async function seed(testStore: TestStore): Promise<Seeded> {
  const db = testStore.store.db;
  const services = createServices(testStore.store, { sessionPolicy: { idleMs: 3_600_000, absoluteMs: 3_600_000, lockoutThreshold: 5, lockoutMs: 60_000 } });
  const ctx = { principal: { role: "operator", loginId: "operator" }, ip: "127.0.0.1" } as const;
  // The operator exists before any `serve` starts: processes started together would each try to create it.
  await services.setup.ensureOperator(operatorPassword);
  await services.enterprises.create(ctx, { id: enterpriseId, name: "障害試験株式会社", administratorPassword: "Crash-Admin-2026" });
  // A token rather than a login: no CSRF, no login rate limit.
  const { token } = await services.apiTokens.create(ctx, { name: "bulk apply", role: "enterpriseAdmin", enterpriseId });
  const now = new Date().toISOString();
  const pickupIds: number[] = [];
  const extensionIds: number[] = [];
  for (let g = 0; g < groups; g += 1) {
    const pickup = await db
      .insertInto("pickup_groups")
      .values({ enterprise_id: enterpriseId, name: pickupName(g), number: String(g + 1), site: "default", memo: "", version: 1, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    pickupIds.push(pickup.id);
    const site = await db
      .insertInto("extension_groups")
      .values({ enterprise_id: enterpriseId, name: siteName(g), site_number: String(g + 1), external_prefix: "0", memo: "", version: 1, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    extensionIds.push(site.id);
  }
  const json = { callSettings: JSON.stringify(defaultCallSettings), forwarding: JSON.stringify(defaultForwarding), terminal: JSON.stringify(defaultTerminal) };
  for (let from = 0; from < numbers; from += 250) {
    const rows = [];
    for (let i = from; i < Math.min(numbers, from + 250); i += 1) {
      rows.push({
        id: subscriberId(i),
        enterprise_id: enterpriseId,
        number: `03${String(50_000_000 + i)}`,
        number_kind: "oabj",
        display_name: `番号 ${i}`,
        info: "",
        memo: "",
        provisioning_password_hash: null,
        password_hash: null,
        origin_number1: null,
        origin_number2: null,
        notify_number: null,
        call_settings: json.callSettings,
        forwarding: json.forwarding,
        terminal: json.terminal,
        emergency_stopped: 0,
        extension_group_id: extensionIds[slot(i, "A")] ?? null,
        extension: extensionOf(i, "A"),
        pickup_group_id: pickupIds[slot(i, "A")] ?? null,
        hunt_group_id: null,
        hunt_order: null,
        schedule_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    }
    await db.insertInto("subscribers").values(rows).execute();
  }
  return { token, pickupIds, extensionIds };
}

interface Observed {
  /** Numbers whose placement of the kind is that of state A / B (the rest: neither). */
  matches: Record<Kind, Record<State, number>>;
  versions: number[];
  updatedAts: string[];
}

async function observe(db: Db, seeded: Seeded): Promise<Observed> {
  const rows = await db
    .selectFrom("subscribers")
    .select(["id", "pickup_group_id", "extension_group_id", "extension", "version", "updated_at"])
    .where("enterprise_id", "=", enterpriseId)
    .execute();
  assert.equal(rows.length, numbers, "every number of the enterprise is still there");
  const matches: Observed["matches"] = { PICKUP: { A: 0, B: 0 }, VPN: { A: 0, B: 0 } };
  const versions = new Set<number>();
  const updatedAts = new Set<string>();
  for (const r of rows) {
    const i = Number(r.id.slice(1));
    for (const s of ["A", "B"] as const) {
      if (r.pickup_group_id === seeded.pickupIds[slot(i, s)]) matches.PICKUP[s] += 1;
      if (r.extension_group_id === seeded.extensionIds[slot(i, s)] && r.extension === extensionOf(i, s)) matches.VPN[s] += 1;
    }
    versions.add(Number(r.version));
    updatedAts.add(r.updated_at);
  }
  return { matches, versions: [...versions], updatedAts: [...updatedAts] };
}

/**
 * SQLite's own check of the file (with FTS5's checksums of the search index) and of the foreign keys, and the
 * search index the triggers keep agreeing with the numbers. On a fresh connection: one that has read the FTS5
 * index before another process changed it reports a checksum mismatch that is not there.
 */
async function sqliteChecks(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check);
  if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 5).join("; ")}`);
  const foreignKeys = (await sql`pragma foreign_key_check`.execute(db)).rows;
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
  const indexed = await sql<{ n: number }>`select count(*) as n from subscribers s join subscriber_search f on f.rowid = s.rowid
    where s.enterprise_id = ${enterpriseId} and f.extension = coalesce(s.extension, '')`.execute(db);
  if (Number(indexed.rows[0]?.n) !== numbers) problems.push(`search index: ${indexed.rows[0]?.n} of ${numbers} numbers carry their extension`);
  return problems;
}

/** What a server process answered: HTTP status and error code (the apply process answers with the same). */
interface Reply {
  status: number;
  code?: string | undefined;
  id?: number | undefined;
  text: string;
}

/** A server process on the database, to upload and apply with, and to kill. */
interface Target {
  readonly via: "worker" | "serve";
  /** Its PostgreSQL connections carry this application_name. */
  readonly name: string;
  upload(fileName: string, bytes: Buffer): Promise<Reply>;
  apply(id: number): Promise<Reply>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  readonly url?: string;
}

/** The apply process: the store opened as `serve` opens it and the import service it builds, driven over IPC. */
const workerSource = (enterprise: string) => `
const { openStore } = await import(${JSON.stringify(new URL("../../src/store/database.ts", import.meta.url).href)});
const { ImportService } = await import(${JSON.stringify(new URL("../../src/services/imports.service.ts", import.meta.url).href)});
const store = openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.CENTREX_DATA_DIR, onIdleError: () => undefined });
const imports = new ImportService(store.db, () => new Date(), store.dialect);
const ctx = { principal: { role: "enterpriseAdmin", loginId: "Administrator", enterpriseId: ${JSON.stringify(enterprise)} }, ip: "127.0.0.1" };
process.on("message", async (m) => {
  try {
    if (m.op === "upload") {
      const { record } = await imports.upload(ctx, ${JSON.stringify(enterprise)}, { fileName: m.fileName, bytes: Buffer.from(m.bytes, "base64") });
      process.send({ status: 201, id: record.id, text: record.status });
    } else {
      const { record } = await imports.apply(ctx, ${JSON.stringify(enterprise)}, m.id);
      process.send({ status: 200, id: record.id, text: record.status });
    }
  } catch (error) {
    process.send({ status: error?.status ?? 500, code: error?.code, text: String(error?.message ?? error) });
  }
});
process.send({ ready: true });
`;

function startWorker(env: NodeJS.ProcessEnv, name: string): Promise<Target> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", workerSource(enterpriseId)], { env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  void exited.then(() => pending?.reject(new Error(`the apply process ended (${child.signalCode ?? child.exitCode})`)));
  const request = (message: object) =>
    new Promise<Reply>((resolve, reject) => {
      pending = { resolve, reject };
      child.send(message, (error) => error && reject(error));
    });
  return new Promise<Target>((resolve, reject) => {
    child.on("message", (m: Reply & { ready?: boolean }) => {
      if (m.ready === true) {
        resolve({
          via: "worker",
          name,
          upload: (fileName, bytes) => request({ op: "upload", fileName, bytes: bytes.toString("base64") }),
          apply: (id) => request({ op: "apply", id }),
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
          stop: async () => {
            child.kill("SIGKILL");
            await exited;
          },
        });
      } else {
        pending?.resolve(m);
        pending = undefined;
      }
    });
    void exited.then(() => reject(new Error(`the apply process ended before it was ready:\n${out}`)));
  });
}

function serveTarget(p: ServeProcess, name: string, token: string): Target {
  const client = new Client(p.url);
  client.bearer = token;
  const reply = (a: Answer<{ id?: number }>): Reply => ({ status: a.status, code: codeOf(a), id: a.body?.id, text: a.text.slice(0, 300) });
  return {
    via: "serve",
    name,
    url: p.url,
    async upload(fileName, bytes) {
      // The multipart form a browser sends.
      const form = new FormData();
      form.append("file", new Blob([bytes]), fileName);
      const response = await fetch(`${p.url}${base}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
      const text = await response.text();
      const body = (response.headers.get("content-type") ?? "").includes("json") && text !== "" ? (JSON.parse(text) as { id?: number }) : {};
      return reply({ status: response.status, headers: response.headers, body, text });
    },
    apply: async (id) => reply(await client.post<{ id?: number }>(`${base}/${id}/apply`)),
    kill: () => p.kill(),
    stop: () => p.stop(),
  };
}

interface Settled {
  reply?: Reply;
  error?: unknown;
  at: number;
}

const settle = (p: Promise<Reply>): Promise<Settled> =>
  p.then(
    (reply) => ({ reply, at: performance.now() }),
    (error: unknown) => ({ error, at: performance.now() }),
  );

/** Waits ms, or until the promise settles if that comes first: true when the time ran out. */
async function timeUp(delayMs: number, p: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), delayMs)));
  const result = await Promise.race([elapsed, p.then(() => false as const)]);
  clearTimeout(timer);
  return result;
}

interface TrialPlan {
  via: "worker" | "serve";
  kind: Kind;
  /** Where the kill lands: in the upload, or in the apply (a fraction of its expected duration; beyond 1: after it). */
  phase: "upload" | "apply";
  fraction: number;
}

/** Kinds in turn; every eighth kill of an apply process in an upload; the kills of each group spread evenly, with jitter. */
function planTrials(next: () => number): TrialPlan[] {
  const plans: TrialPlan[] = [];
  for (let t = 0; t < trials.worker; t += 1) plans.push({ via: "worker", kind: t % 2 === 0 ? "PICKUP" : "VPN", phase: t % 8 === 5 ? "upload" : "apply", fraction: 0 });
  for (let t = 0; t < trials.serve; t += 1) plans.push({ via: "serve", kind: t % 2 === 0 ? "PICKUP" : "VPN", phase: "apply", fraction: 0 });
  const sets = new Map<string, TrialPlan[]>();
  for (const p of plans) sets.set(`${p.via}-${p.kind}-${p.phase}`, [...(sets.get(`${p.via}-${p.kind}-${p.phase}`) ?? []), p]);
  for (const these of sets.values()) {
    const span = these[0]?.phase === "upload" ? 1 : 1.25;
    const fractions = these.map((_, j) => ((j + next()) / these.length) * span);
    for (let j = fractions.length - 1; j > 0; j -= 1) {
      const k = Math.floor(next() * (j + 1));
      [fractions[j], fractions[k]] = [fractions[k] ?? 0, fractions[j] ?? 0];
    }
    these.forEach((p, j) => (p.fraction = fractions[j] ?? 0));
  }
  return plans;
}

for (const dialect of dialects()) {
  describe(`kill -9 during bulk apply (${dialect})`, () => {
    let testStore: TestStore;
    let seeded: Seeded;
    let compileCache: string;
    /** Every process started, to end those still running whatever happens. */
    const processes: Promise<Target>[] = [];
    const count = { worker: 0, serve: 0 };
    const runId = `${process.pid}_${Date.now().toString(36)}`;

    /** A new server process on the database, ready to take requests. */
    const launch = (via: "worker" | "serve"): Promise<Target> => {
      count[via] += 1;
      const name = `crash_${runId}_${via}_${count[via]}`;
      // The compile cache spares each process most of the module loading of the one before.
      const env = { PGAPPNAME: name, NODE_COMPILE_CACHE: compileCache };
      const started =
        via === "serve"
          ? startServe({ databaseUrl: testStore.databaseUrl, dataDir: testStore.dataDir, operatorPassword, env, readyTimeoutMs: 90_000 }).then((p) => serveTarget(p, name, seeded.token))
          : startWorker({ ...process.env, ...env, DATABASE_URL: testStore.databaseUrl ?? "", CENTREX_DATA_DIR: testStore.dataDir }, name);
      // Awaited later; until then a failed start must not count as an unhandled rejection.
      started.catch(() => undefined);
      processes.push(started);
      return started;
    };

    /** For the checks, a connection opened after the crash: SQLite afresh each time; PostgreSQL's server is not the one that crashed. */
    const inspect = async <T>(body: (db: Db) => Promise<T>): Promise<T> => {
      if (dialect === "postgres") return body(testStore.store.db);
      const store = openStore({ dataDir: testStore.dataDir });
      try {
        return await body(store.db);
      } finally {
        await store.close();
      }
    };

    /** PostgreSQL: the killed process's sessions are gone, so its transaction has been committed or rolled back. */
    const gone = async (name: string) => {
      if (dialect !== "postgres") return;
      // A backend goes on with its statement after its client died, and notices only when it next speaks to it.
      const until = performance.now() + 60_000;
      for (;;) {
        const r = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where application_name = ${name}`.execute(testStore.store.db);
        if (Number(r.rows[0]?.n) === 0) return;
        if (performance.now() > until) throw new Error(`PostgreSQL still has sessions of the killed process ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    before(async () => {
      testStore = await createTestStore(dialect);
      compileCache = mkdtempSync(path.join(tmpdir(), "centrex-compile-cache-"));
      seeded = await seed(testStore);
    });
    after(async () => {
      await Promise.all(processes.map(async (p) => (await p.catch(() => undefined))?.stop()));
      await testStore?.dispose();
      if (compileCache !== undefined) rmSync(compileCache, { recursive: true, force: true });
    });

    test(`${trials.worker + trials.serve} kills at random points of uploads and applies: all or nothing; the file uploaded again duplicates nothing`, async () => {
      const started = performance.now();
      const seedValue = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
      const plans = planTrials(seededRandom(seedValue));
      const state: Record<Kind, State> = { PICKUP: "A", VPN: "A" };
      let version = 1;
      let appliedImports = 0;
      const counts = { before: 0, after: 0, between: 0 };
      const kills = { upload: 0, apply: 0, answered: 0 };
      const problems: string[] = [];

      const importsOf = (db: Db, sha: string) => db.selectFrom("imports").select(["id", "status", "applied_at"]).where("enterprise_id", "=", enterpriseId).where("sha256", "=", sha).execute();
      const auditCount = async (db: Db, action: string, targetId?: number) => {
        let q = db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).where("enterprise_id", "=", enterpriseId).where("action", "=", action);
        if (targetId !== undefined) q = q.where("target_id", "=", String(targetId));
        return Number((await q.executeTakeFirstOrThrow()).n);
      };

      // Processes are started ahead (two trials ahead, `serve` four), so a start overlaps the trials before it.
      const launched = new Map<number, Promise<Target>>();
      const ensure = (t: number) => {
        if (!launched.has(t)) launched.set(t, launch(plans[t]?.via ?? "serve"));
        return launched.get(t) as Promise<Target>;
      };
      const ahead = (t: number) => {
        for (let k = t + 1; k <= Math.min(t + 4, plans.length); k += 1) if (k <= t + 2 || (plans[k]?.via ?? "serve") === "serve") ensure(k);
      };

      // Calibration: an upload and an apply of each kind, not killed, measure how long they take here and now.
      let current = await ensure(0);
      ahead(0);
      const expected = { upload: 0, apply: { PICKUP: 0, VPN: 0 } };
      // The apply's duration: the median of the last ones answered, so one slow apply does not move the kill points far.
      const durations: Record<Kind, number[]> = { PICKUP: [], VPN: [] };
      const took = (kind: Kind, duration: number) => {
        durations[kind] = [...durations[kind], duration].slice(-5);
        const sorted = [...durations[kind]].sort((a, b) => a - b);
        expected.apply[kind] = sorted[Math.floor(sorted.length / 2)] ?? duration;
      };
      for (const kind of ["PICKUP", "VPN"] as const) {
        const t0 = performance.now();
        const uploaded = await current.upload(`${kind.toLowerCase()}-calibration.csv`, bulkFile(kind, "B", 0));
        assert.equal(uploaded.status, 201, uploaded.text);
        const t1 = performance.now();
        const applied = await current.apply(uploaded.id ?? 0);
        assert.equal(applied.status, 200, applied.text);
        expected.upload = Math.max(expected.upload, t1 - t0);
        took(kind, performance.now() - t1);
        state[kind] = "B";
        version += 1;
        appliedImports += 1;
      }
      const calibrated = { ...expected.apply };
      if (dialect === "postgres") {
        // What tells a killed process's transaction is over: its sessions, found by name.
        const named = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where application_name = ${current.name}`.execute(testStore.store.db);
        assert.ok(Number(named.rows[0]?.n) > 0, "the sessions of a server process carry its name");
      }

      let last: { kind: Kind; bytes: Buffer; sha: string; target: State } | undefined;
      for (const [t, plan] of plans.entries()) {
        if (t > 0) current = await ensure(t);
        ahead(t);
        const target = current;
        const { kind } = plan;
        const from = state[kind];
        const to = flip(from);
        const bytes = bulkFile(kind, to, t + 1);
        const sha = sha256(bytes);
        const fileName = `${kind.toLowerCase()}-${t}.csv`;
        last = { kind, bytes, sha, target: to };
        let uploaded: Reply | undefined;
        let applied: Reply | undefined;
        let applyStarted = 0;
        let answeredAt: number | undefined;

        if (plan.phase === "upload") {
          const uploading = settle(target.upload(fileName, bytes));
          const timedOut = await timeUp(plan.fraction * expected.upload, uploading);
          await target.kill();
          uploaded = (await uploading).reply;
          kills[timedOut ? "upload" : "answered"] += 1;
        } else {
          uploaded = await target.upload(fileName, bytes);
          assert.equal(uploaded.status, 201, uploaded.text);
          applyStarted = performance.now();
          const applying = settle(target.apply(uploaded.id ?? 0));
          // Beyond the end (fraction ≥ 1): killed as soon as the answer is in.
          let timedOut = false;
          if (plan.fraction < 1) timedOut = await timeUp(plan.fraction * expected.apply[kind], applying);
          else await applying;
          await target.kill();
          const answer = await applying;
          applied = answer.reply;
          if (!timedOut) answeredAt = answer.at;
          kills[timedOut ? "apply" : "answered"] += 1;
        }
        await gone(target.name);

        // With the process gone: what is in the database?
        const where = `trial ${t} (${plan.via}, ${kind} ${plan.phase}, kill at ${plan.fraction.toFixed(2)})`;
        const outcome = await inspect(async (db): Promise<Outcome> => {
          const seen = await observe(db, seeded);
          const other: Kind = kind === "PICKUP" ? "VPN" : "PICKUP";
          const why: string[] = [];
          if (seen.matches[other][state[other]] !== numbers) why.push(`${other} memberships changed: ${JSON.stringify(seen.matches[other])}`);
          let result: Outcome = seen.matches[kind][from] === numbers ? "before" : seen.matches[kind][to] === numbers ? "after" : "between";
          if (result === "between") why.push(`${kind}: ${seen.matches[kind][from]} numbers as before, ${seen.matches[kind][to]} as after`);
          const wantVersion = result === "after" ? version + 1 : version;
          if (seen.versions.length !== 1 || seen.versions[0] !== wantVersion) why.push(`row versions ${seen.versions.slice(0, 5).join(", ")} (expected all ${wantVersion})`);
          if (seen.updatedAts.length !== 1) why.push(`${seen.updatedAts.length} different updated_at values`);
          if (why.length > 0) result = "between";
          if (why.length > 0) problems.push(`${where}: ${why.join("; ")}`);

          // What was answered is there; the upload record and the audit trail say what the data says.
          const records = await importsOf(db, sha);
          const record = records[0];
          if (records.length > 1) problems.push(`${where}: ${records.length} uploads of one file`);
          if (uploaded?.status === 201 && record === undefined) problems.push(`${where}: the upload was answered 201 but is not stored`);
          if (applied?.status === 200 && result !== "after") problems.push(`${where}: the apply was answered 200 but the data is ${result}`);
          if (result === "after" && (record?.status !== "applied" || record.applied_at !== seen.updatedAts[0])) problems.push(`${where}: the data is applied, the upload says ${JSON.stringify(record)}`);
          if (result === "before" && record !== undefined && (record.status !== "uploaded" || record.applied_at !== null)) problems.push(`${where}: the data is as before, the upload says ${JSON.stringify(record)}`);
          const applyEvents = record === undefined ? 0 : await auditCount(db, "import.apply", record.id);
          if (result !== "between" && applyEvents !== (result === "after" ? 1 : 0)) problems.push(`${where}: ${applyEvents} import.apply events for an upload left ${result}`);
          if (dialect === "sqlite") problems.push(...(await sqliteChecks(db)).map((p) => `${where}: ${p}`));
          if (result === "between") await restore(db, seeded, state, version);
          return result;
        });
        counts[outcome] += 1;
        if (outcome === "after") {
          state[kind] = to;
          version += 1;
          appliedImports += 1;
        }
        // Keep the kill points spread over the apply as the machine's load changes.
        if (answeredAt !== undefined) took(kind, answeredAt - applyStarted);
        if (dialect === "postgres") await cleanGinPendingLists(testStore.store.db);
      }

      // The file of the last trial uploaded again on a live `centrex serve`, then applied: one upload, one apply,
      // and each group holds exactly the numbers the file gives it.
      current = await ensure(plans.length);
      assert.ok(last !== undefined && current.url !== undefined);
      const reupload: string[] = [];
      const kept = await inspect(async (db) => (await importsOf(db, last.sha))[0]);
      const again = await current.upload("again.csv", last.bytes);
      if (kept === undefined ? again.status !== 201 : again.status !== 409 || again.code !== "8062") reupload.push(`upload again: ${again.status} ${again.text}`);
      const applied = await current.apply(kept?.id ?? again.id ?? 0);
      if (kept?.status === "applied" ? applied.status !== 409 || applied.code !== "8111" : applied.status !== 200) reupload.push(`apply: ${applied.status} ${applied.text}`);
      if (kept?.status !== "applied") appliedImports += 1;
      const client = new Client(current.url);
      client.bearer = seeded.token;
      const groupPath = last.kind === "PICKUP" ? "pickup-groups" : "extension-groups";
      for (const groupId of last.kind === "PICKUP" ? seeded.pickupIds : seeded.extensionIds) {
        // What an admin sees: each group's member count.
        const members = await client.get<{ total: number }>(`/api/v1/enterprises/${enterpriseId}/${groupPath}/${groupId}/members?membership=member&limit=1`);
        if (members.status !== 200 || members.body.total !== numbers / groups) reupload.push(`${groupPath}/${groupId}: ${members.body.total} members, ${numbers / groups} lines name it`);
      }
      await current.stop();
      await inspect(async (db) => {
        const final = await observe(db, seeded);
        if (final.matches[last.kind][last.target] !== numbers) reupload.push(`${final.matches[last.kind][last.target]} of ${numbers} numbers placed by the file`);
        const records = await importsOf(db, last.sha);
        if (records.length !== 1 || records[0]?.status !== "applied") reupload.push(`uploads of the file: ${JSON.stringify(records)}`);
        else if ((await auditCount(db, "import.apply", records[0].id)) !== 1) reupload.push("not one import.apply event for the file");
        const twice = await db.selectFrom("imports").select("sha256").where("enterprise_id", "=", enterpriseId).groupBy("sha256").having((eb) => eb.fn.countAll(), ">", 1).execute();
        if (twice.length > 0) reupload.push(`${twice.length} files uploaded twice`);
        const rows = await db
          .selectFrom("imports")
          .select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.sum<number>(eb.case().when("status", "=", "applied").then(1).else(0).end()).as("applied")])
          .where("enterprise_id", "=", enterpriseId)
          .executeTakeFirstOrThrow();
        if (Number(rows.applied) !== appliedImports) reupload.push(`${rows.applied} uploads applied, ${appliedImports} expected`);
        if (Number(rows.applied) !== (await auditCount(db, "import.apply"))) reupload.push(`${rows.applied} uploads applied but ${await auditCount(db, "import.apply")} import.apply events`);
        if (Number(rows.all) !== (await auditCount(db, "import.create"))) reupload.push(`${rows.all} uploads but ${await auditCount(db, "import.create")} import.create events`);
      });

      // Last, the SQLite file opened afresh with no process left on it.
      let integrity = "";
      if (dialect === "sqlite") {
        await testStore.store.close();
        const fresh = new DatabaseSync(path.join(testStore.dataDir, "centrex.db"));
        const rows = fresh.prepare("pragma integrity_check").all().map((r) => String(r.integrity_check));
        fresh.close();
        const failed = problems.filter((p) => p.includes("integrity_check")).length;
        integrity = rows.join() !== "ok" ? `integrity_check at the end: ${rows.slice(0, 3).join("; ")}` : failed > 0 ? `integrity_check failed after ${failed} kills` : "integrity_check ok";
      }

      const total = trials.worker + trials.serve;
      console.log(
        `kill -9 during bulk apply (${dialect}): ${total} trials, ${counts.before} left before, ${counts.after} left after, ${counts.between} between; ${integrity === "" ? "" : `${integrity}; `}re-upload: ${reupload.length === 0 ? "no duplicates" : reupload.join("; ")}`,
      );
      console.log(
        `  ${trials.worker} apply processes and ${trials.serve} centrex serve killed; ${numbers.toLocaleString("en-US")} numbers a file (PICKUP and VPN in turn); kills: ${kills.upload} during the upload, ${kills.apply} during the apply, ${kills.answered} after the answer; ` +
          `apply ${ms(calibrated.PICKUP)} (PICKUP), ${ms(calibrated.VPN)} (VPN), upload ${ms(expected.upload)}; ${((performance.now() - started) / 1000).toFixed(0)} s; seed ${seedValue}`,
      );
      for (const p of problems.slice(0, 20)) console.log(`  ✖ ${p}`);

      assert.deepEqual(problems, [], "every crash left the data, the upload and the audit trail consistent");
      assert.equal(counts.between, 0, "no crash left the data between before and after");
      assert.ok(counts.before > 0 && counts.after > 0, "the kills landed both before and after the commit");
      assert.ok(kills.apply >= total / 2, "most kills landed during an apply");
      assert.equal(integrity === "" || integrity === "integrity_check ok", true, integrity);
      assert.deepEqual(reupload, [], "the file uploaded again and applied duplicates nothing");
    });
  });
}

/**
 * PostgreSQL: the trigram indexes of the numbers (GIN, fastupdate) gather new entries in pending lists that
 * autovacuum merges in service. Here applies come faster than its one-minute naptime, and the merge of ~28,000 rows'
 * entries would fall on one apply and hold it for half a minute; merged after each trial, it costs ~0.1 s.
 */
async function cleanGinPendingLists(db: Db): Promise<void> {
  await sql`select gin_clean_pending_list(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
    where i.indrelid = 'subscribers'::regclass and a.amname = 'gin'`.execute(db);
}

/** After a crash that left the data between (a failure already counted): the numbers put back, so the next trials still mean something. */
async function restore(db: Db, seeded: Seeded, state: Record<Kind, State>, version: number): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < numbers; i += 1) {
      await tx
        .updateTable("subscribers")
        .set({
          pickup_group_id: seeded.pickupIds[slot(i, state.PICKUP)] ?? null,
          extension_group_id: seeded.extensionIds[slot(i, state.VPN)] ?? null,
          extension: extensionOf(i, state.VPN),
          version,
          updated_at: at,
        })
        .where("id", "=", subscriberId(i))
        .execute();
    }
  });
}

