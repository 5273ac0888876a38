// Invalid request bodies for the bad-input suite (quality.md §Security): a known-valid body broken one way
// at a time, and the rule that says the broken body must be refused.
//
// A body counts as bad only when something independent of the server says so: the operation's published
// JSON schema (checked here with Ajv, as the server does) or a field rule of the spec (a `Kind`). Free
// text accepts SQL, HTML and formula text and characters Shift_JIS lacks (they are stored as written and
// escaped on output, docs/architecture.md), so those payloads only count where a field has a format.
import fc from "fast-check";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  description?: string;
}

/** A field rule of the spec: `refuses` says whether the server must refuse a body holding this value. */
export interface Kind {
  readonly name: string;
  /** true only when the value is invalid whatever the rest of the data; "might be valid" is false. */
  refuses(value: unknown): boolean;
  /** Values of this kind's own edge cases, which the generic families would rarely produce. */
  readonly bad?: fc.Arbitrary<unknown>;
}

// ---------------------------------------------------------------------------------------------------
// Payloads and characters

export const sqlPayloads = ["' OR '1'='1", "1; DROP TABLE subscribers;--", "\" OR 1=1 --", "admin'--", "') UNION SELECT password_hash FROM accounts --", "%' AND 1=0 --"];
export const htmlPayloads = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "&lt;b&gt;"];
export const formulaPayloads = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "=HYPERLINK(\"http://example.com\",\"x\")", "\t=1+1"];
export const otherPayloads = ["../../etc/passwd", "${7*7}", "{{7*7}}", "{\"a\":1}", "null", "undefined", "true", "NaN", "1e3", "0x1F", " ", ""];
export const payloads = [...sqlPayloads, ...htmlPayloads, ...formulaPayloads, ...otherPayloads];

/** C0 and C1 controls, DEL, and the line breaks that single-line fields refuse. */
export const controlCharacters = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085", "\u009b", "\n", "\r", "\t"];

/** Characters CP932 can't encode (emoji, 𠮷, ☃, ß, Hangul, U+301C), invisible controls of bidi text, full-width digits, and lone surrogates. */
export const exoticCharacters = ["😀", "𠮷", "☃", "ß", "한", "\u301c", "\u202e", "\u200b", "\ufeff", "０", "１２", "\ud800", "\udfff"];

const injected = (base: string, chars: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.nat({ max: base.length }), fc.constantFrom(...chars)).map(([at, c]) => `${base.slice(0, at)}${c}${base.slice(at)}`);

/** NUL and ill-formed UTF-16 mean nothing in any field (docs/security.md: refused up front). */
export function hasForbiddenText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed();
  if (depth > 32 || value === null || typeof value !== "object") return false;
  return Object.values(value).some((v) => hasForbiddenText(v, depth + 1));
}

// ---------------------------------------------------------------------------------------------------
// Field rules (domain: product.md, features.md, errors.md)

const isString = (v: unknown): v is string => typeof v === "string";
const printableAscii = /^[\x21-\x7e]+$/;
const lineBreaks = /[\r\n\t]/;
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const sjisBytes = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) <= 0x7f || /[\uff61-\uff9f]/.test(ch) ? 1 : 2), 0);
const longString = (min: number, unit: readonly string[]) => fc.string({ minLength: min, maxLength: min + 4, unit: fc.constantFrom(...unit) });
const compact = (s: string) => s.replace(/[\s-]/g, "");

