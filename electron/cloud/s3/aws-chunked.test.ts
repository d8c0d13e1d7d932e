import { describe, expect, it } from 'vitest';
import { signingKey } from '../gateway/sigv4.js';
import { decodeAwsChunked, type ChunkSigning } from './aws-chunked.js';
import { computeChecksum } from './checksums.js';

// The worked examples of the S3 API reference ("sigv4-streaming" and "sigv4-streaming-trailers"):
// 66,560 bytes of `a` sent as 64 KiB + 1 KiB + the final empty chunk.
const EXAMPLE_KEY = signingKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  date: '20130524',
  region: 'us-east-1',
  service: 's3',
});

function exampleSigning(seedSignature: string): ChunkSigning {
  return {
    signingKey: EXAMPLE_KEY,
    amzDate: '20130524T000000Z',
    scope: '20130524/us-east-1/s3/aws4_request',
    seedSignature,
  };
}

function exampleBody(signatures: readonly string[], trailer = ''): Buffer {
  const [first = '', second = '', last = ''] = signatures;
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${first}\r\n`),
    Buffer.alloc(65_536, 'a'),
    Buffer.from(`\r\n400;chunk-signature=${second}\r\n`),
    Buffer.alloc(1024, 'a'),
    Buffer.from(`\r\n0;chunk-signature=${last}\r\n${trailer}\r\n`),
  ]);
}

const PAYLOAD_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];
const TRAILER_SIGNATURES = [
  'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
  '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
  '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
];
const TRAILER =
  'x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n';

describe('aws-chunked bodies', () => {
  it('decodes the documented STREAMING-AWS4-HMAC-SHA256-PAYLOAD example and checks its chunk signatures', () => {
    const body = exampleBody(PAYLOAD_SIGNATURES);
    expect(body.length).toBe(66_824); // the example's Content-Length
    const { data, trailers } = decodeAwsChunked(
      body,
      exampleSigning('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9'),
    );
    expect(data.equals(Buffer.alloc(66_560, 'a'))).toBe(true);
    expect(trailers.size).toBe(0);
  });

  it('decodes the documented …-PAYLOAD-TRAILER example and checks the trailer signature', () => {
    const signing = exampleSigning('106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e');
    const { data, trailers } = decodeAwsChunked(exampleBody(TRAILER_SIGNATURES, TRAILER), signing, true);
    expect(data.length).toBe(66_560);
    expect(trailers.get('x-amz-checksum-crc32c')).toBe('sOO8/Q==');
    expect(computeChecksum('CRC32C', data)).toBe('sOO8/Q==');
    const forged = TRAILER.replace('sOO8/Q==', 'AAAAAA==');
    expect(() => decodeAwsChunked(exampleBody(TRAILER_SIGNATURES, forged), signing, true)).toThrow(
      /signature/,
    );
  });

  it('refuses a tampered chunk, a broken chain and a missing final chunk', () => {
    const signing = exampleSigning('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9');
    const tampered = exampleBody(PAYLOAD_SIGNATURES);
    tampered[70] = 'b'.charCodeAt(0);
    expect(() => decodeAwsChunked(tampered, signing)).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch' }),
    );
    const reordered = exampleBody([PAYLOAD_SIGNATURES[1]!, PAYLOAD_SIGNATURES[0]!, PAYLOAD_SIGNATURES[2]!]);
    expect(() => decodeAwsChunked(reordered, signing)).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch' }),
    );
    const truncated = exampleBody(PAYLOAD_SIGNATURES).subarray(0, 65_600);
    expect(() => decodeAwsChunked(truncated, signing)).toThrow(
      expect.objectContaining({ code: 'IncompleteBody' }),
    );
  });

  it('decodes the unsigned trailer form the SDK sends for streamed bodies', () => {
    const body = Buffer.from('d\r\nstreamed body\r\n0\r\nx-amz-checksum-crc32:z7Y9bA==\r\n\r\n');
    const { data, trailers } = decodeAwsChunked(body);
    expect(data.toString()).toBe('streamed body');
    expect(trailers.get('x-amz-checksum-crc32')).toBe('z7Y9bA==');
    expect(computeChecksum('CRC32', data)).toBe('z7Y9bA==');
  });
});

describe('checksums', () => {
  it('match the published check values of "123456789"', () => {
    const check = Buffer.from('123456789');
    expect(Buffer.from(computeChecksum('CRC32', check)!, 'base64').toString('hex')).toBe('cbf43926');
    expect(Buffer.from(computeChecksum('CRC32C', check)!, 'base64').toString('hex')).toBe('e3069283');
    expect(Buffer.from(computeChecksum('CRC64NVME', check)!, 'base64').toString('hex')).toBe(
      'ae8b14860a799888',
    );
    expect(computeChecksum('XXHASH64', check)).toBeUndefined();
  });
});
