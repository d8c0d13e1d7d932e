import type { FirehoseClient } from '@aws-sdk/client-firehose';
import {
  ConcurrentModificationException,
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  InvalidArgumentException,
  ListDeliveryStreamsCommand,
  PutRecordCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateDestinationCommand,
  type CreateDeliveryStreamInput,
} from '@aws-sdk/client-firehose';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import {
  ROLE_ARN,
  createActiveStream,
  createBucket,
  failure,
  firehoseClient,
  labRecord,
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
  await createBucket(s3, 'streams-lake');
});
afterAll(async () => {
  firehose.destroy();
  s3.destroy();
  await cloud.dispose();
});

const arnOf = (name: string) =>
  `arn:aws:firehose:${cloud.endpoints.region}:${cloud.endpoints.accountId}:deliverystream/${name}`;
const s3Destination = (extra: object = {}) => ({
  RoleARN: ROLE_ARN,
  BucketARN: 'arn:aws:s3:::streams-lake',
  ...extra,
});
const create = (input: Partial<CreateDeliveryStreamInput>) =>
  firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'x', ...input }));

describe('Firehose delivery streams through the SDK', () => {
  it('creates a DirectPut stream CREATING, then ACTIVE, described with AWS defaults', async () => {
    const { DeliveryStreamARN } = await create({
      DeliveryStreamName: 'lifecycle',
      ExtendedS3DestinationConfiguration: s3Destination(),
    });
    expect(DeliveryStreamARN).toBe(arnOf('lifecycle'));
    const first = (
      await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'lifecycle' }))
    ).DeliveryStreamDescription;
    expect(first?.DeliveryStreamStatus).toBe('CREATING');
    // AWS: putting to a stream that is still CREATING fails as if it did not exist.
    expect(
      await failure(
        firehose.send(
          new PutRecordCommand({ DeliveryStreamName: 'lifecycle', Record: { Data: labRecord(1) } }),
        ),
      ),
    ).toBeInstanceOf(ResourceNotFoundException);
    await createActiveStream(firehose, 'lifecycle-2', 'streams-lake');
    const { DeliveryStreamDescription: described } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'lifecycle-2' }),
    );
    expect(described).toMatchObject({
      DeliveryStreamName: 'lifecycle-2',
      DeliveryStreamARN: arnOf('lifecycle-2'),
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'DirectPut',
      VersionId: '1',
      HasMoreDestinations: false,
      DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
      Destinations: [
        {
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationDescription: {
            RoleARN: ROLE_ARN,
            BucketARN: 'arn:aws:s3:::streams-lake',
            BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
            CompressionFormat: 'UNCOMPRESSED',
            EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
            CloudWatchLoggingOptions: { Enabled: false },
            S3BackupMode: 'Disabled',
          },
          S3DestinationDescription: {
            BucketARN: 'arn:aws:s3:::streams-lake',
            BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
          },
        },
      ],
    });
    expect(described?.CreateTimestamp).toBeInstanceOf(Date);
    expect(Math.abs((described?.CreateTimestamp?.getTime() ?? 0) - Date.now())).toBeLessThan(30_000);
    const paged = await firehose.send(
      new DescribeDeliveryStreamCommand({
        DeliveryStreamName: 'lifecycle-2',
        ExclusiveStartDestinationId: 'destinationId-000000000001',
      }),
    );
    expect(paged.DeliveryStreamDescription?.Destinations).toEqual([]);
  });

  it('accepts the legacy S3DestinationConfiguration', async () => {
    await create({
      DeliveryStreamName: 'legacy',
      S3DestinationConfiguration: s3Destination({ CompressionFormat: 'GZIP', Prefix: 'old/' }),
    });
    const { DeliveryStreamDescription } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'legacy' }),
    );
    expect(DeliveryStreamDescription?.Destinations?.[0]?.S3DestinationDescription).toMatchObject({
      Prefix: 'old/',
      CompressionFormat: 'GZIP',
    });
  });

  it('refuses duplicates, unknown streams and invalid configurations as AWS words them', async () => {
    await create({ DeliveryStreamName: 'taken', ExtendedS3DestinationConfiguration: s3Destination() });
    const duplicate = await failure(
      create({ DeliveryStreamName: 'taken', ExtendedS3DestinationConfiguration: s3Destination() }),
    );
    expect(duplicate).toBeInstanceOf(ResourceInUseException);
    expect(duplicate.message).toBe(
      `Firehose taken under accountId ${cloud.endpoints.accountId} already exists`,
    );
    const missing = await failure(
      firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'nope' })),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe(`Firehose nope under account ${cloud.endpoints.accountId} not found.`);

    const cases: [Partial<CreateDeliveryStreamInput>, string, RegExp][] = [
      [
        { DeliveryStreamName: 'bad name!', ExtendedS3DestinationConfiguration: s3Destination() },
        'ValidationException',
        /at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z0-9_.-\]\+/,
      ],
      [
        { DeliveryStreamName: 'x'.repeat(65), ExtendedS3DestinationConfiguration: s3Destination() },
        'ValidationException',
        /Member must have length less than or equal to 64/,
      ],
      [
        {
          ExtendedS3DestinationConfiguration: s3Destination({
            BufferingHints: { SizeInMBs: 129, IntervalInSeconds: 60 },
          }),
        },
        'ValidationException',
        /Value '129' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 128/,
      ],
      [
        {
          ExtendedS3DestinationConfiguration: s3Destination({
            BufferingHints: { SizeInMBs: 0, IntervalInSeconds: 901 },
          }),
        },
        'ValidationException',
        /^2 validation errors detected: .*greater than or equal to 1; .*less than or equal to 900$/,
      ],
      [
        { ExtendedS3DestinationConfiguration: s3Destination({ BufferingHints: { SizeInMBs: 1 } }) },
        'InvalidArgumentException',
        /SizeInMBs and IntervalInSeconds/,
      ],
      [
        { ExtendedS3DestinationConfiguration: s3Destination(), S3DestinationConfiguration: s3Destination() },
        'InvalidArgumentException',
        /Exactly one destination configuration/,
      ],
      [{}, 'InvalidArgumentException', /Exactly one destination configuration/],
      [
        { ExtendedS3DestinationConfiguration: s3Destination({ Prefix: 'd=!{timestamp:yyyy-MM-dd}/' }) },
        'InvalidArgumentException',
        /ErrorOutputPrefix cannot be null when Prefix contains expressions/,
      ],
      [
        { ExtendedS3DestinationConfiguration: s3Destination({ CompressionFormat: 'ZIP' }) },
        'InvalidArgumentException',
        /ZIP is not supported by the local cloud/,
      ],
      [
        { ExtendedS3DestinationConfiguration: s3Destination({ BucketARN: 'arn:aws:s3:::' }) },
        'InvalidArgumentException',
        /not a valid S3 bucket ARN/,
      ],
      [
        { ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: undefined } },
        'ValidationException',
        /Value null at 'extendedS3DestinationConfiguration.bucketARN' failed to satisfy constraint: Member must not be null/,
      ],
      [
        { DeliveryStreamType: 'KinesisStreamAsSource', ExtendedS3DestinationConfiguration: s3Destination() },
        'InvalidArgumentException',
        /use DirectPut/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await failure(create(input));
      expect({ input, name: error.name, status: error.$metadata?.httpStatusCode }).toEqual({
        input,
        name: code,
        status: 400,
      });
      expect(error.message).toMatch(message);
    }
  });

  it('lists streams alphabetically, page by page', async () => {
    for (const name of ['list-c', 'list-a', 'list-b'])
      await create({ DeliveryStreamName: name, ExtendedS3DestinationConfiguration: s3Destination() });
    const first = await firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'list' }),
    );
    expect(first).toMatchObject({ DeliveryStreamNames: ['list-a', 'list-b'], HasMoreDeliveryStreams: true });
    const second = await firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'list-b' }),
    );
    expect(second.DeliveryStreamNames?.[0]).toBe('list-c');
    const all = await firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 10000, DeliveryStreamType: 'DirectPut' }),
    );
    expect(all.DeliveryStreamNames).toEqual([...(all.DeliveryStreamNames ?? [])].sort());
    expect(all.HasMoreDeliveryStreams).toBe(false);
  });

  it('deletes an ACTIVE stream and its buffered data, but not one still CREATING', async () => {
    await create({ DeliveryStreamName: 'young', ExtendedS3DestinationConfiguration: s3Destination() });
    expect(
      await failure(firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'young' }))),
    ).toBeInstanceOf(ResourceInUseException);

    await createActiveStream(firehose, 'doomed', 'streams-lake', {
      Prefix: 'doomed/',
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
    });
    await firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'doomed', Record: { Data: labRecord(1) } }),
    );
    await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }));
    expect(
      await failure(firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }))),
    ).toBeInstanceOf(ResourceNotFoundException);
    // AWS: "Deletes a Firehose stream and its data": a new stream of the same name starts empty.
    await createActiveStream(firehose, 'doomed', 'streams-lake', {
      Prefix: 'doomed/',
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 0 },
    });
    await firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'doomed', Record: { Data: labRecord(2) } }),
    );
    const [key] = await waitForObjects(s3, 'streams-lake', 1, 'doomed/');
    expect(sequences(await objectBody(s3, 'streams-lake', key ?? ''))).toEqual([2]);
  });

  it('UpdateDestination merges the change, bumps VersionId, and checks the version and destination ids', async () => {
    await createActiveStream(firehose, 'updated', 'streams-lake', { Prefix: 'before/' });
    const update = (version: string, destinationId = 'destinationId-000000000001') =>
      firehose.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'updated',
          CurrentDeliveryStreamVersionId: version,
          DestinationId: destinationId,
          ExtendedS3DestinationUpdate: {
            Prefix: 'after/',
            BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
          },
        }),
      );
    expect(await failure(update('1', 'destinationId-000000000002'))).toBeInstanceOf(InvalidArgumentException);
    await update('1');
    const stale = await failure(update('1'));
    expect(stale).toBeInstanceOf(ConcurrentModificationException);
    expect(stale.message).toMatch(/current version id: 2 and specified version id: 1/);
    const { DeliveryStreamDescription } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'updated' }),
    );
    expect(DeliveryStreamDescription?.VersionId).toBe('2');
    expect(DeliveryStreamDescription?.LastUpdateTimestamp).toBeInstanceOf(Date);
    expect(DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription).toMatchObject({
      BucketARN: 'arn:aws:s3:::streams-lake',
      Prefix: 'after/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
    });
  });
});
