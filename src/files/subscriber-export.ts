// The subscriber list file (加入者一覧出力, 全件CSV出力): files.md's header and columns, streamed in chunks.
import type { CallSettings, Forwarding, Terminal } from "../domain/subscriber/subscriber.ts";
import type { StoredSubscriberRow, SubscriberExportSource } from "../domain/subscriber/subscriber-list.ts";
import { CsvWriter, type CsvEncoding } from "./csv.ts";

/** files.md "Subscriber list": line 1, in this order. */
export const subscriberExportHeader = [
  "加入者ID",
  "外線番号",
  "内線番号",
  "内線グループ",
  "表示名称",
  "企業ID",
  "回線ID1",
  "回線ID2",
  "ピックアップグループ",
  "代表グループ",
  "非通知着信拒否",
  "回線毎非通知",
  "国際発信規制",
  "外線発信規制",
  "無条件転送",
  "無条件転送先",
  "話中時転送",
  "話中時転送先",
  "不応答転送",
  "不応答転送先",
  "不応答転送タイマ",
  "スケジュール転送",
  "時間帯転送名",
  "留守番電話",
  "端末認証",
  "緊急停止",
  "CallKit",
] as const;

export interface SubscriberExportOptions {
  readonly encoding: CsvEncoding;
  /** Bytes per chunk (default 128 KB, about 800 lines). */
  readonly chunkSize?: number;
}

// files.md: booleans are 1 / 0.
const flag = (value: unknown): string => (value ? "1" : "0");

/**
 * The settings texts seen last, the most used first. Most numbers share their settings (the defaults,
 * a few common choices), and comparing a text with the one before is far cheaper than hashing it for
 * a Map; a text seen once (a forward to the number's own mobile) only ever takes the last place.
 */
class RecentTexts<T> {
  static readonly size = 8;
  readonly #texts: string[] = [];
  readonly #values: T[] = [];
  readonly #make: (text: string) => T;

  constructor(make: (text: string) => T) {
    this.#make = make;
  }

  get(text: string): T {
    const texts = this.#texts;
    const values = this.#values;
    for (let i = 0; i < texts.length; i += 1) {
      if (texts[i] !== text) continue;
      const value = values[i] as T;
      if (i > 0) {
        // One place forward on each use: the common texts gather at the front.
        texts[i] = texts[i - 1] as string;
        values[i] = values[i - 1] as T;
        texts[i - 1] = text;
        values[i - 1] = value;
      }
      return value;
    }
    const value = this.#make(text);
    const last = Math.min(texts.length, RecentTexts.size - 1);
    texts[last] = text;
    values[last] = value;
    return value;
  }
}

// The settings as JSON.stringify writes them in the order of the defaults (domain/subscriber), which
// is how they are stored. A text in exactly this form is read by one match: its strings have no
// escapes or control characters and its numbers are plain integers, so the captures are what
// JSON.parse would give. Anything else (another key order, more keys) goes through JSON.parse.
const bool = "(true|false)";
const text = '"([^"\\\\\\u0000-\\u001f]*)"';
const integer = "(0|[1-9][0-9]{0,14})";
const callSettingsForm = new RegExp(`^\\{"anonymousRejection":${bool},"withholdCallerId":${bool},"internationalBlock":${bool},"externalBlock":${bool}\\}$`);
const forwardingForm = new RegExp(
  `^\\{"unconditional":\\{"enabled":${bool},"destination":${text}\\},"busy":\\{"enabled":${bool},"destination":${text}\\},` +
    `"noAnswer":\\{"enabled":${bool},"destination":${text},"timerSec":${integer}\\},"schedule":\\{"enabled":${bool},"scheduleId":(?:null|${integer})\\},` +
    `"voicemail":\\{"enabled":${bool},"condition":${text},"ringSec":${integer}\\}\\}$`,
);
function callSettingsFlags(json: string): number {
  const m = callSettingsForm.exec(json);
  if (m !== null) return (m[1] === "true" ? 8 : 0) | (m[2] === "true" ? 4 : 0) | (m[3] === "true" ? 2 : 0) | (m[4] === "true" ? 1 : 0);
  const c = JSON.parse(json) as CallSettings;
  return (c.anonymousRejection ? 8 : 0) | (c.withholdCallerId ? 4 : 0) | (c.internationalBlock ? 2 : 0) | (c.externalBlock ? 1 : 0);
}

