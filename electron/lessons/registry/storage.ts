import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  type DeliveryStreamDescription,
} from '@aws-sdk/client-firehose';
import { GetObjectCommand, ListObjectsV2Command, type _Object } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { errorName, fail, pass, waitForCheck, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';
import { bucketExists, bucketName } from './setup.js';

/** Lessons 03–04: objects in the datalake, and the Firehose delivery stream that batches them. */

const streamName = z.string().regex(/^[a-zA-Z0-9_.-]{1,64}$/);
const waitSeconds = z.number().int().min(0).max(300);

async function listKeys(
  context: StepContext,
  bucket: string,
  prefix: string,
  maxPages = 5,
): Promise<_Object[]> {
  const objects: _Object[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await context.clients
      .s3()
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    objects.push(...(answer.Contents ?? []));
    token = answer.NextContinuationToken;
    if (!token) break;
  }
  return objects;
}

export const objectsUnderPrefix = defineCheck({
  name: 'objects-under-prefix',
  summary: 'The bucket holds at least one object under `prefix`, waiting up to `waitSeconds` for it.',
  params: z.object({ bucket: bucketName, prefix: z.string(), waitSeconds }),
  async run(context, params) {
    if (!(await bucketExists(context, params.bucket)))
      return fail('bucket-missing', { bucket: params.bucket });
    return waitForCheck(context, params.waitSeconds, async () => {
      const answer = await context.clients
        .s3()
        .send(new ListObjectsV2Command({ Bucket: params.bucket, Prefix: params.prefix, MaxKeys: 1 }));
      return (answer.KeyCount ?? 0) > 0
        ? pass()
        : fail('no-objects', { bucket: params.bucket, prefix: params.prefix });
    });
  },
});

async function describeStream(
  context: StepContext,
  name: string,
): Promise<DeliveryStreamDescription | undefined> {
  try {
    const answer = await context.clients
      .firehose()
      .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    return answer.DeliveryStreamDescription;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

const bucketOfArn = (arn: string | undefined): string => arn?.replace(/^arn:aws[a-z-]*:s3:::/, '') ?? '—';

export const deliveryStreamCheck = defineCheck({
  name: 'delivery-stream',
  summary:
    'The delivery stream `streamName` is ACTIVE, delivers to `bucket`, and flushes at least every `bufferIntervalSeconds`.',
  params: z.object({
    streamName,
    bucket: bucketName,
    bufferIntervalSeconds: z.number().int().min(0).max(900),
  }),
  async run(context, params) {
    const stream = await describeStream(context, params.streamName);
    if (!stream) return fail('stream-missing', { stream: params.streamName });
    const destination = stream.Destinations?.[0];
    const s3 = destination?.ExtendedS3DestinationDescription ?? destination?.S3DestinationDescription;
    const bucket = bucketOfArn(s3?.BucketARN);
    if (bucket !== params.bucket)
      return fail('stream-wrong-bucket', { stream: params.streamName, bucket, expected: params.bucket });
    const interval = s3?.BufferingHints?.IntervalInSeconds ?? 300;
    if (interval > params.bufferIntervalSeconds)
      return fail('stream-buffer-interval', {
        stream: params.streamName,
        seconds: interval,
        expected: params.bufferIntervalSeconds,
      });
    if (stream.DeliveryStreamStatus !== 'ACTIVE')
      return fail('stream-not-active', {
        stream: params.streamName,
        status: stream.DeliveryStreamStatus ?? '—',
      });
    return pass();
  },
});

export const createDeliveryStream = defineAutomation({
  name: 'create-delivery-stream',
  summary:
    'Creates the Direct PUT delivery stream `streamName` to `bucket` (role LabRole, buffer `bufferSizeMiB` MiB / `bufferIntervalSeconds` s, uncompressed) and waits until it is ACTIVE.',
  params: z.object({
    streamName,
    bucket: bucketName,
    bufferSizeMiB: z.number().int().min(1).max(128),
    bufferIntervalSeconds: z.number().int().min(0).max(900),
  }),
  async run(context, params) {
    const resource = { kind: 'delivery-stream' as const, name: params.streamName };
    if (await describeStream(context, params.streamName)) {
      const configured = await deliveryStreamCheck.run(context, params);
      if (!configured.ok && configured.hint.key !== 'stream-not-active')
        throw new Error(
          `The delivery stream ${params.streamName} exists but is set differently (${configured.hint.key}: ${JSON.stringify(configured.hint.values)}). Edit it in the Firehose console, or delete it and press "Do it for me" again.`,
        );
      context.reused(resource);
    } else {
      if (!(await bucketExists(context, params.bucket)))
        throw new Error(`The bucket ${params.bucket} does not exist: create it first (lesson 00).`);
      context.progress('create', resource);
      await context.clients.firehose().send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: params.streamName,
          DeliveryStreamType: 'DirectPut',
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${context.accountId}:role/LabRole`,
            BucketARN: `arn:aws:s3:::${params.bucket}`,
            BufferingHints: {
              SizeInMBs: params.bufferSizeMiB,
              IntervalInSeconds: params.bufferIntervalSeconds,
            },
            CompressionFormat: 'UNCOMPRESSED',
          },
        }),
      );
      context.created(resource);
    }
    context.progress('wait', resource);
    const deadline = context.now() + 120_000;
    for (;;) {
      const status = (await describeStream(context, params.streamName))?.DeliveryStreamStatus;
      if (status === 'ACTIVE') return;
      if (status !== 'CREATING' || context.now() > deadline)
        throw new Error(`The delivery stream ${params.streamName} is ${status ?? 'gone'}, not ACTIVE.`);
      await context.sleep(1000);
    }
  },
});

/** Firehose's default keys: `YYYY/MM/DD/HH/<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>`. */
function isDeliveredKey(key: string, stream: string): boolean {
  const match = /^\d{4}\/\d{2}\/\d{2}\/\d{2}\/(.+)-\d+-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-/.exec(key);
  return match?.[1] === stream;
}

async function readText(context: StepContext, bucket: string, key: string): Promise<string> {
  const answer = await context.clients
    .s3()
    .send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-262143' }));
  const bytes = await answer.Body?.transformToByteArray();
  if (!bytes) return '';
  const buffer = Buffer.from(bytes);
  // A gzip-compressed delivery (CompressionFormat GZIP), read whole.
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) {
    const whole = await context.clients.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return gunzipSync(Buffer.from((await whole.Body?.transformToByteArray()) ?? [])).toString('utf8');
  }
  return buffer.toString('utf8');
}

export const firehoseDelivered = defineCheck({
  name: 'firehose-delivered',
  summary:
    'The stream has delivered at least one object under YYYY/MM/DD/HH/ in `bucket` (waiting up to `waitSeconds`), holding one JSON record per line.',
  params: z.object({ bucket: bucketName, streamName, waitSeconds }),
  async run(context, params) {
    if (!(await bucketExists(context, params.bucket)))
      return fail('bucket-missing', { bucket: params.bucket });
    // LastModified has one-second precision: every object of the newest second is read.
    let newest: _Object[] = [];
    const result = await waitForCheck(
      context,
      params.waitSeconds,
      async () => {
        const year = new Date(context.now()).getUTCFullYear();
        const objects = [
          ...(await listKeys(context, params.bucket, `${year}/`)),
          ...(await listKeys(context, params.bucket, `${year - 1}/`)),
        ].filter((object) => isDeliveredKey(object.Key ?? '', params.streamName));
        const latest = Math.max(...objects.map((object) => object.LastModified?.getTime() ?? 0));
        newest = objects.filter((object) => (object.LastModified?.getTime() ?? 0) === latest).slice(0, 5);
        return newest.length > 0
          ? pass()
          : fail('no-delivered-objects', { bucket: params.bucket, stream: params.streamName });
      },
      2000,
    );
    if (!result.ok) return result;
    for (const { Key: key = '' } of newest) {
      const text = await readText(context, params.bucket, key);
      if (text.split('\n').some((line) => /\}\s*\{/.test(line))) return fail('records-glued', { key });
      if (/\n\s*\n/.test(text.trimEnd())) return fail('records-blank-lines', { key });
    }
    return pass();
  },
});
