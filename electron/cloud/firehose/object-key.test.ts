import { describe, expect, it } from 'vitest';
import { AwsError } from '../protocols/aws-error.js';
import { compilePrefixes, evaluatePrefix, fileExtension, objectKey, randomString } from './object-key.js';

// 2026-07-13T14:05:09.123Z, a Monday; 23:30 UTC the same day is already the 14th in Tokyo.
const INSTANT = Date.UTC(2026, 6, 13, 14, 5, 9, 123);
const LATE = Date.UTC(2026, 6, 13, 23, 30, 0);
const UUID = '1f0c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

function key(
  prefix: string | undefined,
  errorOutputPrefix?: string,
  extra: Partial<Parameters<typeof objectKey>[0]> = {},
): string {
  let n = 0;
  return objectKey({
    prefix: compilePrefixes(prefix, errorOutputPrefix).prefix,
    streamName: 'weather-stream',
    version: 1,
    instantMs: INSTANT,
    extension: '',
    uuid: UUID,
    random: () => `rnd${++n}`,
    ...extra,
  });
}

describe('object keys (AWS: s3-object-name, s3-prefixes)', () => {
  it.each([
    // [case, Prefix, ErrorOutputPrefix, expected key]
    [
      'no prefix: default yyyy/MM/dd/HH/ in UTC',
      undefined,
      undefined,
      `2026/07/13/14/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    ['empty prefix = no prefix', '', undefined, `2026/07/13/14/weather-stream-1-2026-07-13-14-05-09-${UUID}`],
    [
      'static prefix: literal concatenation, no slash inserted',
      'raw',
      undefined,
      `raw2026/07/13/14/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'static prefix ending with a slash',
      'raw/',
      undefined,
      `raw/2026/07/13/14/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'timestamp expressions: nothing appended',
      'data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/',
      'errors/!{firehose:error-output-type}/',
      `data/year=2026/month=07/day=13/hour=14/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'quoted literals inside a timestamp pattern',
      "!{timestamp:'year='yyyy'/month='MM'/'}",
      'e/!{firehose:error-output-type}',
      `year=2026/month=07/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'random-string without timestamp: the default time is appended',
      'rand=!{firehose:random-string}/',
      'e/!{firehose:error-output-type}',
      `rand=rnd1/2026/07/13/14/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'each random-string is fresh',
      '!{firehose:random-string}/!{firehose:random-string}/!{timestamp:yyyy}/',
      'e/!{firehose:error-output-type}',
      `rnd1/rnd2/2026/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
    [
      'other DateTimeFormatter letters',
      '!{timestamp:yy-M-d D E EEEE MMM a hh:mm:ss.SSS}/',
      'e/!{firehose:error-output-type}',
      `26-7-13 194 Mon Monday Jul PM 02:05:09.123/weather-stream-1-2026-07-13-14-05-09-${UUID}`,
    ],
  ])('%s', (_case, prefix, errorOutputPrefix, expected) => {
    expect(key(prefix, errorOutputPrefix)).toBe(expected);
  });

  it('carries the stream version and the compression extension', () => {
    expect(key('raw/', undefined, { version: 3, extension: fileExtension('GZIP', undefined) })).toBe(
      `raw/2026/07/13/14/weather-stream-3-2026-07-13-14-05-09-${UUID}.gz`,
    );
    expect(fileExtension('UNCOMPRESSED', undefined)).toBe('');
    expect(fileExtension('GZIP', '.json.gz')).toBe('.json.gz');
  });

  it('uses UTC by default and CustomTimeZone when set, for the prefix and the name alike', () => {
    expect(key(undefined, undefined, { instantMs: LATE })).toBe(
      `2026/07/13/23/weather-stream-1-2026-07-13-23-30-00-${UUID}`,
    );
    expect(key(undefined, undefined, { instantMs: LATE, timeZone: 'Asia/Tokyo' })).toBe(
      `2026/07/14/08/weather-stream-1-2026-07-14-08-30-00-${UUID}`,
    );
  });

  it('generates 11-character random strings and UUIDs by default', () => {
    expect(randomString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{2}$/);
    const generated = objectKey({
      prefix: compilePrefixes(undefined, undefined).prefix,
      streamName: 's',
      version: 1,
      instantMs: INSTANT,
      extension: '',
    });
    expect(generated).toMatch(
      /^2026\/07\/13\/14\/s-1-2026-07-13-14-05-09-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('error output prefixes', () => {
  it.each([
    [
      'expression with error-output-type',
      'fail/!{firehose:error-output-type}/!{timestamp:yyyy}/',
      'raw/',
      'fail/processing-failed/2026/',
    ],
    ['static ErrorOutputPrefix', 'errors/', 'raw/', 'errors/processing-failed/2026/07/13/14/'],
    [
      'no ErrorOutputPrefix: derived from the static Prefix',
      undefined,
      'raw/',
      'raw/processing-failed/2026/07/13/14/',
    ],
  ])('%s', (_case, errorOutputPrefix, prefix, expected) => {
    const { errorOutputPrefix: parts } = compilePrefixes(prefix, errorOutputPrefix);
    expect(evaluatePrefix(parts, { instantMs: INSTANT })).toBe(expected);
  });

  it('evaluates error-output-type to the kind of failure', () => {
    const { errorOutputPrefix: parts } = compilePrefixes(undefined, '!{firehose:error-output-type}/');
    expect(evaluatePrefix(parts, { instantMs: INSTANT, errorOutputType: 'format-conversion-failed' })).toBe(
      'format-conversion-failed/',
    );
  });
});

describe('prefix rules (AWS: s3-prefixes, semantic rules)', () => {
  it.each([
    [
      'expressions in Prefix need an ErrorOutputPrefix',
      '!{timestamp:yyyy/MM/dd}',
      undefined,
      'ErrorOutputPrefix cannot be null when Prefix contains expressions',
    ],
    [
      'Prefix cannot use error-output-type',
      'x/!{firehose:error-output-type}/',
      'e/!{firehose:error-output-type}',
      'Prefix cannot contain !{firehose:error-output-type}',
    ],
    [
      'ErrorOutputPrefix expressions need error-output-type',
      undefined,
      'e/!{timestamp:yyyy}/',
      'must contain !{firehose:error-output-type}',
    ],
    ['!{ must start an expression', 'raw!{', undefined, "contains '!{'"],
    ['unknown namespace', '!{foo:bar}/', 'e/!{firehose:error-output-type}', "Unknown namespace 'foo'"],
    [
      'unknown firehose value',
      '!{firehose:nope}/',
      'e/!{firehose:error-output-type}',
      'valid values are random-string and error-output-type',
    ],
    [
      'dynamic partitioning keys are refused offline',
      '!{partitionKeyFromQuery:id}/',
      'e/!{firehose:error-output-type}',
      'dynamic partitioning',
    ],
    [
      'unknown pattern letter',
      '!{timestamp:yyyy-qq}/',
      'e/!{firehose:error-output-type}',
      'Unknown pattern letter: q',
    ],
    [
      'unterminated quote',
      "!{timestamp:'year}/",
      'e/!{firehose:error-output-type}',
      'incomplete string literal',
    ],
  ])('%s', (_case, prefix, errorOutputPrefix, message) => {
    let thrown: unknown;
    try {
      compilePrefixes(prefix, errorOutputPrefix);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AwsError);
    expect(thrown).toMatchObject({ code: 'InvalidArgumentException', status: 400 });
    expect((thrown as AwsError).message).toContain(message);
  });
});
