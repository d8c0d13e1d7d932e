import { describe, expect, it } from 'vitest';
import type { SdkCallRecord, SdkService } from './client-factory.js';
import { topicMatchesFilter } from '../cloud/iot/rules/sql/index.js';
import { createUsageMeter } from './usage-meter.js';

const ok = (service: SdkService, operation: string, input: unknown = {}, output: unknown = {}): SdkCallRecord => ({
  service,
  operation,
  startedAt: 0,
  durationMs: 1,
  input,
  output,
});

// The fan-out matches rules with the rules engine's own filter matching (AWS's, `a/#` not matching `a`).
describe('topicMatchesFilter, as the rule fan-out uses it', () => {
  it.each([
    ['sensor/weather', 'sensor/weather', true],
    ['sensor/+', 'sensor/weather', true],
    ['sensor/#', 'sensor/weather/extra', true],
    ['#', 'anything/at/all', true],
    ['sensor/+', 'sensor/weather/extra', false],
    ['sensor/weather', 'sensor/other', false],
    ['sensor/weather/x', 'sensor/weather', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatchesFilter(topic, filter)).toBe(expected);
  });
});

describe('usage meter', () => {
  it('counts S3 request classes and stored bytes, ignoring free requests and failures', () => {
    const meter = createUsageMeter();
    meter.observe(ok('s3', 'PutObject', { Body: 'x'.repeat(700) }));
    meter.observe(ok('s3', 'ListObjectsV2'));
    meter.observe(ok('s3', 'GetObject'));
    meter.observe(ok('s3', 'HeadObject'));
    meter.observe(ok('s3', 'DeleteObject'));
    meter.observe({ ...ok('s3', 'PutObject'), error: { code: 'NoSuchBucket', message: '' } });
    expect(meter.snapshot()).toMatchObject({ s3PutRequests: 2, s3GetRequests: 2, s3StoredBytes: 700 });
  });

  it('counts DynamoDB request units', () => {
    const meter = createUsageMeter();
    meter.observe(ok('dynamodb', 'PutItem'));
    meter.observe(ok('dynamodb', 'BatchWriteItem', { RequestItems: { a: [1, 2, 3], b: [4] } }));
    meter.observe(ok('dynamodb', 'GetItem'));
    meter.observe(ok('dynamodb', 'Scan', {}, { ScannedCount: 20 }));
    expect(meter.snapshot()).toMatchObject({ dynamodbWriteUnits: 5, dynamodbReadUnits: 0.5 + 1.5 });
  });

  it('counts each finished Athena query once, with its bytes scanned', () => {
    const meter = createUsageMeter();
    const execution = (state: string, bytes: number) => ({
      QueryExecution: { QueryExecutionId: 'q1', Status: { State: state }, Statistics: { DataScannedInBytes: bytes } },
    });
    meter.observe(ok('athena', 'GetQueryExecution', {}, execution('RUNNING', 10)));
    meter.observe(ok('athena', 'GetQueryExecution', {}, execution('SUCCEEDED', 5000)));
    meter.observe(ok('athena', 'GetQueryExecution', {}, execution('SUCCEEDED', 5000)));
    meter.observe(ok('glue', 'StartCrawler'));
    expect(meter.snapshot()).toMatchObject({ athenaBytesScanned: [5000], crawlerRunSeconds: [0] });
    meter.reset();
    expect(meter.snapshot()).toMatchObject({ athenaBytesScanned: [], crawlerRunSeconds: [], s3PutRequests: 0 });
  });
});
