/**
 * The lab's own rules (shared/lab-original/NOTES.md §8) on a real station message: these must behave
 * exactly as on AWS, since students compare what lands in S3, Firehose and DynamoDB.
 */
import { describe, expect, it } from 'vitest';
import {
  SqlParseError,
  evaluateRule,
  parseRuleSql,
  renderSubstitutionTemplate,
  topicMatchesFilter,
  type SqlVersion,
} from './index.js';

/** Station 723123 (Land O' Lakes), 2022-01-05 05:55 UTC, as the brief quotes it. */
const MESSAGE = Buffer.from(
  '{"weather_station": "723123", "latitude": 46.15, "longitude": -89.217, "elevation": 327, "time": "2022-01-05T05:55:00+00:00", ' +
    '"air_temperature": {"value": -6.7, "quality": "5"}, "dew_point": {"value": -8.0, "quality": "5"}, "wind_speed": {"value": 0.0, "quality": "5"}, ' +
    '"wind_direction": {"value": "999", "quality": "9"}, "sky_cover_condition": [{"coverage": 4.0, "base_height": 427.0, "cloud_type": "59"}]}',
);
const TIMESTAMP = 1_641_362_100_123;

const S3_RULE = "SELECT * FROM 'sensor/weather'";
const DYNAMODB_RULE =
  'SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value as air_temperature_value, ' +
  'air_temperature.quality as air_temperature_quality, wind_speed.value as wind_speed_value, weather_condition, ' +
  "sky_cover_condition FROM 'sensor/weather' WHERE air_temperature.value < -5";

function evaluate(sql: string, version: SqlVersion, payload: Buffer = MESSAGE): string | null {
  const out = evaluateRule(parseRuleSql(sql, version), {
    topic: 'sensor/weather',
    payload,
    timestamp: TIMESTAMP,
    clientId: 'weather-station_4',
  });
  return out.matched ? out.payload.toString('utf8') : null;
}

describe('rule 1: SELECT * to S3, then to Firehose', () => {
  it('subscribes to sensor/weather only', () => {
    const rule = parseRuleSql(S3_RULE, '2016-03-23');
    expect(rule.topicFilter).toBe('sensor/weather');
    expect(topicMatchesFilter('sensor/weather', rule.topicFilter ?? '')).toBe(true);
    expect(topicMatchesFilter('sensor/weather/723123', rule.topicFilter ?? '')).toBe(false);
  });

  it('passes the whole message on, as compact JSON; 2016-03-23 writes 0.0 as 0, 2015-10-08 keeps it', () => {
    expect(evaluate(S3_RULE, '2015-10-08')).toBe(
      '{"weather_station":"723123","latitude":46.15,"longitude":-89.217,"elevation":327,"time":"2022-01-05T05:55:00+00:00",' +
        '"air_temperature":{"value":-6.7,"quality":"5"},"dew_point":{"value":-8.0,"quality":"5"},"wind_speed":{"value":0.0,"quality":"5"},' +
        '"wind_direction":{"value":"999","quality":"9"},"sky_cover_condition":[{"coverage":4.0,"base_height":427.0,"cloud_type":"59"}]}',
    );
    expect(evaluate(S3_RULE, '2016-03-23')).toBe(
      '{"weather_station":"723123","latitude":46.15,"longitude":-89.217,"elevation":327,"time":"2022-01-05T05:55:00+00:00",' +
        '"air_temperature":{"value":-6.7,"quality":"5"},"dew_point":{"value":-8,"quality":"5"},"wind_speed":{"value":0,"quality":"5"},' +
        '"wind_direction":{"value":"999","quality":"9"},"sky_cover_condition":[{"coverage":4,"base_height":427,"cloud_type":"59"}]}',
    );
  });

  it('names each S3 object ${topic()}/${timestamp()}', () => {
    const message = { topic: 'sensor/weather', payload: MESSAGE, timestamp: TIMESTAMP };
    expect(renderSubstitutionTemplate('${topic()}/${timestamp()}', message)).toBe(
      'sensor/weather/1641362100123',
    );
  });

  it('keeps the bytes of the lab lines that are not JSON (bare NaN)', () => {
    const nan = Buffer.from(
      '{"weather_station": "713060", "sky_cover_condition": [{"coverage": NaN, "base_height": 800.0, "cloud_type": "59"}]}\n',
    );
    expect(evaluate(S3_RULE, '2016-03-23', nan)).toBe(nan.toString());
    expect(evaluate(DYNAMODB_RULE, '2016-03-23', nan)).toBeNull();
  });
});

