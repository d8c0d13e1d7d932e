import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateTopicRuleCommand, type IoTClient, type TopicRulePayload } from '@aws-sdk/client-iot';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIsdFile, toLabPayload } from '../../electron/stations/isd/index.js';
import type { StationReading } from '../../electron/stations/isd/types.js';
import type { DeviceConnection } from '../../electron/stations/replay/index.js';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { createActiveStream, createBucket, firehoseClient, listKeys, objectBody, s3Client, waitFor } from './firehose-helpers.js';
import { iotClient, labRoleArn } from './iot-helpers.js';
import { allowAll, connectAs, provisionDevice, until } from './mqtt-devices.js';

/**
 * The lab's rules end to end: devices (the device SDK, mTLS, QoS 1) publish real NOAA readings on
 * `sensor/weather`; the rules write to S3, Firehose and DynamoDB, republish, and report failures to
 * their error action. Counts are compared with what was published and acknowledged.
 */

const isdDir = process.env.IOTLAB_NOAA_DIR ? path.join(process.env.IOTLAB_NOAA_DIR, 'isd') : locateNoaaFixtures().isdDir;
const haveNoaa = existsSync(isdDir);
if (!haveNoaa && fixturesRequired()) throw new Error(`NOAA ISD files not found in ${isdDir} (set IOTLAB_NOAA_DIR)`);

// Two cold stations in January: many readings pass the lab's `air_temperature.value < -5`.
const STATIONS = ['713060-99999-2022', '723123-14886-2022'];
const PER_STATION = 400;
const TOPIC = 'sensor/weather';
const LAB_DYNAMODB_SQL =
  'SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value as air_temperature_value, ' +
  'air_temperature.quality as air_temperature_quality, wind_speed.value as wind_speed_value, weather_condition, ' +
  "sky_cover_condition FROM 'sensor/weather' WHERE air_temperature.value < -5";

interface Published {
  reading: StationReading;
  payload: string;
}

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
const connections: DeviceConnection[] = [];
const published: Published[] = [];
const alerts: string[] = [];

async function readStation(stem: string): Promise<Published[]> {
  const out: Published[] = [];
  for await (const reading of readIsdFile(path.join(isdDir, `${stem}.gz`))) {
    out.push({ reading, payload: toLabPayload(reading) });
    if (out.length === PER_STATION) break;
  }
  return out;
}

async function createRule(ruleName: string, payload: TopicRulePayload): Promise<void> {
  await iot.send(new CreateTopicRuleCommand({ ruleName, topicRulePayload: payload }));
}

