import type { ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { parseAmzDate, parseSignature, signingKey } from '../gateway/sigv4.js';
import type { AwsRequest, AwsResponse } from '../gateway/types.js';
import { AwsError } from '../protocols/aws-error.js';
import { parseXml, toXmlDocument, type XmlObject } from '../protocols/xml.js';
import type { LabIdentity } from '../storage/index.js';
import { decodeAwsChunked } from './aws-chunked.js';
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  isChecksumAlgorithm,
  type ChecksumMember,
} from './checksums.js';
import { s3Errors } from './errors.js';

/** restXml for S3: reading payloads and headers, writing headers and XML documents, errors. */

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function header(request: AwsRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function queryParam(request: AwsRequest, name: string): string | undefined {
  return request.query.get(name) ?? undefined;
}

export function dateHeader(request: AwsRequest, name: string): Date | undefined {
  const value = header(request, name);
  return value === undefined ? undefined : new Date(value);
}

export function numberParam(request: AwsRequest, name: string): number | undefined {
  const value = queryParam(request, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value))
    throw s3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, value);
  return Number(value);
}

/** `x-amz-meta-*` headers as SDK-style Metadata (names without the prefix, lowercase as Node gives them). */
export function metadataHeaders(request: AwsRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined)
      metadata[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
  }
  return metadata;
}

export interface Payload {
  body: Buffer;
  /** `Checksum<ALGORITHM>` members from `x-amz-checksum-*` headers or aws-chunked trailers. */
  checksums: Partial<Record<ChecksumMember, string>>;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** Content-Encoding without `aws-chunked` (what S3 stores). */
  contentEncoding?: string;
}

const STREAMING = new Set([
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);

/**
 * The request's payload as S3 sees it: x-amz-content-sha256 checked against the bytes, or the
 * aws-chunked framing decoded (chunk signatures checked) so that only the object's bytes remain.
 */
export function readPayload(request: AwsRequest, identity: LabIdentity): Payload {
  const contentSha256 = header(request, 'x-amz-content-sha256');
  let body = request.body;
  const trailers = new Map<string, string>();
  if (contentSha256 !== undefined && STREAMING.has(contentSha256)) {
    const signature = contentSha256.startsWith('STREAMING-AWS4-HMAC')
      ? parseSignature(request.headers, request.query)
      : null;
    if (contentSha256.startsWith('STREAMING-AWS4-HMAC') && (!signature || signature.presigned)) {
      throw s3Errors.invalidRequest('Signed aws-chunked payloads need an Authorization header.');
    }
    const { credential } = signature ?? {};
    const decoded = decodeAwsChunked(
      body,
      signature && credential
        ? {
            signingKey: signingKey(request.signingSecretAccessKey ?? identity.secretAccessKey, credential),
            amzDate: signature.amzDate,
            scope: `${credential.date}/${credential.region}/${credential.service}/aws4_request`,
            seedSignature: signature.signature,
          }
        : undefined,
      contentSha256.endsWith('-TRAILER') && signature !== null,
    );
    body = decoded.data;
    for (const [name, value] of decoded.trailers) trailers.set(name, value);
    const announced = header(request, 'x-amz-decoded-content-length');
    if (announced === undefined)
      throw new AwsError('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
    if (Number(announced) !== body.length) {
      throw s3Errors.incompleteBody(
        `The decoded body has ${body.length} bytes, x-amz-decoded-content-length announced ${announced}.`,
      );
    }
  } else if (contentSha256?.startsWith('STREAMING-AWS4-ECDSA')) {
    throw s3Errors.notImplemented('SigV4a-signed aws-chunked payloads');
  } else if (contentSha256 !== undefined && contentSha256 !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(contentSha256)) {
      throw s3Errors.invalidArgument(
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        'x-amz-content-sha256',
        contentSha256,
      );
    }
    // The gateway signed with this header's value: the bytes must be the ones it names.
    const computed = createHash('sha256').update(body).digest('hex');
    if (computed !== contentSha256) {
      throw new AwsError(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        {
          ClientComputedContentSHA256: contentSha256,
          S3ComputedContentSHA256: computed,
        },
      );
    }
  }
  const checksums: Partial<Record<ChecksumMember, string>> = {};
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = header(request, checksumHeader(algorithm)) ?? trailers.get(checksumHeader(algorithm));
    if (value !== undefined) checksums[`Checksum${algorithm}`] = value;
  }
  const algorithm = (
    header(request, 'x-amz-sdk-checksum-algorithm') ?? header(request, 'x-amz-checksum-algorithm')
  )?.toUpperCase();
  const encodings = header(request, 'content-encoding')
    ?.split(',')
    .map((encoding) => encoding.trim())
    .filter((encoding) => encoding !== '' && encoding !== 'aws-chunked');
  return {
    body,
    checksums,
    checksumAlgorithm: algorithm !== undefined && isChecksumAlgorithm(algorithm) ? algorithm : undefined,
    contentEncoding: encodings?.length ? encodings.join(',') : undefined,
  };
}

