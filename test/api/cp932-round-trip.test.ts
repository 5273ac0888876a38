// Shift_JIS (CP932) files round-trip (quality.md, Reliability) over HTTP on both databases. The subscriber list
// (加入者一覧出力) is the file the portal writes; the bulk registration files (一括登録 VPN / HUNT / PICKUP) and the
// shared phonebook are the files it reads. A user exports, keeps the columns an import wants (the field bytes as
// they are: no decoding, no re-encoding on the way), imports, and exports again: the two downloads must be the
// same bytes, for names made of every CP932 special (NEC row 13, the NEC-selected IBM and IBM extensions, the
// cells Windows maps to other code points than JIS, half-width kana). Also the formula guard of files.md as the
// downloaded file shows it, and what an import makes of a guarded value.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Db } from "../../src/store/database.ts";
import { Client, type Answer } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

type Kind = "VPN" | "HUNT" | "PICKUP";

interface List<T> {
  total: number;
  items: T[];
}

interface LineError {
  line: number | null;
  code: string;
}

interface ImportAnswer {
  id: number;
  status: string;
  rows: number;
  errors: LineError[];
  summary: { add: number; change: number; unchanged: number; conflict: number };
}

interface ErrorBody {
  error: { code: string; details?: { errors?: LineError[] } };
}

interface PhonebookDetail {
  entryCount: number;
  entries: { total: number; items: { line: number; name: string; phones: string[] }[] };
  warnings: { line: number; field: string; characters: string[] }[];
}

const base = "/api/v1/enterprises/demo";

// ---- The corpus -------------------------------------------------------------------------------------------

/** The characters CP932 has at the two-byte codes from…to (trail bytes 0x40–0xFC, 0x7F aside), as iconv-lite reads them. */
function decodedCells(from: number, to: number): string[] {
  const out: string[] = [];
  for (let code = from; code <= to; code += 1) {
    const trail = code & 0xff;
    if (trail < 0x40 || trail === 0x7f || trail > 0xfc) continue;
    const ch = iconv.decode(Buffer.from([code >> 8, trail]), "cp932");
    if (ch.length === 1 && ch !== "\ufffd") out.push(ch);
  }
  return out;
}

const halfWidthKana = Array.from({ length: 0xdf - 0xa1 + 1 }, (_, i) => iconv.decode(Buffer.from([0xa1 + i]), "cp932"));

/** Each family of CP932 specials, in the order of the code table. */
const families: Readonly<Record<string, readonly string[]>> = {
  // ①…⑳ Ⅰ…Ⅹ ㍉ ㌔ ㈱ № ℡ ∮ ∑ ∟ ⊿, and the ≒ ≡ ∫ √ ⊥ ∠ ∵ ∩ ∪ that row 2 has too.
  necRow13: decodedCells(0x8740, 0x879c),
  // 纊 褜 鍈 銈 蓜 … ⅰ…ⅹ ￢ ￤ ＇ ＂: the same characters as the IBM extensions, at other codes.
  necSelectedIbm: decodedCells(0xed40, 0xeefc),
  ibm: decodedCells(0xfa40, 0xfc4b),
  // The cells where Windows' code point is not the JIS one: ～ (not 〜), ∥ (not ‖), － (not −), ￠ ￡ ￢, ― (not —), ＼.
  windowsCells: [0x8160, 0x8161, 0x817c, 0x8191, 0x8192, 0x81ca, 0x815c, 0x815f].map((c) => iconv.decode(Buffer.from([c >> 8, c & 0xff]), "cp932")),
  halfWidthKana,
};
const specials = [...new Set(Object.values(families).flat())];

/** Names of at most 64 characters (the limit of every group name and of a display name). */
function chunks(chars: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}
const corpusNames = chunks(specials, 60);
/** ASCII a CSV must quote (a double quote, a comma), a backslash, a tilde, and characters whose second byte is 0x5C or 0x7C (ソ 表 能 十 予 貼 ポ). */
const punctuatedName = '本社 "第1" 営業部, 東京 C:\\共有 ~ ソ表能十予貼ポ 漢字かなカナ';

/**
 * Characters with the bytes Windows writes for them (Microsoft's CP932 table), written out by hand so that a
 * different mapping (UTF-8, JIS code points, the NEC-selected codes instead of IBM's) fails here.
 */
