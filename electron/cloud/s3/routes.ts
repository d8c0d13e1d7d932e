import type { AwsRequest } from '../gateway/types.js';
import { AwsError } from '../protocols/aws-error.js';
import { s3Errors } from './errors.js';

/**
 * Which S3 operation a REST request is: the bucket and key come from the path (path style,
 * `/<bucket>/<key>`) or from the host (virtual-hosted style, `<bucket>.localhost` or
 * `<bucket>.s3.localhost`); the operation from the method, a subresource in the query, and a
 * few headers. AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */

export interface S3Address {
  bucket?: string;
  key?: string;
}

const VIRTUAL_HOST = /^(?<bucket>.+?)(?:\.s3)?\.localhost$/;

/** Percent-decodes a raw path piece as UTF-8, refusing what S3 refuses (bad escapes, invalid UTF-8). */
function decodePathPiece(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25) {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalidUri();
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(raw[i]!, 'utf8')) bytes.push(byte);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    throw invalidUri();
  }
}

function invalidUri(): AwsError {
  return new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
}

export function addressOf(request: AwsRequest): S3Address {
  const path = request.rawPath.startsWith('/') ? request.rawPath.slice(1) : request.rawPath;
  const host = request.hostname.toLowerCase();
  const virtual = host === 's3.localhost' ? undefined : VIRTUAL_HOST.exec(host)?.groups?.bucket;
  if (virtual !== undefined) return { bucket: virtual, key: path === '' ? undefined : decodePathPiece(path) };
  if (path === '') return {};
  const slash = path.indexOf('/');
  if (slash === -1) return { bucket: decodePathPiece(path) };
  const key = path.slice(slash + 1);
  return {
    bucket: decodePathPiece(path.slice(0, slash)),
    key: key === '' ? undefined : decodePathPiece(key),
  };
}

type Methods = Partial<Record<'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD', string>>;

function crud(name: string): Methods {
  return { GET: `Get${name}`, PUT: `Put${name}`, DELETE: `Delete${name}` };
}

/** Every bucket subresource S3 knows, so that the ones not implemented are refused by name. */
const BUCKET_SUBRESOURCES: Record<string, Methods> = {
  accelerate: crud('BucketAccelerateConfiguration'),
  acl: crud('BucketAcl'),
  analytics: crud('BucketAnalyticsConfiguration'),
  cors: crud('BucketCors'),
  delete: { POST: 'DeleteObjects' },
  encryption: crud('BucketEncryption'),
  'intelligent-tiering': crud('BucketIntelligentTieringConfiguration'),
  inventory: crud('BucketInventoryConfiguration'),
  lifecycle: { ...crud('BucketLifecycleConfiguration'), DELETE: 'DeleteBucketLifecycle' },
  location: { GET: 'GetBucketLocation' },
  logging: crud('BucketLogging'),
  metadataConfiguration: crud('BucketMetadataConfiguration'),
  metadataTable: crud('BucketMetadataTableConfiguration'),
  metrics: crud('BucketMetricsConfiguration'),
  notification: crud('BucketNotificationConfiguration'),
  'object-lock': crud('ObjectLockConfiguration'),
  ownershipControls: crud('BucketOwnershipControls'),
  policy: crud('BucketPolicy'),
  policyStatus: { GET: 'GetBucketPolicyStatus' },
  publicAccessBlock: crud('PublicAccessBlock'),
  replication: crud('BucketReplication'),
  requestPayment: crud('BucketRequestPayment'),
  session: { GET: 'CreateSession' },
  tagging: crud('BucketTagging'),
  uploads: { GET: 'ListMultipartUploads' },
  versioning: crud('BucketVersioning'),
  versions: { GET: 'ListObjectVersions' },
  website: crud('BucketWebsite'),
};

const OBJECT_SUBRESOURCES: Record<string, Methods> = {
  acl: crud('ObjectAcl'),
  attributes: { GET: 'GetObjectAttributes' },
  'legal-hold': crud('ObjectLegalHold'),
  renameObject: { PUT: 'RenameObject' },
  restore: { POST: 'RestoreObject' },
  retention: crud('ObjectRetention'),
  select: { POST: 'SelectObjectContent' },
  tagging: crud('ObjectTagging'),
  torrent: { GET: 'GetObjectTorrent' },
  uploads: { POST: 'CreateMultipartUpload' },
  uploadId: {
    GET: 'ListParts',
    PUT: 'UploadPart',
    POST: 'CompleteMultipartUpload',
    DELETE: 'AbortMultipartUpload',
  },
};

/** The AWS name of the operation a request asks for (implemented or not), or a MethodNotAllowed error. */
export function operationOf(request: AwsRequest, address: S3Address): string {
  const method = request.method.toUpperCase() as keyof Methods;
  const copying = request.headers['x-amz-copy-source'] !== undefined;
  if (address.bucket === undefined) {
    if (method === 'GET') return 'ListBuckets';
    throw s3Errors.methodNotAllowed(method, 'SERVICE');
  }
  const level = address.key === undefined ? 'BUCKET' : 'OBJECT';
  const subresources = level === 'BUCKET' ? BUCKET_SUBRESOURCES : OBJECT_SUBRESOURCES;
  // `uploadId` goes first: `?partNumber=1&uploadId=…` is UploadPart whatever the order.
  const subresource =
    request.query.has('uploadId') && level === 'OBJECT'
      ? 'uploadId'
      : [...request.query.keys()].find((name) => Object.hasOwn(subresources, name));
  if (subresource !== undefined) {
    const operation = subresources[subresource]?.[method];
    if (!operation) throw s3Errors.methodNotAllowed(method, level);
    return operation === 'UploadPart' && copying ? 'UploadPartCopy' : operation;
  }
  if (level === 'BUCKET') {
    const byMethod: Methods = {
      GET: request.query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects',
      PUT: 'CreateBucket',
      HEAD: 'HeadBucket',
      DELETE: 'DeleteBucket',
      POST: 'PostObject',
    };
    const operation = byMethod[method];
    if (!operation) throw s3Errors.methodNotAllowed(method, level);
    return operation;
  }
  const byMethod: Methods = {
    GET: 'GetObject',
    HEAD: 'HeadObject',
    PUT: copying ? 'CopyObject' : 'PutObject',
    DELETE: 'DeleteObject',
  };
  const operation = byMethod[method];
  if (!operation) throw s3Errors.methodNotAllowed(method, level);
  return operation;
}
