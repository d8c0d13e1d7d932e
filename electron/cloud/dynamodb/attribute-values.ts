import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AwsError } from '../protocols/aws-error.js';
import { compareNumbers, normalizeNumber, significantDigits } from './numbers.js';

/**
 * DynamoDB's typed attribute values as they travel in awsJson and as items are stored: `B` and
 * `BS` are base64 strings, numbers are normalized decimal strings.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
 */
export type WireValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: WireItem }
  | { L: WireValue[] }
  | { NULL: true }
  | { BOOL: boolean };

export type WireItem = Record<string, WireValue>;
export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

/** The SDK's types with `Uint8Array` as base64: what an operation reads and writes on the wire. */
export type Wire<T> = T extends Date
  ? Date
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

const TYPE_NAMES: ReadonlySet<string> = new Set<AttributeType>([
  'S',
  'N',
  'B',
  'SS',
  'NS',
  'BS',
  'M',
  'L',
  'NULL',
  'BOOL',
]);
// AWS: "Nesting Levels have exceeded supported limits" past 32 levels.
const MAX_DEPTH = 32;
export const MAX_ITEM_BYTES = 400 * 1024;

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

export function typeOf(value: WireValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function toBase64(value: unknown): string {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'string') {
    // AWS (Coral): a Blob must be canonical base64.
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw new AwsError('SerializationException', `'${value}' can not be converted to a Blob`, 400);
    }
    return value;
  }
  throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((element) => typeof element !== 'string')) {
    throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
  }
  return value as string[];
}

