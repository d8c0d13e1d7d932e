import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { declaredPayloadHashMismatch, encodeRfc3986, isSignatureValid, parseSignature } from './sigv4.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** Signs like the SDK does, then checks the server recomputes the same signature from the wire parts. */
async function signAndVerify(options: {
  service: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  presign?: boolean;
}): Promise<{ valid: boolean; tampered: boolean; wrongSecret: boolean }> {
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: options.service,
    sha256: Sha256,
    uriEscapePath: options.service !== 's3',
  });
  const request = new HttpRequest({
    method: options.method,
    hostname: '127.0.0.1',
    port: 4566,
    path: options.path,
    query: options.query ?? {},
    headers: { host: '127.0.0.1:4566', ...options.headers },
    body: options.body,
  });
  const signed = options.presign ? await signer.presign(request) : await signer.sign(request);
  const rawQuery = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(String(v))}`)
    .join('&');
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const parsed = parseSignature(headers, new URLSearchParams(rawQuery));
  if (!parsed) throw new Error('no signature found');
  const wire = { method: signed.method, rawPath: signed.path, rawQuery, headers, body: Buffer.from(options.body ?? '') };
  const valid = isSignatureValid(wire, parsed, credentials.secretAccessKey);
  const tamperedWire = { ...wire, body: Buffer.from(`${options.body ?? ''}x`) };
  const tampered = isSignatureValid(tamperedWire, parsed, credentials.secretAccessKey) && !declaredPayloadHashMismatch(tamperedWire);
  const wrongSecret = isSignatureValid(wire, parsed, `${credentials.secretAccessKey}x`);
  return { valid, tampered, wrongSecret };
}

interface SigningCase {
  name: string;
  service: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}

describe('SigV4 verification matches the SDK signer', () => {
  const cases: SigningCase[] = [
    { name: 'awsQuery POST with a form body', service: 'sts', method: 'POST', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
    { name: 'awsJson POST with X-Amz-Target', service: 'firehose', method: 'POST', path: '/', body: '{"DeliveryStreamName":"s"}', headers: { 'x-amz-target': 'Firehose_20150804.DescribeDeliveryStream' } },
    { name: 'restJson path with an encoded label (double-encoded for non-S3)', service: 'iot', method: 'GET', path: '/things/weather%20station%3A1', query: { maxResults: '2', nextToken: 'a b+c/=' } },
    { name: 'S3 key with spaces and unicode (single-encoded)', service: 's3', method: 'PUT', path: '/bucket/dir/na%C3%AFve%20file.json', body: 'x', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    { name: 'S3 list with an empty query value', service: 's3', method: 'GET', path: '/bucket', query: { 'list-type': '2', prefix: '2022/01/', delimiter: '/' } },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { valid, tampered, wrongSecret } = await signAndVerify(testCase);
      expect(valid).toBe(true);
      expect(wrongSecret).toBe(false);
      // UNSIGNED-PAYLOAD is S3's way of not covering the body; every other body is covered.
      expect(tampered).toBe(testCase.headers?.['x-amz-content-sha256'] === 'UNSIGNED-PAYLOAD');
    });
  }

  it('presigned S3 GET URLs', async () => {
    const { valid } = await signAndVerify({ service: 's3', method: 'GET', path: '/bucket/key.json', presign: true });
    expect(valid).toBe(true);
  });
});

describe('parseSignature', () => {
  it('returns null for an unsigned request', () => {
    expect(parseSignature({}, new URLSearchParams())).toBeNull();
  });

  it('refuses a malformed Authorization header with IncompleteSignature', () => {
    expect(() => parseSignature({ authorization: 'AWS4-HMAC-SHA256 Credential=x' }, new URLSearchParams())).toThrow(
      expect.objectContaining({ code: 'IncompleteSignature' }),
    );
  });
});
