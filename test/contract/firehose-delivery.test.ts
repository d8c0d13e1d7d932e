import type { FirehoseClient } from '@aws-sdk/client-firehose';
import {
  InvalidArgumentException,
  PutRecordBatchCommand,
  PutRecordCommand,
  UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_INJECTION_SETTING } from '../../electron/cloud/firehose/index.js';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import {
  HOUR_PREFIX,
  createActiveStream,
  createBucket,
  failure,
  firehoseClient,
  keyPattern,
  labRecord,
  listKeys,
  objectBody,
  s3Client,
  sequences,
  waitForObjects,
} from './firehose-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let firehose: FirehoseClient;
let s3: S3Client;
beforeAll(async () => {
  cloud = await startTestCloud();
  firehose = firehoseClient(cloud.endpoints);
  s3 = s3Client(cloud.endpoints);
  await createBucket(s3, 'lake');
});
afterAll(async () => {
  firehose.destroy();
  s3.destroy();
  await cloud.dispose();
});

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
async function putBatches(stream: string, seqs: number[], size = 600): Promise<void> {
  for (let i = 0; i < seqs.length; i += 500) {
    const Records = seqs.slice(i, i + 500).map((n) => ({ Data: labRecord(n, size) }));
    const { FailedPutCount } = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: stream, Records }),
    );
    expect(FailedPutCount).toBe(0);
  }
}

describe('Firehose delivery to S3 through the SDK', () => {
  it('delivers a full 1 MiB buffer as one object: the records concatenated in order, AWS key format', async () => {
    await createActiveStream(firehose, 'sized', 'lake', {
      Prefix: 'sized/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 },
    });
    await putBatches('sized', range(0, 2000));
    const [key, ...others] = await waitForObjects(s3, 'lake', 1, 'sized/');
    expect(others).toEqual([]);
    // No Prefix expression: the UTC hour is appended to the literal prefix; no extension when UNCOMPRESSED.
    expect(key).toMatch(keyPattern(`sized/${HOUR_PREFIX}`, 'sized', 1));
    const body = await objectBody(s3, 'lake', key ?? '');
    const fits = Math.floor((1024 * 1024) / 600);
    expect(body.equals(Buffer.concat(range(0, fits).map((n) => labRecord(n))))).toBe(true);
  });

  it('with the minimum interval (0 s: no buffering), delivers a record right away', async () => {
    await createBucket(s3, 'zero-lake');
    await createActiveStream(firehose, 'zero', 'zero-lake', {
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 0 },
    });
    await firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'zero', Record: { Data: labRecord(42) } }),
    );
    const [key] = await waitForObjects(s3, 'zero-lake', 1);
    // No Prefix at all: AWS's default `yyyy/MM/dd/HH/` in UTC; the name's time is in that hour.
    expect(key).toMatch(keyPattern(HOUR_PREFIX, 'zero', 1));
    const [, yyyy, mm, dd, hh] = /^(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\//.exec(key ?? '') ?? [];
    expect(key).toContain(`zero-1-${yyyy}-${mm}-${dd}-${hh}-`);
    expect(
      Math.abs(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh)) - Date.now()),
    ).toBeLessThan(2 * 3600_000);
    expect(sequences(await objectBody(s3, 'zero-lake', key ?? ''))).toEqual([42]);
  });

  it('delivers on the interval counted from the first record: separate puts, one object', async () => {
    await createActiveStream(firehose, 'timed', 'lake', {
      Prefix: 'timed/',
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 1 },
    });
    const first = Date.now();
    for (const n of [1, 2, 3])
      await firehose.send(
        new PutRecordCommand({ DeliveryStreamName: 'timed', Record: { Data: labRecord(n) } }),
      );
    const keys = await waitForObjects(s3, 'lake', 1, 'timed/');
    expect(Date.now() - first).toBeGreaterThanOrEqual(900);
    expect(keys).toHaveLength(1);
    expect(sequences(await objectBody(s3, 'lake', keys[0] ?? ''))).toEqual([1, 2, 3]);
  });

  it('compresses with GZIP and names the object .gz', async () => {
    await createActiveStream(firehose, 'zipped', 'lake', {
      Prefix: 'gz/',
      CompressionFormat: 'GZIP',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    });
    await putBatches('zipped', range(0, 100));
    const [key] = await waitForObjects(s3, 'lake', 1, 'gz/');
    expect(key).toMatch(keyPattern(`gz/${HOUR_PREFIX}`, 'zipped', 1, '.gz'));
    expect(
      gunzipSync(await objectBody(s3, 'lake', key ?? '')).equals(
        Buffer.concat(range(0, 100).map((n) => labRecord(n))),
      ),
    ).toBe(true);
  });

  it('evaluates prefix expressions, and shows a configuration change as the next version in the key', async () => {
    await createActiveStream(firehose, 'versioned', 'lake', {
      Prefix: "v/year=!{timestamp:yyyy}/!{timestamp:'hour='HH}/",
      ErrorOutputPrefix: 'v-errors/!{firehose:error-output-type}/',
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
    });
    await putBatches('versioned', [1, 2]);
    await firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'versioned',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: { BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 0 } },
      }),
    );
    // What was buffered goes out under the configuration (and version) it was sent with.
    const [before] = await waitForObjects(s3, 'lake', 1, 'v/');
    expect(before).toMatch(keyPattern('v/year=\\d{4}/hour=\\d{2}/', 'versioned', 1));
    expect(sequences(await objectBody(s3, 'lake', before ?? ''))).toEqual([1, 2]);
    await putBatches('versioned', [3]);
    const after = (await waitForObjects(s3, 'lake', 2, 'v/')).find((key) => key !== before);
    expect(after).toMatch(keyPattern('v/year=\\d{4}/hour=\\d{2}/', 'versioned', 2));
    expect(sequences(await objectBody(s3, 'lake', after ?? ''))).toEqual([3]);
  });

  it('PutRecordBatch reports per-record failures (fault injection) and delivers only the accepted records', async () => {
    await createActiveStream(firehose, 'flaky', 'lake', {
      Prefix: 'flaky/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    });
    cloud.storage.setSetting(
      FAULT_INJECTION_SETTING,
      JSON.stringify({ deliveryStreamName: 'flaky', everyNth: 3 }),
    );
    try {
      const result = await firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: 'flaky',
          Records: range(0, 10).map((n) => ({ Data: labRecord(n) })),
        }),
      );
      expect(result.FailedPutCount).toBe(3);
      expect(result.RequestResponses).toHaveLength(10);
      const failed = (result.RequestResponses ?? []).flatMap((entry, i) => (entry.ErrorCode ? [i] : []));
      expect(failed).toEqual([2, 5, 8]);
      expect(result.RequestResponses?.[2]).toEqual({
        ErrorCode: 'ServiceUnavailableException',
        ErrorMessage: 'Slow down.',
      });
      expect(result.RequestResponses?.[0]?.RecordId).toEqual(expect.any(String));
    } finally {
      cloud.storage.setSetting(FAULT_INJECTION_SETTING, '');
    }
    const [key] = await waitForObjects(s3, 'lake', 1, 'flaky/');
    expect(sequences(await objectBody(s3, 'lake', key ?? ''))).toEqual([0, 1, 3, 4, 6, 7, 9]);
  });

  it('enforces the record (1,000 KiB) and batch (500 records, 4 MiB) limits', async () => {
    await createActiveStream(firehose, 'limits', 'lake', {
      Prefix: 'limits/',
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 },
    });
    const tooBig = await failure(
      firehose.send(
        new PutRecordCommand({ DeliveryStreamName: 'limits', Record: { Data: Buffer.alloc(1_024_001) } }),
      ),
    );
    expect({ name: tooBig.name, status: tooBig.$metadata?.httpStatusCode }).toEqual({
      name: 'ValidationException',
      status: 400,
    });
    expect(tooBig.message).toBe(
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000",
    );
    await firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'limits', Record: { Data: Buffer.alloc(1_024_000) } }),
    );
    const tooMany = await failure(
      firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: 'limits',
          Records: range(0, 501).map(() => ({ Data: Buffer.from('x') })),
        }),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    const tooLarge = await failure(
      firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: 'limits',
          Records: range(0, 5).map(() => ({ Data: Buffer.alloc(1_000_000) })),
        }),
      ),
    );
    expect(tooLarge).toBeInstanceOf(InvalidArgumentException);
    expect(tooLarge.message).toBe('Records size exceeds 4 MB limit');
  });
});

