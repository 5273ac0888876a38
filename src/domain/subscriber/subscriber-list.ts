// The subscriber list (加入者一覧出力) as the store reads it and the CSV writer writes it.

/**
 * One subscriber as stored, as an array in this order: its own columns, the ids its group and schedule
 * names are found by, its settings as their JSON text (call settings, forwarding, terminal), its
 * emergency-stop flag. Arrays straight from node:sqlite, with neither an object nor a JSON.parse per row:
 * at 200,000 rows a second a row has 5 µs, and making an object of 12 properties is a good part of it.
 */
export type StoredSubscriberRow = readonly [
  id: string,
  number: string,
  extension: string | null,
  displayName: string,
  extensionGroupId: number | null,
  pickupGroupId: number | null,
  huntGroupId: number | null,
  scheduleId: number | null,
  callSettings: string,
  forwarding: string,
  terminal: string,
  /** 0 / 1 on SQLite, a boolean on PostgreSQL. */
  emergencyStopped: number | boolean,
];

/** What the file is made of: the enterprise's own values, the names rows refer to by id, the rows in the file's order. */
export interface SubscriberExportSource {
  readonly enterpriseId: string;
  readonly lineId1: string;
  readonly lineId2: string;
  /**
   * The names of the enterprise's groups and schedules by id, read once rather than joined on every row
   * (an enterprise has a few hundred at most). An id missing from its map is written as "".
   */
  readonly extensionGroups: ReadonlyMap<number, string>;
  readonly pickupGroups: ReadonlyMap<number, string>;
  readonly huntGroups: ReadonlyMap<number, string>;
  /** 時間帯転送名: the schedule a row's schedule id names. */
  readonly schedules: ReadonlyMap<number, string>;
  /** Every subscriber in the file's order, in batches (no await per row). */
  readonly rows: AsyncIterable<readonly StoredSubscriberRow[]>;
}
