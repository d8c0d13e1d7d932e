import { describe, expect, it } from 'vitest';
import {
  athenaTypeOfDuck,
  canCoerce,
  duckTypeOf,
  hiveTypeOfDuck,
  parseDuckType,
  parseHiveType,
} from './types.js';

describe('column types', () => {
  it.each([
    ['string', 'VARCHAR'],
    ['int', 'INTEGER'],
    ['bigint', 'BIGINT'],
    ['double', 'DOUBLE'],
    ['boolean', 'BOOLEAN'],
    ['decimal(10,2)', 'DECIMAL(10, 2)'],
    ['struct<value:double,quality:string>', 'STRUCT("value" DOUBLE, "quality" VARCHAR)'],
    ['array<struct<present_weather_condition:string>>', 'STRUCT("present_weather_condition" VARCHAR)[]'],
    ['map<string,array<int>>', 'MAP(VARCHAR, INTEGER[])'],
    [
      'array<struct<hours:int,code:string,temperature:struct<value:double,quality:string>>>',
      'STRUCT("hours" INTEGER, "code" VARCHAR, "temperature" STRUCT("value" DOUBLE, "quality" VARCHAR))[]',
    ],
  ])('Glue %s is read as DuckDB %s', (glue, duck) => {
    expect(duckTypeOf(parseHiveType(glue))).toBe(duck);
  });

  it.each([
    ['VARCHAR', 'string', 'varchar'],
    ['HUGEINT', 'bigint', 'bigint'],
    ['INTEGER', 'int', 'integer'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp', 'timestamp with time zone'],
    ['STRUCT("value" DOUBLE, quality VARCHAR)[]', 'array<struct<value:double,quality:string>>', 'array'],
    ['STRUCT(a INTEGER)', 'struct<a:int>', 'row'],
    ['MAP(VARCHAR, BIGINT)', 'map<string,bigint>', 'map'],
    ['DECIMAL(18,3)', 'decimal(18,3)', 'decimal'],
  ])('DuckDB %s is Glue %s and Athena %s', (duck, glue, athena) => {
    expect(hiveTypeOfDuck(parseDuckType(duck))).toBe(glue);
    expect(athenaTypeOfDuck(parseDuckType(duck))).toBe(athena);
  });

  it.each([
    ['int', 'bigint', true],
    ['bigint', 'int', false],
    ['int', 'double', false],
    ['float', 'double', true],
    ['struct<value:int,quality:string>', 'struct<value:bigint,quality:string,extra:int>', true],
    ['struct<value:double,quality:string>', 'struct<value:int,quality:string>', false],
    ['array<struct<present_weather_condition:string>>', 'array<struct<hours:int,depth:double>>', false],
  ])('a partition column %s reads as %s: %s', (from, to, expected) => {
    expect(canCoerce(parseHiveType(from), parseHiveType(to))).toBe(expected);
  });

  it('refuses what is not a Hive type', () => {
    expect(() => parseHiveType('strng')).toThrow('Unsupported Hive type: strng');
    expect(() => parseHiveType('array<int')).toThrow();
  });
});