describe('a clean stop', () => {
  it('delivers every acknowledged record exactly once, even across restarts of the same lab folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-firehose-stop-'));
    try {
      const first = await createLocalCloud({ dir, mqttPort: 0 });
      const client = firehoseClient(first.endpoints);
      await createBucket(s3Client(first.endpoints), 'stop-lake');
      for (const name of ['stop-a', 'stop-b']) {
        await createActiveStream(client, name, 'stop-lake', {
          Prefix: `${name}/`,
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 },
        });
      }
      let acknowledged = 0;
      for (const [name, count] of [
        ['stop-a', 2500],
        ['stop-b', 700],
      ] as const) {
        for (let i = 0; i < count; i += 250) {
          const Records = range(i, Math.min(count, i + 250)).map((n) => ({ Data: labRecord(n) }));
          const { FailedPutCount } = await client.send(
            new PutRecordBatchCommand({ DeliveryStreamName: name, Records }),
          );
          acknowledged += Records.length - (FailedPutCount ?? 0);
        }
      }
      client.destroy();
      await first.stop();

      const second = await createLocalCloud({ dir, mqttPort: 0 });
      const reader = s3Client(second.endpoints);
      try {
        let delivered = 0;
        for (const [name, count] of [
          ['stop-a', 2500],
          ['stop-b', 700],
        ] as const) {
          const seqs: number[] = [];
          for (const key of await listKeys(reader, 'stop-lake', `${name}/`))
            seqs.push(...sequences(await objectBody(reader, 'stop-lake', key)));
          // Each record exactly once: none lost, none twice.
          expect(seqs.sort((a, b) => a - b)).toEqual(range(0, count));
          delivered += seqs.length;
        }
        expect(delivered).toBe(acknowledged);
      } finally {
        reader.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