async function scanAll(dynamodb: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  if (!haveNoaa) return;
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  const role = labRoleArn(cloud);
  const s3 = s3Client(cloud.endpoints);
  for (const bucket of ['weather-lake', 'weather-firehose', 'weather-errors', 'weather-disabled']) await createBucket(s3, bucket);
  await createActiveStream(firehoseClient(cloud.endpoints), 'weather-stream', 'weather-firehose', {
    BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
  });
  const dynamodb = new DynamoDBClient(sdkConfig(cloud));
  await dynamodb.send(
    new CreateTableCommand({
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
    }),
  );
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'weather' });

  const s3Action = (bucketName: string, key: string) => ({ s3: { roleArn: role, bucketName, key } });
  // The lab's S3 rule, exactly: messages received in the same millisecond share a key and overwrite
  // each other, on AWS too.
  await createRule('lab_s3', { sql: `SELECT * FROM '${TOPIC}'`, actions: [s3Action('weather-lake', '${topic()}/${timestamp()}')] });
  // The same with a unique key: one object per message.
  await createRule('lab_s3_unique', { sql: `SELECT * FROM '${TOPIC}'`, actions: [s3Action('weather-lake', 'unique/${topic()}/${timestamp()}-${newuuid()}')] });
  await createRule('lab_firehose', {
    sql: `SELECT * FROM '${TOPIC}'`,
    actions: [{ firehose: { roleArn: role, deliveryStreamName: 'weather-stream', separator: '\n' } }],
  });
  await createRule('lab_dynamodb', {
    sql: LAB_DYNAMODB_SQL,
    awsIotSqlVersion: '2016-03-23',
    actions: [{ dynamoDBv2: { roleArn: role, putItem: { tableName: 'weather' } } }],
  });
  await createRule('cold_alerts', {
    sql: `SELECT weather_station, air_temperature.value AS t FROM '${TOPIC}' WHERE air_temperature.value < -20`,
    awsIotSqlVersion: '2016-03-23',
    actions: [{ republish: { roleArn: role, topic: 'alerts/${weather_station}', qos: 1 } }],
  });
  await createRule('broken_s3', {
    sql: `SELECT * FROM '${TOPIC}'`,
    actions: [s3Action('no-such-bucket', '${newuuid()}')],
    errorAction: s3Action('weather-errors', 'errors/${replace(topic(), \'/\', \'-\')}-${newuuid()}'),
  });
  await createRule('switched_off', {
    sql: `SELECT * FROM '${TOPIC}'`,
    ruleDisabled: true,
    actions: [s3Action('weather-disabled', '${newuuid()}')],
  });

  const watcher = await connectAs(cloud, await provisionDevice(iot, { thingName: 'alerts-watcher', policy: allowAll() }));
  connections.push(watcher);
  await watcher.subscribe('alerts/#', 1, (topic, payload) => alerts.push(`${topic} ${payload.toString()}`));

  // One device per station, as the replayer does; each publishes its readings, QoS 1, a window at a time.
  await Promise.all(
    STATIONS.map(async (stem) => {
      const readings = await readStation(stem);
      const device = await provisionDevice(iot, { thingName: `station-${stem.slice(0, 6)}`, policy: allowAll() });
      const connection = await connectAs(cloud, device);
      connections.push(connection);
      for (let i = 0; i < readings.length; i += 25) {
        const window = readings.slice(i, i + 25);
        await Promise.all(window.map((r) => connection.publish(TOPIC, r.payload, 1)));
        published.push(...window); // acknowledged (PUBACK received)
      }
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(connections.map((c) => c.disconnect()));
  await cloud?.dispose();
});

describe.skipIf(!haveNoaa)('the lab’s rules with real NOAA readings from the device SDK', () => {
  it('has every acknowledged reading in DynamoDB the moment the last PUBACK came, once per (station, time)', async () => {
    // No waiting: an acknowledged message's DynamoDB write is already committed.
    const items = await scanAll(new DynamoDBClient(sdkConfig(cloud)), 'weather');
    const expected = new Set(
      published.filter((p) => p.reading.air_temperature.value < -5).map((p) => `${p.reading.weather_station}|${p.reading.time}`),
    );
    // The NOAA files repeat some (station, time) pairs (several report types): the later put replaces the item.
    const coldReadings = published.filter((p) => p.reading.air_temperature.value < -5).length;
    expect(coldReadings).toBeGreaterThanOrEqual(expected.size);
    expect(published).toHaveLength(STATIONS.length * PER_STATION);
    expect(expected.size).toBeGreaterThan(100);
    expect(new Set(items.map((item) => `${item.weather_station?.S}|${item.time?.S}`))).toEqual(expected);
    expect(items).toHaveLength(expected.size);

    // A reading whose key no other reading shares (a later duplicate would have replaced its item).
    const keyOf = (p: Published) => `${p.reading.weather_station}|${p.reading.time}`;
    const cold = published.find(
      (p) =>
        p.reading.air_temperature.value < -5 &&
        p.reading.sky_cover_condition?.length &&
        published.filter((other) => keyOf(other) === keyOf(p)).length === 1,
    )!;
    const item = items.find((i) => i.weather_station?.S === cold.reading.weather_station && i.time?.S === cold.reading.time)!;
    expect(Object.keys(item).sort()).toEqual(
      ['air_temperature_quality', 'air_temperature_value', 'elevation', 'latitude', 'longitude', 'sky_cover_condition', 'time', 'weather_station']
        .concat(cold.reading.weather_condition?.length ? ['weather_condition'] : [])
        .concat(cold.reading.wind_speed ? ['wind_speed_value'] : [])
        .sort(),
    );
    expect(item).toMatchObject({
      latitude: { N: String(cold.reading.latitude) },
      elevation: { N: String(cold.reading.elevation) },
      air_temperature_value: { N: String(cold.reading.air_temperature.value) },
      air_temperature_quality: { S: cold.reading.air_temperature.quality },
      sky_cover_condition: { L: expect.arrayContaining([expect.objectContaining({ M: expect.objectContaining({ cloud_type: { S: cold.reading.sky_cover_condition![0]!.cloud_type } }) })]) },
    });
  });

  it('writes one S3 object per message with a unique key; the lab key ${topic()}/${timestamp()} keeps one per millisecond', async () => {
    const s3 = s3Client(cloud.endpoints);
    const unique = await listKeys(s3, 'weather-lake', 'unique/');
    expect(unique).toHaveLength(published.length);
    const bodies = await Promise.all(unique.map((key) => objectBody(s3, 'weather-lake', key)));
    const canonical = (json: string) => JSON.stringify(JSON.parse(json));
    expect(bodies.map((body) => canonical(body.toString())).sort()).toEqual(published.map((p) => canonical(p.payload)).sort());

    const labKeys = (await listKeys(s3, 'weather-lake', `${TOPIC}/`)).filter((key) => /^sensor\/weather\/\d{13}$/.test(key));
    expect(labKeys.length).toBeGreaterThan(0);
    expect(labKeys.length).toBeLessThanOrEqual(published.length);
    expect(cloud.rules.metrics().lab_s3).toMatchObject({ matched: published.length, succeeded: published.length, failed: 0 });
  });

  it('delivers every acknowledged record through Firehose, newline-separated', async () => {
    const s3 = s3Client(cloud.endpoints);
    const records = await waitFor(async () => {
      const keys = await listKeys(s3, 'weather-firehose');
      const bodies = await Promise.all(keys.map((key) => objectBody(s3, 'weather-firehose', key)));
      const lines = bodies.flatMap((body) => body.toString().split('\n').filter((line) => line !== ''));
      return lines.length >= published.length ? lines : undefined;
    }, 'the Firehose records in S3');
    expect(records).toHaveLength(published.length);
    const stations = (lines: string[]) => lines.map((line) => (JSON.parse(line) as { time: string }).time).sort();
    expect(stations(records)).toEqual(stations(published.map((p) => p.payload)));
  });

  it('republishes the coldest readings to alerts/<station>', async () => {
    const expected = published.filter((p) => p.reading.air_temperature.value < -20);
    expect(expected.length).toBeGreaterThan(0);
    await until(() => alerts.length >= expected.length, 'the alerts');
    expect(alerts).toHaveLength(expected.length);
    expect(alerts).toContain(`alerts/${expected[0]!.reading.weather_station} {"weather_station":"${expected[0]!.reading.weather_station}","t":${expected[0]!.reading.air_temperature.value}}`);
  });

  it('sends each failed S3 put to the error action with AWS’s error document', async () => {
    const s3 = s3Client(cloud.endpoints);
    const keys = await listKeys(s3, 'weather-errors', 'errors/sensor-weather-');
    expect(keys).toHaveLength(published.length);
    const document = JSON.parse((await objectBody(s3, 'weather-errors', keys[0]!)).toString()) as {
      base64OriginalPayload: string;
      failures: unknown[];
    };
    expect(document).toMatchObject({
      ruleName: 'broken_s3',
      topic: TOPIC,
      clientId: expect.stringMatching(/^station-/),
      cloudwatchTraceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      failures: [
        {
          failedAction: 'S3Action',
          failedResource: 'no-such-bucket',
          errorMessage: expect.stringMatching(/^Failed to put S3 object\. The error received was .*Error Code: NoSuchBucket.*Message arrived on: sensor\/weather, Action: s3, Bucket: no-such-bucket/),
        },
      ],
    });
    // The original bytes, exactly as the device sent them.
    expect(published.map((p) => p.payload)).toContain(Buffer.from(document.base64OriginalPayload, 'base64').toString());
    expect(cloud.rules.metrics().broken_s3).toMatchObject({
      matched: published.length,
      failed: published.length,
      actions: [{ action: 's3', resource: 'no-such-bucket', failed: published.length }],
      errorAction: { action: 's3', succeeded: published.length, failed: 0 },
      lastError: { action: 's3', resource: 'no-such-bucket' },
    });
  });

  it('runs nothing for a disabled rule', async () => {
    expect(await listKeys(s3Client(cloud.endpoints), 'weather-disabled')).toEqual([]);
    expect(cloud.rules.metrics().switched_off).toMatchObject({ matched: 0, succeeded: 0, failed: 0 });
  });
});
