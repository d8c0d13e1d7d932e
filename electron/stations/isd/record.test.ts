import { describe, expect, it } from 'vitest';
import { additionalFieldValueLength } from './additional-fields.js';
import { describeCloudType, describePresentWeatherCondition } from './code-tables.js';
import { COLUMNS, readAdditionalData, readColumn } from './record.js';
import { SAMPLE_RECORDS } from './sample-records.js';

describe('readAdditionalData', () => {
  it('splits the ADD section into its fields, up to the remarks', () => {
    expect([...readAdditionalData(SAMPLE_RECORDS.aberdeenSynop)]).toEqual([
      ['AA1', '06000021'],
      ['AW1', '231'],
      ['GA1', '081+024001999'],
      ['GE1', '9AGL   +99999+99999'],
      ['GF1', '99999081999024001999999'],
      ['MA1', '999999100151'],
      ['MD1', '990011+9999'],
    ]);
  });

  it('stops at REM even when an EQD section follows', () => {
    const fields = readAdditionalData(SAMPLE_RECORDS.landOLakesThunder);
    expect([...fields.keys()].at(-1)).toBe('OC1');
    expect(fields.has('R01')).toBe(false);
  });

  it('reads daily-summary AT fields', () => {
    expect([...readAdditionalData(SAMPLE_RECORDS.landOLakesSummaryOfDay)]).toEqual([['AT1', 'AU18SN  5']]);
  });

  it('is empty when the record has no ADD section', () => {
    expect(readAdditionalData(`0000${SAMPLE_RECORDS.aberdeenSynop.slice(4, 105)}`).size).toBe(0);
  });
});

describe('additionalFieldValueLength (ISD format document, additional data section)', () => {
  it.each([
    ['AA1', 8],
    ['AU2', 8],
    ['AW1', 3],
    ['GA6', 13],
    ['GF1', 23],
    ['KA4', 10],
    ['MA1', 12],
    ['CN3', 16],
    ['CO1', 5],
    ['CO2', 8],
    ['IA2', 9],
    ['ZZ1', undefined],
    ['GA0', undefined],
    ['REM', undefined],
  ])('%s → %s', (fieldId, expected) => {
    expect(additionalFieldValueLength(fieldId)).toBe(expected);
  });
});

describe('control section columns', () => {
  it('reads station ids, report type and date', () => {
    const record = SAMPLE_RECORDS.landOLakesSummaryOfDay;
    expect(readColumn(record, COLUMNS.usaf)).toBe('723123');
    expect(readColumn(record, COLUMNS.wban)).toBe('14886');
    expect(readColumn(record, COLUMNS.reportType)).toBe('SOD  ');
    expect(readColumn(record, COLUMNS.date)).toBe('20220105');
  });
});

describe('code tables', () => {
  it.each([
    ['09', 'Cumulonimbus (Cb)'],
    ['99', 'MISSING'],
    ['57', '57'],
  ])('cloud type %s → %s', (code, text) => {
    expect(describeCloudType(code)).toBe(text);
  });

  it.each([
    ['10', 'Mist'],
    ['71', 'Snow, slight'],
    ['06', 'UNKNOWN'],
  ])('AW condition %s → %s', (code, text) => {
    expect(describePresentWeatherCondition(code)).toBe(text);
  });
});
