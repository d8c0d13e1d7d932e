import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../protocols/aws-error.js';
import { s3Errors } from './errors.js';

/**
 * `Content-Encoding: aws-chunked` bodies: `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n … 0…\r\n`
 * then optional trailing headers and a blank line. Only the decoded bytes are the object.
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 */

/** What the seed signature (the request's own SigV4 signature) chains every chunk signature to. */
export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  /** `<yyyymmdd>/<region>/<service>/aws4_request` */
  scope: string;
  seedSignature: string;
}

export interface DecodedChunks {
  data: Buffer;
  /** Trailing headers by lowercase name (e.g. `x-amz-checksum-crc32`), without the trailer signature. */
  trailers: Map<string, string>;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const CRLF = Buffer.from('\r\n');

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function sign(signing: ChunkSigning, stringToSign: string): string {
  return createHmac('sha256', signing.signingKey).update(stringToSign, 'utf8').digest('hex');
}

function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

function chunkSignatureMismatch(): AwsError {
  return new AwsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
  );
}

/** AWS: chunk string to sign = AWS4-HMAC-SHA256-PAYLOAD, date, scope, previous signature, hash(""), hash(chunk). */
export function chunkSignature(signing: ChunkSigning, previous: string, chunk: Uint8Array): string {
  return sign(
    signing,
    [
      'AWS4-HMAC-SHA256-PAYLOAD',
      signing.amzDate,
      signing.scope,
      previous,
      EMPTY_SHA256,
      sha256Hex(chunk),
    ].join('\n'),
  );
}

/** AWS: trailer string to sign = AWS4-HMAC-SHA256-TRAILER, date, scope, previous signature, hash(trailing headers). */
export function trailerSignature(signing: ChunkSigning, previous: string, canonicalTrailers: string): string {
  return sign(
    signing,
    ['AWS4-HMAC-SHA256-TRAILER', signing.amzDate, signing.scope, previous, sha256Hex(canonicalTrailers)].join(
      '\n',
    ),
  );
}

function readLine(body: Buffer, from: number): { line: string; next: number } {
  const end = body.indexOf(CRLF, from);
  if (end === -1) {
    if (from >= body.length) throw s3Errors.incompleteBody();
    return { line: body.toString('latin1', from), next: body.length };
  }
  return { line: body.toString('latin1', from, end), next: end + 2 };
}

/**
 * Decodes an aws-chunked body; with `signing`, every chunk signature must chain from the seed
 * signature, and so must the trailer signature when `signedTrailer` (`…-PAYLOAD-TRAILER`).
 */
export function decodeAwsChunked(body: Buffer, signing?: ChunkSigning, signedTrailer = false): DecodedChunks {
  const chunks: Buffer[] = [];
  let position = 0;
  let previous = signing?.seedSignature ?? '';
  for (;;) {
    const { line, next } = readLine(body, position);
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText.trim()))
      throw s3Errors.incompleteBody('The chunk size is not valid hexadecimal.');
    const size = Number.parseInt(sizeText.trim(), 16);
    if (next + size > body.length) throw s3Errors.incompleteBody();
    const chunk = body.subarray(next, next + size);
    if (signing) {
      const given = extensions
        .find((e) => e.startsWith('chunk-signature='))
        ?.slice('chunk-signature='.length);
      const expected = chunkSignature(signing, previous, chunk);
      if (!sameSignature(expected, given)) throw chunkSignatureMismatch();
      previous = expected;
    }
    position = next + size;
    if (size === 0) break;
    if (!body.subarray(position, position + 2).equals(CRLF))
      throw s3Errors.incompleteBody('A chunk is not followed by CRLF.');
    position += 2;
    chunks.push(chunk);
  }

  const trailers = new Map<string, string>();
  let canonicalTrailers = '';
  let givenTrailerSignature: string | undefined;
  while (position < body.length) {
    const { line, next } = readLine(body, position);
    position = next;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw s3Errors.incompleteBody('A trailing header is malformed.');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      givenTrailerSignature = value;
    } else {
      trailers.set(name, value);
      canonicalTrailers += `${name}:${value}\n`;
    }
  }
  if (signing && signedTrailer) {
    if (!sameSignature(trailerSignature(signing, previous, canonicalTrailers), givenTrailerSignature)) {
      throw chunkSignatureMismatch();
    }
  }
  return { data: Buffer.concat(chunks), trailers };
}
