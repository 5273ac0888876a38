// quality.md §Security, bad input: every write endpoint of the OpenAPI document gets generated invalid
// bodies (missing, wrong type, too long, control characters, text Shift_JIS can't encode, SQL / HTML /
// formula payloads where a field has a format, numbers out of range, malformed and 10,000-deep JSON, 65 MB
// bodies, invalid UTF-8, broken uploads). Every answer must be a 4xx with a catalogue code, and the
// database must be the same before and after, row for row.
//
// Each bad body is a known-valid body broken one way (test/support/bad-bodies.ts). The last test sends the
// valid bodies themselves to a fresh server, so a refusal can't come from something else being wrong with
// them, and sends them with a field no schema knows, which may be refused or ignored but never stored.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import iconv from "iconv-lite";
import { Client } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { snapshot, type Snapshot } from "../support/snapshot.ts";
import type { Dialect } from "../../src/store/schema.ts";
import { startTestServer, testOperatorPassword, type TestServer } from "../support/server.ts";
import {
  badBodies,
  controlCharacters,
  exoticCharacters,
  kinds,
  multipart,
  payloads,
  rawBadBodies,
  rawBadUploads,
  schemaBase,
  truncate,
  type BadBody,
  type HugeBody,
  type JsonSchema,
  type Kind,
  type Part,
  type RawBody,
} from "../support/bad-bodies.ts";

type Method = "post" | "put" | "patch" | "delete";
const writeMethods: readonly Method[] = ["post", "put", "patch", "delete"];
type Role = "operator" | "admin" | "anonymous" | "sipProxy" | "ownPassword";

interface Operation {
  readonly method: Method;
  readonly path: string;
  readonly jsonSchema: JsonSchema | undefined;
  readonly multipart: boolean;
  readonly key: string;
}

/** How to reach an operation and what a valid body of it is. */
interface Spec {
  readonly as: Role;
  readonly sid?: string;
  readonly base?: unknown;
  readonly kinds?: Record<string, Kind>;
  /** Generated bodies to try (default: twice the ways of breaking the body, 32–100); fewer where each costs a password hash. */
  readonly runs?: number;
  /** Tables a refused attempt may still write: failed credentials count towards the lockout (8001). */
  readonly mayWrite?: readonly string[];
  readonly upload?: Upload;
}

interface Upload {
  readonly parts: readonly Part[];
  /** The text fields the route reads (the rest of a form is ignored). */
  readonly reads: readonly string[];
  readonly broken: fc.Arbitrary<BrokenUpload>;
}

interface BrokenUpload {
  readonly label: string;
  readonly parts: readonly Part[];
}

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
}

/** docs/errors.md: the codes an error body may carry. */
const catalogue = new Set([...readFileSync("docs/errors.md", "utf8").matchAll(/^\| (8\d{3}) \| \d{3} \|/gm)].map((m) => m[1] as string));
/** Answers that mean the body was never looked at: not logged in, not allowed, rate-limited. */
const notReached = new Set(["8109", "8110", "8121"]);

const adminPassword = "Bad-Input-Admin-2026";
const provisioningPassword = "Bad-Input-Prov-2026";
const seed = Number(process.env.BAD_INPUT_SEED ?? Date.now() % 2 ** 31);
const demoSubscribers = Array.from({ length: 20 }, (_, i) => `demo${String(i + 1).padStart(3, "0")}`);
const sjis = (text: string) => iconv.encode(text, "cp932");
const quoted = (...fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");

/** What a refused write must look like; undefined when it does. */
function problemOf(answer: Answer, expect?: { status: number; code: string }): string | undefined {
  if (answer.status === 0) return "no answer";
  if (answer.status >= 500) return "server error";
  if (answer.status < 400) return "accepted";
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = error?.code;
  if (typeof code !== "string" || !catalogue.has(code)) return "no catalogue code";
  if (typeof error?.message !== "string" || error.message === "") return "no message";
  if (notReached.has(code)) return `refused before the body was read (${code})`;
  if (expect !== undefined && (answer.status !== expect.status || code !== expect.code)) return `expected ${expect.status} ${expect.code}`;
  return undefined;
}

/** Rows added, changed or removed since the snapshot, leaving out the tables the operation may write. */
function changes(before: Snapshot, now: Snapshot, mayWrite: readonly string[]): string[] {
  const diff: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(now)])) {
    if (mayWrite.includes(table)) continue;
    const was = new Set(before[table] ?? []);
    const is = new Set(now[table] ?? []);
    for (const row of was) if (!is.has(row)) diff.push(`- ${table} ${truncate(row, 200)}`);
    for (const row of is) if (!was.has(row)) diff.push(`+ ${table} ${truncate(row, 200)}`);
  }
  return diff;
}

/** A server prepared for the suite: its clients by role and the IDs of the objects the writes address. */
interface World {
  readonly server: TestServer;
  readonly clients: Record<Role, Client>;
  readonly ids: Record<string, number>;
  readonly specs: Record<string, Spec>;
  readonly operations: Operation[];
}

