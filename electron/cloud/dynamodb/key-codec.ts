import { createHash } from 'node:crypto';
import type { WireValue } from './attribute-values.js';
import { parseDecimal } from './numbers.js';

/**
 * Key values as SQLite BLOBs whose bytewise order (SQLite compares BLOBs with memcmp) is
 * DynamoDB's key order: S by UTF-8 bytes, B bytewise, N numerically.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html
 * ("items with the same partition key value are stored in sorted order by sort key value").
 */

const ZERO = 0x80;
const POSITIVE = 0x81;
const NEGATIVE = 0x7f;
const EXPONENT_BIAS = 0x8000;
const DIGIT = 0x30;
// Negative digits are inverted (0xcf - d); 0xff ends them, so that a shorter digit string (a
// smaller magnitude, a larger value) sorts after the longer one it prefixes.
const NEGATIVE_END = 0xff;

/**
 * Numbers: a sign byte, the exponent on two bytes, then the digits; for negatives everything after
 * the sign is inverted so that larger magnitudes sort first.
 */
export function encodeNumber(text: string): Buffer {
  const { negative, digits, exponent } = parseDecimal(text);
  if (digits === '') return Buffer.from([ZERO]);
  const bytes = Buffer.alloc(3 + digits.length + (negative ? 1 : 0));
  const biased = exponent + EXPONENT_BIAS;
  bytes[0] = negative ? NEGATIVE : POSITIVE;
  bytes.writeUInt16BE(negative ? 0xffff - biased : biased, 1);
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(i) - DIGIT;
    bytes[3 + i] = negative ? 0xcf - digit : DIGIT + digit;
  }
  if (negative) bytes[bytes.length - 1] = NEGATIVE_END;
  return bytes;
}

/** A key attribute value (S, N or B) as its sortable bytes. */
export function encodeKeyValue(value: WireValue): Buffer {
  if ('S' in value) return Buffer.from(value.S, 'utf8');
  if ('N' in value) return encodeNumber(value.N);
  if ('B' in value) return Buffer.from(value.B, 'base64');
  throw new TypeError('Only S, N and B values are keys');
}

/** The sort-key column of items in a table without a sort key. */
export const NO_SORT_KEY = Buffer.alloc(0);

/** Scans walk items in partition-hash order, as DynamoDB does, so no one mistakes it for a sort. */
export const HASH_SPACE = 2 ** 48;

export function partitionHash(partitionKey: Buffer): number {
  return createHash('md5').update(partitionKey).digest().readUIntBE(0, 6);
}

/** The smallest byte string greater than every string that starts with `prefix` (undefined: none). */
export function prefixEnd(prefix: Buffer): Buffer | undefined {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if ((end[i] as number) < 0xff) {
      end[i] = (end[i] as number) + 1;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}
