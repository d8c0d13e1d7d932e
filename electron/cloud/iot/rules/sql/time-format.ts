/**
 * Dates for `parse_time` (Joda-Time patterns) and `time_to_epoch` (java.time patterns), both per
 * AWS: iot-sql-functions. Time zones come from the platform's IANA data (Intl), so short zone names
 * can differ from Java's (`GMT+1` where Java says `CET`).
 */

interface ZonedFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 1 = Monday … 7 = Sunday
  offsetMinutes: number;
}

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      return undefined;
    }
    if (formatters.size > 200) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
}

function zonedFields(epochMs: number, zone: string): ZonedFields | undefined {
  const f = formatterFor(zone);
  if (f === undefined) return undefined;
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return undefined;
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(date)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  const year = parts.era === 'BC' ? 1 - yearOfEra : yearOfEra;
  const fields = {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
  const asUtc = Date.UTC(
    2000,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  const utcDate = new Date(asUtc);
  utcDate.setUTCFullYear(year);
  const offsetMinutes = Math.round((utcDate.getTime() - epochMs) / 60000);
  const weekday = ((utcDate.getUTCDay() + 6) % 7) + 1;
  return { ...fields, weekday, offsetMinutes };
}

function zoneName(epochMs: number, zone: string, style: 'short' | 'long'): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return style === 'short' ? 'UTC' : 'Coordinated Universal Time';
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: style }).formatToParts(
      new Date(epochMs),
    );
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Splits a pattern into letter runs and literals ('quoted text', '' for a quote). */
function patternTokens(pattern: string): { letter?: string; count: number; literal?: string }[] | undefined {
  const out: { letter?: string; count: number; literal?: string }[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ literal: "'", count: 1 });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out.push({ literal: pattern.slice(i + 1, end).replaceAll("''", "'"), count: 1 });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out.push({ letter: ch, count: j - i });
      i = j;
      continue;
    }
    out.push({ literal: ch, count: 1 });
    i++;
  }
  return out;
}

/** `parse_time(pattern, epochMs, zone)`: a Joda-Time pattern; undefined for a bad pattern or zone. */
export function formatJodaTime(pattern: string, epochMs: number, zone: string): string | undefined {
  const tokens = patternTokens(pattern);
  const f = zonedFields(epochMs, zone);
  if (tokens === undefined || f === undefined) return undefined;
  let out = '';
  for (const { letter, count, literal } of tokens) {
    if (literal !== undefined) {
      out += literal;
      continue;
    }
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (letter) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
      case 'u':
        out +=
          count === 2
            ? pad(((f.year % 100) + 100) % 100, 2)
            : pad(letter === 'u' ? f.year : Math.abs(f.year), count);
        break;
      case 'C':
        out += pad(Math.floor(f.year / 100), count);
        break;
      case 'M':
        out +=
          count >= 4
            ? MONTHS[f.month - 1]
            : count === 3
              ? MONTHS[f.month - 1]?.slice(0, 3)
              : pad(f.month, count);
        break;
      case 'd':
        out += pad(f.day, count);
        break;
      case 'D': {
        const dayOfYear =
          Math.round((Date.UTC(2000, f.month - 1, f.day) - Date.UTC(2000, 0, 1)) / 86400000) + 1;
        const leapFix = f.month > 2 && !isLeap(f.year) ? -1 : 0;
        out += pad(dayOfYear + leapFix, count);
        break;
      }
      case 'E':
        out += count >= 4 ? WEEKDAYS[f.weekday - 1] : WEEKDAYS[f.weekday - 1]?.slice(0, 3);
        break;
      case 'e':
        out += pad(f.weekday, count);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, count);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, count);
        break;
      case 'h':
        out += pad(hour12, count);
        break;
      case 'K':
        out += pad(f.hour % 12, count);
        break;
      case 'm':
        out += pad(f.minute, count);
        break;
      case 's':
        out += pad(f.second, count);
        break;
      case 'S':
        out += pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
        break;
      case 'z':
        out += zoneName(epochMs, zone, count >= 4 ? 'long' : 'short');
        break;
      case 'Z':
        out += count >= 3 ? zone : offsetText(f.offsetMinutes, count === 2);
        break;
      default:
        return undefined; // Joda rejects unknown pattern letters
    }
  }
  return out;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The offset of `zone` at a local wall-clock time, in minutes (two passes settle DST edges). */
