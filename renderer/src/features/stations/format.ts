import type { SpeedupRange } from '../../api/contract';

/** The contract's literal range: a change on main's side is a compile error here. */
export const SPEEDUP: SpeedupRange = { min: 60, max: 100000 };

/** The slider's stops, from a minute per second to the fastest the replayer allows. */
export const SPEEDUP_STOPS: readonly number[] = [
  SPEEDUP.min,
  120,
  300,
  600,
  1200,
  3600,
  10_000,
  36_000,
  86_400,
  SPEEDUP.max,
];

export function formatNumber(language: string, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

export function formatBytes(language: string, bytes: number): string {
  const [value, unit] =
    bytes >= 1_000_000
      ? [bytes / 1_000_000, 'megabyte']
      : bytes >= 1000
        ? [bytes / 1000, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(language: string, fraction: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A duration in the largest unit that keeps it readable: "3.6 seconds", "2.4 hours". */
export function formatDuration(language: string, seconds: number): string {
  const units: Array<[Intl.NumberFormatOptions['unit'], number]> = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
    ['millisecond', 0.001],
  ];
  const [unit, size] = units.find(([, length]) => seconds >= length) ?? ['millisecond', 0.001];
  const value = seconds / size;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

export function countryName(language: string, code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** `57.202° N` in the user's number format, with their compass letters. */
export function formatCoordinate(
  language: string,
  value: number,
  [positive, negative]: [string, string],
): string {
  return `${formatNumber(language, Math.abs(value), 3)}° ${value < 0 ? negative : positive}`;
}

/** A reading's `time` (`2022-01-01T00:20:00+00:00`) as the user writes dates, in UTC like the data. */
export function formatReadingTime(language: string, time: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  const text = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
    hourCycle: 'h23',
  }).format(date);
  return `${text} UTC`;
}

export function formatClock(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(iso),
  );
}
