import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsError } from '../protocols/aws-error.js';
import { openLabStorage, type LabStorage } from '../storage/index.js';
import { createDynamoDbService, toItem, type LocalDynamoDb } from './index.js';
import { CreateTable } from './operations/tables.js';
import { openDynamoDbStore } from './store.js';

/** The in-process API the IoT rules engine calls (dynamoDBv2 / dynamoDB actions). */

let dir: string;
let storage: LabStorage;
let clock: number;
let dynamodb: LocalDynamoDb;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iotlab-dynamodb-'));
  storage = openLabStorage(dir);
  clock = Date.UTC(2026, 0, 1);
  dynamodb = createDynamoDbService(storage, { now: () => clock, tableActivationMs: 500 });
  const context = {
    store: openDynamoDbStore(storage),
    identity: storage.identity,
    now: () => clock,
    tableActivationMs: 500,
  };
  CreateTable(context, {
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
  });
});

afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

// What the lab's DynamoDB rule selects from one NOAA reading.
const ruleOutput = {
  weather_station: '713060',
  latitude: 58.467,
  longitude: -78.083,
  elevation: 25,
  time: '2022-01-15T06:00:00+00:00',
  air_temperature_value: -31.5,
  air_temperature_quality: '1',
  wind_speed_value: 4.1,
  weather_condition: [{ present_weather_condition: 'Snow' }],
  sky_cover_condition: [{ coverage: 8, base_height: 2100, cloud_type: 'Altostratus (As)' }],
};

function awsError(action: () => unknown): AwsError {
  try {
    action();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error('expected an AwsError');
}

describe('createDynamoDbService in process', () => {
  it('refuses writes while the table is CREATING, as AWS does, then accepts them', () => {
    expect(awsError(() => dynamodb.putItem('weather', toItem(ruleOutput))).code).toBe(
      'ResourceNotFoundException',
    );
    clock += 500;
    dynamodb.putItem('weather', toItem(ruleOutput));
    expect(
      dynamodb.getItem('weather', { weather_station: { S: '713060' }, time: { S: ruleOutput.time } }),
    ).toEqual({
      weather_station: { S: '713060' },
      latitude: { N: '58.467' },
      longitude: { N: '-78.083' },
      elevation: { N: '25' },
      time: { S: ruleOutput.time },
      air_temperature_value: { N: '-31.5' },
      air_temperature_quality: { S: '1' },
      wind_speed_value: { N: '4.1' },
      weather_condition: { L: [{ M: { present_weather_condition: { S: 'Snow' } } }] },
      sky_cover_condition: {
        L: [
          { M: { coverage: { N: '8' }, base_height: { N: '2100' }, cloud_type: { S: 'Altostratus (As)' } } },
        ],
      },
    });
  });

  it('throws the AwsError a rule action reports to its error action', () => {
    clock += 500;
    const { time: _time, ...withoutTime } = ruleOutput;
    const missingKey = awsError(() => dynamodb.putItem('weather', toItem(withoutTime)));
    expect([missingKey.code, missingKey.message]).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Missing the key time in the item',
    ]);
    expect(awsError(() => dynamodb.putItem('no_such_table', toItem(ruleOutput))).message).toBe(
      'Requested resource not found',
    );
    expect(dynamodb.getItem('weather', { weather_station: { S: 'x' }, time: { S: 'y' } })).toBeUndefined();
  });

  it('shares one store per lab, so a second service sees the first one’s tables', () => {
    clock += 500;
    const other = createDynamoDbService(storage, { now: () => clock });
    other.putItem('weather', toItem(ruleOutput));
    expect(
      dynamodb.getItem('weather', { weather_station: { S: '713060' }, time: { S: ruleOutput.time } }),
    ).toBeDefined();
  });

  it('writes thousands of rule outputs per second', () => {
    clock += 500;
    const count = 20_000;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      dynamodb.putItem(
        'weather',
        toItem({ ...ruleOutput, time: new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString() }),
      );
    }
    const perSecond = count / ((performance.now() - started) / 1000);
    const batched = Array.from({ length: count }, (_, i) => ({
      tableName: 'weather',
      item: toItem({
        ...ruleOutput,
        weather_station: '030910',
        time: new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString(),
      }),
    }));
    const batchStarted = performance.now();
    for (let i = 0; i < count; i += 100)
      expect(dynamodb.putItems(batched.slice(i, i + 100)).every((error) => error === undefined)).toBe(true);
    const batchedPerSecond = count / ((performance.now() - batchStarted) / 1000);
    console.log(
      JSON.stringify({
        dynamodbPutItemPerSecond: Math.round(perSecond),
        dynamodbPutItemsBatchedPerSecond: Math.round(batchedPerSecond),
      }),
    );
    expect(perSecond).toBeGreaterThan(5_000);
    expect(batchedPerSecond).toBeGreaterThan(perSecond);
  });

  it('puts a batch in one transaction, each entry failing alone', () => {
    clock += 500;
    const results = dynamodb.putItems([
      { tableName: 'weather', item: toItem(ruleOutput) },
      { tableName: 'weather', item: toItem({ weather_station: 'x' }) },
      { tableName: 'missing', item: toItem(ruleOutput) },
    ]);
    expect(results.map((error) => error?.code)).toEqual([
      undefined,
      'ValidationException',
      'ResourceNotFoundException',
    ]);
    expect(
      dynamodb.getItem('weather', { weather_station: { S: '713060' }, time: { S: ruleOutput.time } }),
    ).toBeDefined();
  });
});
