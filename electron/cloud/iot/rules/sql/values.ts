/**
 * AWS IoT SQL values and the standard conversions (AWS: iot-sql-data-types, "Conversions").
 *
 * Int is a bigint (AWS: up to 34 digits), Decimal is {@link Decimal}, Undefined is JS `undefined`,
 * Null is `null`, Object is an insertion-ordered Map (JSON key order is kept, numeric-looking keys
 * included), and the raw bytes of a non-JSON payload are a {@link Binary}.
 */
import { Decimal, compareDecimals } from './decimal.js';

export type SqlVersion = '2015-10-08' | '2016-03-23' | 'beta';

export class Binary {
  constructor(readonly bytes: Uint8Array) {}
}

export type SqlArray = readonly SqlValue[];
export type SqlObject = ReadonlyMap<string, SqlValue>;
export type SqlNumber = bigint | Decimal;
export type SqlValue = undefined | null | boolean | string | bigint | Decimal | SqlArray | SqlObject | Binary;

/** How a version stores a Decimal result: 2016-03-23 turns whole numbers (`10.0`) into Ints. */
export type NumberPolicy = (d: Decimal) => SqlNumber;

const keepDecimal: NumberPolicy = (d) => d;
// AWS (iot-sql-data-types): "With SQL V2 (2016-03-23), numeric values that are whole numbers, such
// as 10.0, are processed as an Int value (10) instead of the expected Decimal value (10.0)." Ints
// have at most 34 digits, so larger whole numbers (1E+400) stay Decimals.
const wholeToInt: NumberPolicy = (d) => (d.isIntLike() ? d.truncate() : d);

export function turnsWholeNumbersIntoInts(policy: NumberPolicy): boolean {
  return policy === wholeToInt;
}

export function numberPolicy(version: SqlVersion): NumberPolicy {
  return version === '2015-10-08' ? keepDecimal : wholeToInt;
}

export function isObject(v: SqlValue): v is SqlObject {
  return v instanceof Map;
}

export function isArray(v: SqlValue): v is SqlArray {
  return Array.isArray(v);
}

export function isNumber(v: SqlValue): v is SqlNumber {
  return typeof v === 'bigint' || v instanceof Decimal;
}

export function typeName(v: SqlValue): string {
  if (v === undefined) return 'Undefined';
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'bigint') return 'Int';
  if (v instanceof Decimal) return 'Decimal';
  if (v instanceof Binary) return 'Binary';
  return isArray(v) ? 'Array' : 'Object';
}

/** AWS: strings matching `^-?\d+(\.\d+)?((?i)E-?\d+)?$` convert to Decimal. */
const NUMERIC_STRING = /^-?\d+(\.\d+)?([eE]-?\d+)?$/;

/** "To Decimal", for operators and numeric functions: Int and Decimal as they are, numeric Strings. */
export function toNumeric(v: SqlValue): SqlNumber | undefined {
  if (typeof v === 'bigint' || v instanceof Decimal) return v;
  if (typeof v === 'string' && NUMERIC_STRING.test(v)) return Decimal.fromText(v);
  return undefined;
}

export function asDecimal(n: SqlNumber): Decimal {
  return typeof n === 'bigint' ? Decimal.fromBigInt(n) : n;
}

/** "To Boolean": Booleans, and the strings "true"/"false" in any case. */
export function toBoolean(v: SqlValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** "To String": Arrays and Objects become compact JSON; Null and Undefined have no string. */
export function toSqlString(v: SqlValue): string | undefined {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null || v instanceof Binary) return undefined;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Decimal) return v.toString();
  return serializeJson(v);
}

/** "To Int" (the generic table): Decimals round to the nearest Int, numeric Strings truncate. */
export function toIntNearest(v: SqlValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof Decimal) return v.roundHalfUp();
  if (typeof v === 'string' && NUMERIC_STRING.test(v)) return Decimal.fromText(v)?.truncate();
  return undefined;
}

/** Function arguments documented as "rounded down to the nearest Int" (substring, lpad, chr, …). */
export function toIntFloor(v: SqlValue): bigint | undefined {
  const n = toNumeric(v);
  if (n === undefined) return undefined;
  return typeof n === 'bigint' ? n : n.floor();
}

export function compareNumbers(a: SqlNumber, b: SqlNumber): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b ? 0 : a < b ? -1 : 1;
  return compareDecimals(asDecimal(a), asDecimal(b));
}

/**
 * `=` (AWS: iot-sql-operators): Undefined on either side is Undefined; mismatched types are not
 * equal; Int and Decimal compare as numbers; arrays in order; objects regardless of key order.
 */
export function sqlEquals(a: SqlValue, b: SqlValue): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  return sameValue(a, b);
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a === null || b === null) return a === b;
  if (isNumber(a) || isNumber(b)) return isNumber(a) && isNumber(b) && compareNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof Binary || b instanceof Binary) {
    return a instanceof Binary && b instanceof Binary && Buffer.from(a.bytes).equals(b.bytes);
  }
  if (isArray(a) || isArray(b)) {
    if (!isArray(a) || !isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (!b.has(key) || !sameValue(value, b.get(key))) return false;
  }
  return true;
}

/** Whether JSON.stringify would escape anything: quotes, backslashes, controls, surrogates. */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

function quote(s: string): string {
  return needsEscape(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Quoted keys: payloads of one device repeat the same keys in every message. */
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (quotedKeys.size >= 4096) quotedKeys.clear();
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Compact JSON of a value, or undefined for Undefined (and raw bytes). Undefined members and items
 * are left out ("{"foo":null, "bar":undefined} is serialized to JSON as {"foo":null}").
 */
export function serializeJson(v: SqlValue): string | undefined {
  if (typeof v === 'string') return quote(v);
  if (v === undefined || v instanceof Binary) return undefined;
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Decimal) return v.toString();
  if (isArray(v)) {
    let out = '[';
    let first = true;
    for (const item of v) {
      const text = serializeJson(item);
      if (text === undefined) continue;
      out += first ? text : `,${text}`;
      first = false;
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const [key, value] of v) {
    const text = serializeJson(value);
    if (text === undefined) continue;
    out += first ? `${quoteKey(key)}:${text}` : `,${quoteKey(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** A plain JS value for callers (numbers become JS numbers; Binary becomes a Buffer). */
export function toJsValue(v: SqlValue): unknown {
  if (v === undefined || v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof Binary) return Buffer.from(v.bytes);
  if (isArray(v)) return v.filter((item) => item !== undefined && !(item instanceof Binary)).map(toJsValue);
  const out: Record<string, unknown> = {};
  for (const [key, value] of v) {
    if (value === undefined || value instanceof Binary) continue;
    // A payload key named __proto__ must stay data, not become the prototype.
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: toJsValue(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[key] = toJsValue(value);
  }
  return out;
}
