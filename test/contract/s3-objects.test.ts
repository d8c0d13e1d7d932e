import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { s3Client, s3Error, signedRequest } from './s3-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let s3: S3Client;
const Bucket = 'objects';

beforeAll(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(async () => {
  s3.destroy();
  await cloud.dispose();
});

const md5 = (data: Uint8Array | string) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

async function read(Key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) {
  const output = await s3.send(new GetObjectCommand({ Bucket, Key, ...extra }));
  return { output, body: Buffer.from(await output.Body!.transformToByteArray()) };
}

/** A stream the SDK cannot measure by itself: it sends it aws-chunked (STREAMING-UNSIGNED-PAYLOAD-TRAILER). */
function stream(data: Buffer, chunk = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < data.length; offset += chunk) yield data.subarray(offset, offset + chunk);
    })(),
  );
}

describe('S3 objects through the SDK', () => {
  const sizes = [0, 1, 20 * 1024 * 1024];
  it.each(sizes)(
    'round-trips %i bytes sent as a string body and as a streamed (aws-chunked) body',
    async (size) => {
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >> 10)) & 0x7f;
      const asString = data.toString('latin1');

      const plain = await s3.send(
        new PutObjectCommand({ Bucket, Key: `plain-${size}`, Body: asString, ContentType: 'text/plain' }),
      );
      expect(plain.ETag).toBe(`"${md5(data)}"`);
      const streamed = await s3.send(
        new PutObjectCommand({ Bucket, Key: `streamed-${size}`, Body: stream(data), ContentLength: size }),
      );
      expect(streamed.ETag).toBe(`"${md5(data)}"`);

      for (const Key of [`plain-${size}`, `streamed-${size}`]) {
        const { output, body } = await read(Key);
        expect(body.length).toBe(size);
        expect(sha256(body)).toBe(sha256(data));
        expect(output.ContentLength).toBe(size);
        expect(output.ETag).toBe(`"${md5(data)}"`);
        expect(output.LastModified).toBeInstanceOf(Date);
      }
      // Only the decoded bytes are stored, as a plain file students can open.
      const file = path.join(cloud.storage.layout.s3Root, Bucket, `streamed-${size}`);
      expect(sha256(readFileSync(file))).toBe(sha256(data));
    },
  );

  it('keeps Content-Type, user metadata and the stored headers', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'station/030910.json',
        Body: '{"station":"030910-99999"}',
        ContentType: 'application/json',
        CacheControl: 'no-cache',
        ContentDisposition: 'attachment; filename="reading.json"',
        Metadata: { Station: 'Aberdeen', 'replay-speed': '10' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'station/030910.json' }));
    expect(head).toMatchObject({
      ContentType: 'application/json',
      ContentLength: 26,
      CacheControl: 'no-cache',
      ContentDisposition: 'attachment; filename="reading.json"',
      Metadata: { station: 'Aberdeen', 'replay-speed': '10' },
      AcceptRanges: 'bytes',
      ServerSideEncryption: 'AES256',
    });
    // AWS: an object stored without a Content-Type is served as binary/octet-stream.
    const { response } = await signedRequest(cloud, { method: 'PUT', path: `/${Bucket}/untyped`, body: 'x' });
    expect(response.status).toBe(200);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'untyped' }))).ContentType).toBe(
      'binary/octet-stream',
    );
  });

  it('serves byte ranges (206 + Content-Range) and refuses unsatisfiable ones with 416 InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'digits', Body: '0123456789' }));
    const cases: Array<[string, string, string]> = [
      ['bytes=0-3', '0123', 'bytes 0-3/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-2', '89', 'bytes 8-9/10'],
      ['bytes=5-100', '56789', 'bytes 5-9/10'],
    ];
    for (const [Range, expected, contentRange] of cases) {
      const { output, body } = await read('digits', { Range });
      expect(output.$metadata.httpStatusCode).toBe(206);
      expect(body.toString()).toBe(expected);
      expect(output.ContentRange).toBe(contentRange);
      expect(output.ContentLength).toBe(expected.length);
    }
    // AWS: a Range S3 cannot parse is ignored: the whole object comes back.
    const ignored = await read('digits', { Range: 'bytes=5-2' });
    expect(ignored.output.$metadata.httpStatusCode).toBe(200);
    expect(ignored.body.toString()).toBe('0123456789');

    const error = await s3Error(read('digits', { Range: 'bytes=10-' }));
    expect(error).toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
      ActualObjectSize: '10',
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'digits', Range: 'bytes=2-4' }));
    expect(head).toMatchObject({
      ContentLength: 3,
      ContentRange: 'bytes 2-4/10',
      $metadata: { httpStatusCode: 206 },
    });
  });

  it('answers HeadObject and GetObject for missing keys as S3 does', async () => {
    const head = await s3Error(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })));
    expect(head).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    const get = await s3Error(read('missing'));
    expect(get).toMatchObject({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      Key: 'missing',
      $metadata: { httpStatusCode: 404 },
    });
    const noBucket = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect(noBucket).toMatchObject({ name: 'NoSuchBucket', BucketName: 'no-such-bucket' });
    const tooLong = await s3Error(
      s3.send(new PutObjectCommand({ Bucket, Key: 'k'.repeat(1025), Body: 'x' })),
    );
    expect(tooLong).toMatchObject({ name: 'KeyTooLongError', $metadata: { httpStatusCode: 400 } });
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'é'.repeat(512), Body: 'x' })),
    ).resolves.toBeDefined();
  });

  it('honours If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key: 'conditional', Body: 'v1' }));
    const { output } = await read('conditional', { IfMatch: ETag });
    expect(output.$metadata.httpStatusCode).toBe(200);
    const failed = await s3Error(read('conditional', { IfMatch: '"0000"' }));
    expect(failed).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const notModified = await s3Error(read('conditional', { IfNoneMatch: ETag }));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const later = new Date(Date.now() + 60_000);
    expect((await s3Error(read('conditional', { IfModifiedSince: later }))).$metadata.httpStatusCode).toBe(
      304,
    );
    const earlier = new Date(Date.now() - 3_600_000);
    expect(
      (await s3Error(read('conditional', { IfUnmodifiedSince: earlier }))).$metadata.httpStatusCode,
    ).toBe(412);
    // Conditional writes: If-None-Match: * refuses to overwrite.
    const overwrite = await s3Error(
      s3.send(new PutObjectCommand({ Bucket, Key: 'conditional', Body: 'v2', IfNoneMatch: '*' })),
    );
    expect(overwrite).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
  });

  it('checks Content-MD5 and x-amz-checksum-* against the bytes (BadDigest), and returns checksums when asked', async () => {
    const wrongMd5 = Buffer.from(md5('something else'), 'hex').toString('base64');
    const badMd5 = await s3Error(
      s3.send(new PutObjectCommand({ Bucket, Key: 'md5', Body: 'payload', ContentMD5: wrongMd5 })),
    );
    expect(badMd5).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    const rightMd5 = Buffer.from(md5('payload'), 'hex').toString('base64');
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: 'md5', Body: 'payload', ContentMD5: rightMd5 })),
    ).resolves.toBeDefined();

    const badCrc = await s3Error(
      s3.send(new PutObjectCommand({ Bucket, Key: 'crc', Body: 'payload', ChecksumCRC32: 'AAAAAA==' })),
    );
    expect(badCrc).toMatchObject({
      name: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    });
    for (const ChecksumAlgorithm of ['CRC32C', 'CRC64NVME', 'SHA256'] as const) {
      const put = await s3.send(
        new PutObjectCommand({ Bucket, Key: `sum-${ChecksumAlgorithm}`, Body: 'payload', ChecksumAlgorithm }),
      );
      expect(put[`Checksum${ChecksumAlgorithm}`]).toBeTruthy();
      // The SDK validates the checksum S3 returns against the bytes it receives.
      const { output, body } = await read(`sum-${ChecksumAlgorithm}`, { ChecksumMode: 'ENABLED' });
      expect(body.toString()).toBe('payload');
      expect(output[`Checksum${ChecksumAlgorithm}`]).toBe(put[`Checksum${ChecksumAlgorithm}`]);
      expect(output.ChecksumType).toBe('FULL_OBJECT');
    }
  });

  it('refuses a body that does not match its x-amz-content-sha256', async () => {
    const { response } = await signedRequest(cloud, {
      method: 'PUT',
      path: `/${Bucket}/tampered`,
      body: 'what was sent',
      payloadHash: sha256('what was signed'),
    });
    expect(response.status).toBe(400);
    expect(response.body.toString()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });

  it('copies objects (URL-encoded source, COPY and REPLACE metadata directives)', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'source dir/ünïcode & more.txt',
        Body: 'copy me',
        ContentType: 'text/plain',
        Metadata: { a: '1' },
      }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'copies/kept.txt',
        CopySource: `${Bucket}/${encodeURIComponent('source dir/ünïcode & more.txt')}`,
      }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    expect(copied.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    const kept = await read('copies/kept.txt');
    expect(kept.body.toString()).toBe('copy me');
    expect(kept.output).toMatchObject({ ContentType: 'text/plain', Metadata: { a: '1' } });

    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'copies/replaced.txt',
        CopySource: `/${Bucket}/source%20dir/%C3%BCn%C3%AFcode%20%26%20more.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/octet-stream',
        Metadata: { b: '2' },
      }),
    );
    const replaced = await s3.send(new HeadObjectCommand({ Bucket, Key: 'copies/replaced.txt' }));
    expect(replaced).toMatchObject({ ContentType: 'application/octet-stream', Metadata: { b: '2' } });

    const toItself = await s3Error(
      s3.send(
        new CopyObjectCommand({ Bucket, Key: 'copies/kept.txt', CopySource: `${Bucket}/copies/kept.txt` }),
      ),
    );
    expect(toItself).toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
    const missing = await s3Error(
      s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/nothing-here` })),
    );
    expect(missing).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('treats the lab folder as the truth for bytes: a body edited or deleted by hand is what S3 then serves', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'by-hand/edited.csv', Body: 'a,b\n1,2\n' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'by-hand/deleted.csv', Body: 'x' }));
    const folder = path.join(cloud.storage.layout.s3Root, Bucket, 'by-hand');
    writeFileSync(path.join(folder, 'edited.csv'), 'a,b\n1,2\n3,4\n');
    rmSync(path.join(folder, 'deleted.csv'));

    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'by-hand/edited.csv' }));
    expect(head).toMatchObject({ ContentLength: 12, ETag: `"${md5('a,b\n1,2\n3,4\n')}"` });
    expect((await read('by-hand/edited.csv')).body.toString()).toBe('a,b\n1,2\n3,4\n');
    expect((await s3Error(read('by-hand/deleted.csv'))).name).toBe('NoSuchKey');
  });

  it('deletes idempotently (204), and in bulk with per-key results and Quiet mode', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'doomed', Body: 'x' }));
    expect((await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(
      204,
    );
    expect((await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(
      204,
    );

    const keys = ['bulk/1', 'bulk/2', 'bulk/special <&> \r key'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: { Objects: [...keys, 'bulk/never-existed', 'k'.repeat(1025)].map((Key) => ({ Key })) },
      }),
    );
    expect(result.Deleted?.map((d) => d.Key)).toEqual([...keys, 'bulk/never-existed']);
    expect(result.Errors).toEqual([
      { Key: 'k'.repeat(1025), Code: 'KeyTooLongError', Message: 'Your key is too long' },
    ]);
    for (const Key of keys) expect((await s3Error(read(Key))).name).toBe('NoSuchKey');

    await s3.send(new PutObjectCommand({ Bucket, Key: 'bulk/quiet', Body: 'x' }));
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'bulk/quiet' }], Quiet: true } }),
    );
    expect(quiet.Deleted).toBeUndefined();
    expect(quiet.Errors).toBeUndefined();
  });
});
