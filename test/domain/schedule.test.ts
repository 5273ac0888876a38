// features.md §6 and routing.md inbound 3: schedule rules, their checks, precedence, holidays, preview.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import { checkSchedule, preview, ruleInForce, type ScheduleRule } from "../../src/domain/schedule/schedule.ts";
import { holidayOf, localTime, localTimeOf } from "../../src/domain/time.ts";

const ctx = { allowInternational: false };
const weekday = (start: string, end: string, destination = "0612345678"): ScheduleRule => ({ type: "weekday", weekdays: [1, 2, 3, 4, 5], start, end, action: "unconditional", destination });

function code(rules: ScheduleRule[], extra: Partial<{ name: string; cfnaTimeoutSec: number; memo: string }> = {}): string | undefined {
  try {
    checkSchedule({ name: "営業時間", cfnaTimeoutSec: 20, memo: "", rules, ...extra }, ctx);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const cases: [string, ScheduleRule[], Partial<{ name: string; cfnaTimeoutSec: number; memo: string }>, string | undefined][] = [
  ["a weekday rule 9:00–17:00 is valid", [weekday("09:00", "17:00")], {}, undefined],
  ["the name is required (8008)", [], { name: "" }, "8008"],
  ["the CFNA timeout is required in 1–180 (8103)", [], { cfnaTimeoutSec: 0 }, "8103"],
  ["start must be before end (8041)", [weekday("17:00", "09:00")], {}, "8041"],
  ["start equal to end is 8041", [weekday("09:00", "09:00")], {}, "8041"],
  ["24:00 is a valid end", [weekday("18:00", "24:00")], {}, undefined],
  ["24:30 is 8041", [weekday("18:00", "24:30")], {}, "8041"],
  ["a malformed time is 8041", [weekday("9時", "17:00")], {}, "8041"],
  ["2/30 is an invalid date (8078)", [{ type: "date", month: 2, day: 30, start: "00:00", end: "24:00", action: "none" }], {}, "8078"],
  ["2/29 every year is valid", [{ type: "date", month: 2, day: 29, start: "00:00", end: "24:00", action: "none" }], {}, undefined],
  ["a full date 2027-02-29 is 8078", [{ type: "date", date: "2027-02-29", start: "00:00", end: "24:00", action: "none" }], {}, "8078"],
  ["a weekday rule needs weekdays (8008)", [{ type: "weekday", weekdays: [], start: "09:00", end: "17:00", action: "none" }], {}, "8008"],
  ["weekday 7 is 8009", [{ type: "weekday", weekdays: [7], start: "09:00", end: "17:00", action: "none" }], {}, "8009"],
  ["a forwarding action needs a destination (8008)", [{ type: "holiday", start: "00:00", end: "24:00", action: "busy" }], {}, "8008"],
  ["a restricted destination is 8039", [weekday("09:00", "17:00", "0570123456")], {}, "8039"],
  ["identical rows are 8037", [weekday("09:00", "17:00"), weekday("09:00", "17:00")], {}, "8037"],
  ["rows differing only in time are fine", [weekday("09:00", "12:00"), weekday("13:00", "17:00")], {}, undefined],
  ["a memo over 256 Shift_JIS bytes is 8101", [], { memo: "あ".repeat(129) }, "8101"],
  ["a memo of 128 full-width characters is fine", [], { memo: "あ".repeat(128) }, undefined],
];

for (const [name, rules, extra, expected] of cases) {
  test(`schedule: ${name}`, () => assert.equal(code(rules, extra), expected));
}

const rules: ScheduleRule[] = [
  { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", action: "unconditional", destination: "0611111111" },
  { type: "holiday", start: "00:00", end: "24:00", action: "busy", destination: "0622222222" },
  { type: "date", month: 11, day: 23, start: "10:00", end: "12:00", action: "noAnswer", destination: "0633333333" },
];

test("inbound 3: a weekday rule is in force on a Tuesday at 10:00", () => {
  const at = localTimeOf("2026-11-24", 10 * 60);
  assert.equal(ruleInForce(rules, at, false)?.index, 0);
});

test("inbound 3: the end time is exclusive", () => {
  assert.equal(ruleInForce(rules, localTimeOf("2026-11-24", 17 * 60), false), undefined);
  assert.equal(ruleInForce(rules, localTimeOf("2026-11-24", 9 * 60), false)?.index, 0);
});

test("inbound 3: a 祝祭日 rule beats a 曜日 rule (2026-11-23 勤労感謝の日, a Monday)", () => {
  assert.equal(holidayOf("2026-11-23")?.name, "勤労感謝の日");
  assert.equal(ruleInForce(rules, localTimeOf("2026-11-23", 9 * 60), true)?.index, 1);
});

test("inbound 3: a 特定日 rule beats a 祝祭日 rule", () => {
  assert.equal(ruleInForce(rules, localTimeOf("2026-11-23", 11 * 60), true)?.index, 2);
});

test("inbound 3: within a type, the earlier row wins", () => {
  const two: ScheduleRule[] = [
    { type: "weekday", weekdays: [2], start: "09:00", end: "18:00", action: "busy", destination: "0611111111" },
    { type: "weekday", weekdays: [2], start: "10:00", end: "11:00", action: "unconditional", destination: "0622222222" },
  ];
  assert.equal(ruleInForce(two, localTimeOf("2026-11-24", 10 * 60 + 30), false)?.index, 0);
});

test("holidays: 2027-01-11 成人の日 and a substitute holiday are national holidays", () => {
  assert.equal(holidayOf("2027-01-11")?.name, "成人の日");
  assert.match(holidayOf("2025-05-06")?.name ?? "", /休日/);
  assert.equal(holidayOf("2026-11-24"), undefined);
});

test("time zones: 2026-11-24T01:00Z is 10:00 on Tuesday in Tokyo and 20:00 Monday in New York", () => {
  const instant = new Date("2026-11-24T01:00:00Z");
  assert.deepEqual(localTime(instant, "Asia/Tokyo"), { date: "2026-11-24", year: 2026, month: 11, day: 24, weekday: 2, minutes: 600 });
  assert.equal(localTime(instant, "America/New_York").weekday, 1);
  assert.equal(localTime(instant, "America/New_York").minutes, 20 * 60);
});

test("preview: 4 weeks hour by hour with holidays marked", () => {
  const days = preview(rules, "2026-11-22", 28);
  assert.equal(days.length, 28);
  assert.ok(days.every((d) => d.hours.length === 24));
  const holiday = days.find((d) => d.date === "2026-11-23");
  assert.equal(holiday?.holiday, "勤労感謝の日");
  assert.equal(holiday?.hours[11]?.rule, 3);
  assert.equal(holiday?.hours[11]?.action, "noAnswer");
  assert.equal(holiday?.hours[15]?.action, "busy");
  const tuesday = days.find((d) => d.date === "2026-11-24");
  assert.equal(tuesday?.hours[10]?.action, "unconditional");
  assert.equal(tuesday?.hours[10]?.destination, "0611111111");
  assert.equal(tuesday?.hours[20]?.rule, null);
});
