import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  type ExtendedS3DestinationConfiguration,
  type FirehoseClientConfig,
} from '@aws-sdk/client-firehose';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LabEndpoints } from '../../electron/cloud/index.js';

/** Shared by the Firehose contract tests: SDK clients, streams that are ACTIVE, what landed in S3. */

export const run = promisify(execFile);

const config = (endpoints: LabEndpoints) => ({
  endpoint: endpoints.endpoint,
  region: endpoints.region,
  credentials: endpoints.credentials,
});

export function firehoseClient(
  endpoints: LabEndpoints,
  extra: Partial<FirehoseClientConfig> = {},
): FirehoseClient {
  return new FirehoseClient({ ...config(endpoints), ...extra });
}

export function s3Client(endpoints: LabEndpoints): S3Client {
  return new S3Client({ ...config(endpoints), forcePathStyle: true });
}

export function environment(endpoints: LabEndpoints): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: endpoints.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
}

/** Polls until `probe` returns a value: tests wait on conditions, never on sleeps. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The error a call failed with. */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail');
}

export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/LabRole';

/** Creates a DirectPut stream to `bucket` and waits until it is ACTIVE. */
export async function createActiveStream(
  firehose: FirehoseClient,
  name: string,
  bucket: string,
  destination: Partial<ExtendedS3DestinationConfiguration> = {},
): Promise<void> {
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: `arn:aws:s3:::${bucket}`,
        ...destination,
      },
    }),
  );
  await waitFor(async () => {
    const { DeliveryStreamDescription } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
    );
    return DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE' ? true : undefined;
  }, `${name} to be ACTIVE`);
}

export async function listKeys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

export async function objectBody(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await Body?.transformToByteArray()) ?? new Uint8Array());
}

/** Waits until the keys under `prefix` number at least `count`, and returns them. */
export async function waitForObjects(
  s3: S3Client,
  bucket: string,
  count: number,
  prefix = '',
): Promise<string[]> {
  return waitFor(async () => {
    const keys = await listKeys(s3, bucket, prefix);
    return keys.length >= count ? keys : undefined;
  }, `${count} object(s) in s3://${bucket}/${prefix}`);
}

/** AWS key format: `<prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`. */
export function keyPattern(prefix: string, stream: string, version: number, extension = ''): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${prefix}${escape(stream)}-${version}-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${escape(extension)}$`,
  );
}

/** The UTC hour prefix AWS uses by default, as a regex source. */
export const HOUR_PREFIX = '\\d{4}/\\d{2}/\\d{2}/\\d{2}/';

/** A lab-like JSON record of ~`size` bytes ending in a newline (Firehose adds no separator). */
export function labRecord(n: number, size = 600): Buffer {
  const head = `{"seq":${n},"weather_station":"030910-99999","pad":"`;
  return Buffer.from(`${head.padEnd(size - 3, 'x')}"}\n`);
}

/** The `seq` of every record in a body made of labRecord()s. */
export function sequences(body: Buffer | string): number[] {
  return String(body)
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { seq: number }).seq);
}