function duplicatesIn(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/**
 * Checks one attribute value from a request (JSON from the wire, or SDK values in process) and
 * returns it in stored form. Throws the ValidationException DynamoDB answers.
 */
export function normalizeValue(value: unknown, depth = 0): WireValue {
  if (depth >= MAX_DEPTH) {
    throw invalid(
      'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
    );
  }
  if (!isRecord(value)) throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
  // AWS (Coral): null members are absent members, unknown members are ignored. (A loop, not a
  // filter: the rules engine normalizes every attribute of every item it writes.)
  let type: AttributeType | undefined;
  let members = 0;
  for (const key of Object.keys(value)) {
    if (TYPE_NAMES.has(key) && value[key] !== null && value[key] !== undefined) {
      type ??= key as AttributeType;
      members++;
    }
  }
  if (type === undefined) {
    throw invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  if (members > 1) {
    throw invalid(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  }
  const raw = value[type];
  switch (type) {
    case 'S':
      if (typeof raw !== 'string')
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      return { S: raw };
    case 'N':
      if (typeof raw !== 'string')
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      return { N: normalizeNumber(raw) };
    case 'B':
      return { B: toBase64(raw) };
    case 'SS': {
      const set = stringList(raw);
      if (set.length === 0)
        throw invalid('One or more parameter values were invalid: An string set  may not be empty');
      if (duplicatesIn(set)) {
        throw invalid(
          `One or more parameter values were invalid: Input collection [${set.join(', ')}] contains duplicates.`,
        );
      }
      return { SS: [...set] };
    }
    case 'NS': {
      const set = stringList(raw).map(normalizeNumber);
      if (set.length === 0)
        throw invalid('One or more parameter values were invalid: An number set  may not be empty');
      if (duplicatesIn(set)) throw invalid('Input collection contains duplicates');
      return { NS: set };
    }
    case 'BS': {
      if (!Array.isArray(raw))
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      const set = raw.map(toBase64);
      if (set.length === 0)
        throw invalid('One or more parameter values were invalid: Binary sets should not be empty');
      if (duplicatesIn(set)) {
        throw invalid(
          `One or more parameter values were invalid: Input collection [${set.join(', ')}]of type BS contains duplicates.`,
        );
      }
      return { BS: set };
    }
    case 'M': {
      if (!isRecord(raw))
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      const map: WireItem = {};
      for (const [name, member] of Object.entries(raw)) map[name] = normalizeValue(member, depth + 1);
      return { M: map };
    }
    case 'L': {
      if (!Array.isArray(raw))
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      return { L: raw.map((member) => normalizeValue(member, depth + 1)) };
    }
    case 'NULL':
      // AWS (measured 2026): `{"NULL": false}` is accepted and read back as `{"NULL": true}`.
      return { NULL: true };
    case 'BOOL':
      if (typeof raw !== 'boolean')
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      return { BOOL: raw };
  }
}

/** A whole item (or key) from a request. */
export function normalizeItem(item: unknown): WireItem {
  if (!isRecord(item)) throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
  const result: WireItem = {};
  for (const [name, value] of Object.entries(item)) result[name] = normalizeValue(value);
  return result;
}

function base64Bytes(text: string): number {
  return Buffer.byteLength(text, 'base64');
}

/**
 * The size DynamoDB counts against the 400 KB item limit.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function valueSize(value: WireValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return Math.ceil(significantDigits(value.N) / 2) + 1;
  if ('B' in value) return base64Bytes(value.B);
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + Math.ceil(significantDigits(n) / 2) + 1, 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + base64Bytes(b), 0);
  if ('M' in value) {
    let size = 3;
    for (const [name, member] of Object.entries(value.M))
      size += Buffer.byteLength(name) + valueSize(member) + 1;
    return size;
  }
  if ('L' in value) return value.L.reduce((sum, member) => sum + valueSize(member) + 1, 3);
  return 1;
}

export function itemSize(item: WireItem): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((member) => members.has(member));
}

/** DynamoDB equality: same type and same value (numbers are normalized, so string equality is numeric). */
export function valuesEqual(a: WireValue, b: WireValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && a.N === b.N;
  if ('B' in a) return 'B' in b && a.B === b.B;
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameSet(a.SS, b.SS);
  if ('NS' in a) return 'NS' in b && sameSet(a.NS, b.NS);
  if ('BS' in a) return 'BS' in b && sameSet(a.BS, b.BS);
  if ('L' in a)
    return (
      'L' in b &&
      a.L.length === b.L.length &&
      a.L.every((member, i) => valuesEqual(member, b.L[i] as WireValue))
    );
  if (!('M' in b)) return false;
  const keys = Object.keys(a.M);
  return (
    keys.length === Object.keys(b.M).length &&
    keys.every((key) => key in b.M && valuesEqual(a.M[key] as WireValue, b.M[key] as WireValue))
  );
}

/**
 * Order of two scalars of the same type (N numerically, S by UTF-8 bytes, B bytewise), or
 * undefined when DynamoDB does not order them (different types, or not N/S/B).
 */
export function compareValues(a: WireValue, b: WireValue): number | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

/** `{S:abc}`: how DynamoDB quotes an operand in its messages. */
export function describeValue(value: WireValue): string {
  const type = typeOf(value);
  const raw = (value as Record<string, unknown>)[type];
  return `{${type}:${Array.isArray(raw) ? `[${raw.join(', ')}]` : typeof raw === 'object' ? JSON.stringify(raw) : String(raw)}}`;
}

/**
 * A JSON value in DynamoDB's typed form, as the IoT `dynamoDBv2` rule action writes a message's
 * fields: number → N, string → S, boolean → BOOL, null → NULL, object → M, array → L.
 * AWS: https://docs.aws.amazon.com/iot/latest/developerguide/dynamodb-v2-rule-action.html
 */
export function toAttributeValue(json: unknown): AttributeValue {
  if (json === null) return { NULL: true };
  switch (typeof json) {
    case 'string':
      return { S: json };
    case 'number':
      if (!Number.isFinite(json)) throw new TypeError(`${json} has no DynamoDB number form`);
      return { N: String(json) };
    case 'bigint':
      return { N: json.toString() };
    case 'boolean':
      return { BOOL: json };
    case 'object': {
      if (Array.isArray(json)) return { L: json.map(toAttributeValue) };
      return { M: toItem(json as Record<string, unknown>) };
    }
    default:
      throw new TypeError(`A ${typeof json} has no DynamoDB form`);
  }
}

/** An object's fields as an item: each top-level field one attribute (fields `undefined` are left out). */
export function toItem(json: Record<string, unknown>): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(json))
    if (value !== undefined) item[name] = toAttributeValue(value);
  return item;
}

/** A stored value in the SDK's form (`B`/`BS` as bytes), for in-process callers. */
export function toSdkValue(value: WireValue): AttributeValue {
  if ('B' in value) return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if ('BS' in value) return { BS: value.BS.map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if ('M' in value) return { M: toSdkItem(value.M) };
  if ('L' in value) return { L: value.L.map(toSdkValue) };
  return value as AttributeValue;
}

export function toSdkItem(item: WireItem): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) result[name] = toSdkValue(value);
  return result;
}
