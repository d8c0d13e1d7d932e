/**
 * The part of Java's `DateTimeFormatter` pattern language that Firehose's `!{timestamp:…}`
 * expressions use (AWS: s3-prefixes, "The timestamp namespace"): pattern letters, 'quoted text'
 * taken literally, `''` for a quote, any other character as itself.
 * Java: https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html
 */

export type DateToken = { letter: string; count: number } | { literal: string };

/** Thrown for a pattern Java would refuse; the caller words it as AWS does. */
export class DatePatternError extends Error {}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Letters and the largest count this implementation accepts for each. */
const MAX_COUNT: Record<string, number> = {
  y: 9,
  u: 9,
  M: 5,
  L: 5,
  d: 2,
  D: 3,
  H: 2,
  k: 2,
  h: 2,
  K: 2,
  m: 2,
  s: 2,
  S: 9,
  a: 1,
  E: 5,
};

export function parseDatePattern(pattern: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length)
          throw new DatePatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") {
          break;
        } else {
          text += pattern.charAt(j++);
        }
      }
      tokens.push({ literal: text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const count = j - i;
      const max = MAX_COUNT[ch];
      if (max === undefined) throw new DatePatternError(`Unknown pattern letter: ${ch}`);
      if (count > max) throw new DatePatternError(`Too many pattern letters: ${ch}`);
      tokens.push({ letter: ch, count });
      i = j;
    } else if ('[]{}#'.includes(ch)) {
      // Java: optional sections and reserved characters; not something a prefix needs.
      throw new DatePatternError(`Pattern character '${ch}' is not supported in a prefix`);
    } else {
      tokens.push({ literal: ch });
      i++;
    }
  }
  return tokens;
}

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the platform knows this IANA zone (AWS: CustomTimeZone). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The date and time an instant shows on a clock in `timeZone` (UTC when omitted). */
export function wallClock(epochMs: number, timeZone = 'UTC'): WallClock {
  const date = new Date(epochMs);
  const millisecond = date.getUTCMilliseconds();
  if (timeZone === 'UTC') {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond,
    };
  }
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(date)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond,
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatLetter(letter: string, count: number, clock: WallClock): string {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  const midnight = Date.UTC(year, month - 1, day);
  switch (letter) {
    case 'y':
    case 'u':
      // Java: exactly two letters print the year modulo 100; otherwise the full year, zero-padded to the count.
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    case 'M':
    case 'L':
      if (count <= 2) return pad(month, count);
      if (count === 3) return (MONTHS[month - 1] ?? '').slice(0, 3);
      return count === 4 ? (MONTHS[month - 1] ?? '') : (MONTHS[month - 1] ?? '').charAt(0);
    case 'd':
      return pad(day, count);
    case 'D':
      return pad((midnight - Date.UTC(year, 0, 1)) / 86_400_000 + 1, count);
    case 'H':
      return pad(hour, count);
    case 'k':
      return pad(hour === 0 ? 24 : hour, count);
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case 'K':
      return pad(hour % 12, count);
    case 'm':
      return pad(minute, count);
    case 's':
      return pad(second, count);
    case 'S':
      return pad(millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'E': {
      const weekday = WEEKDAYS[(new Date(midnight).getUTCDay() + 6) % 7] ?? '';
      return count === 4 ? weekday : count === 5 ? weekday.charAt(0) : weekday.slice(0, 3);
    }
    default:
      throw new DatePatternError(`Unknown pattern letter: ${letter}`);
  }
}

export function formatDate(tokens: readonly DateToken[], clock: WallClock): string {
  let out = '';
  for (const token of tokens)
    out += 'literal' in token ? token.literal : formatLetter(token.letter, token.count, clock);
  return out;
}