/** A request with the role's credentials and the body exactly as given (a huge one streamed until the server answers). */
async function send(world: World, role: Role, method: string, url: string, body: string | Buffer | HugeBody | undefined, contentType: string | undefined): Promise<Answer> {
  const client = world.clients[role];
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  if (client.cookie !== undefined) headers.cookie = client.cookie;
  if (client.csrfToken !== undefined) headers["x-csrf-token"] = client.csrfToken;
  if (client.bearer !== undefined) headers.authorization = `Bearer ${client.bearer}`;
  const answer = (status: number, text: string): Answer => {
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: problemOf reports the missing code.
    }
    return { status, text, body: parsed };
  };
  const huge = body !== undefined && typeof body === "object" && !Buffer.isBuffer(body) ? body : undefined;
  let failed: Answer | undefined;
  // A server that refuses a body it is still receiving closes the connection after its answer; the client
  // may hit the closed socket (EPIPE) before it reads that answer. Such a race is tried again.
  for (let attempt = 0; attempt < (huge === undefined ? 1 : 3); attempt += 1) {
    try {
      const init: RequestInit & { duplex?: "half" } =
        huge !== undefined
          ? { method: method.toUpperCase(), headers: { ...headers, ...(huge.chunked ? {} : { "content-length": String(huge.size) }) }, body: hugeStream(huge.size), duplex: "half" }
          : { method: method.toUpperCase(), headers, body: body as string | Buffer | undefined };
      const response = await fetch(`${world.server.url}${url}`, init);
      return answer(response.status, await response.text());
    } catch (error) {
      failed = { status: 0, text: String((error as Error & { cause?: unknown }).cause ?? error), body: undefined };
    }
  }
  return failed as Answer;
}

/** `{"a":"xxx…` produced as it is read, so a server that answers early never costs the whole size. */
function hugeStream(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(16 * 1024).fill(0x78);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const piece = (sent === 0 ? Buffer.concat([Buffer.from('{"a":"'), chunk]) : chunk).subarray(0, size - sent);
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
}

/**
 * A server with the full demo enterprise, logged-in clients, and objects of our own for the writes that
 * rename or replace (so the demo's groups keep their meaning): the same IDs on every fresh server.
 */
async function prepare(dialect: Dialect): Promise<World> {
  const server = await startTestServer({ dialect, web: false, demo: "full", lockoutThreshold: 1_000_000, apiRateLimit: 0 });
  const clients = {} as Record<Role, Client>;
  for (const role of ["operator", "admin", "anonymous", "sipProxy", "ownPassword"] as const) clients[role] = new Client(server.url);
  const ids: Record<string, number> = {};
  const world: World = { server, clients, ids, specs: {}, operations: [] };
  const { operator, admin } = clients;
  assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
  assert.equal((await clients.ownPassword.login("operator", server.operatorPassword)).status, 200);
  assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
  const token = await operator.post<{ token: string; apiToken: { id: number } }>("/api/v1/api-tokens", { name: "proxy", role: "sipProxy" });
  assert.equal(token.status, 201, token.text);
  clients.sipProxy.bearer = token.body.token;
  ids["api-tokens"] = token.body.apiToken.id;

  const created = async (path: string, body: unknown): Promise<number> => {
    const answer = await admin.post<{ id: number }>(`/api/v1/enterprises/demo/${path}`, body);
    assert.equal(answer.status, 201, `${path}: ${answer.text}`);
    return answer.body.id;
  };
  ids["admin-groups"] = await created("admin-groups", { name: "不正入力用" });
  ids["extension-groups"] = await created("extension-groups", { name: "不正入力用", siteNumber: "9", memo: "" });
  ids["schedules"] = await created("schedules", { name: "不正入力用", cfnaTimeoutSec: 20, memo: "", rules: [] });
  const account = await admin.post("/api/v1/enterprises/demo/accounts", { loginId: "bi-admin", role: "groupAdmin", adminGroupId: ids["admin-groups"], password: adminPassword, passwordConfirm: adminPassword });
  assert.equal(account.status, 201, account.text);
  const hunt = await admin.get<{ items: { id: number }[] }>("/api/v1/enterprises/demo/hunt-groups");
  ids["hunt-groups"] = hunt.body.items[0]?.id ?? 0;
  const pickup = await admin.get<{ items: { id: number }[] }>("/api/v1/enterprises/demo/pickup-groups");
  ids["pickup-groups"] = pickup.body.items[0]?.id ?? 0;
  const demoSchedule = (await admin.get<{ items: { id: number; name: string }[] }>("/api/v1/enterprises/demo/schedules")).body.items.find((s) => s.name === "営業時間外");
  ids["demoSchedule"] = demoSchedule?.id ?? 0;
  const prov = await admin.patch(`/api/v1/enterprises/demo/subscribers/demo018`, { provisioningPassword });
  assert.equal(prov.status, 200, prov.text);

  const uploaded = async (path: string, parts: Part[]): Promise<number> => {
    const form = multipart(parts);
    const answer = await send(world, "admin", "post", `/api/v1/enterprises/demo/${path}`, form.body, form.contentType);
    assert.equal(answer.status, 201, `${path}: ${answer.text}`);
    return (answer.body as { id: number }).id;
  };
  ids["phonebooks"] = await uploaded("phonebooks", [{ name: "name", data: "不正入力用" }, phonebookFile("0612345678")]);
  ids["imports"] = await uploaded("imports", [importFile([["demo018", "不正入力用", "402"]])]);

  const document = await clients.anonymous.get<{ paths: Record<string, Partial<Record<Method, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>> }>("/api/openapi.json");
  world.operations.push(
    ...Object.entries(document.body.paths).flatMap(([path, byMethod]) =>
      writeMethods.flatMap((method) => {
        const op = byMethod[method];
        if (op === undefined) return [];
        const content = op.requestBody?.content ?? {};
        return [{ method, path, jsonSchema: content["application/json"]?.schema, multipart: content["multipart/form-data"] !== undefined, key: `${method.toUpperCase()} ${path}` }];
      }),
    ),
  );
  Object.assign(world.specs, specsFor(ids));
  return world;
}

