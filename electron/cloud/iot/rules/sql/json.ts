/**
 * JSON text → SQL values, keeping what `JSON.parse` loses: Int vs Decimal (`10` vs `10.0`), digits
 * beyond a double, and key order. Strict RFC 8259: the bare `NaN` some lab lines carry makes the
 * payload non-JSON, as it does for AWS's parser.
 */
import { isUtf8 } from 'node:buffer';
import { DECIMAL_PRECISION, Decimal } from './decimal.js';
import { serializeJson, turnsWholeNumbersIntoInts, type NumberPolicy, type SqlValue } from './values.js';

/** Deeper documents are refused rather than risking the stack (Jackson's default limit is 1000). */
const MAX_DEPTH = 1000;

const INVALID = Symbol('invalid JSON');
export const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * A token whose compact JSON differs from its source text (an escaped string, `10.0` read as an
 * Int, a non-canonical Decimal): [start, end, what serializing the value prints].
 */
type Edit = [start: number, end: number, printed: string];

class JsonReader {
  pos = 0;
  private readonly wholeToInt: boolean;
  /** The source tokens that print differently, in text order (none for most payloads). */
  edits: Edit[] | undefined;
  /** False when printing the value is more than the source with edits and no whitespace (a repeated key). */
  editable = true;

  constructor(
    private readonly text: string,
    private readonly policy: NumberPolicy,
  ) {
    this.wholeToInt = turnsWholeNumbersIntoInts(policy);
  }

  skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(depth: number): SqlValue {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 123 /* { */) return this.object(depth + 1);
    if (c === 91 /* [ */) return this.array(depth + 1);
    if (c === 34 /* " */) return this.string();
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number();
    if (this.text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (this.text.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    throw INVALID;
  }

  object(depth: number): SqlValue {
    if (depth > MAX_DEPTH) throw INVALID;
    this.pos++;
    const out = new Map<string, SqlValue>();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 34) throw INVALID;
      const key = this.string();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 58 /* : */) throw INVALID;
      this.pos++;
      const size = out.size;
      out.set(key, this.value(depth));
      // A repeated key keeps its first place with the last value: the source order no longer holds.
      if (out.size === size) this.editable = false;
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 44 /* , */) continue;
      if (c === 125) return out;
      throw INVALID;
    }
  }

  array(depth: number): SqlValue {
    if (depth > MAX_DEPTH) throw INVALID;
    this.pos++;
    const out: SqlValue[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 93 /* ] */) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 44) continue;
      if (c === 93) return out;
      throw INVALID;
    }
  }

  string(): string {
    const t = this.text;
    const start = ++this.pos;
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 92 /* \ */) break;
      if (c < 32 || Number.isNaN(c)) throw INVALID;
      p++;
    }
    const value = this.escapedString(start);
    this.edit(start - 1, serializeJson(value)!);
    return value;
  }

  private edit(start: number, printed: string): void {
    (this.edits ??= []).push([start, this.pos, printed]);
  }

  private printedNumber(start: number, value: bigint | Decimal): bigint | Decimal {
    this.edit(start, value.toString());
    return value;
  }

  private escapedString(start: number): string {
    const t = this.text;
    let out = '';
    let p = start;
    let chunk = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (Number.isNaN(c) || c < 32) throw INVALID;
      if (c === 34) {
        this.pos = p + 1;
        return out + t.slice(chunk, p);
      }
      if (c !== 92) {
        p++;
        continue;
      }
      out += t.slice(chunk, p);
      const e = t[p + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) p += 2;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
        out += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
        p += 6;
      } else throw INVALID;
      out += simple ?? '';
      chunk = p;
    }
  }

  number(): SqlValue {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    const intStart = p;
    while (isDigit(t.charCodeAt(p))) p++;
    const intEnd = p;
    if (p === intStart || (t.charCodeAt(intStart) === 48 && p - intStart > 1)) throw INVALID;
    let fraction = false;
    let fractionIsZero = true;
    let leadingFractionZeros = 0;
    if (t.charCodeAt(p) === 46 /* . */) {
      fraction = true;
      const fracStart = ++p;
      while (isDigit(t.charCodeAt(p))) {
        if (t.charCodeAt(p) !== 48) fractionIsZero = false;
        else if (fractionIsZero) leadingFractionZeros++;
        p++;
      }
      if (p === fracStart) throw INVALID;
    }
    let exponent = false;
    const e = t.charCodeAt(p);
    if (e === 101 || e === 69 /* e E */) {
      exponent = true;
      p++;
      const sign = t.charCodeAt(p);
      if (sign === 43 || sign === 45) p++;
      const expStart = p;
      while (isDigit(t.charCodeAt(p))) p++;
      if (p === expStart) throw INVALID;
    }
    this.pos = p;
    const text = t.slice(start, p);
    if (!fraction && !exponent) {
      const int = text.length <= 15 ? BigInt(Number(text)) : BigInt(text);
      return int === 0n && start !== intStart ? this.printedNumber(start, int) : int; // -0 prints 0
    }
    if (exponent || text.length > DECIMAL_PRECISION) {
      const d = Decimal.fromText(text);
      if (d === undefined) throw INVALID; // beyond AWS's Decimal range
      return this.printedNumber(start, this.policy(d));
    }
    const intIsZero = intEnd - intStart === 1 && t.charCodeAt(intStart) === 48;
    if (fractionIsZero && this.wholeToInt) {
      const intText = t.slice(start, intEnd);
      return this.printedNumber(start, intText.length <= 15 ? BigInt(Number(intText)) : BigInt(intText));
    }
    // BigDecimal prints "-0.0" as "0.0" and 0.0000001 in scientific notation.
    const canonical = !(intIsZero && ((fractionIsZero && start !== intStart) || leadingFractionZeros >= 6));
    const d = Decimal.fromJsonText(text, canonical);
    return canonical ? d : this.printedNumber(start, d);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Parses a whole JSON text (any JSON value); NOT_JSON when it is not one. */
export function parseJsonText(text: string, policy: NumberPolicy): SqlValue | typeof NOT_JSON {
  const reader = readJson(text, policy);
  return reader === NOT_JSON ? NOT_JSON : reader.value;
}

function readJson(
  text: string,
  policy: NumberPolicy,
): { value: SqlValue; reader: JsonReader } | typeof NOT_JSON {
  const reader = new JsonReader(text, policy);
  try {
    const value = reader.value(0);
    reader.skipWhitespace();
    return reader.pos === text.length ? { value, reader } : NOT_JSON;
  } catch {
    // INVALID, or a RangeError from a pathological document: either way the text is not usable JSON.
    return NOT_JSON;
  }
}

/** A JSON payload, parsed, and its compact JSON text (what `SELECT *` sends) made on demand. */
export interface JsonPayload {
  readonly value: SqlValue;
  /** `serializeJson(value)` as UTF-8 bytes. */
  compactBytes(): Buffer;
}

/**
 * A payload is JSON when it is UTF-8 JSON whose top level is an object or an array. AWS calls the
 * payload `80` "non-JSON" (iot-sql-where, "Example with non-JSON payload"), so scalars are not.
 */
export function parseJsonPayload(bytes: Uint8Array, policy: NumberPolicy): SqlValue | typeof NOT_JSON {
  const payload = readJsonPayload(bytes, policy);
  return payload === NOT_JSON ? NOT_JSON : payload.value;
}

/** {@link parseJsonPayload}, keeping what it takes to print the value again cheaply. */
export function readJsonPayload(bytes: Uint8Array, policy: NumberPolicy): JsonPayload | typeof NOT_JSON {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  while (
    start < buffer.length &&
    (buffer[start] === 32 || buffer[start] === 9 || buffer[start] === 10 || buffer[start] === 13)
  ) {
    start++;
  }
  const first = buffer[start];
  if (first !== 123 && first !== 91) return NOT_JSON;
  if (!isUtf8(buffer)) return NOT_JSON;
  const text = buffer.toString('utf8');
  const read = readJson(text, policy);
  if (read === NOT_JSON) return NOT_JSON;
  return new ParsedPayload(read.value, buffer, text.length === buffer.length ? read.reader : undefined);
}

class ParsedPayload implements JsonPayload {
  constructor(
    readonly value: SqlValue,
    private readonly source: Buffer,
    /** The reader of an ASCII text (a text index is then a byte offset, so the bytes can be compacted). */
    private readonly ascii: JsonReader | undefined,
  ) {}

  compactBytes(): Buffer {
    return this.ascii?.editable
      ? compactJsonBytes(this.source, this.ascii.edits)
      : Buffer.from(serializeJson(this.value) ?? '', 'utf8');
  }
}

/**
 * The compact JSON of an ASCII JSON text that a reader accepted: its bytes without the whitespace
 * between tokens, with the tokens that print differently replaced. Equal to serializing the parsed
 * value, at a fraction of the cost (one pass over the bytes, no intermediate strings).
 */
function compactJsonBytes(source: Buffer, edits: readonly Edit[] | undefined): Buffer {
  let extra = 0;
  if (edits)
    for (const [start, end, printed] of edits)
      extra += Math.max(0, Buffer.byteLength(printed) - (end - start));
  const out = Buffer.allocUnsafe(source.length + extra);
  const length = source.length;
  let o = 0;
  let i = 0;
  let next = 0;
  // Byte by byte (payload strings are short: cheaper than Buffer.copy for each), up to each edit.
  for (;;) {
    const stop = edits !== undefined && next < edits.length ? edits[next]![0] : length;
    while (i < stop) {
      const c = source[i++]!;
      if (c === 34 /* " */) {
        // Strings here have no escapes (escaped ones are edits): the next quote closes them.
        out[o++] = c;
        let d: number;
        do out[o++] = d = source[i++]!;
        while (d !== 34);
      } else if (c > 32 || (c !== 32 && c !== 10 && c !== 13 && c !== 9)) out[o++] = c;
    }
    if (stop === length) break;
    const edit = edits![next++]!;
    o += out.write(edit[2], o, 'utf8');
    i = edit[1];
  }
  return out.subarray(0, o);
}
