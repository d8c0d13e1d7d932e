/**
 * String functions (AWS: iot-sql-functions). Non-String arguments go through the standard String
 * conversion first (`upper(["hello"])` = `"[\"HELLO\"]"`); Null and Undefined make the call Undefined.
 */
import { createHash } from 'node:crypto';
import type { FunctionSpec, FunctionTable } from './functions-types.js';
import { isArray, toIntFloor, toSqlString, type SqlValue } from './values.js';

function strings(fn: (...args: string[]) => SqlValue, min: number, max = min): FunctionSpec {
  return {
    min,
    max,
    impl: (args) => {
      const texts: string[] = [];
      for (const arg of args) {
        const text = toSqlString(arg);
        if (text === undefined) return undefined;
        texts.push(text);
      }
      return fn(...texts);
    },
  };
}

function clampIndex(v: bigint, length: number): number {
  return v < 0n ? 0 : v > BigInt(length) ? length : Number(v);
}

function pad(side: 'left' | 'right'): FunctionSpec {
  return {
    min: 2,
    max: 2,
    impl: ([value, count]) => {
      const text = toSqlString(value);
      const n = toIntFloor(count);
      if (text === undefined || n === undefined) return undefined;
      // "The Int argument must be between 0 and 1000 … set to the nearest valid value."
      const spaces = ' '.repeat(clampIndex(n, 1000));
      return side === 'left' ? spaces + text : text + spaces;
    },
  };
}

const regexCache = new Map<string, RegExp | null>();

/** Java regular expressions run as JavaScript ones; an invalid pattern makes the call Undefined. */
function regex(source: string, flags: string): RegExp | undefined {
  const key = `${flags}/${source}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(source, flags);
    } catch {
      re = null;
    }
    if (regexCache.size > 256) regexCache.clear();
    regexCache.set(key, re);
  }
  if (re === null) return undefined;
  re.lastIndex = 0;
  return re;
}

function hash(algorithm: string): FunctionSpec {
  return strings((text) => createHash(algorithm).update(text, 'utf8').digest('hex'), 1);
}

/** Java's String.trim: strips every character up to U+0020 from both ends. */
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return s.slice(start, end);
}

export const STRING_FUNCTIONS: FunctionTable = {
  lower: strings((s) => s.toLowerCase(), 1),
  upper: strings((s) => s.toUpperCase(), 1),
  trim: strings(javaTrim, 1),
  // ltrim/rtrim: "all leading (trailing) white space (tabs and spaces)".
  ltrim: strings((s) => s.replace(/^[ \t]+/, ''), 1),
  rtrim: strings((s) => s.replace(/[ \t]+$/, ''), 1),
  length: { ...strings((s) => BigInt(s.length), 1), since2016: true },
  numbytes: { ...strings((s) => BigInt(Buffer.byteLength(s, 'utf8')), 1), since2016: true },
  startswith: strings((a, b) => a.startsWith(b), 2),
  endswith: strings((a, b) => a.endsWith(b), 2),
  indexof: { ...strings((a, b) => BigInt(a.indexOf(b)), 2), since2016: true },
  replace: strings((s, find, by) => s.replaceAll(find, () => by), 3),
  lpad: pad('left'),
  rpad: pad('right'),
  regexp_matches: strings((s, re) => regex(re, '')?.test(s), 2),
  regexp_replace: strings((s, re, by) => {
    const compiled = regex(re, 'g');
    return compiled === undefined ? undefined : s.replace(compiled, by);
  }, 3),
  // No match: Undefined [V: the page does not say].
  regexp_substr: strings((s, re) => regex(re, '')?.exec(s)?.[0], 2),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha224: hash('sha224'),
  sha256: hash('sha256'),
  sha384: hash('sha384'),
  sha512: hash('sha512'),
  /**
   * substring("012345", 1, 3) = "12": 0-based, end exclusive; indices are rounded down then clamped
   * to the string; a start at or past the end gives "".
   */
  substring: {
    min: 2,
    max: 3,
    impl: ([value, from, to]) => {
      const text = toSqlString(value);
      const start = toIntFloor(from);
      const end = to === undefined ? BigInt(text?.length ?? 0) : toIntFloor(to);
      if (text === undefined || start === undefined || end === undefined) return undefined;
      const a = clampIndex(start, text.length);
      const b = clampIndex(end, text.length);
      return a >= b ? '' : text.slice(a, b);
    },
  },
  /**
   * concat(): Undefined; one argument: an Array as is, anything else as a String (concat(1) = "1");
   * with an Array among them: one Array of all items; otherwise the Strings joined.
   */
  concat: {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    impl: (args) => {
      if (args.some((a) => a === undefined)) return undefined;
      if (args.some((a) => isArray(a))) {
        const out: SqlValue[] = [];
        for (const a of args) {
          if (isArray(a)) out.push(...a);
          else out.push(a);
        }
        return out;
      }
      let out = '';
      for (const a of args) {
        const text = toSqlString(a);
        if (text === undefined) return undefined;
        out += text;
      }
      return out;
    },
  },
};
