/**
 * Pipeline benchmark (issue: pipeline). Five stations over mTLS, QoS 1, as fast as acknowledgements allow,
 * through the broker and two rules: `SELECT *` to Firehose (1 MiB buffer) and the lab's DynamoDB rule.
 * End-to-end rate = readings / time until every one of them is in S3 (Firehose flushed at the end).
 * Beside it, in the same run, mosquitto publish → subscribe with the same devices: readings / time until a
 * subscriber on `sensor/#` has them all. Runs alternate (ours, mosquitto, ours…) so that both sides see
 * the same load from other work. Also the cloud process's peak RSS, and each process's CPU time per
 * message (the 2 cores are shared by devices and broker: CPU efficiency decides). Prints JSON.
 *   node --import tsx test/bench/pipeline.bench.ts [--runs 3] [--per-station N] [--skip-mosquitto]
 * (`--skip-mosquitto`: our side alone, for profiling with `node --cpu-prof`.)
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
} from '@aws-sdk/client-firehose';
import { CreateTopicRuleCommand, DisableTopicRuleCommand, IoTClient } from '@aws-sdk/client-iot';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectDevice } from '../../electron/stations/replay/index.js';
import { cpuSecondsOf, median, openBenchLab, startMosquitto } from './bench-support.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'per-station': { type: 'string' },
    // For profiling our side alone: the comparison needs mosquitto.
    'skip-mosquitto': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const perStation = values['per-station'] ? Number(values['per-station']) : Infinity;

const lab = await openBenchLab(perStation);
const { cloud, sdkConfig } = lab;
const roleArn = `arn:aws:iam::${cloud.endpoints.accountId}:role/LabRole`;
const iot = new IoTClient(sdkConfig);
const firehose = new FirehoseClient(sdkConfig);
const dynamodb = new DynamoDBClient(sdkConfig);
const s3 = new S3Client({ ...sdkConfig, forcePathStyle: true });

const until = async (
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 300_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Records in the lake: Firehose objects of JSON lines. */
function recordsInLake(bucket: string): number {
  let records = 0;
  for (const file of cloud.s3.objectFiles(bucket, '')) {
    const body = readFileSync(file.path);
    for (let at = body.indexOf(10); at !== -1; at = body.indexOf(10, at + 1)) records++;
  }
  return records;
}

/** CPU seconds used by each process during `work`, and its wall time. */
async function measured(
  pids: Record<string, number | undefined>,
  work: () => Promise<void>,
): Promise<{ seconds: number; cpuSeconds: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const cpuSeconds: Record<string, number> = { benchProcess: (own.user + own.system) / 1e6 };
  for (const [name, pid] of Object.entries(pids)) {
    const after = cpuSecondsOf(pid);
    if (after !== undefined && before[name] !== undefined) cpuSeconds[name] = after - before[name];
  }
  return { seconds, cpuSeconds };
}

let peakRss = process.memoryUsage().rss;
let sampler: NodeJS.Timeout | undefined;