export const kinds = {
  /** Free text: required (8008), no control characters, line breaks only where multiline, at most `max` characters (and `bytes` in Shift_JIS: 8101). */
  text(options: { max: number; required?: boolean; multiline?: boolean; bytes?: number }): Kind {
    const bad: fc.Arbitrary<unknown>[] = [longString(options.max + 1, ["a", "あ", "ｱ", "1"])];
    if (options.required === true) bad.push(fc.constantFrom("", " ", "\u3000", "  "));
    if (options.bytes !== undefined) bad.push(longString(Math.floor(options.bytes / 2) + 1, ["あ", "漢", "①"]));
    return {
      name: `text≤${options.max}`,
      refuses: (v) =>
        isString(v) &&
        ((options.required === true && v.trim() === "") ||
          !v.isWellFormed() ||
          controls.test(v) ||
          (options.multiline !== true && lineBreaks.test(v)) ||
          [...v].length > options.max ||
          (options.bytes !== undefined && sjisBytes(v) > options.bytes)),
      bad: fc.oneof(...bad),
    };
  },
  /** Enterprise and subscriber IDs: 1–32 half-width letters, digits, `_` and `-`. */
  identifier(): Kind {
    return { name: "identifier", refuses: (v) => isString(v) && !/^[A-Za-z0-9_-]{1,32}$/.test(v), bad: fc.constantFrom("", "has space", "a".repeat(33), "ID!", "日本語", "demo001;") };
  },
  /** A subscriber that must exist (IDs of the demo enterprise); anything not one of them is 404 or 8009. */
  existingSubscriber(ids: readonly string[]): Kind {
    const known = new Set(ids);
    return { name: "subscriber", refuses: (v) => isString(v) && !known.has(v), bad: fc.constantFrom("", "demo999", "DEMO001", "demo001 ", "other001") };
  },
  /** Login IDs: 1–32 printable half-width characters (8106). */
  loginId(): Kind {
    return { name: "loginId", refuses: (v) => isString(v) && (v.length > 32 || !printableAscii.test(v)), bad: fc.constantFrom("", "has space", "ログイン", "a".repeat(33), "tab\tid") };
  },
  /** New passwords: 8–32 printable half-width characters (8107). */
  password(): Kind {
    return {
      name: "password",
      refuses: (v) => isString(v) && (v.length < 8 || v.length > 32 || !printableAscii.test(v)),
      bad: fc.constantFrom("", "short1!", "x".repeat(33), "パスワード1234", "pass word 1234"),
    };
  },
  /** A secret or a confirmation: anything but the one right value is refused (8000, 8105, 8108). */
  sameAs(expected: unknown): Kind {
    return { name: "sameAs", refuses: (v) => v !== expected, bad: fc.constantFrom("", " ", `${String(expected)} `, String(expected).toUpperCase() === String(expected) ? `${String(expected)}x` : String(expected).toUpperCase()) };
  },
  /** A Japanese phone number as typed: digits with spaces or hyphens, optionally `+` (8117). */
  phone(options: { empty?: "ok" | "refused" } = {}): Kind {
    return {
      name: "phone",
      refuses: (v) => isString(v) && (compact(v) === "" ? options.empty !== "ok" : !/^\+?\d{1,24}$/.test(compact(v))),
      bad: fc.constantFrom("abc", "03-1234-ABCD", "０３１２３４５６７８", "(03)1234-5678", "03.1234.5678", "+", "tel:0312345678"),
    };
  },
  /** Half-width digits, `min`–`max` of them (site numbers, pickup numbers: 8009). */
  digits(min: number, max: number): Kind {
    const pattern = new RegExp(`^[0-9]{${min},${max}}$`);
    return { name: `digits${min}-${max}`, refuses: (v) => isString(v) && !pattern.test(v), bad: fc.oneof(fc.stringMatching(new RegExp(`^[0-9]{${max + 1},${max + 4}}$`)), fc.constantFrom("", "１", "1 2", "-1", "1.5", "0x1", "1e2")) };
  },
  /** An extension: 2–8 digits, not starting with the external prefix 0 (8012 / 8009). */
  extension(): Kind {
    return { name: "extension", refuses: (v) => !isString(v) || !/^[1-9][0-9]{1,7}$/.test(v), bad: fc.constantFrom(null, "", "0", "01", "0123", "1", "123456789", "２０１", "20a") };
  },
  /** An integer in a range (timers 1–180: 8103; hunt order 1–999; weekdays 0–6). */
  intRange(min: number, max: number): Kind {
    return {
      name: `int${min}-${max}`,
      refuses: (v) => typeof v === "number" && (!Number.isInteger(v) || v < min || v > max),
      bad: fc.oneof(fc.integer({ min: min - 1000, max: min - 1 }), fc.integer({ min: max + 1, max: max + 100_000 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER)),
    };
  },
  /** "HH:MM", 00:00–24:00 (8041). */
  time(): Kind {
    const ok = (v: string) => {
      const m = /^(\d{2}):(\d{2})$/.exec(v);
      if (m === null) return false;
      const h = Number(m[1]);
      const min = Number(m[2]);
      return min <= 59 && h <= 24 && !(h === 24 && min !== 0);
    };
    return { name: "time", refuses: (v) => isString(v) && !ok(v), bad: fc.constantFrom("", "24:01", "25:00", "9:00", "09:60", "0900", "09:00:00", "-1:00", "９:００", "noon") };
  },
  /** A calendar date YYYY-MM-DD (8078). */
  date(): Kind {
    const ok = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (m === null) return false;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
    };
    return { name: "date", refuses: (v) => isString(v) && !ok(v), bad: fc.constantFrom("", "2026-02-30", "2026-13-01", "2026-00-10", "20261231", "2026/12/31", "12-31", "2026-2-3", "2025-02-29") };
  },
  /** An ISO-8601 date-time (api.md: times are ISO-8601); text that is no date at all is refused (8009). */
  instant(): Kind {
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
    return { name: "instant", refuses: (v) => isString(v) && (!iso.test(v) || Number.isNaN(Date.parse(v))), bad: fc.constantFrom("hello 2020", "1", "yesterday", "2026-13-01T00:00:00Z", "Mon, 1 Jun 2026", "2026-06-01T25:00:00Z") };
  },
  /** An IANA time zone (8009). */
  timeZone(): Kind {
    const zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
    return { name: "timeZone", refuses: (v) => isString(v) && !zones.has(v), bad: fc.constantFrom("", "Asia/Nowhere", "JST", "UTC+9", "+09:00", "asia/tokyo") };
  },
  /** Line IDs: empty, or 1–32 half-width letters, digits, `_` and `-` (8009). */
  lineId(): Kind {
    return { name: "lineId", refuses: (v) => isString(v) && !/^[A-Za-z0-9_-]{0,32}$/.test(v), bad: fc.constantFrom("has space", "a".repeat(33), "回線", "L1!") };
  },
  /** A device ID: 1–128 printable half-width characters (8008 / 8009). */
  deviceId(): Kind {
    return { name: "deviceId", refuses: (v) => isString(v) && !/^[\x21-\x7e]{1,128}$/.test(v), bad: fc.constantFrom("", "dev ice", "端末", "d".repeat(129)) };
  },
  /** The ID of an existing object (schedule, group): any other is not found; null only where allowed. */
  ref(existing: readonly number[], options: { nullable: boolean }): Kind {
    const known = new Set(existing);
    return {
      name: "ref",
      refuses: (v) => (v === null ? !options.nullable : typeof v === "number" && !known.has(v)),
      // Past the 32-bit IDs of the store too: a lookup must answer "not found", not fail in the database.
      bad: fc.oneof(fc.integer({ min: 100_000, max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, ...(options.nullable ? [] : [null]))),
    };
  },
  /** A list with at most `max` entries (forward destinations 30: 8100; schedule rules 100; hunt members 32: 8085). */
  arrayMax(max: number): Kind {
    return { name: `array≤${max}`, refuses: (v) => Array.isArray(v) && v.length > max };
  },
};

// ---------------------------------------------------------------------------------------------------
// Bodies broken one way

export type Path = readonly (string | number)[];
const remove: unique symbol = Symbol("remove");

/** `rules.*.start`: the key a field rule is listed under (array indexes as `*`). */
export function pathKey(path: Path): string {
  return path.map((p) => (typeof p === "number" ? "*" : p)).join(".");
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function withValue(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

export interface BadBody {
  /** The field that was broken and how. */
  readonly path: string;
  readonly family: string;
  readonly value: unknown;
  /** The body as sent. */
  readonly json: string;
  /** Why it must be refused: the schema, NUL / ill-formed text, or a field rule. */
  readonly reason: string;
}

export function truncate(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

function describeValue(value: unknown): string {
  if (value === remove) return "(removed)";
  if (value === undefined) return "undefined";
  return truncate(JSON.stringify(value) ?? String(value), 160);
}

export class BodyOracle {
  readonly #validate: ValidateFunction;
  readonly #kinds: Readonly<Record<string, Kind>>;

  constructor(schema: JsonSchema, kindsByPath: Readonly<Record<string, Kind>>) {
    // As the server validates bodies (api/validation.ts): no coercion, nothing removed.
    const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    this.#validate = ajv.compile(schema);
    this.#kinds = kindsByPath;
  }

  /** The rule of one field: listed by its exact path (`rules.0.date`) or for every entry of a list (`rules.*.start`). */
  kindOf(path: Path): Kind | undefined {
    return this.#kinds[path.join(".")] ?? this.#kinds[pathKey(path)];
  }

  /** Why the body (as the server will parse it) must be refused, or undefined when it might be valid. */
  reason(body: unknown, path: Path): string | undefined {
    const parsed: unknown = JSON.parse(JSON.stringify(body) ?? "null");
    if (!this.#validate(parsed)) return `schema: ${this.#validate.errors?.[0]?.instancePath ?? ""} ${this.#validate.errors?.[0]?.message ?? ""}`.trim();
    const value = valueAt(parsed, path);
    if (hasForbiddenText(value)) return "NUL or ill-formed Unicode";
    const kind = this.kindOf(path);
    if (kind?.refuses(value) === true) return `rule: ${kind.name}`;
    // A list's own rule (its length) when one of its entries was removed or the list replaced.
    for (let i = path.length - 1; i >= 0; i -= 1) {
      const parentKind = this.kindOf(path.slice(0, i));
      if (parentKind?.name.startsWith("array") === true && parentKind.refuses(valueAt(parsed, path.slice(0, i)))) return `rule: ${parentKind.name}`;
    }
    return undefined;
  }
}

interface Target {
  readonly path: Path;
  readonly schema: JsonSchema | undefined;
  readonly present: boolean;
  readonly required: boolean;
}

function typesOf(schema: JsonSchema | undefined): string[] {
  if (schema === undefined) return [];
  if (schema.anyOf !== undefined) return schema.anyOf.flatMap(typesOf);
  if (schema.enum !== undefined && schema.type === undefined) return ["string"];
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function maxLengthOf(schema: JsonSchema | undefined): number | undefined {
  if (schema === undefined) return undefined;
  if (schema.maxLength !== undefined) return schema.maxLength;
  return schema.anyOf?.map(maxLengthOf).find((m) => m !== undefined);
}

/** Every field of the base body, every optional field it leaves out, and the body itself. */
function targetsOf(base: unknown, schema: JsonSchema): Target[] {
  const out: Target[] = [];
  const walk = (value: unknown, s: JsonSchema | undefined, path: Path, required: boolean) => {
    out.push({ path, schema: s, present: true, required });
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, s?.items, [...path, i], false));
    } else if (value !== null && typeof value === "object") {
      const properties = s?.properties ?? {};
      const needed = new Set(s?.required ?? []);
      for (const [key, v] of Object.entries(value)) walk(v, properties[key], [...path, key], needed.has(key));
      for (const [key, ps] of Object.entries(properties)) if (!(key in value)) out.push({ path: [...path, key], schema: ps, present: false, required: needed.has(key) });
    }
  };
  walk(base, schema, [], true);
  return out;
}

const wrongTypes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** The ways a field can be broken, each a family of values (only the values the oracle refuses are kept). */
function familiesOf(target: Target, kind: Kind | undefined, base: unknown): [string, fc.Arbitrary<unknown>][] {
  const types = typesOf(target.schema);
  const current = target.present ? valueAt(base, target.path) : undefined;
  const families: [string, fc.Arbitrary<unknown>][] = [["wrong type", wrongTypes]];
  if (target.present && target.path.length > 0) families.push(["missing", fc.constant(remove)]);
  const stringy = types.includes("string") || typeof current === "string";
  if (stringy) {
    const seed = typeof current === "string" && current !== "" ? current : "x";
    families.push(
      ["payload", fc.constantFrom(...payloads)],
      ["control character", injected(seed, controlCharacters)],
      ["non-Shift_JIS or ill-formed text", injected(seed, exoticCharacters)],
      ["random text", fc.string({ unit: "binary", maxLength: 24 })],
    );
    const max = maxLengthOf(target.schema);
    if (max !== undefined) families.push(["too long", longString(max + 1, ["a", "0", "あ"])]);
  }
  if (types.includes("integer") || types.includes("number") || typeof current === "number") {
    families.push(["number", fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, 1.5, -0.5, 1e-7))]);
  }
  if (Array.isArray(current) && current.length > 0) {
    const limit = target.schema?.maxItems;
    const kindMax = kind?.name.startsWith("array≤") === true ? Number(kind.name.slice("array≤".length)) : undefined;
    const max = kindMax ?? (limit !== undefined && limit <= 2000 ? limit : undefined);
    if (max !== undefined) families.push(["too many entries", fc.integer({ min: max + 1, max: max + 3 }).map((n) => Array.from({ length: n }, (_, i) => structuredClone(current[i % current.length]) as unknown))]);
  }
  if (kind?.bad !== undefined) families.push([`${kind.name} edge case`, kind.bad]);
  return families;
}

export interface BadBodyPlan {
  /** One generated bad body per draw; undefined when nothing about the body can be broken. */
  readonly arbitrary: fc.Arbitrary<BadBody> | undefined;
  /** How many (field, way of breaking) pairs the arbitrary draws from. */
  readonly ways: number;
}

/**
 * Bad bodies for one operation: a field of the valid base body (or a field it leaves out) replaced by a
 * value from one family, kept only when the oracle says the server must refuse it. Families that the
 * oracle never refuses for a field are dropped up front, so drawing never stalls.
 */
export function badBodies(schema: JsonSchema, base: unknown, kindsByPath: Readonly<Record<string, Kind>>): BadBodyPlan {
  const oracle = new BodyOracle(schema, kindsByPath);
  const ways: fc.Arbitrary<BadBody>[] = [];
  for (const target of targetsOf(base, schema)) {
    for (const [family, values] of familiesOf(target, oracle.kindOf(target.path), base)) {
      const cases = values.map((value): BadBody & { reason: string | undefined } => {
        const body = withValue(base, target.path, value);
        const json = JSON.stringify(body) ?? "";
        return {
          path: target.path.join(".") || "(body)",
          family,
          value,
          json,
          reason: json === "" ? undefined : oracle.reason(body, target.path),
          [fc.toStringMethod]: () => `${family} at ${target.path.join(".") || "(body)"}: ${describeValue(value)}`,
        } as BadBody & { reason: string | undefined };
      });
      const sample = fc.sample(cases, { numRuns: 16, seed: 42 });
      if (sample.filter((c) => c.reason !== undefined).length < 2) continue;
      ways.push(cases.filter((c): c is BadBody & { reason: string } => c.reason !== undefined));
    }
  }
  return { arbitrary: ways.length === 0 ? undefined : fc.oneof(...ways), ways: ways.length };
}

/** A minimal body that the schema accepts: required fields with plain values (for operations without a known base). */
export function schemaBase(schema: JsonSchema | undefined): unknown {
  if (schema === undefined) return {};
  if (schema.enum !== undefined) return schema.enum[0];
  if (schema.anyOf !== undefined) return schemaBase(schema.anyOf[0]);
  switch (typesOf(schema)[0]) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((k) => [k, schemaBase(schema.properties?.[k])]));
    case "array":
      return [];
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return "x";
  }
}

