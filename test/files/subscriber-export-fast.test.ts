// The subscriber list file's fast paths write what the plain way would: settings read from their
// stored text without JSON.parse, repeated settings written from bytes made once, characters encoded
// as they are met. Each is checked against quoteField + iconv-lite / Buffer over the whole line.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import iconv from "iconv-lite";
import { foldCp932 } from "../../src/domain/cp932-fold.ts";
import { defaultCallSettings, defaultForwarding, defaultTerminal, type CallSettings, type Forwarding, type Terminal } from "../../src/domain/subscriber/subscriber.ts";
import { quoteField, utf8Bom, writeCsv, type CsvEncoding } from "../../src/files/csv.ts";
import type { StoredSubscriberRow } from "../../src/domain/subscriber/subscriber-list.ts";
import { subscriberCsvChunks, subscriberExportHeader } from "../../src/files/subscriber-export.ts";

interface Settings {
  callSettings: CallSettings;
  forwarding: Forwarding;
  terminal: Terminal;
}

/** A line as the plain way writes it: each column through quoteField, the whole line encoded at once. */
function plainLine(id: string, s: Settings, encoding: CsvEncoding): Buffer {
  const flag = (v: unknown) => (v ? "1" : "0");
  const c = s.callSettings;
  const f = s.forwarding;
  const columns = [
    id, "0312345678", "", "", "名前", "e1", "L1", "", "", "",
    flag(c.anonymousRejection), flag(c.withholdCallerId), flag(c.internationalBlock), flag(c.externalBlock),
    flag(f.unconditional.enabled), f.unconditional.destination, flag(f.busy.enabled), f.busy.destination,
    flag(f.noAnswer.enabled), f.noAnswer.destination, String(f.noAnswer.timerSec), flag(f.schedule.enabled), "", flag(f.voicemail.enabled),
    flag(s.terminal.authentication), "0", flag(s.terminal.callKit),
  ];
  const text = `${columns.map(quoteField).join(",")}\r\n`;
  return encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(foldCp932(text), "cp932");
}

/** The file's lines after the header, for rows whose settings are these texts. */
async function exportedLines(texts: readonly (readonly [string, string, string])[], encoding: CsvEncoding): Promise<Buffer> {
  const rows = texts.map(([callSettings, forwarding, terminal], i): StoredSubscriberRow => [`s${i}`, "0312345678", null, "名前", null, null, null, null, callSettings, forwarding, terminal, 0]);
  async function* batches() {
    for (let i = 0; i < rows.length; i += 7) yield rows.slice(i, i + 7);
  }
  const source = { enterpriseId: "e1", lineId1: "L1", lineId2: "", extensionGroups: new Map(), pickupGroups: new Map(), huntGroups: new Map(), schedules: new Map(), rows: batches() };
  const chunks: Buffer[] = [];
  for await (const chunk of subscriberCsvChunks(source, { encoding, chunkSize: 512 })) chunks.push(chunk);
  const header = writeCsv([[...subscriberExportHeader]], encoding);
  const file = Buffer.concat(chunks);
  assert.deepEqual(file.subarray(0, header.length), header);
  return file.subarray(header.length);
}

// Destinations with what needs care: quotes, a formula start, backslashes, CP932 specials, text CP932 lacks.
const destination = fc.oneof(
  fc.constantFrom("", "09012345678", "0612345678", "201", "voicemail"),
  fc.string({ unit: fc.constantFrom(..."0123456789-+=@\"\\\t\r\n ～〜①髙ｱ😀\u2028".split("")), maxLength: 12 }),
);
const settingsArbitrary: fc.Arbitrary<Settings> = fc.record({
  callSettings: fc.record({ anonymousRejection: fc.boolean(), withholdCallerId: fc.boolean(), internationalBlock: fc.boolean(), externalBlock: fc.boolean() }),
  forwarding: fc.record({
    unconditional: fc.record({ enabled: fc.boolean(), destination }),
    busy: fc.record({ enabled: fc.boolean(), destination }),
    noAnswer: fc.record({ enabled: fc.boolean(), destination, timerSec: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(0.5, 1e21, 2 ** 60)) }),
    schedule: fc.record({ enabled: fc.boolean(), scheduleId: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }) }),
    voicemail: fc.record({ enabled: fc.boolean(), condition: fc.constantFrom("noAnswer", "busy", "busyOrNoAnswer"), ringSec: fc.integer({ min: 0, max: 120 }) }),
  }),
  terminal: fc.record({
    authentication: fc.boolean(),
    oneTimeRelease: fc.boolean(),
    callKit: fc.boolean(),
    boundDeviceId: fc.option(fc.string({ unit: fc.constantFrom(..."ab1-\"\\,:{}".split("")), maxLength: 10 }), { nil: null }),
  }),
});

/** Stored texts of the same settings: as JSON.stringify writes them, and in forms the fast paths must leave to JSON.parse. */
function writtenForms(value: object): string[] {
  const reversed = (v: unknown): unknown =>
    v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
  return [JSON.stringify(value), JSON.stringify(value, null, 1), JSON.stringify(reversed(value)), JSON.stringify({ ...value, extra: { a: [1, "x"] } })];
}

