import type { ChecksumAlgorithm, ChecksumType } from '@aws-sdk/client-s3';
import { AwsError } from '../protocols/aws-error.js';
import {
  CHECKSUM_ALGORITHMS,
  computeChecksum,
  type ChecksumMember,
  type ObjectChecksum,
} from './checksums.js';
import { s3Errors } from './errors.js';
import type { ObjectAttributes, ObjectRecord } from './store.js';

/** The rules S3 applies to object requests whatever the operation: attributes, integrity, conditions, ranges. */

export interface AttributeInput {
  ContentType?: string;
  Metadata?: Record<string, string>;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: Date;
  WebsiteRedirectLocation?: string;
}

/** AWS: user-defined metadata is limited to 2 KB (names and values, UTF-8). */
const MAX_METADATA_BYTES = 2048;

export function attributesFrom(input: AttributeInput): Omit<ObjectAttributes, 'checksum' | 'parts'> {
  const metadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(input.Metadata ?? {})) {
    // AWS: S3 stores user-defined metadata keys in lowercase.
    metadata[name.toLowerCase()] = value;
    metadataBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (metadataBytes > MAX_METADATA_BYTES) {
    throw new AwsError(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size',
      400,
      {
        Size: String(metadataBytes),
        MaxSizeAllowed: String(MAX_METADATA_BYTES),
      },
    );
  }
  const expires =
    input.Expires && !Number.isNaN(input.Expires.getTime()) ? input.Expires.toUTCString() : undefined;
  return {
    // AWS: an object stored without a Content-Type is served as binary/octet-stream.
    contentType: input.ContentType || 'binary/octet-stream',
    metadata,
    headers: {
      CacheControl: input.CacheControl,
      ContentDisposition: input.ContentDisposition,
      ContentEncoding: input.ContentEncoding || undefined,
      ContentLanguage: input.ContentLanguage,
      Expires: expires,
      WebsiteRedirectLocation: input.WebsiteRedirectLocation,
    },
  };
}

export type ChecksumInput = Partial<Record<ChecksumMember, string>> & {
  ChecksumAlgorithm?: ChecksumAlgorithm;
  ContentMD5?: string;
};

/** Checks Content-MD5 and any `x-amz-checksum-*` against the bytes; returns the checksum to keep. */
export function verifyIntegrity(
  input: ChecksumInput,
  body: Uint8Array,
  md5Hex: string,
): ObjectChecksum | undefined {
  if (input.ContentMD5 !== undefined) {
    const given = Buffer.from(input.ContentMD5, 'base64');
    if (given.length !== 16 || given.toString('base64') !== input.ContentMD5)
      throw s3Errors.invalidDigest(input.ContentMD5);
    if (given.toString('hex') !== md5Hex) {
      throw s3Errors.badDigest('The Content-MD5 you specified did not match what we received.', {
        ExpectedDigest: input.ContentMD5,
        CalculatedDigest: Buffer.from(md5Hex, 'hex').toString('base64'),
      });
    }
  }
  const given = CHECKSUM_ALGORITHMS.filter((algorithm) => input[`Checksum${algorithm}`] !== undefined);
  if (given.length > 1) {
    throw s3Errors.invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const algorithm = given[0] ?? input.ChecksumAlgorithm;
  if (algorithm === undefined) return undefined;
  const value = input[`Checksum${algorithm}`];
  const computed = computeChecksum(algorithm, body);
  if (value !== undefined && computed !== undefined && value !== computed) {
    throw s3Errors.badDigest(`The ${algorithm} you specified did not match the calculated checksum.`);
  }
  // xxHash values cannot be checked offline: kept as the client computed them.
  const kept = computed ?? value;
  return kept === undefined ? undefined : { algorithm, value: kept };
}

export function checksumFields(checksum: ObjectChecksum | undefined): Partial<
  Record<ChecksumMember, string>
> & {
  ChecksumType?: ChecksumType;
} {
  if (!checksum) return {};
  // AWS: a composite checksum (of part checksums) ends in `-<number of parts>`.
  const type = /-\d+$/.test(checksum.value) ? 'COMPOSITE' : 'FULL_OBJECT';
  return { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: type };
}

/** RFC 7232 entity-tag lists: `*`, `"a"`, `W/"a", "b"`, or bare tags as some clients send them. */
export function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((part) => {
    const tag = part
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
    return tag === '*' || tag === etag;
  });
}

function validDate(date: Date | undefined): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

export interface ReadConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

/**
 * AWS (GetObject, HeadObject): If-Match true with If-Unmodified-Since false → 200;
 * If-None-Match false with If-Modified-Since true → 304. For CopyObject, `prefix` names the
 * `x-amz-copy-source-` headers and every failure is a 412.
 */
export function checkReadConditions(object: ObjectRecord, conditions: ReadConditions, prefix = ''): void {
  const failed = (name: string): never => {
    throw s3Errors.preconditionFailed(`${prefix}${name}`);
  };
  const notModified = (name: string): never => {
    throw prefix ? s3Errors.preconditionFailed(`${prefix}${name}`) : s3Errors.notModified();
  };
  const modified = object.lastModified.getTime();
  if (conditions.IfMatch !== undefined) {
    if (!etagMatches(conditions.IfMatch, object.etag)) failed('If-Match');
  } else if (validDate(conditions.IfUnmodifiedSince) && modified > conditions.IfUnmodifiedSince.getTime()) {
    failed('If-Unmodified-Since');
  }
  if (conditions.IfNoneMatch !== undefined) {
    if (etagMatches(conditions.IfNoneMatch, object.etag)) notModified('If-None-Match');
  } else if (validDate(conditions.IfModifiedSince) && modified <= conditions.IfModifiedSince.getTime()) {
    notModified('If-Modified-Since');
  }
}

/** AWS conditional writes: `If-None-Match: *` refuses to overwrite; `If-Match` needs the current ETag. */
export function checkWriteConditions(
  existing: ObjectRecord | undefined,
  key: string,
  conditions: { IfMatch?: string; IfNoneMatch?: string },
): void {
  if (conditions.IfNoneMatch !== undefined) {
    if (conditions.IfNoneMatch.trim() !== '*') {
      throw new AwsError(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        501,
        {
          Header: 'If-None-Match',
        },
      );
    }
    if (existing) throw s3Errors.preconditionFailed('If-None-Match');
  }
  if (conditions.IfMatch !== undefined) {
    if (!existing) throw s3Errors.noSuchKey(key);
    if (!etagMatches(conditions.IfMatch, existing.etag)) throw s3Errors.preconditionFailed('If-Match');
  }
}

/**
 * RFC 7233 single byte ranges as S3 reads them. Undefined means "serve the whole object": S3
 * ignores a Range it cannot parse (or a multi-range), but refuses one that starts past the end.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw s3Errors.invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw s3Errors.invalidRange(header, size);
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
