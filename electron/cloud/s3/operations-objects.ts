import type {
  CopyObjectOutput,
  CopyObjectRequest,
  DeleteObjectOutput,
  DeleteObjectRequest,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetObjectAclOutput,
  GetObjectAclRequest,
  GetObjectOutput,
  GetObjectRequest,
  HeadObjectOutput,
  HeadObjectRequest,
  PutObjectAclRequest,
  PutObjectOutput,
  PutObjectRequest,
} from '@aws-sdk/client-s3';
import { copyFileSync, readFileSync } from 'node:fs';
import { AwsError } from '../protocols/aws-error.js';
import { computeChecksum } from './checksums.js';
import { checkCannedAcl, quoteEtag, requireBucket, type S3Context } from './context.js';
import { checkKey, s3Errors } from './errors.js';
import {
  attributesFrom,
  checkReadConditions,
  checkWriteConditions,
  checksumFields,
  parseRange,
  verifyIntegrity,
} from './object-rules.js';
import { ownerFullControl } from './operations-buckets.js';
import { md5Hex, stageBytes, type ObjectRecord } from './store.js';

/** Object operations. AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and siblings. */

/** PutObject with the bytes already decoded (no aws-chunked framing): what in-process writers call. */
export type PutObjectInput = Omit<PutObjectRequest, 'Body'> & { Body?: Uint8Array | string };
export type GetObjectResult = Omit<GetObjectOutput, 'Body'> & { Body: Buffer };

function requireObject(s3: S3Context, bucket: string, key: string | undefined): ObjectRecord {
  checkKey(key ?? '');
  const object = s3.store.getObject(bucket, key ?? '');
  if (!object) throw s3Errors.noSuchKey(key ?? '');
  return object;
}

/** AWS: with versioning never enabled, the only version id is `null`. */
function checkVersionId(versionId: string | undefined): void {
  if (versionId !== undefined && versionId !== 'null') {
    throw s3Errors.invalidArgument('Invalid version id specified', 'versionId', versionId);
  }
}

export function PutObject(s3: S3Context, input: PutObjectInput): PutObjectOutput {
  const bucket = requireBucket(s3, input.Bucket);
  const key = input.Key ?? '';
  checkKey(key);
  const body =
    typeof input.Body === 'string'
      ? Buffer.from(input.Body, 'utf8')
      : Buffer.from(input.Body ?? new Uint8Array());
  const etag = md5Hex(body);
  const checksum = verifyIntegrity(input, body, etag);
  checkCannedAcl(bucket, input.ACL);
  if (input.IfMatch !== undefined || input.IfNoneMatch !== undefined) {
    checkWriteConditions(s3.store.getObject(bucket.name, key), key, input);
  }
  s3.store.writeObject(bucket.name, key, stageBytes(body), {
    ...attributesFrom(input),
    checksum,
    size: body.length,
    etag,
  });
  return { ETag: quoteEtag(etag), ServerSideEncryption: 'AES256', ...checksumFields(checksum) };
}

/** The part of an object a read asks for: a Range, a part of a multipart object, or all of it. */
function selectBytes(
  object: ObjectRecord,
  input: GetObjectRequest,
): { start: number; end: number; partial: boolean } | undefined {
  if (input.PartNumber !== undefined) {
    if (input.Range !== undefined)
      throw s3Errors.invalidRequest('Cannot specify both Range header and partNumber query parameter');
    const sizes = object.parts ?? [object.size];
    const index = input.PartNumber - 1;
    if (!Number.isInteger(input.PartNumber) || index < 0 || index >= sizes.length) {
      throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
        PartNumberRequested: String(input.PartNumber),
        ActualPartCount: String(sizes.length),
      });
    }
    if (!object.parts) return undefined;
    const start = sizes.slice(0, index).reduce((sum, size) => sum + size, 0);
    return { start, end: start + sizes[index]! - 1, partial: true };
  }
  const range = parseRange(input.Range, object.size);
  return range && { ...range, partial: true };
}

