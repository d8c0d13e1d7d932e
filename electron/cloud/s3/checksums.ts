import type { ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * S3's additional checksums (`x-amz-checksum-<algorithm>`, base64 of the big-endian digest).
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export const CHECKSUM_ALGORITHMS = [
  'CRC32',
  'CRC32C',
  'CRC64NVME',
  'SHA1',
  'SHA256',
  'SHA512',
  'MD5',
  'XXHASH64',
  'XXHASH3',
  'XXHASH128',
] as const satisfies readonly ChecksumAlgorithm[];

export type ChecksumMember = `Checksum${ChecksumAlgorithm}`;

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64, as S3 sends it. */
  value: string;
}

export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function isChecksumAlgorithm(value: string): value is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

function table32(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

let crc32cTable: Uint32Array | undefined;

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
function crc32c(data: Uint8Array): number {
  const table = (crc32cTable ??= table32(0x82f63b78));
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

let crc64Tables: { hi: Uint32Array; lo: Uint32Array } | undefined;

/** CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5, computed on two 32-bit halves (no BigInt per byte). */
function crc64nvme(data: Uint8Array): Buffer {
  if (!crc64Tables) {
    const hi = new Uint32Array(256);
    const lo = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let h = 0;
      let l = n;
      for (let k = 0; k < 8; k++) {
        const carry = l & 1;
        l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
        h >>>= 1;
        if (carry) {
          h = (h ^ 0x9a6c9329) >>> 0;
          l = (l ^ 0xac4bc9b5) >>> 0;
        }
      }
      hi[n] = h;
      lo[n] = l;
    }
    crc64Tables = { hi, lo };
  }
  const { hi, lo } = crc64Tables;
  let h = 0xffffffff;
  let l = 0xffffffff;
  for (const byte of data) {
    const index = (l ^ byte) & 0xff;
    l = (((l >>> 8) | (h << 24)) ^ lo[index]!) >>> 0;
    h = ((h >>> 8) ^ hi[index]!) >>> 0;
  }
  const digest = Buffer.alloc(8);
  digest.writeUInt32BE((h ^ 0xffffffff) >>> 0, 0);
  digest.writeUInt32BE((l ^ 0xffffffff) >>> 0, 4);
  return digest;
}

function uint32Base64(value: number): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(value >>> 0, 0);
  return digest.toString('base64');
}

/** The checksum S3 would compute, or undefined for the algorithms the local cloud cannot compute (xxHash). */
export function computeChecksum(algorithm: ChecksumAlgorithm, data: Uint8Array): string | undefined {
  switch (algorithm) {
    case 'CRC32':
      return uint32Base64(crc32(data));
    case 'CRC32C':
      return uint32Base64(crc32c(data));
    case 'CRC64NVME':
      return crc64nvme(data).toString('base64');
    case 'SHA1':
    case 'SHA256':
    case 'SHA512':
    case 'MD5':
      return createHash(algorithm.toLowerCase()).update(data).digest('base64');
    default:
      return undefined;
  }
}