const windowsBytes: readonly (readonly [string, readonly number[]])[] = [
  ["①", [0x87, 0x40]], ["⑳", [0x87, 0x53]], ["Ⅰ", [0x87, 0x54]], ["Ⅹ", [0x87, 0x5d]], ["㍉", [0x87, 0x5f]], ["㌔", [0x87, 0x60]],
  ["㈱", [0x87, 0x8a]], ["№", [0x87, 0x82]], ["℡", [0x87, 0x84]], ["∮", [0x87, 0x93]],
  ["纊", [0xfa, 0x5c]], ["褜", [0xfa, 0x5d]], ["鍈", [0xfa, 0x5e]], ["銈", [0xfa, 0x5f]], ["蓜", [0xfa, 0x60]], ["ⅰ", [0xfa, 0x40]], ["ⅹ", [0xfa, 0x49]],
  ["￤", [0xfa, 0x55]], ["＇", [0xfa, 0x56]], ["＂", [0xfa, 0x57]], ["髙", [0xfb, 0xfc]], ["﨑", [0xfa, 0xb1]],
  ["～", [0x81, 0x60]], ["∥", [0x81, 0x61]], ["－", [0x81, 0x7c]], ["￠", [0x81, 0x91]], ["￡", [0x81, 0x92]], ["￢", [0x81, 0xca]], ["―", [0x81, 0x5c]],
  ["∵", [0x81, 0xe6]], ["≒", [0x81, 0xe0]],
  ["ｱ", [0xb1]], ["ｶ", [0xb6]], ["ﾞ", [0xde]], ["ﾊ", [0xca]], ["ﾟ", [0xdf]], ["ｰ", [0xb0]], ["｡", [0xa1]], ["｢", [0xa2]], ["｣", [0xa3]], ["､", [0xa4]], ["･", [0xa5]],
];
const sampleName = windowsBytes.map(([c]) => c).join("");
const sampleBytes = Buffer.from(windowsBytes.flatMap(([, b]) => b));

/** JIS X 0208 as CP932 codes it (rows 1–8 and 16–84): what the phonebook does not warn about. */
const jisX0208 = new Set([...decodedCells(0x8140, 0x84fc), ...decodedCells(0x889f, 0x9ffc), ...decodedCells(0xe040, 0xeaa4)]);

// ---- Files as bytes ---------------------------------------------------------------------------------------

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const crlf = Buffer.from("\r\n");
const comma = Buffer.from(",");

/** The subscriber list's columns an import or a check needs. */
const col = { id: 0, number: 1, extension: 2, extensionGroup: 3, displayName: 4, pickupGroup: 8, huntGroup: 9 } as const;

/**
 * The file's records, each field as its bytes with the quotes: what a user copies from the export into an import
 * file. Read on the bytes: no CP932 or UTF-8 byte of a Japanese character is a quote, comma, CR or LF.
 */
function rawRecords(bytes: Buffer): Buffer[][] {
  const records: Buffer[][] = [];
  let fields: Buffer[] = [];
  let i = bytes.subarray(0, 3).equals(bom) ? 3 : 0;
  while (i < bytes.length) {
    assert.equal(bytes[i], 0x22, `the field at byte ${i} is in double quotes`);
    let j = i + 1;
    for (;;) {
      const q = bytes.indexOf(0x22, j);
      assert.ok(q >= 0, `the field at byte ${i} is closed`);
      if (bytes[q + 1] === 0x22) {
        j = q + 2;
        continue;
      }
      j = q + 1;
      break;
    }
    fields.push(bytes.subarray(i, j));
    if (bytes[j] === 0x2c) {
      i = j + 1;
      continue;
    }
    assert.ok(bytes[j] === 0x0d && bytes[j + 1] === 0x0a, `CRLF after the field ending at byte ${j}`);
    records.push(fields);
    fields = [];
    i = j + 2;
  }
  assert.equal(fields.length, 0, "the file ends with CRLF");
  return records;
}

/** A field's value as Excel shows it. */
function valueOf(field: Buffer, encoding: "cp932" | "utf-8"): string {
  return (encoding === "cp932" ? iconv.decode(field, "cp932") : field.toString("utf8")).slice(1, -1).replaceAll('""', '"');
}

