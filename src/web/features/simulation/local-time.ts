// Wall-clock date and time in the enterprise's time zone (routing.md: schedules match in the
// enterprise's zone, not the browser's), and the instant of such a date and time.

export const defaultTimeZone = "Asia/Tokyo";

export interface WallClock {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:mm */
  readonly time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The date and time a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function minutesOf(clock: WallClock): number {
  const [y, mo, d] = clock.date.split("-").map(Number) as [number, number, number];
  const [h, mi] = clock.time.split(":").map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi) / 60_000;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The ISO-8601 instant (with the zone's offset) at which a clock in `timeZone` shows `clock`,
 * e.g. 2026-11-24 10:00 in Asia/Tokyo → "2026-11-24T10:00:00+09:00".
 */
export function instantOf(clock: WallClock, timeZone: string): string {
  const wanted = minutesOf(clock);
  // Guess the offset at the wanted time, then once more at the corrected instant (DST edges).
  let offset = minutesOf(wallClockAt(new Date(wanted * 60_000), timeZone)) - wanted;
  offset = minutesOf(wallClockAt(new Date((wanted - offset) * 60_000), timeZone)) - (wanted - offset);
  return `${clock.date}T${clock.time}:00${offsetText(offset)}`;
}

/** The weekday (0 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
