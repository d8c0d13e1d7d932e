import { gunzipSync } from 'node:zlib';
import { arrayOf, BIGINT, BOOLEAN, DOUBLE, INT, mergeTypes, NULL, STRING, type GlueType } from './schema.js';

/**
 * The JSON records of an object body and their schema, in one pass over the text. Records are
 * JSON objects one per line (JSON Lines) or back to back with no separator at all, as Firehose
 * concatenates them (`{…}{…}`); whitespace between them is allowed. Numbers keep their written
 * form (`10.0` is a double), which JSON.parse would lose. A record that is not valid JSON (the
 * original lab's bare `NaN`) is counted and skipped: scanning resumes at the next line, or at the
 * next `}{` boundary in a file without newlines.
 */

export interface RecordFailure {
  /** Character offset of the error in the (decompressed) text. */
  offset: number;
  /** 1-based line of the error. */
  line: number;
  message: string;
}

export interface RecordScan {
  /** The merge of every valid record's type; undefined when there is none. */
  schema: GlueType | undefined;
  records: number;
  /** Characters of the valid records (for averageRecordSize). */
  recordChars: number;
  failedRecords: number;
  /** The first few failures, with where they are. */
  failures: RecordFailure[];
}

export const MAX_REPORTED_FAILURES = 5;

export type Compression = 'none' | 'gzip';

/** The text of an object body, gunzipped when it starts with gzip's magic bytes (RFC 1952: 1f 8b). */
export function decodeObjectBody(bytes: Buffer): { text: string; compression: Compression } {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return { text: gunzipSync(bytes).toString('utf8'), compression: 'gzip' };
  }
  return { text: bytes.toString('utf8'), compression: 'none' };
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isWhitespace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

const NO_FIELDS: ReadonlyMap<string, GlueType> = new Map();

