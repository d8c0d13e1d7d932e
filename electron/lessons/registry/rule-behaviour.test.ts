import { describe, expect, it } from 'vitest';
import {
  compareRuleBehaviour,
  objectComparedInWhere,
  parseStudentRule,
  SAMPLE_MESSAGES,
} from './rule-behaviour.js';

const DYNAMODB_RULE = `SELECT weather_station, latitude, longitude, elevation, time,
  air_temperature.value AS air_temperature_value, air_temperature.quality AS air_temperature_quality,
  wind_speed.value AS wind_speed_value, weather_condition, sky_cover_condition
  FROM 'sensor/weather' WHERE air_temperature.value < -5`;

const reference = parseStudentRule(DYNAMODB_RULE, '2016-03-23');
const judge = (sql: string, version = '2016-03-23') =>
  compareRuleBehaviour('weather_sensor_dynamoDB', parseStudentRule(sql, version), reference);

describe('judging a rule by what it does', () => {
  it('uses real lab messages: a mild one, two cold ones and the −5 °C edge', () => {
    expect(SAMPLE_MESSAGES.map((message) => [message.station, message.temperature])).toEqual([
      ['030910', 6.3],
      ['723123', -6.7],
      ['713060', -16.6],
      ['030910', -5],
    ]);
  });

  it('accepts the reference, however it is written, in either SQL version', () => {
    expect(judge(DYNAMODB_RULE)).toBeUndefined();
    expect(judge(DYNAMODB_RULE.replace(/\s+/g, ' ').replace('WHERE', 'where'), '2015-10-08')).toBeUndefined();
    expect(judge(DYNAMODB_RULE.replace('< -5', '< -5.0'))).toBeUndefined();
  });

  it('names the object compared as a whole (the original lab’s wind_speed slip)', () => {
    expect(
      judge(DYNAMODB_RULE.replace('WHERE air_temperature.value < -5', 'WHERE air_temperature < -5')),
    ).toEqual({
      ok: false,
      hint: {
        key: 'rule-where-compares-object',
        values: { rule: 'weather_sensor_dynamoDB', field: 'air_temperature' },
      },
    });
    expect(objectComparedInWhere(`SELECT * FROM 'sensor/weather' WHERE wind_speed > 20`)).toBe('wind_speed');
    expect(objectComparedInWhere(`SELECT * FROM 'sensor/weather' WHERE 20 < wind_speed`)).toBe('wind_speed');
    expect(
      objectComparedInWhere(`SELECT * FROM 'sensor/weather' WHERE wind_speed.value > 20`),
    ).toBeUndefined();
  });

  it('says which reading a wrong WHERE keeps or drops', () => {
    expect(judge(DYNAMODB_RULE.replace('< -5', '<= -5'))).toEqual({
      ok: false,
      hint: {
        key: 'rule-keeps-message',
        values: { rule: 'weather_sensor_dynamoDB', station: '030910', value: '-5.0' },
      },
    });
    expect(judge(DYNAMODB_RULE.replace(' WHERE air_temperature.value < -5', ''))).toMatchObject({
      hint: { key: 'rule-keeps-message', values: { station: '030910', value: '6.3' } },
    });
    expect(judge(DYNAMODB_RULE.replace('< -5', '< -10'))).toMatchObject({
      hint: { key: 'rule-drops-message', values: { station: '723123', value: '-6.7' } },
    });
  });

  it('names a missing, extra or wrong field of the result', () => {
    expect(
      judge(DYNAMODB_RULE.replace('air_temperature.value AS air_temperature_value', 'air_temperature.value')),
    ).toMatchObject({
      hint: { key: 'rule-missing-field', values: { field: 'air_temperature_value' } },
    });
    expect(
      judge(DYNAMODB_RULE.replace('SELECT weather_station,', 'SELECT weather_station, dew_point,')),
    ).toMatchObject({
      hint: { key: 'rule-extra-field', values: { field: 'dew_point' } },
    });
    expect(
      judge(
        DYNAMODB_RULE.replace('wind_speed.value AS wind_speed_value', 'dew_point.value AS wind_speed_value'),
      ),
    ).toMatchObject({ hint: { key: 'rule-field-value', values: { field: 'wind_speed_value' } } });
  });

  it('accepts SELECT * when SELECT * is what the step asks for', () => {
    const everything = parseStudentRule(`SELECT * FROM 'sensor/weather'`, '2016-03-23');
    expect(
      compareRuleBehaviour('r', parseStudentRule(`SELECT * FROM 'sensor/#'`, '2015-10-08'), everything),
    ).toBeUndefined();
    expect(
      compareRuleBehaviour(
        'r',
        parseStudentRule(`SELECT weather_station FROM 'sensor/weather'`, undefined),
        everything,
      ),
    ).toMatchObject({
      hint: { key: 'rule-missing-field', values: { field: 'latitude' } },
    });
  });
});
