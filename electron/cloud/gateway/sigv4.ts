import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../protocols/aws-error.js';

/**
 * Server-side AWS Signature Version 4 verification.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */

export interface SignedRequestParts {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export interface ParsedSignature {
  credential: Credential;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  /** Query-string (presigned URL) signatures sign an UNSIGNED-PAYLOAD and skip X-Amz-Signature. */
  presigned: boolean;
}

const AUTH_PATTERN = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;

function parseCredential(scope: string): Credential {
  const parts = scope.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw new AwsError('IncompleteSignature', `Credential should be scoped to a valid region. `, 400);
  }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  return { accessKeyId, date, region, service };
}

/** Reads the SigV4 signature from the Authorization header or the presigned query. Null when unsigned. */
export function parseSignature(headers: IncomingHttpHeaders, query: URLSearchParams): ParsedSignature | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = AUTH_PATTERN.exec(authorization);
    if (!match) {
      throw new AwsError(
        'IncompleteSignature',
        `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.split(' ')[0]}`,
        400,
      );
    }
    const amzDate = headerValue(headers, 'x-amz-date') ?? '';
    return {
      credential: parseCredential(match[1]!),
      signedHeaders: match[2]!.split(';'),
      signature: match[3]!,
      amzDate,
      presigned: false,
    };
  }
  if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    return {
      credential: parseCredential(query.get('X-Amz-Credential') ?? ''),
      signedHeaders: (query.get('X-Amz-SignedHeaders') ?? 'host').split(';'),
      signature: query.get('X-Amz-Signature') ?? '',
      amzDate: query.get('X-Amz-Date') ?? '',
      presigned: true,
    };
  }
  return null;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return value;
  }
}

function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (!rawQuery) return '';
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push([encodeRfc3986(key), encodeRfc3986(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * AWS: S3 signs the path as sent; every other service URI-encodes each segment once more
 * (the SDKs' `uriEscapePath`), so `%20` in the path is signed as `%2520`.
 */
function canonicalPath(rawPath: string, service: string): string {
  const path = rawPath || '/';
  if (service === 's3') return path;
  return path.split('/').map(encodeRfc3986).join('/');
}

function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: string[]): string {
  return signedHeaders
    .map((name) => `${name}:${(headerValue(headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function signingKey(secretAccessKey: string, credential: Credential): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, credential.date);
  const kRegion = hmac(kDate, credential.region);
  const kService = hmac(kRegion, credential.service);
  return hmac(kService, 'aws4_request');
}

/**
 * The payload hashes a signature may cover. Header-signed requests name theirs in
 * `x-amz-content-sha256` (S3, and every request the SDK v3 signs) or sign the body's hash; presigned
 * URLs sign UNSIGNED-PAYLOAD (S3's presigners) or, from a bare signer, the empty body's hash.
 */
export function candidatePayloadHashes(request: SignedRequestParts, signature: ParsedSignature): string[] {
  if (signature.presigned) return ['UNSIGNED-PAYLOAD', sha256Hex(request.body)];
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  return [declared ?? sha256Hex(request.body)];
}

/**
 * A declared hex payload hash must be the body's: otherwise the signature covers other bytes.
 * AWS (S3): XAmzContentSHA256Mismatch.
 */
export function declaredPayloadHashMismatch(request: SignedRequestParts): boolean {
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  return declared !== undefined && /^[0-9a-f]{64}$/.test(declared) && declared !== sha256Hex(request.body);
}

/** The signature the caller should have sent for this payload hash, had it used `secretAccessKey`. */
export function computeSignature(
  request: SignedRequestParts,
  signature: ParsedSignature,
  secretAccessKey: string,
  payloadHash: string,
): string {
  const { credential } = signature;
  const canonicalRequest = [
    request.method,
    canonicalPath(request.rawPath, credential.service),
    canonicalQuery(request.rawQuery, signature.presigned),
    canonicalHeaders(request.headers, signature.signedHeaders),
    signature.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', signature.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  return createHmac('sha256', signingKey(secretAccessKey, credential)).update(stringToSign, 'utf8').digest('hex');
}

/** True when the request carries a valid signature made with `secretAccessKey`. */
export function isSignatureValid(request: SignedRequestParts, signature: ParsedSignature, secretAccessKey: string): boolean {
  return candidatePayloadHashes(request, signature).some((hash) =>
    signaturesMatch(computeSignature(request, signature, secretAccessKey, hash), signature.signature),
  );
}

export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** `20240131T235959Z` ↔ Date. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
