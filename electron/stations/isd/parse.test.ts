import { describe, expect, it } from 'vitest';
import { IsdFormatError, parseIsdRecord, type StationReading } from './index.js';
import { SAMPLE_RECORDS } from './sample-records.js';

/** Replaces `text` at 0-based `start` of a record, keeping its length. */
function overwrite(record: string, start: number, text: string): string {
  return record.slice(0, start) + text + record.slice(start + text.length);
}

/** The record cut to its control and mandatory sections, with columns 1–4 updated to say so. */
function withoutVariablePart(record: string): string {
  return `0000${record.slice(4, 105)}`;
}

describe('parseIsdRecord: whole readings (hand-checked against the ISD format document)', () => {
  const cases: { name: keyof typeof SAMPLE_RECORDS; expected: StationReading }[] = [
    {
      name: 'aberdeenSynop',
      expected: {
        weather_station: '030910',
        latitude: 57.2,
        longitude: -2.217,
        elevation: 69,
        time: '2022-01-01T00:00:00+00:00',
        air_temperature: { value: 6.3, quality: '1' },
        dew_point: { value: 5.9, quality: '1' },
        wind_speed: { value: 1, quality: '1' },
        wind_direction: { value: '190', quality: '1' },
        sea_level_pressure: { value: 1009.5, quality: '' },
        sky_ceiling: { value: 2400, quality: '1' },
        visibility_distance: { value: 10000, quality: '1' },
        liquid_precip: [{ hours: 6, depth: 0 }],
        weather_condition: [{ present_weather_condition: 'Rain (not freezing)' }],
        // GA1 "081+024001999": 8 oktas, base 2400 m, cloud type 99 (missing).
        sky_cover_condition: [{ coverage: 8, base_height: 2400, cloud_type: 'MISSING' }],
      },
    },
    {
      name: 'landOLakesSnow',
      expected: {
        weather_station: '723123',
        latitude: 46.15,
        longitude: -89.217,
        elevation: 327,
        time: '2022-01-05T05:55:00+00:00',
        air_temperature: { value: -6.7, quality: '5' },
        dew_point: { value: -8, quality: '5' },
        wind_speed: { value: 0, quality: '5' },
        wind_direction: { value: '999', quality: '9' },
        sea_level_pressure: { value: 9999.9, quality: '' },
        sky_ceiling: { value: 549, quality: '5' },
        visibility_distance: { value: 3219, quality: '5' },
        weather_occurence: [{ intensity: 'Light', precipitation: 'Snow' }],
        weather_condition: [{ present_weather_condition: 'Snow, slight' }],
        sky_cover_condition: [
          { coverage: 4, base_height: 427, cloud_type: 'MISSING' },
          { coverage: 7, base_height: 549, cloud_type: 'MISSING' },
          { coverage: 8, base_height: 762, cloud_type: 'MISSING' },
        ],
        // KA4 is the 24-hour minimum; the METAR remark "410651195" says -6.5 / -19.5 too.
        extreme_temperature: [
          { hours: 60, code: 'M', temperature: { value: -6.7, quality: '1' } },
          { hours: 60, code: 'N', temperature: { value: -7.2, quality: '1' } },
          { hours: 240, code: 'M', temperature: { value: -6.5, quality: '1' } },
          { hours: 240, code: 'N', temperature: { value: -19.5, quality: '1' } },
        ],
      },
    },
    {
      name: 'landOLakesSummaryOfDay',
      expected: {
        weather_station: '723123',
        latitude: 46.15,
        longitude: -89.217,
        elevation: 327,
        time: '2022-01-05T05:59:00+00:00',
        air_temperature: { value: 999.9, quality: '9' },
        dew_point: { value: 999.9, quality: '9' },
        wind_speed: { value: 999.9, quality: '9' },
        wind_direction: { value: '999', quality: '9' },
        sea_level_pressure: { value: 9999.9, quality: '' },
        sky_ceiling: { value: 99999, quality: '9' },
        visibility_distance: { value: 999999, quality: '9' },
      },
    },
  ];

  it.each(cases)('$name', ({ name, expected }) => {
    const reading = parseIsdRecord(SAMPLE_RECORDS[name]);
    expect(reading).toStrictEqual(expected);
    expect(Object.keys(reading)).toEqual(Object.keys(expected));
  });
});