/** AWS: a presigned URL lives X-Amz-Expires seconds (at most a week) from X-Amz-Date. */
export function checkPresignedExpiry(request: AwsRequest, now = Date.now()): void {
  const expires = queryParam(request, 'X-Amz-Expires');
  const date = queryParam(request, 'X-Amz-Date');
  if (expires === undefined || date === undefined || queryParam(request, 'X-Amz-Signature') === undefined)
    return;
  const seconds = Number(expires);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) {
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      400,
    );
  }
  const signedAt = parseAmzDate(date);
  if (!signedAt) return;
  const expiry = signedAt.getTime() + seconds * 1000;
  if (now > expiry) {
    throw s3Errors.accessDenied('Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(expiry).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
}

/** Reads an XML request body, or MalformedXML. */
export function readXmlBody(body: Buffer): Record<string, unknown> {
  try {
    return parseXml(body);
  } catch {
    throw s3Errors.malformedXml();
  }
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A header value Node can send: non-Latin-1 text (metadata written in-process) is RFC 2047-encoded, as S3 does. */
function headerText(value: string): string {
  if (/^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const OUTPUT_HEADERS: ReadonlyArray<[string, string]> = [
  ['AcceptRanges', 'accept-ranges'],
  ['LastModified', 'last-modified'],
  ['ContentLength', 'content-length'],
  ['ETag', 'etag'],
  ['ContentRange', 'content-range'],
  ['ContentType', 'content-type'],
  ['CacheControl', 'cache-control'],
  ['ContentDisposition', 'content-disposition'],
  ['ContentEncoding', 'content-encoding'],
  ['ContentLanguage', 'content-language'],
  ['ExpiresString', 'expires'],
  ['WebsiteRedirectLocation', 'x-amz-website-redirect-location'],
  ['ServerSideEncryption', 'x-amz-server-side-encryption'],
  ['PartsCount', 'x-amz-mp-parts-count'],
  ['ChecksumType', 'x-amz-checksum-type'],
  ['ChecksumAlgorithm', 'x-amz-checksum-algorithm'],
  ['BucketRegion', 'x-amz-bucket-region'],
  ['AccessPointAlias', 'x-amz-access-point-alias'],
  ['Location', 'location'],
  ...CHECKSUM_ALGORITHMS.map((algorithm): [string, string] => [
    `Checksum${algorithm}`,
    checksumHeader(algorithm),
  ]),
];

/** The header-bound members of an operation's output, as S3 sends them (dates in RFC 1123). */
export function outputHeaders(output: object): Record<string, string> {
  const members = output as Record<string, unknown>;
  const headers: Record<string, string> = {};
  for (const [member, name] of OUTPUT_HEADERS) {
    const value = members[member];
    if (value === undefined || value === null) continue;
    headers[name] = headerText(value instanceof Date ? value.toUTCString() : String(value));
  }
  const metadata = members.Metadata as Record<string, string> | undefined;
  for (const [name, value] of Object.entries(metadata ?? {}))
    headers[`x-amz-meta-${name}`] = headerText(value);
  return headers;
}

export function xmlResponse(operation: string, root: string, value: XmlObject, status = 200): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: toXmlDocument(root, value, { listStyle: 'flattened', xmlns: S3_XMLNS }),
    operation,
  };
}

export function emptyResponse(
  operation: string,
  status = 200,
  headers: Record<string, string> = {},
): AwsResponse {
  return { status, headers, operation };
}

/** AWS: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>`; HEAD answers carry no body (the gateway drops it). */
export function serializeS3Error(error: AwsError, request: AwsRequest): AwsResponse {
  const internal = error.code === 'InternalFailure';
  const code = internal ? 'InternalError' : error.code;
  const message = internal
    ? `We encountered an internal error. Please try again. (${error.message})`
    : error.message;
  if (error.status === 304) return { status: 304, headers: {} };
  const body = toXmlDocument(
    'Error',
    {
      Code: code,
      Message: message,
      ...error.extra,
      RequestId: request.requestId,
      HostId: Buffer.from(request.requestId).toString('base64'),
    },
    { listStyle: 'flattened' },
  );
  return { status: error.status, headers: { 'content-type': 'application/xml' }, body };
}
