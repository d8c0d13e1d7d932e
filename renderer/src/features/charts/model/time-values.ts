/**
 * Times as query results write them: Athena's `timestamp` (`2022-01-01 00:20:00.000`), `date`
 * (`2022-01-01`), the lab's ISO strings (`2022-01-01T00:20:00+00:00`) and month keys made with
 * `substr(time, 1, 7)` (`2022-01`). They carry no zone or UTC's: the charts read and write them in UTC,
 * so a month key stays that month whatever the computer's zone.
 */

/** How precise a column's times are: a chart labels its axis and its table at that precision. */
export type TimeGranularity = 'month' | 'day' | 'minute' | 'second';

const TIME =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedTime {
  /** Epoch milliseconds. */
  ms: number;
  granularity: TimeGranularity;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** A time value, or undefined when the text is not one (a year alone is not: it is often a category). */
export function parseTime(text: string): ParsedTime | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const numbers = [month, day ?? '01', hour ?? '00', minute ?? '00', second ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [mo, d, h, mi, s] = numbers;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Number(((fraction ?? '') + '000').slice(0, 3));
  const utc = Date.UTC(Number(year), mo - 1, d, h, mi, s, ms) - zoneOffsetMinutes(zone) * 60_000;
  // Date.UTC rolls 31 February over into March: such a day is not a date.
  if (new Date(utc + zoneOffsetMinutes(zone) * 60_000).getUTCDate() !== d) return undefined;
  const granularity: TimeGranularity =
    day === undefined ? 'month' : hour === undefined ? 'day' : second === undefined ? 'minute' : 'second';
  return { ms: utc, granularity };
}

const ORDER: readonly TimeGranularity[] = ['month', 'day', 'minute', 'second'];

/** The finest granularity among values: a column mixing days and times is labelled to the second. */
export function finestGranularity(granularities: Iterable<TimeGranularity>): TimeGranularity {
  let finest = 0;
  for (const granularity of granularities) finest = Math.max(finest, ORDER.indexOf(granularity));
  return ORDER[finest] ?? 'month';
}

const FORMATS: Record<TimeGranularity, Intl.DateTimeFormatOptions> = {
  month: { year: 'numeric', month: 'short' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  minute: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
  second: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
};

/** A time in the user's language, in UTC (as the data is): `Jan 2022`, `1 janv. 2022, 00:20`. */
export function formatTime(language: string, ms: number, granularity: TimeGranularity): string {
  return new Intl.DateTimeFormat(language, { ...FORMATS[granularity], timeZone: 'UTC' }).format(ms);
}
