// The subscriber list file (加入者一覧出力, 全件CSV出力): files.md's header and columns, streamed in chunks.
import type { CallSettings, Forwarding, Terminal } from "../domain/subscriber/subscriber.ts";
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

/** One line of the file: a subscriber with the names of its groups and schedule. */
export interface SubscriberExportRow {
  id: string;
  number: string;
  /** "" when the number has no extension. */
  extension: string;
  extensionGroup: string;
  displayName: string;
  enterpriseId: string;
  lineId1: string;
  lineId2: string;
  pickupGroup: string;
  huntGroup: string;
  callSettings: Readonly<CallSettings>;
  forwarding: Readonly<Forwarding>;
  terminal: Readonly<Pick<Terminal, "authentication" | "callKit">>;
  emergencyStopped: boolean;
  /** 時間帯転送名: the schedule the number's schedule forwarding points at, "" when none. */
  scheduleName: string;
}

export interface SubscriberExportOptions {
  readonly encoding: CsvEncoding;
  /** Bytes per chunk (default 128 KB, about 800 lines). */
  readonly chunkSize?: number;
}

// files.md: booleans are 1 / 0. Quoted like every other field; plain ASCII in both encodings.
const flag = (value: boolean): string => (value ? '"1"' : '"0"');

function writeLine(w: CsvWriter, r: SubscriberExportRow): void {
  const c = r.callSettings;
  const f = r.forwarding;
  w.line(
    `${w.field(r.id)},${w.field(r.number)},${w.field(r.extension)},${w.repeated(r.extensionGroup)},${w.field(r.displayName)},` +
      `${w.repeated(r.enterpriseId)},${w.repeated(r.lineId1)},${w.repeated(r.lineId2)},${w.repeated(r.pickupGroup)},${w.repeated(r.huntGroup)},` +
      `${flag(c.anonymousRejection)},${flag(c.withholdCallerId)},${flag(c.internationalBlock)},${flag(c.externalBlock)},` +
      `${flag(f.unconditional.enabled)},${w.field(f.unconditional.destination)},${flag(f.busy.enabled)},${w.field(f.busy.destination)},` +
      `${flag(f.noAnswer.enabled)},${w.field(f.noAnswer.destination)},${w.field(String(f.noAnswer.timerSec))},` +
      `${flag(f.schedule.enabled)},${w.repeated(r.scheduleName)},${flag(f.voicemail.enabled)},` +
      `${flag(r.terminal.authentication)},${flag(r.emergencyStopped)},${flag(r.terminal.callKit)}`,
  );
}

/**
 * The file as encoded chunks: the header (after the BOM for UTF-8) first, then the rows, a chunk
 * whenever about `chunkSize` bytes are written. Rows may come one by one or in batches (no await per
 * row). Each line goes into the chunk's bytes as it is made, so memory stays flat whatever the row
 * count.
 */
export async function* subscriberCsvChunks(
  rows: AsyncIterable<SubscriberExportRow | readonly SubscriberExportRow[]>,
  options: SubscriberExportOptions,
): AsyncGenerator<Buffer> {
  const w = new CsvWriter(options.encoding, options.chunkSize);
  w.record(subscriberExportHeader);
  for await (const item of rows) {
    if (Array.isArray(item)) {
      for (const row of item as readonly SubscriberExportRow[]) {
        writeLine(w, row);
        if (w.full) yield w.take();
      }
    } else {
      writeLine(w, item as SubscriberExportRow);
      if (w.full) yield w.take();
    }
  }
  if (w.pendingBytes > 0) yield w.take();
}
