/**
 * Calendar arithmetic in UTC for Chart.js's time axis. Chart.js needs a date adapter for `type: 'time'`
 * and ships none; the usual ones (date-fns, Luxon, Moment) would be a dependency for a few functions,
 * and they work in the computer's zone, where the lab's data is in UTC. These are those functions,
 * plain and tested; `date-adapter.ts` hands them to Chart.js.
 */

export type CalendarUnit =
  'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const FIXED: Partial<Record<CalendarUnit, number>> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};
const MONTHS: Partial<Record<CalendarUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** Adds whole units; months keep their day where it exists (31 Jan + 1 month = 28/29 Feb). */
export function addUnits(ms: number, amount: number, unit: CalendarUnit): number {
  const fixed = FIXED[unit];
  if (fixed !== undefined) return ms + amount * fixed;
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + Math.trunc(amount) * (MONTHS[unit] ?? 1));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** Whole units from `b` to `a` (a - b), truncated toward zero. */
export function diffUnits(a: number, b: number, unit: CalendarUnit): number {
  const fixed = FIXED[unit];
  if (fixed !== undefined) return Math.trunc((a - b) / fixed);
  const from = new Date(b);
  const to = new Date(a);
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  // Not a whole month yet when the later date's day-and-time is before the earlier one's.
  if (months > 0 && addUnits(b, months, 'month') > a) months--;
  if (months < 0 && addUnits(b, months, 'month') < a) months++;
  return Math.trunc(months / (MONTHS[unit] ?? 1));
}

/** The start of the unit holding `ms`; weeks start on `weekday` (ISO: 1 = Monday … 7 = Sunday). */
export function startOfUnit(ms: number, unit: CalendarUnit | 'isoWeek', weekday = 1): number {
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth();
  const d = date.getUTCDate();
  switch (unit) {
    case 'millisecond':
      return ms;
    case 'second':
      return ms - (((ms % 1000) + 1000) % 1000);
    case 'minute':
      return Date.UTC(y, mo, d, date.getUTCHours(), date.getUTCMinutes());
    case 'hour':
      return Date.UTC(y, mo, d, date.getUTCHours());
    case 'day':
      return Date.UTC(y, mo, d);
    case 'week':
    case 'isoWeek': {
      const start = unit === 'isoWeek' ? weekday : 7; // Chart.js's `week` starts on Sunday
      const isoDay = date.getUTCDay() || 7;
      const back = (isoDay - (start % 7 || 7) + 7) % 7;
      return Date.UTC(y, mo, d - back);
    }
    case 'month':
      return Date.UTC(y, mo, 1);
    case 'quarter':
      return Date.UTC(y, mo - (mo % 3), 1);
    case 'year':
      return Date.UTC(y, 0, 1);
  }
}

export function endOfUnit(ms: number, unit: CalendarUnit): number {
  return addUnits(startOfUnit(ms, unit), 1, unit) - 1;
}

/** Tick and tooltip labels per unit, in the user's language, in UTC. */
export const UNIT_FORMATS: Record<CalendarUnit | 'datetime', Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
  millisecond: {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  minute: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hour: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { month: 'short', day: 'numeric' },
  week: { year: 'numeric', month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  quarter: { year: 'numeric', month: 'short' },
  year: { year: 'numeric' },
};

export function isCalendarFormat(format: string): format is keyof typeof UNIT_FORMATS {
  return Object.hasOwn(UNIT_FORMATS, format);
}

export function formatUnit(language: string, ms: number, format: string): string {
  const options = isCalendarFormat(format) ? UNIT_FORMATS[format] : UNIT_FORMATS.datetime;
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(ms);
}
