// The rows of the スケジュールリスト as the form edits them, and their API shape (api.md
// schedules: `{type, month?, day?, date?, weekdays?, start, end, action, destination?, memo?}`).
import type { RuleAction, RuleType, ScheduleRule } from "./types";

export type DateMode = "yearly" | "once";

export interface RuleRow {
  readonly key: string;
  type: RuleType;
  /** 特定日: every year on month/day, or once on a full date. */
  dateMode: DateMode;
  month: number | null;
  day: number | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** 0 = 日 … 6 = 土 */
  weekdays: number[];
  /** HH:MM */
  start: string | null;
  end: string | null;
  /** The end is 24:00 (a time picker stops at 23:59). */
  endOfDay: boolean;
  action: RuleAction;
  destination: string;
  memo: string;
}

let lastKey = 0;

function newKey(): string {
  lastKey += 1;
  return `rule-${lastKey}`;
}

/** The row that 行追加 adds: weekdays 月–金, 09:00–17:00, unconditional forwarding. */
export function newRow(): RuleRow {
  return {
    key: newKey(),
    type: "weekday",
    dateMode: "yearly",
    month: null,
    day: null,
    date: null,
    weekdays: [1, 2, 3, 4, 5],
    start: "09:00",
    end: "17:00",
    endOfDay: false,
    action: "unconditional",
    destination: "",
    memo: "",
  };
}

export function rowOf(rule: ScheduleRule): RuleRow {
  return {
    key: newKey(),
    type: rule.type,
    dateMode: rule.date ? "once" : "yearly",
    month: rule.month ?? null,
    day: rule.day ?? null,
    date: rule.date ?? null,
    weekdays: rule.weekdays ?? [],
    start: rule.start,
    end: rule.end === "24:00" ? null : rule.end,
    endOfDay: rule.end === "24:00",
    action: rule.action,
    destination: rule.destination ?? "",
    memo: rule.memo ?? "",
  };
}

/** What the server receives; empty values are sent as they are so that it names the field. */
export function ruleOf(row: RuleRow): ScheduleRule {
  const rule: ScheduleRule = {
    type: row.type,
    start: row.start ?? "",
    end: row.endOfDay ? "24:00" : (row.end ?? ""),
    action: row.action,
    memo: row.memo,
  };
  if (row.type === "date") {
    if (row.dateMode === "once") rule.date = row.date ?? "";
    else {
      if (row.month !== null) rule.month = row.month;
      if (row.day !== null) rule.day = row.day;
    }
  }
  if (row.type === "weekday") rule.weekdays = [...row.weekdays].sort((a, b) => a - b);
  if (row.action !== "none") rule.destination = row.destination.trim();
  return rule;
}

/** The row and the field of a server error such as `rules.2.end` (row index from 0). */
export function ruleErrorOf(field: string | undefined): { index: number; field: string } | undefined {
  const match = /^rules\.(\d+)(?:\.(\w+))?/.exec(field ?? "");
  if (!match) return undefined;
  return { index: Number(match[1]), field: match[2] ?? "row" };
}
