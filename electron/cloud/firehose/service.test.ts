import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsRequest } from '../gateway/types.js';
import { openLocalS3, type LocalS3 } from '../s3/index.js';
import { openLabStorage, type LabStorage } from '../storage/index.js';
import { createFirehoseService, type LocalFirehose } from './index.js';

/**
 * The in-process door (what the IoT rules engine's firehose action calls) with fake timers: the
 * clock and the delivery timer move only when the test says so.
 */

let dir: string;
let storage: LabStorage;
let s3: LocalS3;
let firehose: LocalFirehose;

function open(): void {
  storage = openLabStorage(dir);
  s3 = openLocalS3(storage);
  firehose = createFirehoseService(storage, s3, { activationMs: 1000 });
}

async function call(operation: string, input: object): Promise<Record<string, unknown>> {
  const request: AwsRequest = {
    method: 'POST',
    rawPath: '/',
    path: '/',
    rawQuery: '',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `Firehose_20150804.${operation}` },
    hostname: '127.0.0.1',
    body: Buffer.from(JSON.stringify(input)),
    requestId: 'test',
    service: 'firehose',
    region: storage.identity.region,
    accountId: storage.identity.accountId,
    accessKeyId: storage.identity.accessKeyId,
  };
  const response = await firehose.endpoint.handle(request);
  return JSON.parse(String(response.body)) as Record<string, unknown>;
}

async function createStream(
  name: string,
  bucket: string,
  sizeInMBs: number,
  intervalInSeconds: number,
): Promise<void> {
  await call('CreateDeliveryStream', {
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: {
      RoleARN: 'arn:aws:iam::123456789012:role/LabRole',
      BucketARN: `arn:aws:s3:::${bucket}`,
      BufferingHints: { SizeInMBs: sizeInMBs, IntervalInSeconds: intervalInSeconds },
    },
  });
  vi.advanceTimersByTime(1000);
}

const record = (n: number, size = 600): Buffer =>
  Buffer.from(`{"n":${n},"pad":"`.padEnd(size - 3, 'x') + '"}\n');
const keys = (bucket: string): string[] =>
  (s3.ListObjectsV2({ Bucket: bucket }).Contents ?? []).map((o) => o.Key ?? '');
const body = (bucket: string, key: string): string =>
  s3.GetObject({ Bucket: bucket, Key: key }).Body.toString('utf8');
const status = (name: string) => firehose.bufferStatus().find((s) => s.streamName === name);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(Date.UTC(2026, 6, 13, 14, 5, 9));
  dir = mkdtempSync(path.join(tmpdir(), 'iotlab-firehose-'));
  open();
  s3.CreateBucket({ Bucket: 'lake' });
});

