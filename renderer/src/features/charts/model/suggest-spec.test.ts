import { describe, expect, it } from 'vitest';
import type { ResultSet } from '../../sql/result-set';
import { adaptSpec, suggestSpec } from './suggest-spec';

const columns = (...specs: Array<[string, string]>) => specs.map(([name, type]) => ({ name, type }));

describe('suggestSpec', () => {
  it.each<[string, ResultSet, ReturnType<typeof suggestSpec>]>([
    [
      'lesson 09 conditions → bars',
      {
        columns: columns(['present_weather_condition', 'varchar'], ['readings', 'bigint']),
        rows: [
          ['Mist', '120'],
          ['Rain', '80'],
        ],
      },
      { kind: 'bar', x: 'present_weather_condition', y: ['readings'] },
    ],
    [
      'lesson 09 temperatures → one line per station',
      {
        columns: columns(['weather_station', 'varchar'], ['month', 'varchar'], ['avg_temperature', 'double']),
        rows: [
          ['030910', '2022-01', '3.1'],
          ['030910', '2022-02', '4.5'],
          ['061100', '2022-01', '1.2'],
          ['061100', '2022-02', '2.6'],
        ],
      },
      { kind: 'line', x: 'month', y: ['avg_temperature'], series: 'weather_station' },
    ],
    [
      'one row per station: no series, every quantity',
      {
        columns: columns(
          ['weather_station', 'varchar'],
          ['avg_temp', 'double'],
          ['min_temp', 'double'],
          ['n', 'bigint'],
        ),
        rows: [
          ['030910', '8.1', '-3', '100'],
          ['061100', '7.2', '-9', '90'],
        ],
      },
      { kind: 'bar', x: 'weather_station', y: ['avg_temp', 'min_temp', 'n'] },
    ],
    [
      'two quantities → scatter',
      {
        columns: columns(['air_temperature', 'double'], ['dew_point', 'double']),
        rows: [['8', '5']],
      },
      { kind: 'scatter', x: 'air_temperature', y: ['dew_point'] },
    ],
    [
      'no quantity → nothing',
      { columns: columns(['a', 'varchar'], ['b', 'varchar']), rows: [['x', 'y']] },
      undefined,
    ],
  ])('%s', (_name, result, spec) => {
    expect(suggestSpec(result)).toEqual(spec);
  });
});

describe('adaptSpec', () => {
  const result: ResultSet = {
    columns: columns(['station', 'varchar'], ['readings', 'bigint'], ['avg', 'double']),
    rows: [['A', '1', '2.5']],
  };
  it('keeps a spec whose columns are still there', () => {
    const spec = { kind: 'line', x: 'station', y: ['avg'] } as const;
    expect(adaptSpec(result, { ...spec, y: [...spec.y] })).toEqual(spec);
  });
  it('suggests afresh when a column is gone', () => {
    expect(adaptSpec(result, { kind: 'line', x: 'month', y: ['avg'] })).toEqual({
      kind: 'bar',
      x: 'station',
      y: ['readings', 'avg'],
    });
  });
});