/** One run of the pipeline, with fresh rules, stream, table and bucket; returns its rate and CPU. */
async function pipelineRun(
  run: number,
): Promise<{ rate: number; items: number; cpuSeconds: Record<string, number> }> {
  const bucket = `bench-lake-${run}`;
  const stream = `bench_stream_${run}`;
  const table = `bench_weather_${run}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: stream,
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: `arn:aws:s3:::${bucket}`,
        RoleARN: roleArn,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 300 },
      },
    }),
  );
  await until(
    async () =>
      (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: stream })))
        .DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE',
    'the stream',
  );
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [
        { AttributeName: 'weather_station', KeyType: 'HASH' },
        { AttributeName: 'time', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'weather_station', AttributeType: 'S' },
        { AttributeName: 'time', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: table });
  await iot.send(
    new CreateTopicRuleCommand({
      ruleName: `to_firehose_${run}`,
      topicRulePayload: {
        sql: "SELECT * FROM 'sensor/weather'",
        awsIotSqlVersion: '2016-03-23',
        // `SELECT *` re-serializes each payload (its trailing newline goes): `\n` makes the lake JSON lines.
        actions: [{ firehose: { deliveryStreamName: stream, roleArn, separator: '\n' } }],
      },
    }),
  );
  await iot.send(
    new CreateTopicRuleCommand({
      ruleName: `to_dynamodb_${run}`,
      topicRulePayload: {
        sql:
          'SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value as air_temperature_value, ' +
          'air_temperature.quality as air_temperature_quality, wind_speed.value as wind_speed_value, weather_condition, ' +
          "sky_cover_condition FROM 'sensor/weather' WHERE air_temperature.value < -5",
        awsIotSqlVersion: '2016-03-23',
        actions: [{ dynamoDBv2: { roleArn, putItem: { tableName: table } } }],
      },
    }),
  );
  // Only this run's rules are enabled: disable the previous run's.
  if (run > 0) {
    await iot.send(new DisableTopicRuleCommand({ ruleName: `to_firehose_${run - 1}` }));
    await iot.send(new DisableTopicRuleCommand({ ruleName: `to_dynamodb_${run - 1}` }));
  }

  sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const { seconds, cpuSeconds } = await measured({ devices: lab.devicesPid }, async () => {
    await lab.replay(lab.ourEndpoint());
    cloud.firehose.flushAll();
    await until(
      () => recordsInLake(bucket) >= lab.total,
      `every record in S3 (${recordsInLake(bucket)} of ${lab.total}; buffers ${JSON.stringify(cloud.firehose.bufferStatus())})`,
      60_000,
    );
  });
  clearInterval(sampler);
  const inLake = recordsInLake(bucket);
  if (inLake !== lab.total) throw new Error(`${inLake} records in S3 for ${lab.total} acknowledged`);
  let items = 0;
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey }),
    );
    items += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { rate: lab.total / seconds, items, cpuSeconds };
}

// mosquitto: the same devices publish, one subscriber on sensor/# receives.
const mosquitto = values['skip-mosquitto'] ? undefined : await startMosquitto(cloud);
const devicesDir = path.join(cloud.storage.layout.dir, 'devices', 'weather-station_0');
let received = 0;
const subscriber =
  mosquitto &&
  (await connectDevice(
    mosquitto.endpoint(lab.caPem),
    {
      clientId: 'bench-subscriber',
      certificatePem: readFileSync(path.join(devicesDir, 'certificate.pem.crt'), 'utf8'),
      privateKeyPem: readFileSync(path.join(devicesDir, 'private.pem.key'), 'utf8'),
    },
    { cleanSession: true },
  ));
await subscriber?.subscribe('sensor/#', 1, () => received++);

async function mosquittoRun(): Promise<{ rate: number; cpuSeconds: Record<string, number> }> {
  received = 0;
  const { seconds, cpuSeconds } = await measured(
    { devices: lab.devicesPid, mosquitto: mosquitto!.pid },
    async () => {
      await lab.replay(mosquitto!.endpoint(lab.caPem));
      await until(() => received >= lab.total, 'the subscriber to receive everything');
    },
  );
  return { rate: lab.total / seconds, cpuSeconds };
}

// Runs alternate (ours, then mosquitto) so that both sides see the same machine load.
const pipeline: number[] = [];
const itemCounts: number[] = [];
const mosquittoRates: number[] = [];
const cpu: { ours: Record<string, number>[]; mosquitto: Record<string, number>[] } = {
  ours: [],
  mosquitto: [],
};
for (let run = 0; run < runs; run++) {
  const ours = await pipelineRun(run);
  pipeline.push(ours.rate);
  itemCounts.push(ours.items);
  cpu.ours.push(ours.cpuSeconds);
  if (mosquitto) {
    const theirs = await mosquittoRun();
    mosquittoRates.push(theirs.rate);
    cpu.mosquitto.push(theirs.cpuSeconds);
  }
}
await subscriber?.disconnect();
mosquitto?.stop();
await lab.close();

/** Median CPU microseconds per message, per process. */
const cpuPerMessage = (samples: Record<string, number>[]): Record<string, number> =>
  Object.fromEntries(
    Object.keys(samples[0] ?? {}).map((name) => [
      name,
      Math.round((median(samples.map((sample) => sample[name] ?? 0)) / lab.total) * 1e6),
    ]),
  );

const ours = median(pipeline);
const theirs = mosquittoRates.length > 0 ? median(mosquittoRates) : Number.NaN;
console.log(
  JSON.stringify(
    {
      benchmark: 'pipeline',
      messages: lab.total,
      runs,
      pipelineMessagesPerSecond: pipeline.map(Math.round),
      mosquittoPubSubMessagesPerSecond: mosquittoRates.map(Math.round),
      medianPipeline: Math.round(ours),
      medianMosquitto: Math.round(theirs),
      ratioPipelineToMosquitto: Number((ours / theirs).toFixed(3)),
      recordsLost: 0,
      dynamoDbItemsPerRun: itemCounts,
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      // benchProcess: the local cloud (ours) or the subscriber (mosquitto's side); devices: their process.
      cpuMicrosecondsPerMessage: { ours: cpuPerMessage(cpu.ours), mosquitto: cpuPerMessage(cpu.mosquitto) },
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      targets: { ratio: '>= 0.8', messagesPerSecond: '>= 20000', peakRssMB: '< 400' },
    },
    null,
    2,
  ),
);