function specOf(world: World, op: Operation): Spec {
  return world.specs[op.key] ?? { as: op.path.includes("{eid}") ? "admin" : "operator" };
}

function urlOf(world: World, op: Operation): string {
  const spec = specOf(world, op);
  return op.path
    .replace("{eid}", "demo")
    .replace("{sid}", spec.sid ?? "demo005")
    .replace("{loginId}", "bi-admin")
    .replace(/\/([a-z-]+)\/\{id\}/, (_m, resource: string) => `/${resource}/${world.ids[resource] ?? 1}`);
}

for (const dialect of dialects()) {
  describe(`bad input on every write endpoint (${dialect})`, () => {
    let world: World;
    const figures = { bodies: 0, endpoints: new Set<string>(), accepted: 0, serverErrors: 0, uncoded: 0, changedRows: 0 };
    let started = Date.now();

    /** Counts the answer in the figures and says what is wrong with it, with the request. */
    function judge(op: Operation, url: string, shown: string, answer: Answer, expect?: { status: number; code: string }): string | undefined {
      figures.bodies += 1;
      figures.endpoints.add(op.key);
      const problem = problemOf(answer, expect);
      if (problem === "accepted") figures.accepted += 1;
      if (problem === "server error" || problem === "no answer") figures.serverErrors += 1;
      if (problem === "no catalogue code") figures.uncoded += 1;
      return problem === undefined ? undefined : `${problem}: ${op.method.toUpperCase()} ${url} ${truncate(shown, 240)} → ${answer.status} ${truncate(answer.text, 240)}`;
    }

    /**
     * Runs the attempts on every operation and checks the database did not change. One snapshot before and
     * after the lot (the rows changed name the write in the audit trail); an operation that may write a table
     * (failed credentials) is watched on its own, with that table left out.
     */
    async function onEach(ops: readonly Operation[], failures: string[], attempt: (op: Operation) => Promise<void>): Promise<void> {
      const db = world.server.testStore.store.db;
      const watched = async (label: string, mayWrite: readonly string[], run: () => Promise<void>) => {
        const before = await snapshot(db);
        await run();
        const diff = changes(before, await snapshot(db), mayWrite);
        figures.changedRows += diff.length;
        if (diff.length > 0) failures.push(`database changed by ${label}:\n  ${diff.slice(0, 12).join("\n  ")}${diff.length > 12 ? `\n  … ${diff.length - 12} more` : ""}`);
      };
      const alone = ops.filter((op) => specOf(world, op).mayWrite !== undefined);
      const shared = ops.filter((op) => !alone.includes(op));
      await watched(shared.length === 1 ? (shared[0]?.key ?? "") : `one of ${shared.length} operations (the rows say which)`, [], async () => {
        for (const op of shared) await attempt(op);
      });
      for (const op of alone) await watched(op.key, specOf(world, op).mayWrite ?? [], () => attempt(op));
    }

    async function sendRaw(op: Operation, spec: Spec, url: string, raw: RawBody): Promise<string[]> {
      const answer = await send(world, spec.as, op.method, url, raw.body, raw.contentType);
      const body = raw.body;
      const shown = `${raw.label}: ${typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("latin1") : `{"a":"xxx… (${body.size} bytes${body.chunked ? ", chunked" : ""})`}`;
      const problem = judge(op, url, shown, answer, raw.expect);
      return problem === undefined ? [] : [problem];
    }

    before(async () => {
      started = Date.now();
      world = await prepare(dialect);
      assert.ok(world.operations.length >= 50, `${world.operations.length} write operations`);
    });

    after(async () => {
      console.log(
        `bad input (${dialect}): ${figures.bodies.toLocaleString("en")} bodies tried on ${figures.endpoints.size} write endpoints, ` +
          `${figures.accepted} accepted, ${figures.serverErrors} server errors, ${figures.uncoded} without a catalogue code, ` +
          `${figures.changedRows === 0 ? "database unchanged" : `database changed (${figures.changedRows} rows)`} ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed})`,
      );
      await world?.server.close();
    });

    test("generated bad JSON bodies: always a 4xx with a catalogue code, nothing stored", async () => {
      const failures: string[] = [];
      const schemaOnly: string[] = [];
      await onEach(world.operations, failures, async (op) => {
        if (op.jsonSchema === undefined) return;
        const spec = specOf(world, op);
        if (spec.base === undefined) schemaOnly.push(op.key);
        const base = spec.base ?? schemaBase(op.jsonSchema);
        const { arbitrary, ways } = badBodies(op.jsonSchema, base, spec.kinds ?? {});
        if (arbitrary === undefined) return;
        const url = urlOf(world, op);
        const problems = new Map<string, string>();
        await fc.assert(
            fc.asyncProperty(arbitrary, async (bad: BadBody) => {
            const answer = await send(world, spec.as, op.method, url, bad.json, "application/json");
            const problem = judge(op, url, bad.json, answer);
            // One line per field and way of breaking it: the report stays readable when a rule is missing.
            if (problem !== undefined) problems.set(`${bad.path}/${bad.family}`, `${problem} [${bad.family} at ${bad.path} = ${truncate(JSON.stringify(bad.value) ?? "(removed)", 120)}; must be refused: ${bad.reason}]`);
          }),
          { numRuns: spec.runs ?? Math.min(100, Math.max(32, ways * 2)), seed },
        );
        failures.push(...problems.values());
      });
      if (schemaOnly.length > 0) console.log(`bad input (${dialect}): no known-valid body for ${schemaOnly.join(", ")}; schema rules only`);
      assert.deepEqual(failures, [], `seed ${seed}`);
    });

    test("bodies that are not JSON, 10,000-deep JSON, 65 MB and invalid UTF-8: refused the same way", async () => {
      const failures: string[] = [];
      await onEach(world.operations, failures, async (op) => {
        const spec = specOf(world, op);
        const hasJson = op.jsonSchema !== undefined;
        const bodies = rawBadBodies(hasJson ? (spec.base ?? schemaBase(op.jsonSchema)) : undefined, spec.kinds ?? {}, { bodySchema: hasJson });
        const url = urlOf(world, op);
        for (const raw of bodies) failures.push(...(await sendRaw(op, spec, url, raw)));
      });
      assert.deepEqual(failures, []);
    });

    test("broken uploads (multipart): refused the same way", async () => {
      const failures: string[] = [];
      const uploads = world.operations.filter((op) => op.multipart);
      assert.ok(uploads.length >= 3, `${uploads.length} upload operations`);
      for (const op of uploads) assert.ok(specOf(world, op).upload !== undefined, `${op.key}: an upload with no known-valid form`);
      await onEach(uploads, failures, async (op) => {
        const spec = specOf(world, op);
        const upload = spec.upload as Upload;
        const url = urlOf(world, op);
        const problems = new Map<string, string>();
        for (const raw of rawBadUploads(upload.parts, upload.reads)) failures.push(...(await sendRaw(op, spec, url, raw)));
        await fc.assert(
          fc.asyncProperty(upload.broken, async (broken) => {
            const form = multipart(broken.parts);
            const answer = await send(world, spec.as, op.method, url, form.body, form.contentType);
            const problem = judge(op, url, `${broken.label}: ${describeParts(broken.parts)}`, answer);
            if (problem !== undefined) problems.set(broken.label, problem);
          }),
          { numRuns: 40, seed },
        );
        failures.push(...problems.values());
      });
      assert.deepEqual(failures, [], `seed ${seed}`);
    });

    // On a fresh server, so what the bad bodies may have changed can't stand in the way of the valid ones.
    // Each valid body is first sent with a field no schema knows added to every object in it: the server may
    // refuse it (a 4xx with a code) or ignore it, never store it. Refused, the plain body is sent after it.
    test("the known-valid bodies are accepted, and a field no schema knows is never stored", async () => {
      const fresh = await prepare(dialect);
      try {
        const failures: string[] = [];
        const withBase = fresh.operations.filter((op) => specOf(fresh, op).base !== undefined || specOf(fresh, op).upload !== undefined);
        // The own-password change ends the operator's other sessions: last.
        withBase.sort((a, b) => Number(specOf(fresh, a).as === "ownPassword") - Number(specOf(fresh, b).as === "ownPassword"));
        for (const op of withBase) {
          const spec = specOf(fresh, op);
          const url = urlOf(fresh, op);
          if (spec.base !== undefined && op.jsonSchema !== undefined) {
            const marked = JSON.stringify(withUnknownField(spec.base));
            const first = await send(fresh, spec.as, op.method, url, marked, "application/json");
            if (first.status >= 300) {
              const problem = problemOf(first);
              if (problem !== undefined) failures.push(`${problem}: ${op.key} (${url}) ${truncate(marked, 200)} → ${first.status} ${truncate(first.text, 200)}`);
              const plain = await send(fresh, spec.as, op.method, url, JSON.stringify(spec.base), "application/json");
              if (plain.status >= 300) failures.push(`valid body refused: ${op.key} (${url}) ${truncate(JSON.stringify(spec.base), 200)} → ${plain.status} ${truncate(plain.text, 300)}`);
            }
          }
          if (spec.upload !== undefined) {
            const form = multipart(spec.upload.parts);
            const answer = await send(fresh, spec.as, op.method, url, form.body, form.contentType);
            if (answer.status >= 300) failures.push(`valid upload refused: ${op.key} (${url}) → ${answer.status} ${truncate(answer.text, 300)}`);
          }
        }
        assert.ok(withBase.length >= 40, `${withBase.length} operations with a known-valid body`);
        const stored = Object.entries(await snapshot(fresh.server.testStore.store.db)).flatMap(([table, rows]) => rows.filter((r) => r.includes(unknownMarker)).map((r) => `${table} ${truncate(r.slice(Math.max(0, r.indexOf(unknownMarker) - 120)), 200)}`));
        if (stored.length > 0) failures.push(`a field no schema knows was stored:\n  ${stored.join("\n  ")}`);
        assert.deepEqual(failures, []);
      } finally {
        await fresh.server.close();
      }
    });
  });
}

const unknownMarker = "zz-bad-input-unknown-field";

/** The body with `zzUnknown` added to every object in it (the body itself, nested settings, list entries). */
function withUnknownField(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUnknownField);
  if (value === null || typeof value !== "object") return value;
  return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknownField(v)])), zzUnknown: unknownMarker };
}

