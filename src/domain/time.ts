// Local date and time of an instant in an enterprise's time zone, and Japanese national holidays.
import holidayJp from "@holiday-jp/holiday_jp";

export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
  /** minutes since local midnight */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    year,
    month,
    day,
    weekday: weekdays[parts.weekday ?? "Sun"] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The local time of a calendar date and minute (no time zone involved). */
export function localTimeOf(date: string, minutes: number): LocalTime {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { date, year: y, month: m, day: d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay(), minutes };
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>;

/** The national holiday of a date (incl. substitute and citizens' holidays), from @holiday-jp/holiday_jp. */
export function holidayOf(date: string): { name: string; nameEn: string } | undefined {
  const h = holidays[date];
  return h === undefined ? undefined : { name: h.name, nameEn: h.name_en };
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
