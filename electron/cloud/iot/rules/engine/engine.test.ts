import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Action } from '@aws-sdk/client-iot';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsError } from '../../../protocols/aws-error.js';
import type { TopicRuleRecord } from '../../control-plane/store/index.js';
import { createRulesEngine, type RulesEngine, type RulesEngineOptions } from './index.js';

/** The engine with in-memory stand-ins for S3, DynamoDB, Firehose and the broker. */

const ROLE = 'arn:aws:iam::123456789012:role/LabRole';
const LAB_DYNAMODB_SQL =
  'SELECT weather_station, time, air_temperature.value as air_temperature_value FROM \'sensor/weather\' WHERE air_temperature.value < -5';

function rule(name: string, sql: string, actions: Action[], extra: Partial<TopicRuleRecord> = {}): TopicRuleRecord {
  return { name, sql, actions, awsIotSqlVersion: '2016-03-23', disabled: false, createdAt: 0, updatedAt: 0, ...extra };
}

function world() {
  let rules: TopicRuleRecord[] = [];
  const listeners: (() => void)[] = [];
  const objects = new Map<string, Buffer>();
  const items = new Map<string, Record<string, AttributeValue>>();
  const putRecordsCalls: { stream: string; records: string[] }[] = [];
  const republished: { topic: string; payload: string; qos: number }[] = [];
  const tables = new Set(['weather']);
  const streams = new Set(['lake-stream']);
  let failCommit = false;
  const keyOf = (table: string, item: Record<string, AttributeValue>) =>
    `${table}|${item.weather_station?.S ?? item.station?.S}|${item.time?.S ?? ''}`;
  const options: RulesEngineOptions = {
    rules: {
      list: () => rules,
      onChange(listener) {
        listeners.push(listener);
        return () => undefined;
      },
    },
    accountId: '123456789012',
    s3: {
      PutObject(input) {
        if (input.Bucket !== 'lake') throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
        objects.set(`${input.Bucket}/${input.Key}`, Buffer.from(input.Body as Buffer));
        return {};
      },
    },
    dynamodb: {
      putItem(table, item) {
        if (!tables.has(table)) throw new AwsError('ResourceNotFoundException', 'Requested resource not found', 400);
        items.set(keyOf(table, item), item);
      },
      getItem: (table, key) => items.get(keyOf(table, key)),
    },
    firehose: {
      putRecords(stream, records) {
        if (!streams.has(stream)) throw new AwsError('ResourceNotFoundException', `Firehose ${stream} not found.`, 400);
        if (records.some((r) => r.length > 1000)) throw new AwsError('ValidationException', 'record too big', 400);
        putRecordsCalls.push({ stream, records: records.map((r) => Buffer.from(r).toString()) });
      },
    },
    republish(message) {
      republished.push({ topic: message.topic, payload: message.payload.toString(), qos: message.qos });
      return engine.onMessage({ ...message, clientId: 'n/a', principal: 'n/a', timestamp: Date.now() })?.then(() => undefined);
    },
    transaction(work) {
      work();
      if (failCommit) throw new Error('SQLITE_FULL: database or disk is full');
    },
  };
  const engine: RulesEngine = createRulesEngine(options);
  const setRules = (next: TopicRuleRecord[]) => {
    rules = next;
    for (const listener of listeners) listener();
  };
  const publish = (payload: object | string, topic = 'sensor/weather') =>
    engine.onMessage({
      topic,
      payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
      clientId: 'station-1',
      principal: 'abc',
      timestamp: 1_641_361_500_000,
    });
  return {
    engine,
    setRules,
    publish,
    objects,
    items,
    putRecordsCalls,
    republished,
    failCommits: () => (failCommit = true),
  };
}

let current: ReturnType<typeof world> | undefined;
const start = () => (current = world());
afterEach(async () => {
  await current?.engine.stop();
});