/** The forwarding columns: 無条件転送 … スケジュール転送 (before 時間帯転送名), then 留守番電話. */
interface ForwardingColumns {
  readonly beforeSchedule: readonly string[];
  readonly voicemail: boolean;
}

function forwardingColumns(json: string): ForwardingColumns {
  const m = forwardingForm.exec(json);
  if (m !== null) {
    const [, unconditional, unconditionalTo, busy, busyTo, noAnswer, noAnswerTo, timerSec, schedule, , voicemail] = m;
    return {
      beforeSchedule: [flag(unconditional === "true"), unconditionalTo ?? "", flag(busy === "true"), busyTo ?? "", flag(noAnswer === "true"), noAnswerTo ?? "", timerSec ?? "", flag(schedule === "true")],
      voicemail: voicemail === "true",
    };
  }
  const f = JSON.parse(json) as Forwarding;
  return {
    beforeSchedule: [
      flag(f.unconditional.enabled),
      String(f.unconditional.destination),
      flag(f.busy.enabled),
      String(f.busy.destination),
      flag(f.noAnswer.enabled),
      String(f.noAnswer.destination),
      String(f.noAnswer.timerSec),
      flag(f.schedule.enabled),
    ],
    voicemail: Boolean(f.voicemail.enabled),
  };
}

// Terminal state carries per-device values (device id, provisioning time), so its texts are seldom
// shared and each would cost a JSON.parse. Only its first three keys matter here: they are read from
// the text when it starts as JSON.stringify writes them and no key later in it could repeat them (no
// backslash to spell a key another way, neither key again).
const terminalKeys = ['{"authentication":', ',"oneTimeRelease":', ',"callKit":'] as const;

/** 端末認証 and CallKit, as bits 2 and 1. */
function terminalFlags(json: string): number {
  let at = 0;
  let bits = 0;
  for (const key of terminalKeys) {
    if (!json.startsWith(key, at)) return parsedTerminalFlags(json);
    at += key.length;
    if (json.startsWith("true", at)) {
      at += 4;
      bits = (bits << 1) | 1;
    } else if (json.startsWith("false", at)) {
      at += 5;
      bits <<= 1;
    } else {
      return parsedTerminalFlags(json);
    }
  }
  const ends = at === json.length - 1 && json.charCodeAt(at) === 0x7d;
  const goesOn = json.charCodeAt(at) === 0x2c && !json.includes("\\", at) && !json.includes('"authentication"', at) && !json.includes('"callKit"', at);
  // bits: authentication, oneTimeRelease, callKit
  return ends || goesOn ? ((bits & 4) >> 1) | (bits & 1) : parsedTerminalFlags(json);
}

function parsedTerminalFlags(json: string): number {
  const t = JSON.parse(json) as Terminal;
  return (t.authentication ? 2 : 0) | (t.callKit ? 1 : 0);
}

/**
 * Writes the lines. Per row only the values that differ from row to row are encoded (ID, number,
 * extension, name, forward destinations seen for the first time); group and schedule names, the
 * enterprise's columns and each distinct settings text become bytes once per file.
 */
class SubscriberLines {
  readonly #w: CsvWriter;
  readonly #extensionGroup: (id: number | null) => Uint8Array;
  /** 企業ID, 回線ID1 and 回線ID2 (the same on every line), then ピックアップグループ: one copy for the four columns. */
  readonly #enterpriseAndPickupGroup: (id: number | null) => Uint8Array;
  readonly #huntGroup: (id: number | null) => Uint8Array;
  readonly #schedule: (id: number | null) => Uint8Array;
  readonly #callSettings: RecentTexts<Uint8Array>;
  readonly #forwarding: RecentTexts<{ beforeSchedule: Uint8Array; voicemail: boolean }>;
  readonly #terminal: RecentTexts<number>;
  /** 留守番電話, 端末認証, 緊急停止, CallKit and the end of the line, by those four bits. */
  readonly #tails: Uint8Array[];

