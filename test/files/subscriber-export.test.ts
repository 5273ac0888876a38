// The subscriber list file: files.md's header in its order, one line per row, booleans 1 / 0, chunks.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { defaultCallSettings, defaultForwarding, defaultTerminal, type CallSettings, type Forwarding, type Terminal } from "../../src/domain/subscriber/subscriber.ts";
import type { CsvEncoding } from "../../src/files/csv.ts";
import type { StoredSubscriberRow, SubscriberExportSource } from "../../src/domain/subscriber/subscriber-list.ts";
import { subscriberCsvChunks, subscriberExportHeader } from "../../src/files/subscriber-export.ts";

// files.md "Subscriber list", line 1, as the spec writes it.
const specHeader =
  "加入者ID, 外線番号, 内線番号, 内線グループ, 表示名称, 企業ID, 回線ID1, 回線ID2, ピックアップグループ, 代表グループ, 非通知着信拒否, 回線毎非通知, 国際発信規制, 外線発信規制, " +
  "無条件転送, 無条件転送先, 話中時転送, 話中時転送先, 不応答転送, 不応答転送先, 不応答転送タイマ, スケジュール転送, 時間帯転送名, 留守番電話, 端末認証, 緊急停止, CallKit";

/** A subscriber as a reader would describe it: names rather than ids, settings as values. */
interface Row {
  id: string;
  number: string;
  extension: string;
  extensionGroup: string;
  displayName: string;
  pickupGroup: string;
  huntGroup: string;
  callSettings: CallSettings;
  forwarding: Forwarding;
  terminal: Terminal;
  emergencyStopped: boolean;
  scheduleName: string;
}

function row(i: number, overrides: Partial<Row> = {}): Row {
  return {
    id: `s${i}`, number: `03000000${String(i).padStart(2, "0")}`, extension: String(200 + i), extensionGroup: "本社", displayName: `髙橋 ${i}号`,
    pickupGroup: "", huntGroup: "代表①",
    callSettings: defaultCallSettings, forwarding: defaultForwarding, terminal: defaultTerminal, emergencyStopped: false, scheduleName: "",
    ...overrides,
  };
}

/** The rows as the store hands them over: names by id (an empty name is no group), settings as JSON text. */
function source(batches: Row[][]): SubscriberExportSource {
  const maps = { extensionGroups: new Map<number, string>(), pickupGroups: new Map<number, string>(), huntGroups: new Map<number, string>(), schedules: new Map<number, string>() };
  const idOf = (map: Map<number, string>, name: string): number | null => {
    if (name === "") return null;
    const found = [...map].find(([, n]) => n === name);
    if (found !== undefined) return found[0];
    map.set(map.size + 1, name);
    return map.size;
  };
  const stored = batches.map((batch) =>
    batch.map((r): StoredSubscriberRow => [
      r.id, r.number, r.extension === "" ? null : r.extension, r.displayName,
      idOf(maps.extensionGroups, r.extensionGroup), idOf(maps.pickupGroups, r.pickupGroup), idOf(maps.huntGroups, r.huntGroup), idOf(maps.schedules, r.scheduleName),
      JSON.stringify(r.callSettings), JSON.stringify(r.forwarding), JSON.stringify(r.terminal), r.emergencyStopped ? 1 : 0,
    ]),
  );
  async function* rows() {
    for (const batch of stored) yield batch;
  }
  return { enterpriseId: "e1", lineId1: "L-1", lineId2: "", ...maps, rows: rows() };
}

async function file(batches: Row[][], encoding: CsvEncoding, chunkSize?: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of subscriberCsvChunks(source(batches), { encoding, ...(chunkSize === undefined ? {} : { chunkSize }) })) chunks.push(chunk);
  return chunks;
}

const read = (bytes: Buffer) => parse(iconv.decode(bytes, "cp932"), { record_delimiter: "\r\n" }) as string[][];

describe("subscriber list file", () => {
  test("the header is files.md's, in its order", async () => {
    assert.deepEqual([...subscriberExportHeader], specHeader.split(", "));
    const [only] = await file([], "shift_jis");
    assert.ok(only !== undefined);
    assert.equal(iconv.decode(only, "cp932"), `${specHeader.split(", ").map((h) => `"${h}"`).join(",")}\r\n`);
  });

  test("one line per subscriber, the columns in the header's order, booleans 1 / 0", async () => {
    const settings = row(1, {
      callSettings: { anonymousRejection: true, withholdCallerId: false, internationalBlock: true, externalBlock: false },
      forwarding: {
        unconditional: { enabled: false, destination: "" },
        busy: { enabled: true, destination: "0612345678" },
        noAnswer: { enabled: true, destination: "09011112222", timerSec: 30 },
        schedule: { enabled: true, scheduleId: 3 },
        voicemail: { enabled: true, condition: "busy", ringSec: 20 },
      },
      terminal: { ...defaultTerminal, authentication: true, callKit: false },
      emergencyStopped: true,
      scheduleName: "夜間",
    });
    const records = read(Buffer.concat(await file([[settings, row(2)]], "shift_jis")));
    assert.equal(records.length, 3);
    assert.deepEqual(records[1], [
      "s1", "0300000001", "201", "本社", "髙橋 1号", "e1", "L-1", "", "", "代表①",
      "1", "0", "1", "0", "0", "", "1", "0612345678", "1", "09011112222", "30", "1", "夜間", "1", "1", "1", "0",
    ]);
    assert.deepEqual(records[2]?.slice(10), ["0", "0", "0", "0", "0", "", "0", "", "0", "", "20", "0", "", "0", "0", "0", "0"]);
  });

  test("batches of any size, large chunks or small: the same bytes", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i, { displayName: i % 10 === 0 ? `=${i}` : `髙橋 ${i}` }));
    for (const encoding of ["shift_jis", "utf-8"] as const) {
      const whole = Buffer.concat(await file([rows], encoding));
      const small = await file([rows.slice(0, 3), ...rows.slice(3, 500).map((r) => [r]), rows.slice(500)], encoding, 4096);
      assert.ok(small.length > 10, "several chunks");
      assert.deepEqual(Buffer.concat(small), whole);
      assert.equal(small[0]?.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), encoding === "utf-8");
    }
  });
});