describe('parseIsdRecord: one field at a time', () => {
  const cases: {
    what: string;
    record: string;
    pick: (reading: StationReading) => unknown;
    expected: unknown;
  }[] = [
    {
      what: 'missing sky coverage (99) is null, the base height stays',
      record: SAMPLE_RECORDS.inukjuakSynop,
      pick: (reading) => reading.sky_cover_condition,
      expected: [{ coverage: null, base_height: 800, cloud_type: 'MISSING' }],
    },
    {
      what: 'missing precipitation depth (9999) is null, the period stays',
      record: SAMPLE_RECORDS.groningenSynop,
      pick: (reading) => reading.liquid_precip,
      expected: [
        { hours: 1, depth: null },
        { hours: 6, depth: null },
      ],
    },
    {
      what: 'the real cloud type (GA positions 11–12) is decoded: "BKN014CB" is cumulonimbus',
      record: SAMPLE_RECORDS.aberdeenCumulonimbus,
      pick: (reading) => reading.sky_cover_condition,
      expected: [{ coverage: 7, base_height: 427, cloud_type: 'Cumulonimbus (Cb)' }],
    },
    {
      what: 'AU parts appear only when reported, in the lab order',
      record: SAMPLE_RECORDS.landOLakesThunder,
      pick: (reading) => reading.weather_occurence,
      expected: [
        { intensity: 'Vicinity', descriptor: 'Thunderstorm' },
        { intensity: 'Moderate', precipitation: 'Rain' },
      ],
    },
    {
      what: 'AW code 61 text',
      record: SAMPLE_RECORDS.landOLakesThunder,
      pick: (reading) => reading.weather_condition,
      expected: [{ present_weather_condition: 'Rain, not freezing, slight' }],
    },
    {
      what: 'KA periods are in tenths of an hour',
      record: SAMPLE_RECORDS.inukjuakSynop,
      pick: (reading) => reading.extreme_temperature?.map(({ hours, code }) => `${hours}${code}`),
      expected: ['120M', '120N'],
    },
    {
      what: 'missing ceiling and visibility keep NOAA sentinels and quality 9',
      record: SAMPLE_RECORDS.inukjuakSynop,
      pick: (reading) => [reading.sky_ceiling, reading.visibility_distance],
      expected: [
        { value: 99999, quality: '9' },
        { value: 999999, quality: '9' },
      ],
    },
    {
      what: 'the report source position, not the station catalog position',
      record: SAMPLE_RECORDS.aberdeenCumulonimbus,
      pick: (reading) => [reading.latitude, reading.longitude, reading.elevation],
      expected: [57.202, -2.198, 66],
    },
    {
      what: 'a negative dew point',
      record: SAMPLE_RECORDS.landOLakesThunder,
      pick: (reading) => reading.dew_point,
      expected: { value: -0.7, quality: '5' },
    },
    {
      what: 'a record without additional data has no optional arrays',
      record: withoutVariablePart(SAMPLE_RECORDS.aberdeenSynop),
      pick: (reading) => Object.keys(reading).length,
      expected: 12,
    },
    {
      what: 'hour 24 is midnight of the next day (and of the next year)',
      record: overwrite(SAMPLE_RECORDS.aberdeenSynop, 15, '202212312400'),
      pick: (reading) => reading.time,
      expected: '2023-01-01T00:00:00+00:00',
    },
    {
      what: '-0000 reads as 0, never as negative zero',
      record: overwrite(SAMPLE_RECORDS.aberdeenSynop, 87, '-0000'),
      pick: (reading) => Object.is(reading.air_temperature.value, 0),
      expected: true,
    },
    {
      what: 'a Windows line ending is ignored',
      record: `${SAMPLE_RECORDS.aberdeenSynop}\r`,
      pick: (reading) => reading.sky_cover_condition?.length,
      expected: 1,
    },
  ];

  it.each(cases)('$what', ({ record, pick, expected }) => {
    expect(pick(parseIsdRecord(record))).toStrictEqual(expected);
  });
});

describe('parseIsdRecord: records that break the format', () => {
  const cases: { what: string; record: string; message: RegExp }[] = [
    {
      what: 'a length that does not match columns 1–4',
      record: `${SAMPLE_RECORDS.aberdeenSynop}X`,
      message: /310 characters long, but its columns 1–4 announce 105 \+ 204/,
    },
    {
      what: 'a line shorter than the fixed part',
      record: '0000030910',
      message: /shorter than the 105-character/,
    },
    {
      what: 'an additional field the ISD document does not define',
      record: SAMPLE_RECORDS.aberdeenSynop.replace('AW1231', 'ZZ1231'),
      message: /unknown additional-data field "ZZ1" at column 120/,
    },
    {
      what: 'a temperature that is not a number',
      record: overwrite(SAMPLE_RECORDS.aberdeenSynop, 87, '+00x3'),
      message: /air temperature \(columns 88–92\) is not a number: "\+00x3"/,
    },
    {
      what: 'a date that does not exist',
      record: overwrite(SAMPLE_RECORDS.aberdeenSynop, 15, '20220230'),
      message: /observation date \(columns 16–23\) does not exist: "20220230"/,
    },
    {
      what: 'an additional field cut short by the end of the record',
      record: `0012${withoutVariablePart(SAMPLE_RECORDS.aberdeenSynop).slice(4)}ADDGA1081+02`,
      message: /GA1 at column 109 is cut short/,
    },
  ];

  it.each(cases)('$what', ({ record, message }) => {
    expect(() => parseIsdRecord(record)).toThrow(IsdFormatError);
    expect(() => parseIsdRecord(record)).toThrow(message);
  });
});