describe("subscriber list file: settings read from their stored text", () => {
  for (const encoding of ["shift_jis", "utf-8"] as const) {
    test(`${encoding}: every written form of the settings gives the line JSON.parse and quoteField give`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(settingsArbitrary, { minLength: 1, maxLength: 12 }), async (all) => {
          const texts: [string, string, string][] = [];
          const expected: Buffer[] = [];
          for (const s of all) {
            const forms = [writtenForms(s.callSettings), writtenForms(s.forwarding), writtenForms(s.terminal)];
            for (let i = 0; i < 4; i += 1) {
              texts.push([forms[0]?.[i] ?? "", forms[1]?.[(i + 1) % 4] ?? "", forms[2]?.[(i + 2) % 4] ?? ""]);
              expected.push(plainLine(`s${texts.length - 1}`, s, encoding));
            }
          }
          assert.deepEqual(await exportedLines(texts, encoding), Buffer.concat(expected));
        }),
        { numRuns: 150 },
      );
    });
  }

  test("terminal keys that come again later in the text, or spelled with an escape, win as they do for JSON.parse", async () => {
    const texts = [
      '{"authentication":false,"oneTimeRelease":false,"callKit":false,"boundDeviceId":null,"authentication":true}',
      '{"authentication":false,"oneTimeRelease":false,"callKit":false,"x":{"callKit":true},"callKit":true}',
      '{"authentication":true,"oneTimeRelease":false,"callKit":true,"\\u0061uthentication":false,"callK\\u0069t":false}',
      '{"authentication":true,"oneTimeRelease":false,"callKit":true,"boundDeviceId":"\\"authentication\\":false"}',
      '{"authentication":true,"oneTimeRelease":false,"callKit":true}',
    ];
    const parsed = texts.map((t) => JSON.parse(t) as Terminal);
    assert.deepEqual(parsed.map((t) => [t.authentication, t.callKit]), [[true, false], [false, true], [false, false], [true, true], [true, true]]);
    const got = await exportedLines(texts.map((t) => [JSON.stringify(defaultCallSettings), JSON.stringify(defaultForwarding), t]), "utf-8");
    const expected = parsed.map((terminal, i) => plainLine(`s${i}`, { callSettings: defaultCallSettings, forwarding: defaultForwarding, terminal }, "utf-8"));
    assert.deepEqual(got, Buffer.concat(expected));
  });

  test("more distinct settings than are kept at hand, interleaved: each line still has its own", async () => {
    const settings = Array.from({ length: 40 }, (_, i): Settings => ({
      callSettings: { ...defaultCallSettings, anonymousRejection: i % 2 === 0, externalBlock: i % 3 === 0 },
      forwarding: { ...defaultForwarding, busy: { enabled: true, destination: `06${String(i).padStart(8, "0")}` } },
      terminal: { ...defaultTerminal, authentication: i % 5 === 0, callKit: i % 7 === 0, boundDeviceId: `d${i}` },
    }));
    const order = Array.from({ length: 2000 }, (_, i) => (i * 7919 + (i % 3) * 13) % 40);
    const texts = order.map((k) => {
      const s = settings[k] as Settings;
      return [JSON.stringify(s.callSettings), JSON.stringify(s.forwarding), JSON.stringify(s.terminal)] as const;
    });
    const got = await exportedLines(texts, "shift_jis");
    assert.deepEqual(got, Buffer.concat(order.map((k, i) => plainLine(`s${i}`, settings[k] as Settings, "shift_jis"))));
  });
});

describe("CsvWriter: characters encoded one by one, as they are met", () => {
  test("every UTF-16 code unit is written as iconv-lite (CP932, after the fold) and Buffer (UTF-8) write it", () => {
    const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
    for (let i = 0; i < units.length; i += 4096) {
      // Each unit alone in a field: lone surrogates are written as the libraries write them too.
      const records = [units.slice(i, i + 4096)];
      const text = `${records[0]?.map(quoteField).join(",")}\r\n`;
      assert.deepEqual(writeCsv(records, "shift_jis"), iconv.encode(foldCp932(text), "cp932"), `U+${i.toString(16)}…`);
      assert.deepEqual(writeCsv(records, "utf-8"), Buffer.concat([utf8Bom, Buffer.from(text, "utf8")]), `U+${i.toString(16)}…`);
    }
  });

  test("surrogate pairs, lone and doubled surrogates, at the start, middle and end of a field", () => {
    const cases = ["a😀b", "😀", "\ud800", "\udc00x", "\ud800\ud800\udc00", "x\ud800", "😀\ud83d", "=\ud800", "-\"\udfff\"", "\udbff\udfff"];
    const text = `${cases.map(quoteField).join(",")}\r\n`;
    assert.deepEqual(writeCsv([cases], "shift_jis"), iconv.encode(foldCp932(text), "cp932"));
    assert.deepEqual(writeCsv([cases], "utf-8").subarray(3), Buffer.from(text, "utf8"));
  });
});
