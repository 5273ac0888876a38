// Schedules (時間帯転送 / スケジュール転送, features.md §6): rules, their checks, which rule is in force, the preview.
import { DomainError } from "../errors.ts";
import { checkDestination, destinationDigits, type DestinationContext } from "../forwarding/destination-policy.ts";
import { checkTimer } from "../forwarding/forwarding.ts";
import { checkMemo, checkText } from "../text.ts";
import { addDays, holidayOf, isValidDate, localTimeOf, type LocalTime } from "../time.ts";

export type RuleType = "date" | "weekday" | "holiday";
export type ScheduleAction = "none" | "unconditional" | "busy" | "noAnswer";

export interface ScheduleRule {
  type: RuleType;
  /** 特定日 every year: month and day. */
  month?: number | undefined;
  day?: number | undefined;
  /** 特定日 once: YYYY-MM-DD. */
  date?: string | undefined;
  /** 曜日: 0 = 日 … 6 = 土 */
  weekdays?: number[] | undefined;
  start: string;
  end: string;
  action: ScheduleAction;
  destination?: string | undefined;
  memo?: string | undefined;
}

export interface Schedule {
  id: number;
  enterpriseId: string;
  name: string;
  cfnaTimeoutSec: number;
  extensionGroupId: number | null;
  memo: string;
  rules: ScheduleRule[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const maxRules = 100;

/** "HH:MM" → minutes, 00:00 … 24:00; undefined when malformed. */
export function parseTime(value: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (m === null) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function ruleKey(r: ScheduleRule): string {
  const when = r.type === "date" ? (r.date ?? `${r.month}-${r.day}`) : r.type === "weekday" ? [...(r.weekdays ?? [])].sort().join("") : "";
  return [r.type, when, r.start, r.end, r.action, r.action === "none" ? "" : (r.destination ?? "")].join("|");
}

/** Checks one rule and returns it normalised (destination digits, only the fields of its type). */
export function checkRule(rule: ScheduleRule, index: number, context: DestinationContext): ScheduleRule {
  const f = (name: string) => `rules.${index}.${name}`;
  const out: ScheduleRule = { type: rule.type, start: rule.start, end: rule.end, action: rule.action, memo: rule.memo ?? "" };
  switch (rule.type) {
    case "date":
      if (rule.date !== undefined && rule.date !== "") {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rule.date);
        if (m === null || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new DomainError("8078", { field: f("date") });
        out.date = rule.date;
      } else {
        if (rule.month === undefined || rule.day === undefined) throw new DomainError("8008", { field: f(rule.month === undefined ? "month" : "day") });
        // Every year: 2/29 is a valid day (it happens in leap years), 2/30 never is.
        if (!isValidDate(2024, rule.month, rule.day)) throw new DomainError("8078", { field: f("day") });
        out.month = rule.month;
        out.day = rule.day;
      }
      break;
    case "weekday": {
      const days = rule.weekdays ?? [];
      if (days.length === 0) throw new DomainError("8008", { field: f("weekdays") });
      if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 6) || new Set(days).size !== days.length) throw new DomainError("8009", { field: f("weekdays") });
      out.weekdays = [...days].sort((a, b) => a - b);
      break;
    }
    case "holiday":
      break;
  }
  const start = parseTime(rule.start);
  const end = parseTime(rule.end);
  if (start === undefined) throw new DomainError("8041", { field: f("start") });
  if (end === undefined) throw new DomainError("8041", { field: f("end") });
  if (start >= end) throw new DomainError("8041", { field: f("end") });
  if (rule.action !== "none") {
    if (rule.destination === undefined || rule.destination === "") throw new DomainError("8008", { field: f("destination") });
    out.destination = destinationDigits(checkDestination(rule.destination, f("destination"), context));
  }
  if (out.memo !== undefined) checkMemo(out.memo, f("memo"));
  return out;
}

export interface ScheduleInput {
  name: string;
  cfnaTimeoutSec: number;
  memo: string;
  rules: ScheduleRule[];
}

/** The whole schedule: name (8008), CFNA timeout 1–180 (8103), memo, rules, identical rows (8037). */
export function checkSchedule(input: ScheduleInput, context: DestinationContext): ScheduleInput {
  checkText(input.name, { field: "name", max: 64, required: true });
  checkTimer(input.cfnaTimeoutSec, "cfnaTimeoutSec");
  checkMemo(input.memo, "memo");
  if (input.rules.length > maxRules) throw new DomainError("8009", { field: "rules", details: { max: maxRules } });
  const rules = input.rules.map((r, i) => checkRule(r, i, context));
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    const key = ruleKey(r);
    const first = seen.get(key);
    if (first !== undefined) throw new DomainError("8037", { field: `rules.${i}`, details: { sameAs: first } });
    seen.set(key, i);
  });
  return { ...input, rules };
}

export interface RuleInForce {
  readonly index: number;
  readonly rule: ScheduleRule;
}

const precedence: readonly RuleType[] = ["date", "holiday", "weekday"];

function dateMatches(rule: ScheduleRule, at: LocalTime): boolean {
  if (rule.date !== undefined) return rule.date === at.date;
  return rule.month === at.month && rule.day === at.day;
}

/**
 * routing.md inbound 3: the rule in force at a local time — 特定日 > 祝祭日 > 曜日, then row order;
 * start inclusive, end exclusive.
 */
export function ruleInForce(rules: readonly ScheduleRule[], at: LocalTime, isHoliday: boolean): RuleInForce | undefined {
  for (const type of precedence) {
    for (let index = 0; index < rules.length; index += 1) {
      const rule = rules[index];
      if (rule === undefined || rule.type !== type) continue;
      const applies = type === "date" ? dateMatches(rule, at) : type === "holiday" ? isHoliday : (rule.weekdays ?? []).includes(at.weekday);
      if (!applies) continue;
      const start = parseTime(rule.start) ?? 0;
      const end = parseTime(rule.end) ?? 0;
      if (at.minutes >= start && at.minutes < end) return { index, rule };
    }
  }
  return undefined;
}

export interface PreviewHour {
  hour: number;
  /** Row number (1-based, as on the screen) of the rule in force, or null. */
  rule: number | null;
  ruleType: RuleType | null;
  action: ScheduleAction;
  destination: string | null;
}

export interface PreviewDay {
  date: string;
  weekday: number;
  holiday: string | null;
  hours: PreviewHour[];
}

/** Hour by hour over `days` days from a local date: which rule is in force at the start of each hour. */
export function preview(rules: readonly ScheduleRule[], from: string, days: number): PreviewDay[] {
  const out: PreviewDay[] = [];
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    const holiday = holidayOf(date);
    const hours: PreviewHour[] = [];
    for (let hour = 0; hour < 24; hour += 1) {
      const at = localTimeOf(date, hour * 60);
      const found = ruleInForce(rules, at, holiday !== undefined);
      hours.push({
        hour,
        rule: found === undefined ? null : found.index + 1,
        ruleType: found?.rule.type ?? null,
        action: found?.rule.action ?? "none",
        destination: found?.rule.destination ?? null,
      });
    }
    out.push({ date, weekday: localTimeOf(date, 0).weekday, holiday: holiday?.name ?? null, hours });
  }
  return out;
}