  constructor(w: CsvWriter, source: SubscriberExportSource) {
    this.#w = w;
    const enterprise = [source.enterpriseId, source.lineId1, source.lineId2];
    this.#extensionGroup = this.#names(source.extensionGroups);
    this.#enterpriseAndPickupGroup = this.#names(source.pickupGroups, enterprise);
    this.#huntGroup = this.#names(source.huntGroups);
    this.#schedule = this.#names(source.schedules);
    const settings = Array.from({ length: 16 }, (_, bits) => w.encoded((x) => [8, 4, 2, 1].forEach((bit) => x.field(flag(bits & bit)))));
    this.#callSettings = new RecentTexts((json) => settings[callSettingsFlags(json)] as Uint8Array);
    this.#forwarding = new RecentTexts((json) => {
      const columns = forwardingColumns(json);
      return { beforeSchedule: w.encoded((x) => columns.beforeSchedule.forEach((value) => x.field(value))), voicemail: columns.voicemail };
    });
    this.#terminal = new RecentTexts(terminalFlags);
    this.#tails = Array.from({ length: 16 }, (_, bits) =>
      w.encoded((x) => {
        [8, 4, 2, 1].forEach((bit) => x.field(flag(bits & bit)));
        x.endLine();
      }),
    );
  }

  /** The column of the name an id stands for ("" for none), after the columns `before`, as bytes made once per id. */
  #names(names: ReadonlyMap<number, string>, before: readonly string[] = []): (id: number | null) => Uint8Array {
    const encode = (name: string) =>
      this.#w.encoded((x) => {
        for (const value of before) x.field(value);
        x.field(name);
      });
    const none = encode("");
    const encoded = new Map<number, Uint8Array>();
    return (id) => {
      if (id === null) return none;
      let bytes = encoded.get(id);
      if (bytes === undefined) {
        bytes = encode(names.get(id) ?? "");
        encoded.set(id, bytes);
      }
      return bytes;
    };
  }

  write(row: StoredSubscriberRow): void {
    const w = this.#w;
    w.field(row[0]);
    w.field(row[1]);
    w.field(row[2] ?? "");
    w.bytes(this.#extensionGroup(row[4]));
    w.field(row[3]);
    w.bytes(this.#enterpriseAndPickupGroup(row[5]));
    w.bytes(this.#huntGroup(row[6]));
    w.bytes(this.#callSettings.get(row[8]));
    const forwarding = this.#forwarding.get(row[9]);
    w.bytes(forwarding.beforeSchedule);
    w.bytes(this.#schedule(row[7]));
    const stopped = row[11] === 1 || row[11] === true;
    const terminal = this.#terminal.get(row[10]);
    w.bytes(this.#tails[(forwarding.voicemail ? 8 : 0) | (terminal & 2 ? 4 : 0) | (stopped ? 2 : 0) | (terminal & 1)] as Uint8Array);
  }
}

/**
 * The file as encoded chunks: the header (after the BOM for UTF-8) first, then the rows, a chunk
 * whenever about `chunkSize` bytes are written. Each line goes into the chunk's bytes as it is made,
 * so memory stays flat whatever the row count.
 */
export async function* subscriberCsvChunks(source: SubscriberExportSource, options: SubscriberExportOptions): AsyncGenerator<Buffer> {
  const w = new CsvWriter(options.encoding, options.chunkSize);
  w.record(subscriberExportHeader);
  const lines = new SubscriberLines(w, source);
  for await (const batch of source.rows) {
    for (const row of batch) {
      lines.write(row);
      if (w.full) yield w.take();
    }
  }
  if (w.pendingBytes > 0) yield w.take();
}