describe('the rules engine', () => {
  it('writes one S3 object per message, with the key template rendered', () => {
    const w = start();
    w.setRules([rule('to_s3', "SELECT * FROM 'sensor/weather'", [{ s3: { roleArn: ROLE, bucketName: 'lake', key: '${topic()}/${n}' } }])]);
    expect(w.publish({ n: 1 })).toBeUndefined();
    w.publish({ n: 2 });
    expect([...w.objects.keys()]).toEqual(['lake/sensor/weather/1', 'lake/sensor/weather/2']);
    expect(w.objects.get('lake/sensor/weather/2')?.toString()).toBe('{"n":2}');
    expect(w.engine.metrics().to_s3).toMatchObject({ matched: 2, succeeded: 2, failed: 0, actions: [{ action: 's3', resource: 'lake', succeeded: 2 }] });
  });

  it('batches a tick of Firehose records into one put, and resolves only after it', async () => {
    const w = start();
    w.setRules([rule('to_firehose', "SELECT * FROM 'sensor/#'", [{ firehose: { roleArn: ROLE, deliveryStreamName: 'lake-stream', separator: '\n' } }])]);
    const acks = [w.publish({ n: 1 }), w.publish({ n: 2 }), w.publish({ n: 3 }, 'sensor/other')];
    expect(acks.every((ack) => ack instanceof Promise)).toBe(true);
    expect(w.putRecordsCalls).toEqual([]);
    // What the broker's PUBACK would see: the records are written by the time each promise resolves.
    const writtenAtAck = await Promise.all(acks.map((ack) => ack!.then(() => w.putRecordsCalls.length)));
    expect(writtenAtAck).toEqual([1, 1, 1]);
    expect(w.putRecordsCalls).toEqual([{ stream: 'lake-stream', records: ['{"n":1}\n', '{"n":2}\n', '{"n":3}\n'] }]);
  });

  it('fails only the message whose record Firehose refuses, and sends it to the error action', async () => {
    const w = start();
    w.setRules([
      rule('to_firehose', "SELECT * FROM 'sensor/weather'", [{ firehose: { roleArn: ROLE, deliveryStreamName: 'lake-stream' } }], {
        errorAction: { republish: { roleArn: ROLE, topic: 'errors/${topic()}' } },
      }),
    ]);
    await Promise.all([w.publish({ n: 1 }), w.publish({ pad: 'x'.repeat(2000) }), w.publish({ n: 3 })]);
    expect(w.putRecordsCalls.flatMap((call) => call.records)).toEqual(['{"n":1}', '{"n":3}']);
    expect(w.republished).toHaveLength(1);
    const error = JSON.parse(w.republished[0]!.payload) as Record<string, unknown>;
    expect(w.republished[0]!.topic).toBe('errors/sensor/weather');
    expect(error).toMatchObject({ ruleName: 'to_firehose', topic: 'sensor/weather', clientId: 'station-1' });
    expect(Buffer.from(error.base64OriginalPayload as string, 'base64').toString()).toContain('xxxx');
    expect(error.failures).toEqual([
      expect.objectContaining({ failedAction: 'FirehoseAction', failedResource: 'lake-stream', errorMessage: expect.stringContaining('record too big') }),
    ]);
    expect(w.engine.metrics().to_firehose).toMatchObject({
      matched: 3,
      succeeded: 2,
      failed: 1,
      errorAction: { action: 'republish', succeeded: 1, failed: 0 },
      lastError: { action: 'firehose', resource: 'lake-stream' },
    });
  });

  it('puts the lab rule into DynamoDB only for the cold readings, fields typed', async () => {
    const w = start();
    w.setRules([rule('to_dynamodb', LAB_DYNAMODB_SQL, [{ dynamoDBv2: { roleArn: ROLE, putItem: { tableName: 'weather' } } }])]);
    const cold = { weather_station: '713060', time: 't1', air_temperature: { value: -31.5, quality: '1' } };
    const mild = { weather_station: '713060', time: 't2', air_temperature: { value: 3.0, quality: '1' } };
    await w.publish(cold);
    expect(w.publish(mild)).toBeUndefined();
    expect([...w.items.values()]).toEqual([
      { weather_station: { S: '713060' }, time: { S: 't1' }, air_temperature_value: { N: '-31.5' } },
    ]);
    expect(w.engine.metrics().to_dynamodb).toMatchObject({ matched: 1, succeeded: 1 });
  });

  it('counts a missing table as a failure of that message, and keeps going', async () => {
    const w = start();
    w.setRules([rule('to_nowhere', LAB_DYNAMODB_SQL, [{ dynamoDBv2: { roleArn: ROLE, putItem: { tableName: 'nope' } } }])]);
    await w.publish({ weather_station: 'a', time: 't', air_temperature: { value: -10 } });
    expect(w.engine.metrics().to_nowhere).toMatchObject({
      failed: 1,
      lastError: { action: 'dynamoDBv2', resource: 'nope', message: expect.stringContaining('Error Code: ResourceNotFoundException') },
    });
  });

  it('runs the dynamoDB (v1) action with templates and UPDATE keeping the other attributes', async () => {
    const w = start();
    const v1 = (operation: string): Action => ({
      dynamoDB: {
        roleArn: ROLE,
        tableName: 'weather',
        hashKeyField: 'weather_station',
        hashKeyValue: '${weather_station}',
        rangeKeyField: 'time',
        rangeKeyValue: '${time}',
        payloadField: '${field}',
        operation,
      },
    });
    w.setRules([rule('v1', "SELECT * FROM 'sensor/weather'", [v1('INSERT')])]);
    await w.publish({ weather_station: 's', time: 't', field: 'first', v: 1 });
    w.setRules([rule('v1', "SELECT * FROM 'sensor/weather'", [v1('UPDATE')])]);
    await w.publish({ weather_station: 's', time: 't', field: 'second', v: 2 });
    const item = w.items.get('weather|s|t')!;
    expect(Object.keys(item).sort()).toEqual(['first', 'second', 'time', 'weather_station']);
    expect(item.second).toEqual({ M: { weather_station: { S: 's' }, time: { S: 't' }, field: { S: 'second' }, v: { N: '2' } } });
  });

  it('does nothing for a disabled rule, and starts when it is enabled', () => {
    const w = start();
    const s3: Action = { s3: { roleArn: ROLE, bucketName: 'lake', key: '${newuuid()}' } };
    w.setRules([rule('off', "SELECT * FROM 'sensor/weather'", [s3], { disabled: true })]);
    w.publish({ n: 1 });
    expect(w.objects.size).toBe(0);
    expect(w.engine.metrics().off).toMatchObject({ matched: 0 });
    w.setRules([rule('off', "SELECT * FROM 'sensor/weather'", [s3])]);
    w.publish({ n: 2 });
    expect(w.objects.size).toBe(1);
  });

  it('reaches a rule through Basic Ingest only by its name', () => {
    const w = start();
    const s3 = (key: string): Action => ({ s3: { roleArn: ROLE, bucketName: 'lake', key } });
    w.setRules([
      rule('ingest', "SELECT * FROM 'sensor/weather'", [s3('ingest/${topic()}')]),
      rule('other', "SELECT * FROM '#'", [s3('other/${topic()}')]),
    ]);
    w.publish({ n: 1 }, '$aws/rules/ingest/sensor/weather');
    expect([...w.objects.keys()]).toEqual(['lake/ingest/sensor/weather']);
  });

  it('republishes, lets rules see republished messages, and cuts a republish loop', () => {
    const w = start();
    w.setRules([
      rule('alerts', "SELECT air_temperature.value AS t FROM 'sensor/weather'", [{ republish: { roleArn: ROLE, topic: 'alerts/${clientid()}', qos: 1 } }]),
      rule('loop', "SELECT * FROM 'loop/a'", [{ republish: { roleArn: ROLE, topic: 'loop/a' } }]),
    ]);
    w.publish({ air_temperature: { value: -7 } });
    expect(w.republished).toEqual([{ topic: 'alerts/station-1', payload: '{"t":-7}', qos: 1 }]);
    w.publish({}, 'loop/a');
    expect(w.republished.filter((m) => m.topic === 'loop/a')).toHaveLength(8);
    expect(w.engine.metrics().loop?.lastError?.message).toMatch(/Republish loop/);
  });

  it('withholds the acknowledgement when the commit itself fails', async () => {
    const w = start();
    w.setRules([rule('to_firehose', "SELECT * FROM 'sensor/weather'", [{ firehose: { roleArn: ROLE, deliveryStreamName: 'lake-stream' } }])]);
    w.failCommits();
    await expect(w.publish({ n: 1 })).rejects.toThrow(/disk is full/);
  });

  it('announces metrics while messages flow', async () => {
    const w = start();
    w.setRules([rule('to_s3', "SELECT * FROM 'sensor/weather'", [{ s3: { roleArn: ROLE, bucketName: 'lake', key: 'k' } }])]);
    const seen = new Promise((resolve) => w.engine.events.once('metrics', resolve));
    w.publish({ n: 1 });
    await expect(seen).resolves.toMatchObject({ to_s3: { matched: 1 } });
  });
});