/** The data lines of a Shift_JIS export, read as a user's CSV reader reads them, keyed by subscriber ID. */
function readExport(bytes: Buffer): Map<string, string[]> {
  const [, ...rows] = parse(iconv.decode(bytes, "cp932"), { record_delimiter: "\r\n" }) as string[][];
  return new Map(rows.map((r) => [r[col.id] ?? "", r]));
}

const line = (fields: readonly Buffer[]) => Buffer.concat([...fields.flatMap((f, i) => (i === 0 ? [f] : [comma, f])), crlf]);

const bulkHeaders: Record<Kind, string[]> = { VPN: ["加入者ID", "内線グループ名", "内線番号"], HUNT: ["加入者ID", "代表グループ名", "着信順序"], PICKUP: ["加入者ID", "ピックアップグループ名"] };

/** A bulk registration file: the kind and the header as the template has them, then the data lines given as field bytes. */
function bulkFile(kind: Kind, rows: readonly (readonly Buffer[])[]): Buffer {
  const head = iconv.encode(`"${kind}"\r\n${bulkHeaders[kind].map((h) => `"${h}"`).join(",")}\r\n`, "cp932");
  return Buffer.concat([head, ...rows.map(line)]);
}

/** The first difference of two files, shown as text, for a failure message. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const context = (x: Buffer) => iconv.decode(x.subarray(Math.max(0, i - 40), i + 40), "cp932");
  return `${a.length} vs ${b.length} bytes, first difference at byte ${i}: …${context(a)}… vs …${context(b)}…`;
}

function assertSameBytes(actual: Buffer, expected: Buffer, what: string): void {
  assert.ok(actual.equals(expected), `${what}: ${firstDifference(actual, expected)}`);
}

/** A multipart request as a browser sends it (FormData + Blob), with the client's cookie and CSRF token. */
async function upload<T>(client: Client, path: string, fields: Record<string, string>, fileName: string, bytes: Uint8Array): Promise<Answer<T>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([bytes]), fileName);
  const headers: Record<string, string> = {};
  if (client.cookie !== undefined) headers.cookie = client.cookie;
  if (client.csrfToken !== undefined) headers["x-csrf-token"] = client.csrfToken;
  const response = await fetch(`${client.baseUrl}${path}`, { method: "POST", headers, body: form });
  const text = await response.text();
  const body = (response.headers.get("content-type") ?? "").includes("json") && text !== "" ? (JSON.parse(text) as T) : (text as T);
  return { status: response.status, headers: response.headers, body, text };
}