afterEach(async () => {
  await firehose.stop();
  storage.close();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('putRecords (in process)', () => {
  it('refuses a stream that is missing or still CREATING, and a record over 1,000 KiB', async () => {
    expect(() => firehose.putRecords('nope', [record(1)])).toThrow(
      expect.objectContaining({ code: 'ResourceNotFoundException' }),
    );
    await call('CreateDeliveryStream', {
      DeliveryStreamName: 'young',
      ExtendedS3DestinationConfiguration: {
        RoleARN: 'arn:aws:iam::1:role/r',
        BucketARN: 'arn:aws:s3:::lake',
      },
    });
    expect(() => firehose.putRecords('young', [record(1)])).toThrow(
      expect.objectContaining({ code: 'ResourceNotFoundException' }),
    );
    vi.advanceTimersByTime(1000);
    expect(() => firehose.putRecords('young', [record(1), Buffer.alloc(1_024_001)])).toThrow(
      expect.objectContaining({
        code: 'ValidationException',
        message: expect.stringContaining("at 'records.2.member.data'"),
      }),
    );
    expect(status('young')).toMatchObject({ records: 0, bytes: 0, secondsUntilFlush: null });
    firehose.putRecords('young', [record(1), Buffer.alloc(1_024_000)]);
    expect(status('young')).toMatchObject({
      records: 2,
      bytes: 600 + 1_024_000,
      secondsUntilFlush: 300,
      intervalSeconds: 300,
    });
  });

  it('delivers on the interval measured from the first record, one object, records in order', async () => {
    await createStream('timed', 'lake', 5, 60);
    firehose.putRecords('timed', [record(1), record(2)]);
    vi.advanceTimersByTime(30_000);
    firehose.putRecords('timed', [record(3)]);
    expect(status('timed')).toMatchObject({
      records: 3,
      bytes: 1800,
      oldestRecordAgeMs: 30_000,
      secondsUntilFlush: 30,
    });
    vi.advanceTimersByTime(29_999);
    expect(keys('lake')).toEqual([]);
    vi.advanceTimersByTime(1);
    const [key] = keys('lake');
    // The name's time is the first record's arrival (14:05:10), not the delivery's (14:06:10).
    expect(key).toMatch(/^2026\/07\/13\/14\/timed-1-2026-07-13-14-05-10-[0-9a-f-]{36}$/);
    expect(body('lake', key ?? '')).toBe([1, 2, 3].map((n) => record(n).toString()).join(''));
    expect(status('timed')).toMatchObject({
      records: 0,
      deliveredObjects: 1,
      deliveredRecords: 3,
      secondsUntilFlush: null,
    });
  });

  it('delivers a full buffer on the next tick, not inside the put, as objects no larger than the size hint', async () => {
    await createStream('sized', 'lake', 1, 900);
    const records = Array.from({ length: 2000 }, (_, i) => record(i));
    firehose.putRecords('sized', records);
    expect(keys('lake')).toEqual([]);
    vi.advanceTimersByTime(0);
    const [key, ...others] = keys('lake');
    expect(others).toEqual([]);
    const perObject = Math.floor((1024 * 1024) / 600);
    expect(body('lake', key ?? '')).toBe(records.slice(0, perObject).join(''));
    expect(status('sized')).toMatchObject({ records: 2000 - perObject, bytes: (2000 - perObject) * 600 });
    firehose.flushAll();
    expect(keys('lake')).toHaveLength(2);
    expect(status('sized')).toMatchObject({ records: 0, deliveredRecords: 2000 });
  });

  it('keeps the rest of a put that an object took only part of, across a crash, each record once', async () => {
    await createStream('split', 'lake', 1, 900);
    const records = Array.from({ length: 4000 }, (_, i) => record(i));
    firehose.putRecords('split', records.slice(0, 1000));
    firehose.putRecords('split', records.slice(1000));
    vi.advanceTimersByTime(0);
    expect(keys('lake')).toHaveLength(2);
    // A crash after those deliveries: what is left is the tail of the second put.
    vi.clearAllTimers();
    storage.close();
    open();
    const perObject = Math.floor((1024 * 1024) / 600);
    expect(status('split')).toMatchObject({
      records: 4000 - 2 * perObject,
      bytes: (4000 - 2 * perObject) * 600,
    });
    firehose.flushAll();
    // Object names end with a random id: compare sizes and records whatever the listing order.
    const objects = keys('lake').map((key) => body('lake', key));
    expect(objects.map((text) => text.length).sort()).toEqual(
      [perObject * 600, perObject * 600, (4000 - 2 * perObject) * 600].sort(),
    );
    const delivered = objects.flatMap((text) => text.split('\n').filter(Boolean));
    expect(delivered.sort()).toEqual(records.map((r) => r.toString().trimEnd()).sort());
  });

  it('keeps records when S3 refuses them, shows the error, and retries with backoff', async () => {
    await createStream('lost', 'missing-bucket', 1, 0);
    firehose.putRecords('lost', [record(1)]);
    vi.advanceTimersByTime(0);
    expect(status('lost')).toMatchObject({
      records: 1,
      secondsUntilFlush: 1,
      lastDeliveryError: { code: 'NoSuchBucket', attempts: 1 },
    });
    vi.advanceTimersByTime(1000);
    expect(status('lost')?.lastDeliveryError).toMatchObject({ attempts: 2 });
    s3.CreateBucket({ Bucket: 'missing-bucket' });
    vi.advanceTimersByTime(2000);
    expect(keys('missing-bucket')).toHaveLength(1);
    expect(status('lost')).toMatchObject({ records: 0, deliveredObjects: 1 });
    expect(status('lost')?.lastDeliveryError).toBeUndefined();
  });

  it('after a crash, delivers what was left on the next start, from the original arrival time', async () => {
    await createStream('durable', 'lake', 5, 60);
    firehose.putRecords('durable', [record(1), record(2)]);
    // A crash: the process dies without stop() (its timers with it); only what SQLite holds survives.
    const crashedAt = Date.now();
    vi.clearAllTimers();
    storage.close();
    vi.setSystemTime(crashedAt + 10_000);
    open();
    expect(status('durable')).toMatchObject({ records: 2, oldestRecordAgeMs: 10_000, secondsUntilFlush: 50 });
    vi.advanceTimersByTime(50_000);
    expect(keys('lake')).toHaveLength(1);
    expect(keys('lake')[0]).toMatch(/^2026\/07\/13\/14\/durable-1-2026-07-13-14-05-10-/);
  });

  it('stop() delivers every buffer once; the next start finds nothing left', async () => {
    await createStream('clean', 'lake', 128, 900);
    for (let i = 0; i < 10; i++) firehose.putRecords('clean', [record(i)]);
    await firehose.stop();
    expect(() => firehose.putRecords('clean', [record(11)])).toThrow(
      expect.objectContaining({ code: 'ServiceUnavailableException' }),
    );
    storage.close();
    open();
    expect(status('clean')).toMatchObject({ records: 0 });
    expect(keys('lake')).toHaveLength(1);
    expect(
      body('lake', keys('lake')[0] ?? '')
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(10);
  });

  it('takes tens of thousands of 600-byte records per second', async () => {
    await createStream('fast', 'lake', 128, 900);
    const records = Array.from({ length: 500 }, (_, i) => record(i));
    const batches = 200;
    let started = performance.now();
    for (let i = 0; i < batches; i++) firehose.putRecords('fast', records);
    const batched = (batches * 500) / ((performance.now() - started) / 1000);
    const single = 20_000;
    started = performance.now();
    for (let i = 0; i < single; i++) firehose.putRecords('fast', [records[i % 500] ?? record(i)]);
    const oneByOne = single / ((performance.now() - started) / 1000);
    console.log(
      `firehose putRecords, 600-byte records: ${Math.round(batched)}/s in batches of 500, ${Math.round(oneByOne)}/s one per call`,
    );
    expect(batched).toBeGreaterThan(20_000);
    expect(status('fast')).toMatchObject({ records: batches * 500 + single });
  });
});