function describeParts(parts: readonly Part[]): string {
  return parts.map((p) => `${p.name}${p.fileName === undefined ? "" : `(${p.fileName})`}=${typeof p.data === "string" ? p.data : p.data.toString("latin1")}`).join(" & ");
}

// ---------------------------------------------------------------------------------------------------
// Uploads: a valid bulk-registration file and phonebook, and the ways to break them

const vpnHeader = ["加入者ID", "内線グループ名", "内線番号"];

function importFile(lines: string[][], options: { eol?: string; kind?: string; header?: string[]; encode?: (text: string) => Buffer; join?: (fields: string[]) => string; fileName?: string } = {}): Part {
  const eol = options.eol ?? "\r\n";
  const join = options.join ?? ((fields: string[]) => quoted(...fields));
  const text = [quoted(options.kind ?? "VPN"), join(options.header ?? vpnHeader), ...lines.map(join)].map((l) => `${l}${eol}`).join("");
  return { name: "file", fileName: options.fileName ?? "bad-input.csv", contentType: "text/csv", data: (options.encode ?? sjis)(text) };
}

const phonebookHeader = "名前,フリガナ,会社名,部署,電話番号1,電話番号2,電話番号3,メールアドレス,メモ";

function phonebookFile(number: string, options: { name?: string; fileName?: string; header?: string } = {}): Part {
  const row = quoted(options.name ?? "山田 太郎", "ヤマダ タロウ", "山田商事", "営業部", number, "", "", "taro@example.com", "メモ");
  return { name: "file", fileName: options.fileName ?? "bad-input.csv", contentType: "text/csv", data: sjis(`${options.header ?? phonebookHeader}\r\n${row}\r\n`) };
}