describe('rule 2: cold readings to DynamoDB', () => {
  it('flattens the nested readings of a message colder than -5 °C', () => {
    expect(evaluate(DYNAMODB_RULE, '2016-03-23')).toBe(
      '{"weather_station":"723123","latitude":46.15,"longitude":-89.217,"elevation":327,"time":"2022-01-05T05:55:00+00:00",' +
        '"air_temperature_value":-6.7,"air_temperature_quality":"5","wind_speed_value":0,' +
        '"sky_cover_condition":[{"coverage":4,"base_height":427,"cloud_type":"59"}]}',
    );
  });

  it('keeps 0.0 and 4.0 as decimals under 2015-10-08, the API default', () => {
    expect(evaluate(DYNAMODB_RULE, '2015-10-08')).toBe(
      '{"weather_station":"723123","latitude":46.15,"longitude":-89.217,"elevation":327,"time":"2022-01-05T05:55:00+00:00",' +
        '"air_temperature_value":-6.7,"air_temperature_quality":"5","wind_speed_value":0.0,' +
        '"sky_cover_condition":[{"coverage":4.0,"base_height":427.0,"cloud_type":"59"}]}',
    );
  });

  it('gives DynamoDB plain values with the partition and sort keys at the top', () => {
    const out = evaluateRule(parseRuleSql(DYNAMODB_RULE, '2016-03-23'), {
      topic: 'sensor/weather',
      payload: MESSAGE,
      timestamp: TIMESTAMP,
    });
    expect(out.matched && out.result).toEqual({
      weather_station: '723123',
      latitude: 46.15,
      longitude: -89.217,
      elevation: 327,
      time: '2022-01-05T05:55:00+00:00',
      air_temperature_value: -6.7,
      air_temperature_quality: '5',
      wind_speed_value: 0,
      sky_cover_condition: [{ coverage: 4, base_height: 427, cloud_type: '59' }],
    });
  });

  it.each([
    ['-5.0', false],
    ['-5', false],
    ['-5.01', true],
    ['"-7"', true], // a numeric string compares as a Decimal
    ['"cold"', false],
    ['null', false],
  ])('fires for air_temperature.value %s: %s', (value, fires) => {
    const payload = Buffer.from(
      `{"weather_station": "030910", "air_temperature": {"value": ${value}, "quality": "1"}}`,
    );
    for (const version of ['2015-10-08', '2016-03-23'] as const) {
      expect(evaluate(DYNAMODB_RULE, version, payload) !== null).toBe(fires);
    }
  });

  it('does not fire without the reading', () => {
    expect(evaluate(DYNAMODB_RULE, '2016-03-23', Buffer.from('{"weather_station": "030910"}'))).toBeNull();
  });
});

describe('the lab text\'s example, SELECT * FROM FROM "sensor/weather" WHERE wind_speed > 20', () => {
  it('is refused at CreateTopicRule with a SqlParseException pointing at the second FROM', () => {
    expect(() =>
      parseRuleSql('SELECT * FROM FROM "sensor/weather" WHERE wind_speed > 20', '2016-03-23'),
    ).toThrowError(SqlParseError);
    expect(() => parseRuleSql('SELECT * FROM FROM "sensor/weather" WHERE wind_speed > 20')).toThrowError(
      /^Line 1:15: expected the topic filter in single quotes after FROM/,
    );
  });

  it('once fixed, never fires on wind_speed (an object) but does on wind_speed.value', () => {
    const windy = Buffer.from('{"weather_station": "062800", "wind_speed": {"value": 21.1, "quality": "1"}}');
    expect(evaluate("SELECT * FROM 'sensor/weather' WHERE wind_speed > 20", '2016-03-23', windy)).toBeNull();
    expect(
      evaluate("SELECT * FROM 'sensor/weather' WHERE wind_speed.value > 20", '2016-03-23', windy),
    ).not.toBeNull();
  });
});