// ---------------------------------------------------------------------------------------------------
// Bodies that are not JSON, or JSON no parser should take

/** A body too large to hold: streamed by the sender until the server answers, `size` bytes at most. */
export interface HugeBody {
  readonly size: number;
  /** Chunked: the server only learns the size by reading; otherwise Content-Length announces it. */
  readonly chunked: boolean;
}

export interface RawBody {
  readonly label: string;
  readonly body: string | Buffer | HugeBody;
  readonly contentType: string;
  /** The one answer that is right, where the spec names it (413 8123 for too large). */
  readonly expect?: { status: number; code: string };
}

/** Over every route's body limit (1 MB; 16, 32 and 64 MB for the bulk settings). */
export const hugeSize = 65 * 1024 * 1024;

const nest = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** The first string the base body holds, preferring free text (where a lenient decoder would let garbage in). */
function firstStringPath(base: unknown, kindsByPath: Readonly<Record<string, Kind>>): Path | undefined {
  const found: Path[] = [];
  const walk = (v: unknown, path: Path) => {
    if (typeof v === "string") found.push(path);
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(base, []);
  return found.find((p) => (kindsByPath[p.join(".")] ?? kindsByPath[pathKey(p)])?.name.startsWith("text") === true) ?? found[0];
}

/** Malformed JSON, other media types, prototype pollution, 10,000-deep nesting, a 17 MB body, invalid UTF-8. */
export function rawBadBodies(base: unknown, kindsByPath: Readonly<Record<string, Kind>>, options: { bodySchema: boolean }): RawBody[] {
  const json = "application/json";
  const out: RawBody[] = [
    { label: "truncated JSON", body: "{", contentType: json },
    { label: "missing value", body: '{"a":}', contentType: json },
    { label: "trailing comma", body: "[1,]", contentType: json },
    { label: "single quotes", body: "{'a':1}", contentType: json },
    { label: "trailing garbage", body: `${JSON.stringify(base)}}`, contentType: json },
    { label: "NaN literal", body: '{"a":NaN}', contentType: json },
    { label: "bad escape", body: '{"a":"\\x41"}', contentType: json },
    { label: "unterminated string", body: '"abc', contentType: json },
    { label: "empty body", body: "", contentType: json },
    { label: "65 MB body announced by Content-Length", body: { size: hugeSize, chunked: false }, contentType: json, expect: { status: 413, code: "8123" } },
    { label: "65 MB body sent chunked", body: { size: hugeSize, chunked: true }, contentType: json, expect: { status: 413, code: "8123" } },
  ];
  if (!options.bodySchema) return out;
  const root = Array.isArray(base) ? (base[0] ?? {}) : base;
  const firstKey = root !== null && typeof root === "object" ? Object.keys(root)[0] : undefined;
  const wrap = (inner: string) => (Array.isArray(base) ? `[${inner}]` : inner);
  const withRaw = (key: string, raw: string) => wrap(`{${firstKey === undefined ? "" : `${JSON.stringify(firstKey)}:${JSON.stringify((root as Record<string, unknown>)[firstKey])},`}${JSON.stringify(key)}:${raw}}`);
  out.push(
    { label: "__proto__ key", body: withRaw("__proto__", '{"isAdmin":true}'), contentType: json },
    { label: "constructor.prototype key", body: withRaw("constructor", '{"prototype":{"isAdmin":true}}'), contentType: json },
    { label: "text/plain", body: JSON.stringify(base), contentType: "text/plain" },
    { label: "form-urlencoded", body: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
    { label: "JSON null", body: "null", contentType: json },
    { label: "JSON string", body: '"body"', contentType: json },
    { label: "JSON number", body: "42", contentType: json },
    { label: Array.isArray(base) ? "object for a list" : "list for an object", body: Array.isArray(base) ? JSON.stringify(root) : JSON.stringify([base]), contentType: json },
    { label: "10,000-deep list as the body", body: nest(10_000), contentType: json },
    { label: "10,000-deep object as the body", body: `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`, contentType: json },
  );
  if (firstKey !== undefined) {
    out.push({ label: `10,000-deep list in ${firstKey}`, body: JSON.stringify(Array.isArray(base) ? [{ ...(root as object), [firstKey]: "@" }] : { ...(root as object), [firstKey]: "@" }).replace('"@"', nest(10_000)), contentType: json });
    // Nesting no schema of the API has, in a field the schema does not know: nothing should parse it at all.
    out.push({ label: "10,000-deep list in an unknown field", body: withRaw("extra", nest(10_000)), contentType: json });
  }
  const stringPath = firstStringPath(base, kindsByPath);
  if (stringPath !== undefined) {
    const marker = "\u0001MARK\u0001";
    const text = JSON.stringify(withValue(base, stringPath, marker)).replace(JSON.stringify(marker).slice(1, -1), "@@");
    const [before, after] = text.split("@@") as [string, string];
    // api.md: bodies are UTF-8. 0xFF never occurs in UTF-8; C3 28 is a broken two-byte sequence.
    out.push({ label: `invalid UTF-8 in ${pathKey(stringPath)}`, body: Buffer.concat([Buffer.from(`${before}a`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(`b${after}`)]), contentType: json });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Multipart

export interface Part {
  readonly name: string;
  readonly fileName?: string;
  readonly contentType?: string;
  readonly data: string | Buffer;
}

/** A multipart/form-data body as a browser writes it. */
export function multipart(parts: readonly Part[], boundary = "----centrexBadInput7MA4YWxkTrZu0gW"): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName === undefined ? "" : `; filename="${part.fileName}"`}`;
    const type = part.contentType ?? (part.fileName === undefined ? undefined : "application/octet-stream");
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type === undefined ? "" : `Content-Type: ${type}\r\n`}\r\n`));
    chunks.push(typeof part.data === "string" ? Buffer.from(part.data, "utf8") : part.data);
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Broken uploads whatever the form holds: the transport itself is wrong, or past a size limit (api/upload.ts). */
export function rawBadUploads(valid: readonly Part[], readsFields: readonly string[]): RawBody[] {
  const boundary = "----centrexBadInput7MA4YWxkTrZu0gW";
  const good = multipart(valid, boundary);
  const file = valid.find((p) => p.fileName !== undefined);
  const others = valid.filter((p) => p !== file);
  const tooLarge = { status: 413, code: "8123" };
  const out: RawBody[] = [
    { label: "multipart without a boundary", body: good.body, contentType: "multipart/form-data" },
    { label: "multipart cut short", body: good.body.subarray(0, Math.floor(good.body.length / 2)), contentType: good.contentType },
    { label: "multipart without its closing boundary", body: good.body.subarray(0, good.body.length - `--${boundary}--\r\n`.length), contentType: good.contentType },
    { label: "multipart with another boundary", body: good.body, contentType: "multipart/form-data; boundary=somethingElse" },
    { label: "garbage as multipart", body: Buffer.from("\u0000\u00ff garbage \r\n--x--\r\n", "latin1"), contentType: "multipart/form-data; boundary=x" },
    { label: "empty multipart", body: Buffer.from(`--${boundary}--\r\n`), contentType: good.contentType },
    { label: "JSON instead of the form", body: "{}", contentType: "application/json" },
    // Alone: with the form's text fields next to it, a rename-only update would be valid.
    { label: "only the file, under another field name", ...multipart(file === undefined ? [] : [{ ...file, name: "upload" }], boundary) },
  ];
  if (file !== undefined) {
    out.push(
      { label: "a file over 5 MB", ...multipart([...others, { ...file, data: Buffer.alloc(5 * 1024 * 1024 + 1, 0x41) }], boundary), expect: tooLarge },
      { label: "two files", ...multipart([...others, file, { ...file, fileName: `2-${file.fileName ?? "x"}` }], boundary), expect: tooLarge },
      { label: "eleven parts", ...multipart([...others, file, ...Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: "x" }))], boundary), expect: tooLarge },
    );
  }
  for (const field of readsFields) {
    out.push({ label: `a ${field} field over 4 KB`, ...multipart([...others.filter((p) => p.name !== field), { name: field, data: "名".repeat(2000) }, ...(file === undefined ? [] : [file])], boundary) });
  }
  return out;
}