const badText = (seedText: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...payloads),
    fc.tuple(fc.nat({ max: seedText.length }), fc.constantFrom(...controlCharacters, ...exoticCharacters)).map(([at, c]) => `${seedText.slice(0, at)}${c}${seedText.slice(at)}`),
    fc.string({ unit: "binary", maxLength: 16 }),
  );

function importUpload(existingGroups: readonly string[]): Upload {
  const valid = [["demo020", "不正入力用", "401"]];
  const line = (i: number, value: string) => valid.map((l) => l.map((f, j) => (j === i ? value : f)));
  const extension = kinds.extension();
  const structural: BrokenUpload[] = [
    { label: "LF line ends", parts: [importFile(valid, { eol: "\n" })] },
    { label: "CR line ends", parts: [importFile(valid, { eol: "\r" })] },
    { label: "UTF-8 text", parts: [importFile(valid, { encode: (t) => Buffer.from(t, "utf8") })] },
    { label: "fields not quoted", parts: [importFile(valid, { join: (f) => f.join(",") })] },
    { label: "semicolons", parts: [importFile(valid, { join: (f) => f.map((x) => `"${x}"`).join(";") })] },
    { label: "tabs", parts: [importFile(valid, { join: (f) => f.map((x) => `"${x}"`).join("\t") })] },
    { label: "unknown kind", parts: [importFile(valid, { kind: "VPNX" })] },
    { label: "kind of another file", parts: [importFile(valid, { kind: "HUNT" })] },
    { label: "other header", parts: [importFile(valid, { header: ["ID", "group", "ext"] })] },
    { label: "a field too many", parts: [importFile(valid.map((l) => [...l, "x"]))] },
    { label: "a field too few", parts: [importFile(valid.map((l) => l.slice(0, 2)))] },
    { label: "no data lines", parts: [importFile([])] },
    { label: "empty file", parts: [{ ...importFile(valid), data: Buffer.alloc(0) }] },
    ...[".txt", ".xlsx", ".csv.exe", ""].map((ext) => ({ label: `file name ${ext || "without extension"}`, parts: [importFile(valid, { fileName: `bad-input${ext}` })] })),
  ];
  return {
    parts: [importFile(valid)],
    reads: [],
    broken: fc.oneof(
      fc.constantFrom(...structural),
      badText("demo020").filter((v) => !demoSubscribers.includes(v)).map((v) => ({ label: "subscriber ID", parts: [importFile(line(0, v))] })),
      badText("不正入力用").filter((v) => !existingGroups.includes(v.trim())).map((v) => ({ label: "group name", parts: [importFile(line(1, v))] })),
      fc.oneof(badText("401"), extension.bad as fc.Arbitrary<string>).filter((v) => typeof v === "string" && extension.refuses(v)).map((v) => ({ label: "extension", parts: [importFile(line(2, v))] })),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({ label: "random bytes", parts: [{ ...importFile(valid), data: Buffer.from(bytes) }] })),
    ),
  };
}