function describeObject(
  s3: S3Context,
  input: GetObjectRequest | HeadObjectRequest,
): {
  object: ObjectRecord;
  output: HeadObjectOutput;
  bytes: { start: number; end: number } | undefined;
} {
  const bucket = requireBucket(s3, input.Bucket);
  checkVersionId(input.VersionId);
  const object = requireObject(s3, bucket.name, input.Key);
  checkReadConditions(object, input);
  const bytes = selectBytes(object, input);
  const length = bytes ? bytes.end - bytes.start + 1 : object.size;
  const { headers } = object;
  const output: HeadObjectOutput = {
    AcceptRanges: 'bytes',
    LastModified: object.lastModified,
    ContentLength: length,
    ETag: quoteEtag(object.etag),
    ContentRange: bytes ? `bytes ${bytes.start}-${bytes.end}/${object.size}` : undefined,
    ContentType: input.ResponseContentType ?? object.contentType,
    CacheControl: input.ResponseCacheControl ?? headers.CacheControl,
    ContentDisposition: input.ResponseContentDisposition ?? headers.ContentDisposition,
    ContentEncoding: input.ResponseContentEncoding ?? headers.ContentEncoding,
    ContentLanguage: input.ResponseContentLanguage ?? headers.ContentLanguage,
    ExpiresString: input.ResponseExpires?.toUTCString() ?? headers.Expires,
    WebsiteRedirectLocation: headers.WebsiteRedirectLocation,
    Metadata: object.metadata,
    ServerSideEncryption: 'AES256',
    // AWS: the part count is returned only to a request for one part.
    PartsCount: input.PartNumber !== undefined ? object.parts?.length : undefined,
    // AWS: checksums are returned only when asked for, and only for whole objects.
    ...(input.ChecksumMode === 'ENABLED' && !bytes ? checksumFields(object.checksum) : {}),
  };
  return { object, output, bytes };
}

export function HeadObject(s3: S3Context, input: HeadObjectRequest): HeadObjectOutput {
  return describeObject(s3, input).output;
}

export function GetObject(s3: S3Context, input: GetObjectRequest): GetObjectResult {
  const { object, output, bytes } = describeObject(s3, input);
  return { ...output, Body: s3.store.readBody(object, bytes) };
}

