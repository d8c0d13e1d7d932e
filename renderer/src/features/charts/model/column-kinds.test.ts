import { describe, expect, it } from 'vitest';
import type { ResultSet } from '../../sql/result-set';
import { describeColumns, readNumber } from './column-kinds';

const result: ResultSet = {
  columns: [
    { name: 'weather_station', type: 'varchar' },
    { name: 'month', type: 'varchar' },
    { name: 'avg_temperature', type: 'double' },
    { name: 'readings', type: 'bigint' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'timestamp' },
    { name: 'wind_direction', type: 'varchar' },
    { name: 'sky', type: 'array(row(coverage double))' },
    { name: 'price', type: 'decimal(10,2)' },
    { name: 'n', type: 'N' },
    { name: 'empty', type: 'varchar' },
  ],
  rows: [
    [
      '030910',
      '2022-01',
      '5.1',
      '12',
      '2022-01-01',
      '2022-01-01 00:20:00.000',
      '190',
      '[]',
      '1.50',
      '3',
      null,
    ],
    [
      '061100',
      '2022-02',
      '3.2',
      null,
      '2022-01-02',
      '2022-01-01 00:50:00.000',
      '200',
      '[]',
      '2.00',
      '4',
      null,
    ],
    ['061100', '2022-02', null, '7', null, null, '999', '[]', '2.00', '4', null],
  ],
};

describe('describeColumns', () => {
  const columns = describeColumns(result);
  it.each([
    ['weather_station', 'text', undefined],
    ['month', 'time', 'month'],
    ['avg_temperature', 'number', undefined],
    ['readings', 'number', undefined],
    ['day', 'time', 'day'],
    ['at', 'time', 'second'],
    // Digit strings are labels (station ids, the lab's wind direction), not quantities.
    ['wind_direction', 'text', undefined],
    ['sky', 'text', undefined],
    ['price', 'number', undefined],
    ['n', 'number', undefined],
    ['empty', 'text', undefined],
  ])('%s is %s', (name, kind, granularity) => {
    const column = columns.find((candidate) => candidate.name === name);
    expect(column?.kind).toBe(kind);
    expect(column?.granularity).toBe(granularity);
  });

  it('counts distinct values, NULL left out', () => {
    expect(columns.map((column) => column.distinct)).toEqual([2, 2, 2, 2, 2, 2, 3, 1, 2, 2, 0]);
  });
});

describe('readNumber', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['1e3', 1000],
    ['999.9', 999.9],
    [' 7 ', 7],
    ['', undefined],
    [null, undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['Rain', undefined],
  ] as const)('%j → %s', (text, number) => {
    expect(readNumber(text)).toBe(number);
  });
});