function phonebookUpload(name: string): Upload {
  const nameRule = kinds.text({ max: 64, required: true });
  const file = phonebookFile("0612345678");
  const nameField = (v: string): Part => ({ name: "name", data: v });
  const structural: BrokenUpload[] = [
    { label: "entry without a name", parts: [nameField(name), phonebookFile("0612345678", { name: "" })] },
    { label: "other header", parts: [nameField(name), phonebookFile("0612345678", { header: "name,kana,company,dept,tel1,tel2,tel3,mail,memo" })] },
    { label: "vCard without name or number", parts: [nameField(name), { name: "file", fileName: "bad-input.vcf", data: "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:x\r\nEND:VCARD\r\n" }] },
    { label: "vCard never ended", parts: [nameField(name), { name: "file", fileName: "bad-input.vcf", data: "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田\r\nTEL:0612345678\r\n" }] },
    { label: "CSV named .vcf", parts: [nameField(name), { ...file, fileName: "bad-input.vcf" }] },
    ...[".txt", ".exe", ".csv.exe", ""].map((ext) => ({ label: `file name ${ext || "without extension"}`, parts: [nameField(name), { ...file, fileName: `bad-input${ext}` }] })),
  ];
  // Through a form, text is UTF-8: an ill-formed string arrives as U+FFFD, so only what survives that is judged.
  const asSent = (v: string) => Buffer.from(v, "utf8").toString("utf8");
  return {
    parts: [nameField(name), file],
    reads: ["name"],
    broken: fc.oneof(
      fc.constantFrom(...structural),
      fc.oneof(badText(name), nameRule.bad as fc.Arbitrary<string>).filter((v) => nameRule.refuses(asSent(v))).map((v) => ({ label: "phonebook name", parts: [nameField(v), file] })),
      badText("0612345678").filter((v) => !/\d/.test(v)).map((v) => ({ label: "the only number", parts: [nameField(name), phonebookFile(v)] })),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({ label: "random bytes", parts: [nameField(name), { ...file, data: Buffer.from(bytes) }] })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// The write operations: who sends them, a valid body, and the spec's rule for each field with a format

function specsFor(ids: Record<string, number>): Record<string, Spec> {
  const E = "/api/v1/enterprises/{eid}";
  const subscriber = kinds.existingSubscriber(demoSubscribers);
  const timer = kinds.intRange(1, 180);
  const destination = kinds.phone();
  const memo256 = kinds.text({ max: 256, bytes: 256 });
  const groupName = kinds.text({ max: 64, required: true });
  const scheduleRef = kinds.ref([ids["schedules"] ?? 0, ids["demoSchedule"] ?? 0], { nullable: false });
  const forwarding = (prefix: string): Record<string, Kind> => ({
    [`${prefix}unconditional.destination`]: destination,
    [`${prefix}busy.destination`]: destination,
    [`${prefix}noAnswer.destination`]: destination,
    [`${prefix}noAnswer.timerSec`]: timer,
    [`${prefix}voicemail.ringSec`]: timer,
  });
  const forwardingBase = {
    unconditional: { enabled: true, destination: "0612345678" },
    busy: { enabled: true, destination: "0312340000" },
    noAnswer: { enabled: true, destination: "09012345678", timerSec: 20 },
    voicemail: { enabled: true, condition: "busyOrNoAnswer", ringSec: 25 },
  };
  const schedule = {
    base: (name: string) => ({
      name,
      cfnaTimeoutSec: 20,
      extensionGroupId: null,
      memo: "",
      rules: [
        { type: "date", date: "2026-12-30", start: "09:00", end: "18:00", action: "unconditional", destination: "0612345678", memo: "年末" },
        { type: "date", month: 1, day: 2, start: "00:00", end: "24:00", action: "none" },
        { type: "weekday", weekdays: [1, 3], start: "12:00", end: "13:00", action: "busy", destination: "09012345678" },
        { type: "holiday", start: "00:00", end: "24:00", action: "noAnswer", destination: "0312340000" },
      ],
    }),
    kinds: {
      name: groupName,
      cfnaTimeoutSec: timer,
      memo: memo256,
      extensionGroupId: kinds.ref([ids["extension-groups"] ?? 0], { nullable: true }),
      rules: kinds.arrayMax(100),
      // Each rule is checked by the fields of its type and action: a date on a weekday rule, or a destination
      // on a rule that forwards nowhere, is ignored rather than refused.
      "rules.0.date": kinds.date(),
      "rules.*.start": kinds.time(),
      "rules.*.end": kinds.time(),
      "rules.0.destination": destination,
      "rules.2.destination": destination,
      "rules.3.destination": destination,
      "rules.2.weekdays.*": kinds.intRange(0, 6),
      "rules.*.memo": memo256,
    },
  };
  const newPassword = "Bad-Input-New-2026";
  const passwordPair = { base: { newPassword, newPasswordConfirm: newPassword }, kinds: { newPassword: kinds.sameAs(newPassword), newPasswordConfirm: kinds.sameAs(newPassword) } };
  return {
    "POST /api/v1/session": {
      as: "anonymous",
      base: { loginId: "operator", password: testOperatorPassword },
      kinds: {
        loginId: kinds.sameAs("operator"),
        password: kinds.sameAs(testOperatorPassword),
        // An operator logs in without an enterprise; a blank one is the same as none.
        enterpriseId: { name: "no enterprise", refuses: (v) => typeof v === "string" && v.trim() !== "" },
      },
      mayWrite: ["login_attempts"],
      runs: 24,
    },
    "PUT /api/v1/session/password": {
      as: "ownPassword",
      runs: 24,
      base: { currentPassword: testOperatorPassword, newPassword, newPasswordConfirm: newPassword },
      kinds: { currentPassword: kinds.sameAs(testOperatorPassword), ...passwordPair.kinds },
    },
    "POST /api/v1/enterprises": {
      as: "operator",
      base: { id: "bi-new", name: "不正入力株式会社", lineId1: "L1", timeZone: "Asia/Tokyo", administratorPassword: "Bad-Input-Ent-2026" },
      kinds: { id: kinds.identifier(), name: groupName, lineId1: kinds.lineId(), lineId2: kinds.lineId(), timeZone: kinds.timeZone(), administratorPassword: kinds.password() },
    },
    [`PATCH ${E}`]: {
      as: "operator",
      base: { name: "デモ株式会社", lineId1: "L1", timeZone: "Asia/Tokyo" },
      kinds: { name: groupName, lineId1: kinds.lineId(), lineId2: kinds.lineId(), timeZone: kinds.timeZone() },
    },
    [`PUT ${E}/bulletin`]: { as: "admin", base: { text: "お知らせ\n本文" }, kinds: { text: kinds.text({ max: 2000, multiline: true }) } },
    [`POST ${E}/subscribers`]: {
      as: "operator",
      base: { id: "bi-sub", number: "0312349999", displayName: "不正入力", password: "Bad-Input-Sub-2026", provisioningPassword: "Bad-Input-Prv-2026" },
      kinds: { id: kinds.identifier(), number: kinds.phone(), displayName: kinds.text({ max: 64 }), password: kinds.password(), provisioningPassword: kinds.password() },
    },
    [`PATCH ${E}/subscribers/{sid}`]: {
      as: "admin",
      base: { displayName: "表示名", info: "情報", memo: "メモ", originNumbers: ["", ""], notifyNumber: "" },
      kinds: {
        displayName: kinds.text({ max: 64 }),
        info: kinds.text({ max: 256, multiline: true }),
        memo: kinds.text({ max: 256, multiline: true }),
        provisioningPassword: kinds.password(),
        "originNumbers.*": kinds.phone({ empty: "ok" }),
        notifyNumber: kinds.phone({ empty: "ok" }),
        originNumbers: kinds.arrayMax(2),
      },
    },
    [`PUT ${E}/subscribers/{sid}/password`]: { as: "admin", ...passwordPair },
    [`PUT ${E}/subscribers/{sid}/call-settings`]: { as: "admin", base: { anonymousRejection: true, internationalBlock: true } },
    [`PUT ${E}/call-settings`]: { as: "admin", base: [{ subscriberId: "demo007", anonymousRejection: true }], kinds: { "*.subscriberId": subscriber } },
    [`PUT ${E}/subscribers/{sid}/forwarding`]: {
      as: "admin",
      sid: "demo016",
      base: { ...forwardingBase, schedule: { enabled: true, scheduleId: ids["demoSchedule"] } },
      kinds: { ...forwarding(""), "schedule.scheduleId": scheduleRef },
    },
    [`PUT ${E}/forwarding`]: { as: "admin", base: [{ subscriberId: "demo017", ...forwardingBase }], kinds: { "*.subscriberId": subscriber, ...forwarding("*.") } },
    [`PUT ${E}/forward-destinations`]: {
      as: "admin",
      base: [
        { number: "0612345678", memo: "大阪営業所" },
        { number: "09012345678", memo: "当番携帯" },
      ],
      kinds: { "": kinds.arrayMax(30), "*.number": destination, "*.memo": memo256 },
    },
    [`POST ${E}/schedules`]: { as: "admin", base: schedule.base("不正入力スケジュール"), kinds: schedule.kinds },
    [`PUT ${E}/schedules/{id}`]: { as: "admin", base: schedule.base("不正入力用"), kinds: schedule.kinds },
    "POST /api/v1/route": {
      as: "sipProxy",
      base: { call: { direction: "inbound", from: "0612345678", dialed: "0312345001", at: "2026-06-01T10:00:00+09:00" } },
      kinds: { "call.at": kinds.instant() },
    },
    [`PUT ${E}/subscribers/{sid}/terminal`]: { as: "admin", sid: "demo013", base: { callKit: true } },
    [`PUT ${E}/subscribers/{sid}/emergency-stop`]: { as: "admin", base: { stopped: false } },
    [`PUT ${E}/terminal`]: { as: "admin", base: [{ subscriberId: "demo011", callKit: true, deleteBackup: true }], kinds: { "*.subscriberId": subscriber } },
    "POST /api/v1/provision": {
      as: "anonymous",
      base: { subscriberId: "demo018", provisioningPassword, deviceId: "bad-input-device" },
      kinds: { subscriberId: kinds.sameAs("demo018"), provisioningPassword: kinds.sameAs(provisioningPassword), deviceId: kinds.deviceId() },
      mayWrite: ["login_attempts"],
      runs: 30,
    },
    "PUT /api/v1/notices": {
      as: "operator",
      base: { items: [{ title: "メンテナンスのお知らせ", body: "本文\n二行目" }] },
      kinds: { "items.*.title": kinds.text({ max: 100, required: true }), "items.*.body": kinds.text({ max: 2000, multiline: true }) },
    },
    "POST /api/v1/api-tokens": {
      as: "operator",
      base: { name: "不正入力トークン", role: "enterpriseAdmin", enterpriseId: "demo" },
      kinds: { name: groupName, enterpriseId: kinds.sameAs("demo") },
    },
    [`POST ${E}/admin-groups`]: { as: "admin", base: { name: "不正入力グループ" }, kinds: { name: groupName } },
    [`PATCH ${E}/admin-groups/{id}`]: { as: "admin", base: { name: "不正入力用2" }, kinds: { name: groupName } },
    [`PUT ${E}/admin-groups/{id}/members`]: { as: "admin", base: { subscriberIds: ["demo003", "demo004"] }, kinds: { "subscriberIds.*": subscriber } },
    [`POST ${E}/accounts`]: {
      as: "admin",
      base: { loginId: "bi-new-admin", role: "groupAdmin", adminGroupId: ids["admin-groups"], password: adminPassword, passwordConfirm: adminPassword, memo: "" },
      kinds: {
        loginId: kinds.loginId(),
        adminGroupId: kinds.ref([ids["admin-groups"] ?? 0], { nullable: false }),
        password: kinds.sameAs(adminPassword),
        passwordConfirm: kinds.sameAs(adminPassword),
        memo: kinds.text({ max: 256 }),
      },
    },
    [`PATCH ${E}/accounts/{loginId}`]: {
      as: "admin",
      base: { memo: "不正入力用のメモ", adminGroupId: ids["admin-groups"] },
      kinds: { loginId: kinds.loginId(), adminGroupId: kinds.ref([ids["admin-groups"] ?? 0], { nullable: false }), memo: kinds.text({ max: 256 }) },
    },
    [`PUT ${E}/accounts/{loginId}/password`]: { as: "admin", ...passwordPair },
    [`POST ${E}/extension-groups`]: {
      as: "admin",
      base: { name: "不正入力拠点", siteNumber: "8", externalPrefix: "0", memo: "" },
      kinds: { name: groupName, siteNumber: kinds.digits(1, 8), memo: memo256 },
    },
    [`PUT ${E}/extension-groups/{id}`]: {
      as: "admin",
      base: { name: "不正入力用", siteNumber: "9", memo: "メモ" },
      kinds: { name: groupName, siteNumber: kinds.digits(1, 8), memo: memo256 },
    },
    [`PUT ${E}/extension-groups/{id}/members`]: { as: "admin", base: [{ subscriberId: "demo019", extension: "301" }], kinds: { "*.subscriberId": subscriber, "*.extension": kinds.extension() } },
    [`POST ${E}/hunt-groups`]: {
      as: "admin",
      base: { name: "不正入力代表", pilotSubscriberId: "demo012", distribution: "sequential", slideTimerSec: 10, schedule: { enabled: true, scheduleId: ids["demoSchedule"] }, memo: "" },
      kinds: { name: groupName, pilotSubscriberId: subscriber, slideTimerSec: timer, "schedule.scheduleId": scheduleRef, memo: memo256 },
    },
    [`PUT ${E}/hunt-groups/{id}`]: {
      as: "admin",
      base: { name: "代表", pilotSubscriberId: "demo010", distribution: "sequential", slideTimerSec: 15, schedule: { enabled: true, scheduleId: ids["demoSchedule"] }, memo: "代表番号" },
      kinds: { name: groupName, pilotSubscriberId: subscriber, slideTimerSec: timer, "schedule.scheduleId": scheduleRef, memo: memo256 },
    },
    [`PUT ${E}/hunt-groups/{id}/members`]: {
      as: "admin",
      base: [
        { subscriberId: "demo003", order: 1 },
        { subscriberId: "demo004", order: 2 },
      ],
      kinds: { "": kinds.arrayMax(32), "*.subscriberId": subscriber, "*.order": kinds.intRange(1, 999) },
    },
    [`POST ${E}/pickup-groups`]: {
      as: "admin",
      base: { name: "不正入力ピックアップ", number: "8", site: "default", memo: "" },
      kinds: { name: groupName, number: kinds.digits(1, 8), site: kinds.text({ max: 64, required: true }), memo: memo256 },
    },
    [`PUT ${E}/pickup-groups/{id}`]: {
      as: "admin",
      base: { name: "総務", number: "7", memo: "総務の代理応答" },
      kinds: { name: groupName, number: kinds.digits(1, 8), site: kinds.text({ max: 64, required: true }), memo: memo256 },
    },
    [`PUT ${E}/pickup-groups/{id}/members`]: { as: "admin", base: { subscriberIds: ["demo001", "demo002"] }, kinds: { "subscriberIds.*": subscriber } },
    [`POST ${E}/imports`]: { as: "admin", upload: importUpload(["不正入力用", "本社"]) },
    [`POST ${E}/phonebooks`]: { as: "admin", upload: phonebookUpload("不正入力電話帳") },
    [`PUT ${E}/phonebooks/{id}`]: { as: "admin", base: { name: "不正入力電話帳2" }, kinds: { name: groupName }, upload: phonebookUpload("不正入力電話帳3") },
    [`PUT ${E}/phonebooks/{id}/members`]: { as: "admin", base: { subscriberIds: ["demo001"] }, kinds: { "subscriberIds.*": subscriber } },
  };
}