/** AWS: x-amz-copy-source is `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=`. */
function parseCopySource(copySource: string): { bucket: string; key: string; versionId?: string } {
  const invalid = () =>
    s3Errors.invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      copySource,
    );
  const [encodedPath = '', query] = copySource.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath.replace(/^\//, ''));
  } catch {
    throw invalid();
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalid();
  const versionId = query ? (new URLSearchParams(query).get('versionId') ?? undefined) : undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

export function CopyObject(s3: S3Context, input: CopyObjectRequest): CopyObjectOutput {
  const source = parseCopySource(input.CopySource ?? '');
  checkVersionId(source.versionId);
  const sourceObject = requireObject(s3, requireBucket(s3, source.bucket).name, source.key);
  const bucket = requireBucket(s3, input.Bucket);
  const key = input.Key ?? '';
  checkKey(key);
  const directive = input.MetadataDirective ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw s3Errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  }
  const changesChecksum =
    input.ChecksumAlgorithm !== undefined && input.ChecksumAlgorithm !== sourceObject.checksum?.algorithm;
  if (source.bucket === bucket.name && source.key === key && directive === 'COPY' && !changesChecksum) {
    throw s3Errors.invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkReadConditions(
    sourceObject,
    {
      IfMatch: input.CopySourceIfMatch,
      IfNoneMatch: input.CopySourceIfNoneMatch,
      IfModifiedSince: input.CopySourceIfModifiedSince,
      IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
    },
    'x-amz-copy-source-',
  );
  checkCannedAcl(bucket, input.ACL);
  checkWriteConditions(s3.store.getObject(bucket.name, key), key, input);
  const attributes =
    directive === 'REPLACE'
      ? attributesFrom(input)
      : {
          contentType: sourceObject.contentType,
          metadata: sourceObject.metadata,
          headers: sourceObject.headers,
        };
  // A copy is a single-part object: its ETag is the MD5 of its bytes, even when the source was multipart.
  const needsBytes = sourceObject.parts !== undefined || changesChecksum;
  const bytes = needsBytes ? readFileSync(sourceObject.file) : undefined;
  const checksumAlgorithm = input.ChecksumAlgorithm ?? sourceObject.checksum?.algorithm;
  let checksum = sourceObject.parts ? undefined : sourceObject.checksum;
  if (bytes && checksumAlgorithm) {
    const value = computeChecksum(checksumAlgorithm, bytes);
    checksum = value === undefined ? undefined : { algorithm: checksumAlgorithm, value };
  }
  const copy = s3.store.writeObject(
    bucket.name,
    key,
    (tempFile) => copyFileSync(sourceObject.file, tempFile),
    {
      ...attributes,
      checksum,
      size: sourceObject.size,
      etag: bytes ? md5Hex(bytes) : sourceObject.etag,
    },
  );
  return {
    CopyObjectResult: {
      ETag: quoteEtag(copy.etag),
      LastModified: copy.lastModified,
      ...checksumFields(checksum),
    },
    ServerSideEncryption: 'AES256',
  };
}

/** AWS: deleting a key that does not exist succeeds (204) all the same. */
export function DeleteObject(s3: S3Context, input: DeleteObjectRequest): DeleteObjectOutput {
  const bucket = requireBucket(s3, input.Bucket);
  checkKey(input.Key ?? '');
  checkVersionId(input.VersionId);
  if (input.IfMatch !== undefined)
    checkWriteConditions(s3.store.getObject(bucket.name, input.Key ?? ''), input.Key ?? '', input);
  s3.store.deleteObject(bucket.name, input.Key ?? '');
  return {};
}

export function DeleteObjects(s3: S3Context, input: DeleteObjectsRequest): DeleteObjectsOutput {
  const bucket = requireBucket(s3, input.Bucket);
  const objects = input.Delete?.Objects ?? [];
  // AWS: at most 1,000 keys per request.
  if (objects.length === 0 || objects.length > 1000) throw s3Errors.malformedXml();
  const output: Required<Pick<DeleteObjectsOutput, 'Deleted' | 'Errors'>> = { Deleted: [], Errors: [] };
  s3.store.transaction(() => {
    for (const { Key: key = '', VersionId: versionId } of objects) {
      try {
        checkKey(key);
        if (versionId !== undefined && versionId !== 'null') {
          throw new AwsError('NoSuchVersion', 'The specified version does not exist.', 404);
        }
        s3.store.deleteObject(bucket.name, key);
        if (!input.Delete?.Quiet) output.Deleted.push({ Key: key, VersionId: versionId });
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        output.Errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message });
      }
    }
  });
  return output;
}

export function GetObjectAcl(s3: S3Context, input: GetObjectAclRequest): GetObjectAclOutput {
  const bucket = requireBucket(s3, input.Bucket);
  checkVersionId(input.VersionId);
  requireObject(s3, bucket.name, input.Key);
  return ownerFullControl(s3);
}

/** Accepted without effect: every object stays private to the lab's one account. */
export function PutObjectAcl(s3: S3Context, input: PutObjectAclRequest): Record<string, never> {
  const bucket = requireBucket(s3, input.Bucket);
  checkVersionId(input.VersionId);
  requireObject(s3, bucket.name, input.Key);
  checkCannedAcl(bucket, input.ACL);
  if (bucket.objectOwnership === 'BucketOwnerEnforced' && (input.AccessControlPolicy || input.GrantRead)) {
    throw s3Errors.aclNotSupported();
  }
  return {};
}
