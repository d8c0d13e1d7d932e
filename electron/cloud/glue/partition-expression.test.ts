import { describe, expect, it } from 'vitest';
import { compilePartitionExpression } from './partition-expression.js';

const keys = [
  { Name: 'partition_0', Type: 'string' },
  { Name: 'partition_1', Type: 'string' },
  { Name: 'hour', Type: 'int' },
];
const partitions = [
  ['2022', '01', '9'],
  ['2022', '02', '10'],
  ['2023', '01', '23'],
];

describe('GetPartitions Expression', () => {
  it.each<[string, number[]]>([
    ["partition_0 = '2022'", [0, 1]],
    ["partition_0 <> '2022'", [2]],
    ["partition_0 != '2022'", [2]],
    ["partition_0 = '2022' AND partition_1 >= '02'", [1]],
    ["partition_0 = '2023' or partition_1 = '02'", [1, 2]],
    ["NOT (partition_0 = '2022')", [2]],
    ['hour > 9', [1, 2]],
    ["hour > '9'", [1, 2]],
    ['hour BETWEEN 9 AND 10', [0, 1]],
    ["partition_1 IN ('01', '03')", [0, 2]],
    ["partition_0 LIKE '202%'", [0, 1, 2]],
    ["partition_0 NOT LIKE '2022'", [2]],
    ["(partition_0 = '2022' OR partition_0 = '2023') AND hour < 20", [0, 1]],
  ])('%s', (expression, expected) => {
    const matches = compilePartitionExpression(expression, keys);
    expect(partitions.flatMap((values, i) => (matches(values) ? [i] : []))).toEqual(expected);
  });

  it.each(["nope = '1'", "partition_0 = ", "partition_0 ~ '1'", "partition_0 = '1' AND", "partition_0 = '1')"])('refuses %s', (expression) => {
    expect(() => compilePartitionExpression(expression, keys)).toThrow();
  });
});
