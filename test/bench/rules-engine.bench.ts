/**
 * The rules engine's per-message path, in process: real NOAA payloads through `onMessage` with the
 * lab's two pipeline rules — `SELECT * FROM 'sensor/weather'` to Firehose (1 MiB buffer, delivered
 * to S3 as it fills) and the DynamoDB hands-on rule (2016-03-23) — on the real Firehose, DynamoDB
 * and S3 of a fresh lab folder. Messages arrive `--tick` at a time, as the broker hands over a burst
 * of PUBLISH packets; every message waits for its commit, as the PUBACK does. `--tick 1` is the
 * "one commit per message" design, for comparison. Prints one JSON object.
 *   node --import tsx test/bench/rules-engine.bench.ts [--messages 100000] [--ticks 1,10,50,200]
 */
import type { Action } from '@aws-sdk/client-iot';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDynamoDbService } from '../../electron/cloud/dynamodb/index.js';
import { CreateTable } from '../../electron/cloud/dynamodb/operations/tables.js';
import { openDynamoDbStore } from '../../electron/cloud/dynamodb/store.js';
import { createFirehoseService } from '../../electron/cloud/firehose/index.js';
import type { AwsRequest } from '../../electron/cloud/gateway/types.js';
import type { TopicRuleRecord } from '../../electron/cloud/iot/control-plane/store/index.js';
import { createRulesEngine } from '../../electron/cloud/iot/rules/engine/index.js';
import { openLocalS3 } from '../../electron/cloud/s3/index.js';
import { openLabStorage } from '../../electron/cloud/storage/index.js';
import { readIsdFile, toLabPayload } from '../../electron/stations/isd/index.js';
import { STATION_YEARS, locateNoaaFixtures } from '../stations/noaa-fixtures.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    ticks: { type: 'string', default: '1,10,50,200' },
  },
});
const MESSAGES = Number(values.messages);
const TICKS = values.ticks.split(',').map(Number);
const ROLE = 'arn:aws:iam::123456789012:role/LabRole';
const DYNAMODB_SQL =
  'SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value as air_temperature_value, ' +
  'air_temperature.quality as air_temperature_quality, wind_speed.value as wind_speed_value, weather_condition, ' +
  "sky_cover_condition FROM 'sensor/weather' WHERE air_temperature.value < -5";

async function payloads(): Promise<Buffer[]> {
  const fixtures = locateNoaaFixtures();
  const out: Buffer[] = [];
  const perStation = Math.ceil(MESSAGES / STATION_YEARS.length);
  for (const stem of STATION_YEARS) {
    let n = 0;
    for await (const reading of readIsdFile(path.join(fixtures.isdDir, `${stem}.gz`))) {
      out.push(Buffer.from(toLabPayload(reading)));
      if (++n === perStation) break;
    }
  }
  return out.slice(0, MESSAGES);
}

async function run(messages: Buffer[], tick: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-bench-rules-'));
  const storage = openLabStorage(dir);
  const s3 = openLocalS3(storage);
  s3.CreateBucket({ Bucket: 'lake' });
  const dynamodb = createDynamoDbService(storage, { tableActivationMs: 0 });
  CreateTable(
    { store: openDynamoDbStore(storage), identity: storage.identity, now: Date.now, tableActivationMs: 0 },
    {
      TableName: 'weather',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'weather_station', AttributeType: 'S' },
        { AttributeName: 'time', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'weather_station', KeyType: 'HASH' },
        { AttributeName: 'time', KeyType: 'RANGE' },
      ],
    },
  );
  const firehose = createFirehoseService(storage, s3, { activationMs: 0 });
  const request: AwsRequest = {
    method: 'POST',
    rawPath: '/',
    path: '/',
    rawQuery: '',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': 'Firehose_20150804.CreateDeliveryStream' },
    hostname: '127.0.0.1',
    body: Buffer.from(
      JSON.stringify({
        DeliveryStreamName: 'weather',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN: 'arn:aws:s3:::lake',
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        },
      }),
    ),
    requestId: 'bench',
    service: 'firehose',
    region: storage.identity.region,
    accountId: storage.identity.accountId,
    accessKeyId: storage.identity.accessKeyId,
  };
  await firehose.endpoint.handle(request);
  await new Promise((resolve) => setTimeout(resolve, 5));

  const rule = (name: string, sql: string, action: Action): TopicRuleRecord => ({
    name,
    sql,
    actions: [action],
    awsIotSqlVersion: '2016-03-23',
    disabled: false,
    createdAt: 0,
    updatedAt: 0,
  });
  const rules = [
    rule('to_firehose', "SELECT * FROM 'sensor/weather'", {
      firehose: { roleArn: ROLE, deliveryStreamName: 'weather', separator: '\n' },
    }),
    rule('to_dynamodb', DYNAMODB_SQL, { dynamoDBv2: { roleArn: ROLE, putItem: { tableName: 'weather' } } }),
  ];
  const transaction = storage.db.transaction((work: () => void) => work());
  const engine = createRulesEngine({
    rules: { list: () => rules, onChange: () => () => undefined },
    accountId: storage.identity.accountId,
    s3,
    dynamodb,
    firehose,
    transaction: (work) => transaction(work),
  });

  let hotPathNs = 0n;
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += tick) {
    const acks: (Promise<void> | undefined)[] = [];
    const before = process.hrtime.bigint();
    for (let j = i; j < Math.min(i + tick, messages.length); j++) {
      acks.push(
        engine.onMessage({
          topic: 'sensor/weather',
          payload: messages[j]!,
          clientId: `station-${j % 5}`,
          principal: 'bench',
          timestamp: Date.now(),
        }),
      );
    }
    hotPathNs += process.hrtime.bigint() - before;
    await Promise.all(acks);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const metrics = engine.metrics();
  await engine.stop();
  const buffered = firehose.bufferStatus()[0]!;
  await firehose.stop();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    tick,
    messagesPerSecond: Math.round(messages.length / seconds),
    hotPathMicrosecondsPerMessage: Number(hotPathNs / BigInt(messages.length)) / 1000,
    firehoseRecords: buffered.records + buffered.deliveredRecords,
    firehoseObjects: buffered.deliveredObjects,
    dynamoDbPuts: metrics.to_dynamodb?.succeeded,
    failures: (metrics.to_firehose?.failed ?? 0) + (metrics.to_dynamodb?.failed ?? 0),
  };
}

const messages = await payloads();
await run(messages.slice(0, 20_000), 50); // warms the JIT up, so the first measured run is not penalized
const results = [];
for (const tick of TICKS) results.push(await run(messages, tick));
console.log(
  JSON.stringify(
    {
      messages: messages.length,
      averagePayloadBytes: Math.round(messages.reduce((n, m) => n + m.length, 0) / messages.length),
      rules: [
        'firehose: SELECT * (separator \\n, 1 MiB buffer)',
        'dynamoDBv2: the lab hands-on rule (2016-03-23)',
      ],
      results,
      node: process.version,
    },
    null,
    2,
  ),
);