for (const dialect of dialects()) {
  describe(`CP932 round trip (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    const groups: Record<Kind, number[]> = { VPN: [], HUNT: [], PICKUP: [] };
    const path: Record<Kind, string> = { VPN: "extension-groups", HUNT: "hunt-groups", PICKUP: "pickup-groups" };
    const demoIds = Array.from({ length: 20 }, (_, i) => `demo${String(i + 1).padStart(3, "0")}`);
    const groupNames = [...corpusNames, punctuatedName];
    const figures = { kinds: [] as Kind[], lines: 0, bytes: 0, phonebookEntries: 0, jisKinds: 0 };

    const created = async (client: Client, where: string, body: object): Promise<number> => {
      const answer = await client.post<{ id: number }>(`${base}/${where}`, body);
      assert.equal(answer.status, 201, `${where}: ${answer.text}`);
      return answer.body.id;
    };
    const put = async (where: string, body: unknown) => {
      const answer = await admin.put(`${base}/${where}`, body);
      assert.equal(answer.status, 200, `${where}: ${answer.text}`);
    };
    const rename = async (id: string, displayName: string) => {
      const answer = await admin.patch(`${base}/subscribers/${id}`, { displayName });
      assert.equal(answer.status, 200, answer.text);
    };
    const download = async (query = ""): Promise<Buffer> => {
      const response = await fetch(`${server.url}${base}/subscribers.csv${query === "" ? "" : `?${query}`}`, { headers: { cookie: admin.cookie ?? "" } });
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(response.status, 200, bytes.toString("utf8"));
      return bytes;
    };
    /** Each group's members as the group APIs show them: [subscriber, extension | order] or the subscriber. */
    const members = async (kind: Kind, id: number): Promise<unknown[]> => {
      const list = await admin.get<List<{ subscriberId: string; extension?: string; order?: number }>>(`${base}/${path[kind]}/${id}/members?membership=member&limit=500${kind === "HUNT" ? "&sort=order" : ""}`);
      assert.equal(list.status, 200, list.text);
      return list.body.items.map((m) => (kind === "VPN" ? [m.subscriberId, m.extension] : kind === "HUNT" ? [m.subscriberId, m.order] : m.subscriberId));
    };
    const allMembers = async (kind: Kind) => Promise.all(groups[kind].map((id) => members(kind, id)));
    const clear = async (kind: Kind, id: number) => put(`${path[kind]}/${id}/members`, kind === "PICKUP" ? { subscriberIds: [] } : []);
    const uploadBulk = (fileName: string, bytes: Buffer) => upload<ImportAnswer & ErrorBody>(admin, `${base}/imports`, {}, fileName, bytes);

    /** The import file a user makes of the export: the columns the kind wants, the field bytes as exported. */
    const importRows = (kind: Kind, records: readonly Buffer[][], orders: ReadonlyMap<string, number>): Buffer[][] => {
      const empty = (f: Buffer | undefined) => f === undefined || f.length === 2;
      switch (kind) {
        case "VPN":
          // Every line: the subscribers without a group have both fields empty, which says "in no group".
          return records.map((r) => [r[col.id], r[col.extensionGroup], r[col.extension]] as Buffer[]);
        case "HUNT":
          // 着信順序 is not a column of the list; the order is the one the hunt-group API showed.
          return records
            .filter((r) => !empty(r[col.huntGroup]))
            .map((r) => [r[col.id] as Buffer, r[col.huntGroup] as Buffer, Buffer.from(`"${orders.get(valueOf(r[col.id] as Buffer, "cp932")) ?? 0}"`)]);
        case "PICKUP":
          return records.filter((r) => !empty(r[col.pickupGroup])).map((r) => [r[col.id], r[col.pickupGroup]] as Buffer[]);
      }
    };

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      admin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);

      // One group of each kind per name; the 20 numbers spread over them, so every name is on two lines of the list.
      assert.ok(groupNames.length <= 10 && groupNames.every((n) => [...n].length <= 64));
      for (const [g, name] of groupNames.entries()) {
        const pilot = `pilot${String(g + 1).padStart(2, "0")}`;
        await created(operator, "subscribers", { id: pilot, number: `06123456${String(g + 10)}` });
        groups.VPN.push(await created(admin, "extension-groups", { name, siteNumber: String(g + 1) }));
        groups.HUNT.push(await created(admin, "hunt-groups", { name, pilotSubscriberId: pilot, distribution: "sequential", slideTimerSec: 20 }));
        groups.PICKUP.push(await created(admin, "pickup-groups", { name, number: String(61 + g) }));
      }
      for (const [g] of groupNames.entries()) {
        const mine = demoIds.filter((_, k) => k % groupNames.length === g);
        await put(`extension-groups/${groups.VPN[g]}/members`, mine.map((id) => ({ subscriberId: id, extension: String(300 + demoIds.indexOf(id) + 1) })));
        await put(`hunt-groups/${groups.HUNT[g]}/members`, mine.map((id, k) => ({ subscriberId: id, order: k + 1 })));
        await put(`pickup-groups/${groups.PICKUP[g]}/members`, { subscriberIds: mine });
      }
      // Display names: the corpus again, backwards; the hand-checked sample; quotes and commas.
      for (const [i, name] of corpusNames.entries()) await rename(demoIds[i] as string, [...name].reverse().join(""));
      await rename(demoIds[corpusNames.length] as string, sampleName);
      await rename(demoIds[corpusNames.length + 1] as string, punctuatedName);
    });
    after(async () => {
      await server?.close();
      console.log(
        `CP932 round trip (${dialect}): ${figures.kinds.length} file kinds (${figures.kinds.join(", ")}), ${specials.length} special characters ` +
          `(NEC row 13, NEC-selected IBM and IBM extensions, Windows cells such as ～, half-width kana), ${figures.lines} import lines from ` +
          `${figures.bytes.toLocaleString("en-US")} exported bytes, export → import → export byte-identical; ` +
          `${figures.phonebookEntries} phonebook entries read back from the Shift_JIS and UTF-8 exports equal to the display names; ` +
          `names typed with JIS code points (〜 ‖ − ¢ £ ¬ —) import back for ${figures.jisKinds} of 3 kinds`,
      );
    });

    describe("the export", () => {
      test("every special is stored as sent and comes out in the Shift_JIS file as the same character", async () => {
        const names = (await admin.get<List<{ name: string }>>(`${base}/extension-groups?limit=500`)).body.items.map((g) => g.name);
        assert.deepEqual([...names].sort(), [...groupNames].sort());
        const file = await download();
        const rows = readExport(file);
        const exported = new Set<string>();
        for (const r of rows.values()) for (const c of [col.extensionGroup, col.displayName, col.pickupGroup, col.huntGroup]) exported.add(r[c] ?? "");
        for (const name of groupNames) assert.ok(exported.has(name), `${name} is in the file as written`);
        for (const name of corpusNames) assert.ok(exported.has([...name].reverse().join("")), "the display names too");
        const seen = new Set([...exported].flatMap((v) => [...v]));
        assert.deepEqual(specials.filter((c) => !seen.has(c)), [], "every special in the file");
      });

      test("the bytes are Windows' CP932: ① 87 40, ～ 81 60, 纊 FA 5C, ￢ 81 CA, ｱ B1 … (not UTF-8, not JIS code points)", async () => {
        const file = await download();
        assert.ok(file.includes(Buffer.concat([Buffer.from('"'), sampleBytes, Buffer.from('"')])), "the sample display name is exactly the hand-written bytes");
        assert.ok(!file.includes(Buffer.from(sampleName, "utf8")), "not UTF-8");
        assert.ok(!file.subarray(0, 3).equals(bom), "no BOM in Shift_JIS");
        for (const [ch, bytes] of windowsBytes) assert.deepEqual([...iconv.encode(ch, "cp932")], bytes, `the test's codec agrees on ${ch}`);
        // NEC-selected IBM codes (0xED–0xEE) are never written: Windows writes the IBM code of the same character.
        const records = rawRecords(file);
        const leads = new Set<number>();
        for (const r of records) {
          for (const f of r) {
            for (let i = 0; i < f.length; i += 1) {
              const b = f[i] as number;
              if ((b >= 0x81 && b <= 0x9f) || b >= 0xe0) {
                leads.add(b);
                i += 1;
              }
            }
          }
        }
        assert.ok(!leads.has(0xed) && !leads.has(0xee), "no NEC-selected IBM code");
        assert.ok(leads.has(0x87) && leads.has(0xfa) && leads.has(0xfb) && leads.has(0xfc), "NEC row 13 and the IBM extensions");
      });
    });

    describe("export → import → export", () => {
      for (const kind of ["VPN", "HUNT", "PICKUP"] as const) {
        test(`${kind}: the file made of the export's bytes puts everyone back, and the next export is byte-identical`, async () => {
          const original = await allMembers(kind);
          const orders = new Map<string, number>();
          if (kind === "HUNT") for (const g of original) for (const m of g as [string, number][]) orders.set(m[0], m[1]);
          const a = await download();
          const [, ...records] = rawRecords(a);
          const rows = importRows(kind, records, orders);
          const memberCount = original.reduce((n, g) => n + g.length, 0);
          assert.equal(memberCount, 20);

          for (const id of groups[kind]) await clear(kind, id);
          assert.ok(original.length > 0 && (await allMembers(kind)).every((g) => g.length === 0));
          assert.ok(!(await download()).equals(a), "the groups' column is empty meanwhile");

          const file = bulkFile(kind, rows);
          const uploaded = await uploadBulk(`${kind.toLowerCase()}-from-export.csv`, file);
          assert.equal(uploaded.status, 201, uploaded.text);
          assert.deepEqual(uploaded.body.errors, []);
          assert.equal(uploaded.body.summary.add, memberCount, JSON.stringify(uploaded.body.summary));
          assert.equal(uploaded.body.summary.conflict, 0);
          const applied = await admin.post<ImportAnswer>(`${base}/imports/${uploaded.body.id}/apply`);
          assert.equal(applied.status, 200, applied.text);
          assert.equal(applied.body.status, "applied");

          assert.deepEqual(await allMembers(kind), original, "the imported memberships are the original ones");
          const b = await download();
          assertSameBytes(b, a, `${kind} export → import → export`);
          figures.kinds.push(kind);
          figures.lines += rows.length;
          figures.bytes += a.length;
        });
      }
    });

    describe("export → phonebook import", () => {
      for (const encoding of ["cp932", "utf-8"] as const) {
        test(`the display names of the ${encoding === "cp932" ? "Shift_JIS" : "UTF-8"} export come back from a phonebook file made of its bytes, character for character`, async () => {
          const exported = await download(encoding === "utf-8" ? "encoding=utf-8" : "");
          const [, ...records] = rawRecords(exported);
          const named = records.filter((r) => (r[col.displayName] as Buffer).length > 2);
          const header = "名前,フリガナ,会社名,部署,電話番号1,電話番号2,電話番号3,メールアドレス,メモ\r\n";
          const empty = Buffer.from('""');
          const file = Buffer.concat([
            encoding === "utf-8" ? Buffer.concat([bom, Buffer.from(header, "utf8")]) : iconv.encode(header, "cp932"),
            ...named.map((r) => line([r[col.displayName] as Buffer, empty, empty, empty, r[col.number] as Buffer, empty, empty, empty, empty])),
          ]);
          const answer = await upload<PhonebookDetail>(admin, `${base}/phonebooks`, { name: `加入者一覧 ${encoding}` }, "subscribers.csv", file);
          assert.equal(answer.status, 201, answer.text);
          const id = (answer.body as unknown as { id: number }).id;
          const detail = await admin.get<PhonebookDetail>(`${base}/phonebooks/${id}?limit=500`);
          assert.equal(detail.status, 200, detail.text);

          const subscribers = (await admin.get<List<{ id: string; number: string; displayName: string }>>(`${base}/subscribers?limit=500`)).body.items;
          const expected = named.map((r) => {
            const s = subscribers.find((x) => x.id === valueOf(r[col.id] as Buffer, encoding));
            return [s?.displayName, [s?.number]];
          });
          assert.deepEqual(
            detail.body.entries.items.map((e) => [e.name, e.phones]),
            expected,
          );
          assert.ok(expected.some(([n]) => n === sampleName) && expected.some(([n]) => n === punctuatedName));

          // The warnings name exactly the characters outside JIS X 0208: NEC row 13 and the IBM extensions, not ～ or ｱ.
          const warned = new Set(detail.body.warnings.flatMap((w) => w.characters));
          const outside = new Set(expected.flatMap(([n]) => [...(n as string)]).filter((c) => c.charCodeAt(0) > 0x7f && !(c >= "\uff61" && c <= "\uff9f") && !jisX0208.has(c)));
          assert.deepEqual([...warned].sort(), [...outside].sort());
          assert.ok(outside.has("①") && outside.has("纊") && !outside.has("～") && !outside.has("ｱ"));
          figures.phonebookEntries += detail.body.entries.total;
        });
      }
    });

    describe("the formula guard (files.md: a cell starting with = + - @ tab CR is prefixed with ')", () => {
      const guarded: readonly (readonly [string, string])[] = [
        ["=1+2", "'=1+2"],
        ["+81 3-1234-5678", "'+81 3-1234-5678"],
        ["-10", "'-10"],
        ["@SUM(A1)", "'@SUM(A1)"],
        ["'=既に引用符付き", "'=既に引用符付き"],
        ["a=b+c", "a=b+c"],
        ["＝全角は式にならない", "＝全角は式にならない"],
      ];
      const ids = guarded.map((_, i) => `gd${String(i + 1).padStart(2, "0")}`);
      const guardGroups = { vpn: 0, literal: 0, pickup: 0, hunt: 0 };

      before(async () => {
        for (const [i, id] of ids.entries()) {
          await created(operator, "subscribers", { id, number: `06123457${String(i + 10)}` });
          await rename(id, guarded[i]?.[0] as string);
        }
        guardGroups.vpn = await created(admin, "extension-groups", { name: "-営業部", siteNumber: "21" });
        guardGroups.literal = await created(admin, "extension-groups", { name: "'=経理", siteNumber: "22" });
        guardGroups.pickup = await created(admin, "pickup-groups", { name: "@受付", number: "81" });
        guardGroups.hunt = await created(admin, "hunt-groups", { name: "+代表", pilotSubscriberId: "gd07", distribution: "sequential", slideTimerSec: 20 });
        await put(`extension-groups/${guardGroups.vpn}/members`, [{ subscriberId: "gd01", extension: "701" }]);
        await put(`extension-groups/${guardGroups.literal}/members`, [{ subscriberId: "gd02", extension: "702" }]);
        await put(`pickup-groups/${guardGroups.pickup}/members`, { subscriberIds: ["gd03"] });
        await put(`hunt-groups/${guardGroups.hunt}/members`, [{ subscriberId: "gd04", order: 1 }]);
      });

      test("the downloaded file shows each formula-looking value with one ' in front, and leaves the others as they are", async () => {
        for (const query of ["q=gd", "q=gd&encoding=utf-8"]) {
          const file = await download(query);
          const text = query.endsWith("utf-8") ? file.subarray(3).toString("utf8") : iconv.decode(file, "cp932");
          const rows = new Map((parse(text, { record_delimiter: "\r\n" }) as string[][]).slice(1).map((r) => [r[col.id] ?? "", r]));
          assert.deepEqual(ids.map((id) => rows.get(id)?.[col.displayName]), guarded.map(([, shown]) => shown), query);
          assert.equal(rows.get("gd01")?.[col.extensionGroup], "'-営業部");
          assert.equal(rows.get("gd02")?.[col.extensionGroup], "'=経理", "a name that starts with ' already is not guarded twice");
          assert.equal(rows.get("gd03")?.[col.pickupGroup], "'@受付");
          assert.equal(rows.get("gd04")?.[col.huntGroup], "'+代表");
          const encode = (s: string) => (query.endsWith("utf-8") ? Buffer.from(s, "utf8") : iconv.encode(s, "cp932"));
          for (const field of [`"'=1+2"`, `"'-営業部"`, `"'=経理"`, `"a=b+c"`]) assert.ok(file.includes(encode(field)), `${field} in the file`);
          assert.ok(!file.includes(encode(`"''`)), "never two guards");
        }
      });

      test("tab and CR cannot start a name: the single-line fields refuse them, so they never reach a file", async () => {
        for (const value of ["\t=1", "\r=1"]) {
          const before = await snapshot(db);
          const answers = [
            await admin.patch(`${base}/subscribers/gd06`, { displayName: value }),
            await admin.post(`${base}/extension-groups`, { name: value, siteNumber: "29" }),
            await admin.post(`${base}/pickup-groups`, { name: value, number: "89" }),
          ];
          for (const answer of answers) {
            assert.equal(answer.status, 400, answer.text);
            assert.equal((answer.body as ErrorBody).error.code, "8009", answer.text);
          }
          await assertUnchanged(db, before);
        }
      });

      test("re-importing a name that starts with ' keeps its one ': the next export is byte-identical, never ''", async () => {
        const a = await download("q=gd");
        const [, ...records] = rawRecords(a);
        const row = records.find((r) => valueOf(r[col.id] as Buffer, "cp932") === "gd02") as Buffer[];
        await clear("VPN", guardGroups.literal);
        const uploaded = await uploadBulk("literal.csv", bulkFile("VPN", [[row[col.id], row[col.extensionGroup], row[col.extension]] as Buffer[]]));
        assert.equal(uploaded.status, 201, uploaded.text);
        assert.equal((await admin.post(`${base}/imports/${uploaded.body.id}/apply`)).status, 200);
        assert.deepEqual(await members("VPN", guardGroups.literal), [["gd02", "702"]]);
        assertSameBytes(await download("q=gd"), a, "export → import → export of '=経理");
      });

      test("a guarded value read back is the value with its ' (files.md guards exports only): no group has that name, so the import is refused on that line and nothing changes", async () => {
        const a = await download("q=gd");
        const [, ...records] = rawRecords(a);
        const of = (id: string) => records.find((r) => valueOf(r[col.id] as Buffer, "cp932") === id) as Buffer[];
        const attempts: [Kind, Buffer[], string][] = [
          ["VPN", [of("gd01")[col.id], of("gd01")[col.extensionGroup], of("gd01")[col.extension]] as Buffer[], "8051"],
          ["PICKUP", [of("gd03")[col.id], of("gd03")[col.pickupGroup]] as Buffer[], "8048"],
          ["HUNT", [of("gd04")[col.id], of("gd04")[col.huntGroup], Buffer.from('"1"')] as Buffer[], "8053"],
        ];
        for (const [kind, row, code] of attempts) {
          const before = await snapshot(db);
          const answer = await uploadBulk(`guarded-${kind.toLowerCase()}.csv`, bulkFile(kind, [row]));
          assert.equal(answer.status, 400, answer.text);
          assert.equal(answer.body.error.code, code, answer.text);
          assert.deepEqual(answer.body.error.details?.errors?.map((e) => [e.line, e.code]), [[3, code]], answer.text);
          await assertUnchanged(db, before);
        }
        assertSameBytes(await download("q=gd"), a, "the export after the refused imports");
      });
    });

    describe("text typed with JIS code points (〜 ‖ − ¢ £ ¬ —, as macOS and Java write them)", () => {
      const jisName = "JIS〜‖−¢£¬—";
      const ids = { VPN: 0, HUNT: 0, PICKUP: 0 };
      before(async () => {
        await created(operator, "subscribers", { id: "jis01", number: "0612345801" });
        await created(operator, "subscribers", { id: "jis02", number: "0612345802" });
        ids.VPN = await created(admin, "extension-groups", { name: jisName, siteNumber: "31" });
        ids.PICKUP = await created(admin, "pickup-groups", { name: jisName, number: "91" });
        ids.HUNT = await created(admin, "hunt-groups", { name: jisName, pilotSubscriberId: "jis02", distribution: "sequential", slideTimerSec: 20 });
        await put(`extension-groups/${ids.VPN}/members`, [{ subscriberId: "jis01", extension: "801" }]);
        await put(`pickup-groups/${ids.PICKUP}/members`, { subscriberIds: ["jis01"] });
        await put(`hunt-groups/${ids.HUNT}/members`, [{ subscriberId: "jis01", order: 1 }]);
      });

      test("the export writes them as the Windows cells (～ ∥ － ￠ ￡ ￢ ―), so Excel shows no ?", async () => {
        const file = await download("q=jis01&match=exact");
        const row = readExport(file).get("jis01");
        assert.equal(row?.[col.extensionGroup], "JIS～∥－￠￡￢―");
        assert.ok(file.includes(Buffer.from([0x81, 0x60, 0x81, 0x61, 0x81, 0x7c, 0x81, 0x91, 0x81, 0x92, 0x81, 0xca, 0x81, 0x5c])));
        assert.ok(!file.includes(Buffer.from("?")));
      });

      // The file says ～ where the group was named with 〜: the import finds the group all the same.
      test("VPN, HUNT, PICKUP: the exported file imports back into the same group, and the next export is byte-identical", async () => {
        for (const kind of ["VPN", "HUNT", "PICKUP"] as const) {
          const a = await download("q=jis01&match=exact");
          const [, ...records] = rawRecords(a);
          const rows = importRows(kind, records, new Map([["jis01", 1]]));
          assert.equal(rows.length, 1, kind);
          const original = await members(kind, ids[kind]);
          assert.equal(original.length, 1, kind);
          await clear(kind, ids[kind]);
          const uploaded = await uploadBulk(`jis-${kind.toLowerCase()}.csv`, bulkFile(kind, rows));
          assert.equal(uploaded.status, 201, `${kind}: ${uploaded.text}`);
          assert.deepEqual(uploaded.body.errors, []);
          assert.deepEqual(uploaded.body.summary, { add: 1, change: 0, unchanged: 0, conflict: 0 }, kind);
          // The preview names the group as it is stored, not as the file spells it.
          const preview = await admin.get<{ preview: { items: { after: { group: string | null } }[] } }>(`${base}/imports/${uploaded.body.id}`);
          assert.equal(preview.status, 200, preview.text);
          assert.deepEqual(preview.body.preview.items.map((l) => l.after.group), [jisName], kind);
          const applied = await admin.post<ImportAnswer>(`${base}/imports/${uploaded.body.id}/apply`);
          assert.equal(applied.status, 200, applied.text);
          assert.deepEqual(await members(kind, ids[kind]), original, kind);
          assertSameBytes(await download("q=jis01&match=exact"), a, `${kind} export → import → export of ${jisName}`);
          figures.jisKinds += 1;
        }
      });
    });
  });
}

