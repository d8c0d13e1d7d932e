import { describe, expect, it } from 'vitest';
import {
  ActionInputError,
  dynamoDbV1Item,
  dynamoDbV2Item,
  errorActionMessage,
  firehoseRecords,
  republishTopic,
  splitJsonArray,
} from './payloads.js';

describe('dynamoDBv2: each top-level field of the SELECT result is one attribute, typed', () => {
  it.each([
    ['a number', { t: -6.7 }, { t: { N: '-6.7' } }],
    ['an integer', { elevation: 327 }, { elevation: { N: '327' } }],
    ['a string', { weather_station: '723123' }, { weather_station: { S: '723123' } }],
    ['an empty string', { note: '' }, { note: { S: '' } }],
    ['a boolean', { ok: true }, { ok: { BOOL: true } }],
    ['null', { gone: null }, { gone: { NULL: true } }],
    ['an object', { air: { value: -6.7, quality: '5' } }, { air: { M: { value: { N: '-6.7' }, quality: { S: '5' } } } }],
    [
      'an array of objects',
      { sky: [{ coverage: 4, cloud_type: '59' }] },
      { sky: { L: [{ M: { coverage: { N: '4' }, cloud_type: { S: '59' } } }] } },
    ],
    ['a mixed array', { xs: [1, 'a', false, null] }, { xs: { L: [{ N: '1' }, { S: 'a' }, { BOOL: false }, { NULL: true }] } }],
    ['no field at all', {}, {}],
  ])('%s', (_name, result, item) => {
    expect(dynamoDbV2Item(result)).toEqual(item);
  });

  it.each([
    ['a bare value (SELECT VALUE)', 42],
    ['an array', [1, 2]],
    ['nothing (Undefined)', undefined],
    ['a non-JSON payload', Buffer.from('NaN')],
  ])('refuses %s', (_name, result) => {
    expect(() => dynamoDbV2Item(result)).toThrow(ActionInputError);
  });
});

describe('dynamoDB (v1): hash and range keys from templates, the whole result in payloadField', () => {
  const base = { hashKeyField: 'station', hashKeyValue: '723123', payloadField: 'payload' };
  it.each([
    ['a string hash key, JSON payload as a map', base, { a: 1 }, { station: { S: '723123' }, payload: { M: { a: { N: '1' } } } }],
    [
      'a NUMBER range key',
      { ...base, rangeKeyField: 'ts', rangeKeyValue: '1641361500000', rangeKeyType: 'NUMBER' },
      { a: 1 },
      { station: { S: '723123' }, ts: { N: '1641361500000' }, payload: { M: { a: { N: '1' } } } },
    ],
    ['another payload field', { ...base, payloadField: 'device_data' }, 'x', { station: { S: '723123' }, device_data: { S: 'x' } }],
    ['a non-JSON payload as binary', base, Buffer.from([1, 2]), { station: { S: '723123' }, payload: { B: new Uint8Array([1, 2]) } }],
    ['an Undefined result: the key alone', base, undefined, { station: { S: '723123' } }],
  ])('%s', (_name, target, result, item) => {
    expect(dynamoDbV1Item(target, result)).toEqual(item);
  });

  it('refuses a key type other than STRING or NUMBER', () => {
    expect(() => dynamoDbV1Item({ ...base, hashKeyType: 'BINARY' }, {})).toThrow(/STRING or NUMBER/);
  });
});