function offsetAtLocal(localAsUtc: number, zone: string): number | undefined {
  const first = zonedFields(localAsUtc, zone);
  if (first === undefined) return undefined;
  const second = zonedFields(localAsUtc - first.offsetMinutes * 60000, zone);
  return second?.offsetMinutes;
}

/** A zone written in a timestamp: an IANA id, UTC/GMT with an optional offset, or an offset. */
function resolveZone(text: string): { zone: string } | { offsetMinutes: number } | undefined {
  const offset = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    return { offsetMinutes: offset[1] === '-' ? -minutes : minutes };
  }
  if (text === 'Z') return { offsetMinutes: 0 };
  return formatterFor(text) === undefined ? undefined : { zone: text };
}

/**
 * `time_to_epoch(timestamp, pattern)`: parses with a java.time pattern; no zone in the text means
 * UTC; missing time fields are midnight. Supports the letters the AWS examples use plus the common
 * ones (y u M d H h m s S a V z Z X x); undefined when the text does not match.
 */
export function parseTimeToEpoch(text: string, pattern: string): number | undefined {
  const tokens = patternTokens(pattern);
  if (tokens === undefined) return undefined;
  let pos = 0;
  const f = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: undefined as boolean | undefined,
  };
  let zone: { zone: string } | { offsetMinutes: number } = { offsetMinutes: 0 };
  const number = (min: number, max: number): number | undefined => {
    const m = new RegExp(`^[+-]?\\d{${min},${max}}`).exec(text.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  for (const { letter, count, literal } of tokens) {
    if (literal !== undefined) {
      if (!text.startsWith(literal, pos)) return undefined;
      pos += literal.length;
      continue;
    }
    let value: number | undefined;
    switch (letter) {
      case 'y':
      case 'u':
        value = number(count === 2 ? 2 : 1, count === 2 ? 2 : 9);
        if (value !== undefined) f.year = count === 2 ? 2000 + value : value;
        break;
      case 'M':
        if (count >= 3) {
          const names = MONTHS.map((m) => (count === 3 ? m.slice(0, 3) : m));
          const index = names.findIndex(
            (m) => text.slice(pos, pos + m.length).toLowerCase() === m.toLowerCase(),
          );
          if (index >= 0) {
            pos += names[index]?.length ?? 0;
            value = f.month = index + 1;
          }
        } else if ((value = number(count, 2)) !== undefined) f.month = value;
        break;
      case 'd':
        if ((value = number(count, 2)) !== undefined) f.day = value;
        break;
      case 'H':
      case 'h':
        if ((value = number(count, 2)) !== undefined) f.hour = value;
        break;
      case 'm':
        if ((value = number(count, 2)) !== undefined) f.minute = value;
        break;
      case 's':
        if ((value = number(count, 2)) !== undefined) f.second = value;
        break;
      case 'S':
        if ((value = number(count, count)) !== undefined) f.ms = Math.floor(value * 10 ** (3 - count));
        break;
      case 'a': {
        const marker = text.slice(pos, pos + 2).toUpperCase();
        if (marker === 'AM' || marker === 'PM') {
          f.pm = marker === 'PM';
          pos += 2;
          value = 0;
        }
        break;
      }
      case 'V':
      case 'z':
      case 'Z':
      case 'X':
      case 'x': {
        const word = /^[A-Za-z0-9_/+:-]+/.exec(text.slice(pos))?.[0] ?? '';
        const resolved = resolveZone(word);
        if (resolved !== undefined) {
          zone = resolved;
          pos += word.length;
          value = 0;
        }
        break;
      }
      default:
        return undefined;
    }
    if (value === undefined) return undefined;
  }
  if (pos !== text.length) return undefined;
  if (f.pm !== undefined) f.hour = (f.hour % 12) + (f.pm ? 12 : 0);
  const local = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms));
  local.setUTCFullYear(f.year);
  const localAsUtc = local.getTime();
  const offset = 'offsetMinutes' in zone ? zone.offsetMinutes : offsetAtLocal(localAsUtc, zone.zone);
  return offset === undefined || Number.isNaN(localAsUtc) ? undefined : localAsUtc - offset * 60000;
}
