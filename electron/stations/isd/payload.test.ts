import { describe, expect, it } from 'vitest';
import { parseIsdRecord, toLabPayload } from './index.js';
import { jsonFloat, jsonString } from './payload.js';
import { SAMPLE_RECORDS } from './sample-records.js';

describe('toLabPayload', () => {
  it('writes the lab payload byte for byte (the oracle line, with the real cloud type)', () => {
    expect(toLabPayload(parseIsdRecord(SAMPLE_RECORDS.aberdeenSynop))).toBe(
      '{"weather_station": "030910", "latitude": 57.2, "longitude": -2.217, "elevation": 69, ' +
        '"time": "2022-01-01T00:00:00+00:00", "air_temperature": {"value": 6.3, "quality": "1"}, ' +
        '"dew_point": {"value": 5.9, "quality": "1"}, "wind_speed": {"value": 1.0, "quality": "1"}, ' +
        '"wind_direction": {"value": "190", "quality": "1"}, "sea_level_pressure": {"value": 1009.5, "quality": ""}, ' +
        '"sky_ceiling": {"value": 2400, "quality": "1"}, "visibility_distance": {"value": 10000, "quality": "1"}, ' +
        '"liquid_precip": [{"hours": 6, "depth": 0.0}], ' +
        '"weather_condition": [{"present_weather_condition": "Rain (not freezing)"}], ' +
        '"sky_cover_condition": [{"coverage": 8.0, "base_height": 2400.0, "cloud_type": "MISSING"}]}',
    );
  });

  it('writes null where the original wrote the invalid token NaN', () => {
    const payload = toLabPayload(parseIsdRecord(SAMPLE_RECORDS.inukjuakSynop));
    expect(payload).toContain('"liquid_precip": [{"hours": 6, "depth": null}, {"hours": 24, "depth": null}]');
    expect(payload).toContain('{"coverage": null, "base_height": 800.0, "cloud_type": "MISSING"}');
    expect(payload).not.toMatch(/NaN/);
  });

  it('keeps the lab key order for every optional array', () => {
    const payload = toLabPayload(parseIsdRecord(SAMPLE_RECORDS.landOLakesSnow));
    const topLevelKeys = Object.keys(JSON.parse(payload) as object);
    expect(topLevelKeys).toEqual([
      'weather_station',
      'latitude',
      'longitude',
      'elevation',
      'time',
      'air_temperature',
      'dew_point',
      'wind_speed',
      'wind_direction',
      'sea_level_pressure',
      'sky_ceiling',
      'visibility_distance',
      'weather_occurence',
      'weather_condition',
      'sky_cover_condition',
      'extreme_temperature',
    ]);
    expect(payload).toContain(
      '"extreme_temperature": [{"hours": 60, "code": "M", "temperature": {"value": -6.7, "quality": "1"}}, ',
    );
  });

  it('writes the order of the lab even if the object was built in another order', () => {
    const reading = parseIsdRecord(SAMPLE_RECORDS.landOLakesThunder);
    const shuffled = Object.fromEntries(Object.entries(reading).reverse()) as typeof reading;
    shuffled.weather_occurence = [{ precipitation: 'Rain', intensity: 'Moderate' }];
    expect(toLabPayload(shuffled)).toBe(
      toLabPayload({ ...reading, weather_occurence: [{ intensity: 'Moderate', precipitation: 'Rain' }] }),
    );
  });

  it.each(Object.entries(SAMPLE_RECORDS))('%s reads back as the same reading', (_name, record) => {
    const reading = parseIsdRecord(record);
    expect(JSON.parse(toLabPayload(reading))).toStrictEqual(reading);
  });
});

describe('jsonFloat writes numbers as Python writes floats', () => {
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [57.2, '57.2'],
    [-2.217, '-2.217'],
    [999.9, '999.9'],
    [9999.9, '9999.9'],
    [0.1 + 0.2, '0.30000000000000004'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-7, '-2.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1e22, '1e+22'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
    [null, 'null'],
  ])('%s → %s', (value, expected) => {
    expect(jsonFloat(value)).toBe(expected);
  });
});

describe('jsonString escapes as Python json.dumps (ensure_ascii)', () => {
  it.each([
    ['MISSING', '"MISSING"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['Québec', '"Qu\\u00e9bec"'],
    ['\u007f', '"\\u007f"'],
    ['\u0001', '"\\u0001"'],
  ])('%j → %s', (text, expected) => {
    expect(jsonString(text)).toBe(expected);
  });
});
