import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../api/contract';
import type { ResultSet } from '../../sql/result-set';
import { buildChartData, checkSpec } from './chart-data';
import { buildDataTable } from './data-table';

/** Lesson 09's two results, as Athena gives them. */
const conditions: ResultSet = {
  columns: [
    { name: 'present_weather_condition', type: 'varchar' },
    { name: 'readings', type: 'bigint' },
  ],
  rows: [
    ['Mist', '120'],
    ['Rain (not freezing)', '80'],
    [null, '5'],
    ['Snow', null],
  ],
};

const temperatures: ResultSet = {
  columns: [
    { name: 'weather_station', type: 'varchar' },
    { name: 'month', type: 'varchar' },
    { name: 'avg_temperature', type: 'double' },
  ],
  rows: [
    ['030910', '2022-02', '4.5'],
    ['030910', '2022-01', '3.1'],
    ['061100', '2022-01', '1.2'],
    ['061100', '2022-02', '2.6'],
    ['713060', '2022-01', '-25.0'],
  ],
};

describe('buildChartData', () => {
  it('bars: one category per x value in the query’s order, NULL x or y left out', () => {
    const data = buildChartData(conditions, { kind: 'bar', x: 'present_weather_condition', y: ['readings'] });
    expect(data.xKind).toBe('category');
    expect(data.categories).toEqual(['Mist', 'Rain (not freezing)', 'Snow']);
    expect(data.datasets).toEqual([
      {
        label: 'readings',
        points: [
          { x: 0, y: 120 },
          { x: 1, y: 80 },
        ],
      },
    ]);
    expect(data.skipped).toBe(2);
  });

  it('lines: one dataset per series value, times in UTC, sorted by time', () => {
    const data = buildChartData(temperatures, {
      kind: 'line',
      x: 'month',
      y: ['avg_temperature'],
      series: 'weather_station',
    });
    expect(data.xKind).toBe('time');
    expect(data.granularity).toBe('month');
    const jan = Date.UTC(2022, 0, 1);
    const feb = Date.UTC(2022, 1, 1);
    expect(data.datasets).toEqual([
      {
        label: '030910',
        points: [
          { x: jan, y: 3.1 },
          { x: feb, y: 4.5 },
        ],
      },
      {
        label: '061100',
        points: [
          { x: jan, y: 1.2 },
          { x: feb, y: 2.6 },
        ],
      },
      { label: '713060', points: [{ x: jan, y: -25 }] },
    ]);
    expect(data.skipped).toBe(0);
  });

  it.each([
    [{ kind: 'bar', x: 'month', y: ['avg_temperature'] }, 'category'],
    [{ kind: 'line', x: 'weather_station', y: ['avg_temperature'] }, 'category'],
    [{ kind: 'scatter', x: 'avg_temperature', y: ['avg_temperature'] }, 'number'],
    [{ kind: 'scatter', x: 'month', y: ['avg_temperature'] }, 'time'],
  ] as const)('%j has a %s x axis', (spec, xKind) => {
    expect(buildChartData(temperatures, { ...spec, y: [...spec.y] }).xKind).toBe(xKind);
  });

  it('several y columns with a series: one dataset per value and column', () => {
    const result: ResultSet = {
      columns: [
        { name: 'station', type: 'varchar' },
        { name: 'month', type: 'varchar' },
        { name: 'low', type: 'double' },
        { name: 'high', type: 'double' },
      ],
      rows: [
        ['A', '2022-01', '1', '5'],
        ['B', '2022-01', '2', '6'],
      ],
    };
    const data = buildChartData(result, { kind: 'line', x: 'month', y: ['low', 'high'], series: 'station' });
    expect(data.datasets.map((dataset) => dataset.label)).toEqual([
      'A · low',
      'A · high',
      'B · low',
      'B · high',
    ]);
  });
});

describe('checkSpec', () => {
  const bar = (x: string, y: string[]): ChartSpec => ({ kind: 'bar', x, y });
  it.each<[string, ChartSpec, ResultSet, ReturnType<typeof checkSpec>]>([
    ['fits', bar('present_weather_condition', ['readings']), conditions, undefined],
    ['unknown x', bar('nope', ['readings']), conditions, { problem: 'unknown-column', column: 'nope' }],
    ['no y', bar('present_weather_condition', []), conditions, { problem: 'no-y' }],
    [
      'no rows',
      bar('present_weather_condition', ['readings']),
      { ...conditions, rows: [] },
      { problem: 'no-rows' },
    ],
    [
      'a scatter of text',
      { kind: 'scatter', x: 'present_weather_condition', y: ['readings'] },
      conditions,
      { problem: 'scatter-needs-quantity', column: 'present_weather_condition' },
    ],
  ])('%s', (_name, spec, result, problem) => {
    expect(checkSpec(result, spec)).toEqual(problem);
  });
});

describe('buildDataTable', () => {
  it('one row per month, one column per station, missing values empty', () => {
    const data = buildChartData(temperatures, {
      kind: 'line',
      x: 'month',
      y: ['avg_temperature'],
      series: 'weather_station',
    });
    expect(buildDataTable(data, 'month', 'en')).toEqual({
      headers: ['month', '030910', '061100', '713060'],
      rows: [
        { x: 'Jan 2022', cells: [[3.1], [1.2], [-25]] },
        { x: 'Feb 2022', cells: [[4.5], [2.6], []] },
      ],
      totalRows: 2,
    });
  });

  it('every category in the query’s order (a gap too), and a row limit', () => {
    const data = buildChartData(conditions, { kind: 'bar', x: 'present_weather_condition', y: ['readings'] });
    expect(buildDataTable(data, 'present_weather_condition', 'en', 1)).toEqual({
      headers: ['present_weather_condition', 'readings'],
      rows: [{ x: 'Mist', cells: [[120]] }],
      totalRows: 3,
    });
  });

  it('numbers on a number axis in the reader’s language', () => {
    const result: ResultSet = {
      columns: [
        { name: 'temperature', type: 'double' },
        { name: 'dew_point', type: 'double' },
      ],
      rows: [['1234.5', '1']],
    };
    const data = buildChartData(result, { kind: 'scatter', x: 'temperature', y: ['dew_point'] });
    expect(buildDataTable(data, 'temperature', 'fr').rows[0]?.x).toBe('1\u202f234,5');
  });
});
