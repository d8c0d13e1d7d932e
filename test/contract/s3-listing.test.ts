import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalS3 } from '../../electron/cloud/s3/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import { s3Client, s3Error } from './s3-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let s3: S3Client;
const Bucket = 'lake';
// 2,500 readings: 5 stations × 500 hours, written in-process as the IoT S3 rule action will.
const stations = ['030910', '061100', '062800', '713060', '723123'];
const readingKeys = stations.flatMap((station) =>
  Array.from({ length: 500 }, (_, hour) => `readings/${station}/${String(hour).padStart(4, '0')}.json`),
);

beforeAll(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
  await s3.send(new CreateBucketCommand({ Bucket }));
  const local = openLocalS3(cloud.storage);
  // Written shuffled: the listing order must come from the keys, not from the writes.
  const shuffled = [...readingKeys].sort((a, b) =>
    a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1,
  );
  for (const Key of shuffled)
    local.PutObject({ Bucket, Key, Body: `{"key":"${Key}"}`, ContentType: 'application/json' });
  for (const Key of [
    'index.html',
    'notes/a b+c.txt',
    'notes/zéro.txt',
    'notes/😀.txt',
    'notes/\uFFFD.txt',
    'notes/sub/deep.txt',
  ]) {
    local.PutObject({ Bucket, Key, Body: Key });
  }
});
afterAll(async () => {
  s3.destroy();
  await cloud.dispose();
});

describe('S3 listings through the SDK', () => {
  it('pages through 2,500 keys with the SDK paginator: every key once, in order, 1,000 per page', async () => {
    const pages: number[] = [];
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket, Prefix: 'readings/' })) {
      pages.push(page.KeyCount ?? 0);
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(pages).toEqual([1000, 1000, 500]);
    expect(keys).toEqual([...readingKeys].sort());
  });

  it('pages with a small MaxKeys, an opaque continuation token, and refuses tokens it did not issue', async () => {
    const first = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'readings/061100/', MaxKeys: 7 }));
    expect(first).toMatchObject({ KeyCount: 7, MaxKeys: 7, IsTruncated: true });
    expect(first.NextContinuationToken).toBeTruthy();
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'readings/061100/',
        MaxKeys: 7,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.ContinuationToken).toBe(first.NextContinuationToken);
    expect(second.Contents?.[0]?.Key).toBe('readings/061100/0007.json');
    const error = await s3Error(
      s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'bm90LWEtdG9rZW4=' })),
    );
    expect(error).toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
  });

  it('rolls keys up into CommonPrefixes with a delimiter, and pages over prefixes too', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['index.html']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['notes/', 'readings/']);
    expect(top.KeyCount).toBe(3);

    const stationsPage1 = await s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: 'readings/', Delimiter: '/', MaxKeys: 2 }),
    );
    expect(stationsPage1.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'readings/030910/',
      'readings/061100/',
    ]);
    expect(stationsPage1.IsTruncated).toBe(true);
    const rest = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'readings/',
        Delimiter: '/',
        ContinuationToken: stationsPage1.NextContinuationToken,
      }),
    );
    expect(rest.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'readings/062800/',
      'readings/713060/',
      'readings/723123/',
    ]);
    expect(rest.IsTruncated).toBe(false);
  });

  it('orders keys by UTF-8 bytes, as S3 does', async () => {
    const notes = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'notes/' }));
    // UTF-8 order puts U+FFFD before 😀 (UTF-16 order would not).
    expect(notes.Contents?.map((o) => o.Key)).toEqual([
      'notes/a b+c.txt',
      'notes/sub/deep.txt',
      'notes/zéro.txt',
      'notes/\uFFFD.txt',
      'notes/😀.txt',
    ]);
  });

  it('starts after StartAfter, lists owners only with FetchOwner, and URL-encodes with EncodingType=url', async () => {
    const after = await s3.send(
      new ListObjectsV2Command({ Bucket, StartAfter: 'readings/723123/0497.json' }),
    );
    expect(after.Contents?.map((o) => o.Key)).toEqual([
      'readings/723123/0498.json',
      'readings/723123/0499.json',
    ]);
    expect(after.StartAfter).toBe('readings/723123/0497.json');
    expect(after.Contents?.[0]?.Owner).toBeUndefined();
    const owned = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'index', FetchOwner: true }));
    expect(owned.Contents?.[0]).toMatchObject({
      Key: 'index.html',
      Size: 10,
      StorageClass: 'STANDARD',
      Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });

    const encoded = await s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: 'notes/a', EncodingType: 'url' }),
    );
    expect(encoded.EncodingType).toBe('url');
    const key = encoded.Contents?.[0]?.Key ?? '';
    expect(key).not.toBe('notes/a b+c.txt');
    expect(decodeURIComponent(key.replace(/\+/g, ' '))).toBe('notes/a b+c.txt');
  });

  it('serves ListObjects (v1): Marker, NextMarker with a delimiter, IsTruncated', async () => {
    const page = await s3.send(new ListObjectsCommand({ Bucket, Prefix: 'readings/030910/', MaxKeys: 3 }));
    expect(page.Contents?.map((o) => o.Key)).toEqual([
      'readings/030910/0000.json',
      'readings/030910/0001.json',
      'readings/030910/0002.json',
    ]);
    expect(page.IsTruncated).toBe(true);
    expect(page.NextMarker).toBeUndefined(); // AWS: only with a delimiter
    expect(page.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const next = await s3.send(
      new ListObjectsCommand({
        Bucket,
        Prefix: 'readings/030910/',
        MaxKeys: 2,
        Marker: 'readings/030910/0002.json',
      }),
    );
    expect(next.Contents?.map((o) => o.Key)).toEqual([
      'readings/030910/0003.json',
      'readings/030910/0004.json',
    ]);
    expect(next.Marker).toBe('readings/030910/0002.json');

    const folders = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 2 }));
    expect(folders).toMatchObject({ IsTruncated: true, NextMarker: 'notes/' });
    const after = await s3.send(
      new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: folders.NextMarker }),
    );
    expect(after.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['readings/']);
    expect(after.IsTruncated).toBe(false);
  });

  it('answers NoSuchBucket and refuses a bad encoding type', async () => {
    expect((await s3Error(s3.send(new ListObjectsV2Command({ Bucket: 'nowhere' })))).name).toBe(
      'NoSuchBucket',
    );
    const error = await s3Error(
      s3.send(new ListObjectsV2Command({ Bucket, EncodingType: 'base64' as never })),
    );
    expect(error).toMatchObject({
      name: 'InvalidArgument',
      message: 'Invalid Encoding Method specified in Request',
    });
  });
});

describe('the in-process S3 other services use', () => {
  it('writes objects visible at once to SDK listings, and hands out their files', async () => {
    const local = openLocalS3(cloud.storage);
    const { ETag } = local.PutObject({
      Bucket,
      Key: 'firehose/2026/07/13/14/stream-1',
      Body: Buffer.from('{"a":1}{"a":2}'),
    });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'firehose/' }));
    expect(listed.Contents?.map((o) => [o.Key, o.ETag])).toEqual([['firehose/2026/07/13/14/stream-1', ETag]]);
    const files = local.objectFiles(Bucket, 'readings/713060/');
    expect(files).toHaveLength(500);
    expect(files[0]?.path.startsWith(cloud.storage.layout.s3Root)).toBe(true);
    expect(() => local.PutObject({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })).toThrow(
      expect.objectContaining({
        code: 'NoSuchBucket',
        status: 404,
        message: 'The specified bucket does not exist',
      }),
    );
  });
});
