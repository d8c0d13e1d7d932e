import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { s3Client, s3Error } from './s3-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let s3: S3Client;
const Bucket = 'uploads';
const MiB = 1024 * 1024;

beforeAll(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(async () => {
  s3.destroy();
  await cloud.dispose();
});

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest();

describe('S3 multipart uploads through the SDK', () => {
  it('assembles parts in order, with the multipart ETag, the part count and a composite checksum', async () => {
    const parts = [Buffer.alloc(5 * MiB, 'a'), Buffer.alloc(5 * MiB, 'b'), Buffer.from('the end')];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket,
        Key: 'big/assembled.bin',
        ContentType: 'application/x-test',
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    expect(UploadId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['big/assembled.bin', UploadId]]);

    const completed = [];
    // Sent out of order, as parallel uploaders do.
    for (const index of [2, 0, 1]) {
      const { ETag, ChecksumCRC32 } = await s3.send(
        new UploadPartCommand({
          Bucket,
          Key: 'big/assembled.bin',
          UploadId,
          PartNumber: index + 1,
          Body: parts[index],
          ChecksumAlgorithm: 'CRC32',
        }),
      );
      expect(ETag).toBe(`"${md5(parts[index]!).toString('hex')}"`);
      completed[index] = { PartNumber: index + 1, ETag, ChecksumCRC32 };
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket, Key: 'big/assembled.bin', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
      [3, 7],
    ]);

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'big/assembled.bin',
        UploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    const expectedEtag = `"${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-3"`;
    expect(done.ETag).toBe(expectedEtag);
    expect(done.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]+=*-3$/);
    expect(done.ChecksumType).toBe('COMPOSITE');

    // The SDK asks for checksums on GetObject and skips validating composite ones, as against AWS.
    const object = await s3.send(new GetObjectCommand({ Bucket, Key: 'big/assembled.bin' }));
    const body = Buffer.from(await object.Body!.transformToByteArray());
    expect(body.equals(Buffer.concat(parts))).toBe(true);
    expect(object).toMatchObject({
      ETag: expectedEtag,
      ContentType: 'application/x-test',
      ContentLength: 10 * MiB + 7,
    });
    const second = await s3.send(new HeadObjectCommand({ Bucket, Key: 'big/assembled.bin', PartNumber: 2 }));
    expect(second).toMatchObject({
      PartsCount: 3,
      ContentLength: 5 * MiB,
      ContentRange: `bytes ${5 * MiB}-${10 * MiB - 1}/${10 * MiB + 7}`,
    });
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads).toBeUndefined();
  });

  it('refuses small parts, parts out of order, unknown parts and unknown uploads as S3 does', async () => {
    const Key = 'big/refused.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const one = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'tiny' }));
    const two = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: 'tiny too' }),
    );
    const complete = (Parts: Array<{ PartNumber: number; ETag?: string }>) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));

    expect(
      (
        await s3Error(
          complete([
            { PartNumber: 1, ETag: one.ETag },
            { PartNumber: 2, ETag: two.ETag },
          ]),
        )
      ).name,
    ).toBe('EntityTooSmall');
    expect(
      (
        await s3Error(
          complete([
            { PartNumber: 2, ETag: two.ETag },
            { PartNumber: 1, ETag: one.ETag },
          ]),
        )
      ).name,
    ).toBe('InvalidPartOrder');
    expect(
      (await s3Error(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]))).name,
    ).toBe('InvalidPart');
    expect(
      (
        await s3Error(
          s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 10_001, Body: 'x' })),
        )
      ).name,
    ).toBe('InvalidArgument');

    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    const gone = await s3Error(s3.send(new ListPartsCommand({ Bucket, Key, UploadId })));
    expect(gone).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    expect((await s3Error(s3.send(new HeadObjectCommand({ Bucket, Key })))).$metadata.httpStatusCode).toBe(
      404,
    );
    // A single small part is a whole object.
    const small = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const only = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId: small.UploadId, PartNumber: 1, Body: 'tiny' }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId: small.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: only.ETag }] },
      }),
    );
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength).toBe(4);
  });
});