/** Scans the records of `text`; `onRecord` sees each valid record's span. */
export function scanJsonRecords(text: string, onRecord?: (start: number, end: number) => void): RecordScan {
  const scan: RecordScan = { schema: undefined, records: 0, recordChars: 0, failedRecords: 0, failures: [] };
  const length = text.length;
  let position = 0;

  const fail = (message: string, at: number): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number): string => (at >= length ? 'end of data' : `'${text[at]}'`);

  const skipWhitespace = (): void => {
    while (position < length && isWhitespace(text.charCodeAt(position))) position++;
  };

  const stringEnd = (): number => {
    // position is on the opening quote; returns the index of the closing one.
    let from = position + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) return fail('Unterminated string', position);
      let backslashes = 0;
      for (let i = quote - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
      if (backslashes % 2 === 0) return quote;
      from = quote + 1;
    }
  };

  const number = (): GlueType => {
    const start = position;
    if (text.charCodeAt(position) === 0x2d) position++;
    const digitsStart = position;
    while (position < length && text.charCodeAt(position) >= 0x30 && text.charCodeAt(position) <= 0x39) position++;
    if (position === digitsStart) fail(`Unexpected character ${describe(start)}`, start);
    let fractional = false;
    if (text.charCodeAt(position) === 0x2e) {
      fractional = true;
      position++;
      const fractionStart = position;
      while (position < length && text.charCodeAt(position) >= 0x30 && text.charCodeAt(position) <= 0x39) position++;
      if (position === fractionStart) fail('Digits expected after the decimal point', position);
    }
    const code = text.charCodeAt(position);
    if (code === 0x65 || code === 0x45) {
      fractional = true;
      position++;
      if (text.charCodeAt(position) === 0x2b || text.charCodeAt(position) === 0x2d) position++;
      const exponentStart = position;
      while (position < length && text.charCodeAt(position) >= 0x30 && text.charCodeAt(position) <= 0x39) position++;
      if (position === exponentStart) fail('Digits expected in the exponent', position);
    }
    if (fractional) return DOUBLE;
    const digits = position - digitsStart;
    if (digits <= 9) return INT;
    const value = BigInt(text.slice(start, position));
    if (value >= -2147483648n && value <= 2147483647n) return INT;
    if (value >= -9223372036854775808n && value <= 9223372036854775807n) return BIGINT;
    return DOUBLE;
  };

  const literal = (word: string, type: GlueType): GlueType => {
    if (!text.startsWith(word, position)) fail(`Unexpected character ${describe(position)}`, position);
    position += word.length;
    return type;
  };

  const widen = (seen: GlueType | undefined, type: GlueType): GlueType => (seen === undefined || seen === type ? type : mergeTypes(seen, type));

  // Each value is typed as merged into what was `seen` at its place so far: a record shaped like the
  // ones before allocates nothing, and `seen` is never changed (a record that fails leaves no trace).
  const value = (seen: GlueType | undefined): GlueType => {
    skipWhitespace();
    switch (text.charCodeAt(position)) {
      case 0x7b: // {
        return object(seen);
      case 0x5b: // [
        return array(seen);
      case 0x22: // "
        position = stringEnd() + 1;
        return widen(seen, STRING);
      case 0x74:
        return widen(seen, literal('true', BOOLEAN));
      case 0x66:
        return widen(seen, literal('false', BOOLEAN));
      case 0x6e:
        return widen(seen, literal('null', NULL));
      default:
        return widen(seen, number());
    }
  };

  const array = (seen: GlueType | undefined): GlueType => {
    position++; // [
    const seenElement = seen?.kind === 'array' ? seen.element : undefined;
    let element = seenElement;
    skipWhitespace();
    if (text.charCodeAt(position) === 0x5d) position++;
    else {
      for (;;) {
        element = value(element);
        skipWhitespace();
        const next = text.charCodeAt(position++);
        if (next === 0x5d) break;
        if (next !== 0x2c) fail(`Expected ',' or ']' but found ${describe(position - 1)}`, position - 1);
      }
    }
    if (seen?.kind === 'array' && element === seenElement) return seen;
    return widen(seen, arrayOf(element ?? NULL));
  };

  const object = (seen: GlueType | undefined): GlueType => {
    position++; // {
    const seenStruct = seen?.kind === 'struct' ? seen : undefined;
    const fields = seenStruct?.fields ?? NO_FIELDS;
    let changed: Map<string, GlueType> | undefined;
    skipWhitespace();
    if (text.charCodeAt(position) === 0x7d) position++;
    else {
      for (;;) {
        skipWhitespace();
        if (text.charCodeAt(position) !== 0x22) fail(`Expected a field name but found ${describe(position)}`, position);
        const end = stringEnd();
        // Hive names are case-insensitive: Glue stores them lowercase.
        const name = text.slice(position + 1, end).toLowerCase();
        position = end + 1;
        skipWhitespace();
        if (text.charCodeAt(position) !== 0x3a) fail(`Expected ':' but found ${describe(position)}`, position);
        position++;
        const previous = (changed ?? fields).get(name);
        const type = value(previous);
        if (type !== previous) (changed ??= new Map(fields)).set(name, type);
        skipWhitespace();
        const next = text.charCodeAt(position++);
        if (next === 0x7d) break;
        if (next !== 0x2c) fail(`Expected ',' or '}' but found ${describe(position - 1)}`, position - 1);
      }
    }
    if (seenStruct && !changed) return seenStruct;
    const struct: GlueType = { kind: 'struct', fields: changed ?? new Map() };
    return seen === undefined || seenStruct ? struct : mergeTypes(seen, struct);
  };

  const lineOf = (offset: number): number => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };

  /**
   * Where to resume after a bad record that began at `start`: for an object, the next line that
   * begins an object, else the next `}{` boundary (concatenated records), else the end of the text.
   */
  const nextRecordLine = /\n[ \t\r]*\{/g;
  const resumeAfter = (start: number): number => {
    if (text.charCodeAt(start) !== 0x7b) {
      // Not even an object: a line of something else (CSV, a log line) is one bad record.
      const newline = text.indexOf('\n', start);
      return newline >= 0 ? newline + 1 : length;
    }
    nextRecordLine.lastIndex = start;
    const line = nextRecordLine.exec(text);
    if (line) return line.index + 1;
    const boundary = text.indexOf('}{', start);
    return boundary >= 0 ? boundary + 1 : length;
  };

  for (;;) {
    skipWhitespace();
    if (position >= length) break;
    const start = position;
    try {
      if (text.charCodeAt(position) !== 0x7b) fail(`A record must be a JSON object, found ${describe(position)}`, position);
      scan.schema = object(scan.schema);
      scan.records++;
      scan.recordChars += position - start;
      onRecord?.(start, position);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      scan.failedRecords++;
      if (scan.failures.length < MAX_REPORTED_FAILURES) {
        scan.failures.push({ offset: error.offset, line: lineOf(error.offset), message: error.message });
      }
      position = resumeAfter(start);
    }
  }
  return scan;
}
