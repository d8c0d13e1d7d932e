import { describe, expect, it } from 'vitest';
import { exclusionMatcher, parseS3Path, partitionKeysFor, partitionValuesFor, tableNameFor } from './naming.js';

describe('parseS3Path', () => {
  it.each([
    ['s3://lake', { bucket: 'lake', prefix: '' }],
    ['s3://lake/', { bucket: 'lake', prefix: '' }],
    ['s3://lake/telemetry', { bucket: 'lake', prefix: 'telemetry/' }],
    ['s3://lake/a/b/', { bucket: 'lake', prefix: 'a/b/' }],
  ])('%s', (path, expected) => {
    expect(parseS3Path(path)).toEqual(expected);
  });
  it('refuses what is not an S3 URL', () => {
    expect(parseS3Path('lake/telemetry')).toBeUndefined();
    expect(parseS3Path('s3:///x')).toBeUndefined();
  });
});

describe('tableNameFor', () => {
  it.each([
    ['s3://lab-datalake-123/', undefined, 'lab_datalake_123'],
    ['s3://lake/telemetry/', undefined, 'telemetry'],
    ['s3://lake/a/Weather.Data-2022/', undefined, 'weather_data_2022'],
    ['s3://lake/telemetry/', 'raw_', 'raw_telemetry'],
    ['s3://lake/telemetry/', 'Lab-', 'lab_telemetry'],
    [`s3://lake/${'x'.repeat(200)}/`, undefined, 'x'.repeat(128)],
  ])('%s with prefix %s → %s', (path, prefix, expected) => {
    const location = parseS3Path(path);
    if (!location) throw new Error(path);
    expect(tableNameFor(location, prefix)).toBe(expected);
  });
});

describe('partition keys and values', () => {
  it.each<[string, string[][], string[], string[]]>([
    ['Firehose YYYY/MM/DD/HH', [['2022', '01', '02', '03'], ['2022', '01', '02', '04']], ['partition_0', 'partition_1', 'partition_2', 'partition_3'], ['2022', '01', '02', '03']],
    ['Hive key=value', [['year=2022', 'month=01'], ['year=2022', 'month=02']], ['year', 'month'], ['2022', '01']],
    ['Hive keys are lowercased', [['Year=2022']], ['year'], ['2022']],
    ['mixed levels', [['year=2022', '01'], ['year=2023', '02']], ['year', 'partition_1'], ['2022', '01']],
    ['a level that is not Hive everywhere', [['year=2022'], ['2023']], ['partition_0'], ['year=2022']],
    ['no partitions', [[]], [], []],
  ])('%s', (_name, folders, keys, firstValues) => {
    const columns = partitionKeysFor(folders);
    expect(columns.map((column) => column.Name)).toEqual(keys);
    expect(columns.every((column) => column.Type === 'string')).toBe(true);
    expect(partitionValuesFor(folders[0] ?? [], columns)).toEqual(firstValues);
  });
});

describe('exclusions', () => {
  const location = { bucket: 'lake', prefix: 'data/' };
  it.each<[string, string, boolean]>([
    ['*.gz', 'a.gz', true],
    ['*.gz', '2022/a.gz', false],
    ['**.gz', '2022/01/a.gz', true],
    ['2022/01/**', '2022/01/02/03/x', true],
    ['2022/01/**', '2022/02/02/03/x', false],
    ['**/_SUCCESS', '2022/_SUCCESS', true],
    ['**/_SUCCESS', '_SUCCESS', true],
    ['2022/0?/**', '2022/05/x', true],
    ['*.{csv,txt}', 'a.txt', true],
    ['*.{csv,txt}', 'a.json', false],
    ['[ab]*', 'b1', true],
    ['[!ab]*', 'b1', false],
    ['s3://lake/data/2022/**', '2022/01/x', true],
  ])('%s on %s → %s', (pattern, key, excluded) => {
    expect(exclusionMatcher([pattern], location)(key)).toBe(excluded);
  });
});
