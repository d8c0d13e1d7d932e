import type {
  _Object,
  ListObjectsOutput,
  ListObjectsRequest,
  ListObjectsV2Output,
  ListObjectsV2Request,
} from '@aws-sdk/client-s3';
import { compareKeys, quoteEtag, requireBucket, type S3Context } from './context.js';
import { s3Errors } from './errors.js';
import type { ListedObject, S3Store } from './store.js';

/**
 * ListObjectsV2 and ListObjects: SQL range scans in key order, with S3's delimiter roll-up.
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */

interface ListQuery {
  prefix: string;
  delimiter: string | undefined;
  /** Start strictly after this key or common prefix (Marker, StartAfter, a continuation token). */
  after: string | undefined;
  maxKeys: number;
}

interface ListPage {
  contents: ListedObject[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next page starts after. */
  last: string | undefined;
}

/** The smallest string greater than every string starting with `prefix`, by code points (= UTF-8 bytes). */
function prefixSuccessor(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  const last = codePoints.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return undefined;
  // U+D800–U+DFFF cannot be encoded: the next code point after U+D7FF is U+E000.
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return codePoints.join('') + String.fromCodePoint(next);
}

function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const index = key.indexOf(delimiter, prefix.length);
  return index === -1 ? undefined : key.slice(0, index + delimiter.length);
}

function listPage(store: S3Store, bucket: string, query: ListQuery): ListPage {
  const { prefix, delimiter, maxKeys } = query;
  const page: ListPage = { contents: [], commonPrefixes: [], truncated: false, last: undefined };
  if (maxKeys === 0) return page;
  let from = prefix;
  let inclusive = true;
  // Keys rolled up into a common prefix already returned are never returned again.
  let skip: string | undefined;
  if (query.after !== undefined && compareKeys(query.after, prefix) >= 0) {
    from = query.after;
    inclusive = false;
    const rolledUp = commonPrefixOf(query.after, prefix, delimiter);
    if (rolledUp !== undefined && query.after.startsWith(prefix)) {
      const next = prefixSuccessor(rolledUp);
      if (next !== undefined) [from, inclusive] = [next, true];
      else skip = rolledUp;
    }
  }
  // A roll-up jumps past its keys with a new range scan, so delimiter listings read small batches.
  const batch = delimiter ? 100 : Math.min(maxKeys + 1, 1000);
  for (;;) {
    const rows = store.objectsFrom(bucket, from, inclusive, batch);
    let jumped = false;
    for (const row of rows) {
      [from, inclusive] = [row.key, false];
      // Keys starting with the prefix are one contiguous range: the first one past it ends the listing.
      if (!row.key.startsWith(prefix)) return page;
      if (skip !== undefined && row.key.startsWith(skip)) continue;
      skip = undefined;
      if (page.contents.length + page.commonPrefixes.length === maxKeys) {
        page.truncated = true;
        return page;
      }
      const rolledUp = commonPrefixOf(row.key, prefix, delimiter);
      if (rolledUp === undefined) {
        page.contents.push(row);
        page.last = row.key;
        continue;
      }
      page.commonPrefixes.push(rolledUp);
      page.last = rolledUp;
      const next = prefixSuccessor(rolledUp);
      if (next === undefined) {
        skip = rolledUp;
        continue;
      }
      [from, inclusive, jumped] = [next, true, true];
      break;
    }
    if (!jumped && rows.length < batch) return page;
  }
}

function readMaxKeys(maxKeys: number | undefined): number {
  const value = maxKeys ?? 1000;
  if (!Number.isInteger(value) || value < 0) {
    throw s3Errors.invalidArgument(
      'Argument maxKeys must be an integer between 0 and 2147483647',
      'maxKeys',
      String(value),
    );
  }
  // AWS: at most 1,000 keys per page, whatever is asked for.
  return Math.min(value, 1000);
}

function checkEncodingType(encodingType: string | undefined): void {
  if (encodingType !== undefined && encodingType !== 'url') {
    throw s3Errors.invalidArgument(
      'Invalid Encoding Method specified in Request',
      'encoding-type',
      encodingType,
    );
  }
}

function toContents(s3: S3Context, objects: ListedObject[], withOwner: boolean): _Object[] {
  return objects.map((object) => ({
    Key: object.key,
    LastModified: object.lastModified,
    ETag: quoteEtag(object.etag),
    ChecksumAlgorithm: object.checksumAlgorithm ? [object.checksumAlgorithm] : undefined,
    ChecksumType: object.checksumAlgorithm ? 'FULL_OBJECT' : undefined,
    Size: object.size,
    Owner: withOwner ? s3.owner : undefined,
    StorageClass: 'STANDARD',
  }));
}

// AWS: ListObjectsV2 ContinuationToken is opaque. Ours wraps the key the next page starts after.
function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Falls through to the error S3 gives for a token it did not issue.
  }
  throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
}

/** Keys and common prefixes are returned raw; the wire layer URL-encodes them when EncodingType is `url`. */
export function ListObjectsV2(s3: S3Context, input: ListObjectsV2Request): ListObjectsV2Output {
  const bucket = requireBucket(s3, input.Bucket);
  checkEncodingType(input.EncodingType);
  const maxKeys = readMaxKeys(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const after =
    input.ContinuationToken !== undefined
      ? decodeToken(input.ContinuationToken)
      : input.StartAfter || undefined;
  const page = listPage(s3.store, bucket.name, { prefix, delimiter, after, maxKeys });
  return {
    Name: bucket.name,
    Prefix: prefix,
    Delimiter: delimiter,
    MaxKeys: input.MaxKeys ?? 1000,
    EncodingType: input.EncodingType,
    KeyCount: page.contents.length + page.commonPrefixes.length,
    IsTruncated: page.truncated,
    ContinuationToken: input.ContinuationToken,
    NextContinuationToken: page.truncated && page.last !== undefined ? encodeToken(page.last) : undefined,
    StartAfter: input.StartAfter,
    Contents: toContents(s3, page.contents, input.FetchOwner === true),
    CommonPrefixes: page.commonPrefixes.map((Prefix) => ({ Prefix })),
  };
}

/** AWS: NextMarker is returned only with a delimiter; without one, the next marker is the last Key. */
export function ListObjects(s3: S3Context, input: ListObjectsRequest): ListObjectsOutput {
  const bucket = requireBucket(s3, input.Bucket);
  checkEncodingType(input.EncodingType);
  const maxKeys = readMaxKeys(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const page = listPage(s3.store, bucket.name, {
    prefix,
    delimiter,
    after: input.Marker || undefined,
    maxKeys,
  });
  return {
    Name: bucket.name,
    Prefix: prefix,
    Marker: input.Marker ?? '',
    NextMarker: page.truncated && delimiter ? page.last : undefined,
    MaxKeys: input.MaxKeys ?? 1000,
    Delimiter: delimiter,
    EncodingType: input.EncodingType,
    IsTruncated: page.truncated,
    Contents: toContents(s3, page.contents, true),
    CommonPrefixes: page.commonPrefixes.map((Prefix) => ({ Prefix })),
  };
}