describe('firehose: separators and batchMode', () => {
  const payload = Buffer.from('{"a":1}');
  it.each([
    ['no separator', undefined, ['{"a":1}']],
    ['a newline', '\n', ['{"a":1}\n']],
    ['a tab', '\t', ['{"a":1}\t']],
    ['a Windows newline', '\r\n', ['{"a":1}\r\n']],
    ['a comma', ',', ['{"a":1},']],
  ])('one record per message with %s', (_name, separator, records) => {
    expect(firehoseRecords(payload, separator, false).map(String)).toEqual(records);
  });

  it.each([
    ['objects', '[{"a":1},{"b":[2,3]}]', '\n', ['{"a":1}\n', '{"b":[2,3]}\n']],
    ['strings holding brackets, commas and quotes', '["x,]","y\\"}{"]', undefined, ['"x,]"', '"y\\"}{"']],
    ['numbers', '[1,2.5,-3]', ',', ['1,', '2.5,', '-3,']],
    ['nested arrays', '[[1,2],[3]]', undefined, ['[1,2]', '[3]']],
    ['an empty array: no record', '[]', '\n', []],
  ])('batchMode sends each element of %s as its own record', (_name, json, separator, records) => {
    expect(firehoseRecords(Buffer.from(json), separator, true).map(String)).toEqual(records);
  });

  it.each([
    ['an object', '{"a":[1,2]}'],
    ['a string', '"[1,2]"'],
  ])('batchMode refuses %s', (_name, json) => {
    expect(() => firehoseRecords(Buffer.from(json), undefined, true)).toThrow(/not a JSON array/);
  });

  it('batchMode refuses more than 500 elements', () => {
    const json = JSON.stringify(Array.from({ length: 501 }, (_, i) => i));
    expect(() => firehoseRecords(Buffer.from(json), undefined, true)).toThrow(/501 elements; the limit is 500/);
    expect(firehoseRecords(Buffer.from(JSON.stringify(Array.from({ length: 500 }, () => 0))), undefined, true)).toHaveLength(500);
  });

  it('splits only top-level arrays', () => {
    expect(splitJsonArray('{"a":1}')).toBeUndefined();
    expect(splitJsonArray('[{"a":[1,{"b":"],"}]}]')).toEqual(['{"a":[1,{"b":"],"}]}']);
  });
});

describe('republish topics', () => {
  it.each([
    ['sensor/weather/alerts', 'sensor/weather/alerts'],
    ['$$aws/things/t1/shadow/update', '$aws/things/t1/shadow/update'],
  ])('%s → %s', (rendered, topic) => {
    expect(republishTopic(rendered)).toBe(topic);
  });

  it.each([['a/+/b'], ['a/#'], [''], ['$aws/things/t1/shadow/update']])('refuses %j', (rendered) => {
    expect(() => republishTopic(rendered)).toThrow(ActionInputError);
  });
});

describe('the error action message (AWS: rule-error-handling)', () => {
  it('has the documented fields, the original payload in base64 and every failure', () => {
    const failures = [
      { failedAction: 'S3Action', failedResource: 'missing-bucket', errorMessage: 'Failed to put S3 object.' },
      { failedAction: 'FirehoseAction', failedResource: 'stream', errorMessage: 'Failed to send message to Firehose.' },
    ];
    const message = errorActionMessage({
      ruleName: 'TestAction',
      topic: 'testme/action',
      traceId: '7e146a2c-95b5-6caf-98b9-50e3969734c7',
      clientId: 'iotconsole-1511213971966-0',
      payload: Buffer.from('{\n  "message": "Hello vrom AWS IoT console"\n}'),
      failures,
    });
    expect(message).toEqual({
      ruleName: 'TestAction',
      topic: 'testme/action',
      cloudwatchTraceId: '7e146a2c-95b5-6caf-98b9-50e3969734c7',
      clientId: 'iotconsole-1511213971966-0',
      // The documentation's own example payload.
      base64OriginalPayload: 'ewogICJtZXNzYWdlIjogIkhlbGxvIHZyb20gQVdTIElvVCBjb25zb2xlIgp9',
      failures,
    });
    expect(Object.keys(message)).toEqual([
      'ruleName',
      'topic',
      'cloudwatchTraceId',
      'clientId',
      'base64OriginalPayload',
      'failures',
    ]);
  });

  it('keeps the bytes of a non-UTF-8 payload', () => {
    const payload = new Uint8Array([0xff, 0x00, 0x80]);
    const message = errorActionMessage({ ruleName: 'r', topic: 't', traceId: 'x', clientId: 'c', payload, failures: [] });
    expect(Buffer.from(message.base64OriginalPayload, 'base64')).toEqual(Buffer.from(payload));
  });
});
