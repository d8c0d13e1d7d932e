import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import {
  HOUR_PREFIX,
  ROLE_ARN,
  createActiveStream,
  createBucket,
  environment,
  firehoseClient,
  keyPattern,
  objectBody,
  run,
  s3Client,
  waitForObjects,
} from './firehose-helpers.js';

/** Firehose from the lab's other tools: boto3 (the lab's Python scripts) and the AWS CLI. */

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let firehose: FirehoseClient;
let s3: S3Client;
beforeAll(async () => {
  cloud = await startTestCloud();
  firehose = firehoseClient(cloud.endpoints);
  s3 = s3Client(cloud.endpoints);
  await createBucket(s3, 'streams-lake');
});
afterAll(async () => {
  firehose.destroy();
  s3.destroy();
  await cloud.dispose();
});

const arnOf = (name: string) =>
  `arn:aws:firehose:${cloud.endpoints.region}:${cloud.endpoints.accountId}:deliverystream/${name}`;

const boto3 = outsideTool('boto3');
describe.skipIf(!boto3.available)('Firehose through boto3', () => {
  it('creates, waits for ACTIVE, puts a batch and reads it back in S3', async () => {
    const script = `
import json, time, boto3
from botocore.config import Config
firehose = boto3.client('firehose', endpoint_url=${JSON.stringify(cloud.endpoints.endpoint)})
s3 = boto3.client('s3', endpoint_url=${JSON.stringify(cloud.endpoints.endpoint)}, config=Config(s3={'addressing_style': 'path'}))
out = {}
out['arn'] = firehose.create_delivery_stream(DeliveryStreamName='py-stream', DeliveryStreamType='DirectPut',
    ExtendedS3DestinationConfiguration={'RoleARN': '${ROLE_ARN}', 'BucketARN': 'arn:aws:s3:::streams-lake', 'Prefix': 'py/',
        'BufferingHints': {'SizeInMBs': 1, 'IntervalInSeconds': 0}})['DeliveryStreamARN']
statuses = []
while True:
    status = firehose.describe_delivery_stream(DeliveryStreamName='py-stream')['DeliveryStreamDescription']['DeliveryStreamStatus']
    statuses.append(status)
    if status == 'ACTIVE': break
    time.sleep(0.1)
out['statuses'] = sorted(set(statuses))
batch = firehose.put_record_batch(DeliveryStreamName='py-stream', Records=[{'Data': json.dumps({'seq': i}) + '\\n'} for i in range(3)])
out['failed'] = batch['FailedPutCount']
out['ids'] = len([r for r in batch['RequestResponses'] if r.get('RecordId')])
out['single'] = 'RecordId' in firehose.put_record(DeliveryStreamName='py-stream', Record={'Data': b'{"seq": 3}\\n'})
keys = []
while len(keys) < 1:
    keys = [o['Key'] for o in s3.list_objects_v2(Bucket='streams-lake', Prefix='py/').get('Contents', [])]
    time.sleep(0.05)
out['keys'] = keys
out['names'] = firehose.list_delivery_streams(Limit=100)['DeliveryStreamNames']
try:
    firehose.describe_delivery_stream(DeliveryStreamName='nope')
except firehose.exceptions.ResourceNotFoundException as e:
    out['missing'] = e.response['Error']['Code']
print(json.dumps(out))
`;
    const { stdout } = await run(boto3.command, ['-c', script], {
      env: environment(cloud.endpoints),
      timeout: 60_000,
    });
    const out = JSON.parse(stdout) as {
      arn: string;
      statuses: string[];
      failed: number;
      ids: number;
      single: boolean;
      keys: string[];
      names: string[];
      missing: string;
    };
    expect(out).toMatchObject({
      arn: arnOf('py-stream'),
      statuses: ['ACTIVE', 'CREATING'],
      failed: 0,
      ids: 3,
      single: true,
      missing: 'ResourceNotFoundException',
    });
    expect(out.names).toContain('py-stream');
    expect(out.keys[0]).toMatch(keyPattern(`py/${HOUR_PREFIX}`, 'py-stream', 1));
  });
});

const aws = outsideTool('aws');
describe.skipIf(!aws.available)('Firehose through the AWS CLI', () => {
  it('lists and describes streams and puts a record', async () => {
    await createActiveStream(firehose, 'cli-stream', 'streams-lake', {
      Prefix: 'cli/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    });
    const cli = async (...args: string[]) =>
      JSON.parse(
        (
          await run(
            aws.command,
            ['--endpoint-url', cloud.endpoints.endpoint, '--output', 'json', 'firehose', ...args],
            { env: environment(cloud.endpoints) },
          )
        ).stdout,
      ) as Record<string, unknown>;
    expect((await cli('list-delivery-streams', '--limit', '100')).DeliveryStreamNames).toContain(
      'cli-stream',
    );
    const described = await cli('describe-delivery-stream', '--delivery-stream-name', 'cli-stream');
    expect(described).toMatchObject({
      DeliveryStreamDescription: { DeliveryStreamStatus: 'ACTIVE', VersionId: '1' },
    });
    // CLI v2 reads blobs as base64 unless told otherwise (AWS: cliv2-migration, binary parameters); v1 takes raw text.
    const { stdout: version } = await run(aws.command, ['--version']);
    const rawBlobs = version.startsWith('aws-cli/2') ? ['--cli-binary-format', 'raw-in-base64-out'] : [];
    const put = await cli(
      'put-record',
      '--delivery-stream-name',
      'cli-stream',
      '--record',
      JSON.stringify({ Data: '{"seq":7}' }),
      ...rawBlobs,
    );
    expect(put).toMatchObject({ RecordId: expect.any(String), Encrypted: false });
    const [key] = await waitForObjects(s3, 'streams-lake', 1, 'cli/');
    expect(String(await objectBody(s3, 'streams-lake', key ?? ''))).toBe('{"seq":7}');
  });
});
