import { describe, expect, it } from 'vitest';
import {
  compareSchemas,
  glueTypeText,
  nestedFields,
  parseGlueType,
  typeDifferences,
  typeHead,
} from './glue-types';

const EXTREME = 'array<struct<hours:int,code:string,temperature:struct<value:double,quality:string>>>';

describe('parseGlueType', () => {
  it.each([
    ['double', 'double', 'double'],
    ['decimal(10, 2)', 'decimal(10,2)', 'decimal(10,2)'],
    ['struct<value:double,quality:string>', 'struct<value:double,quality:string>', 'struct'],
    ['ARRAY< STRUCT<a : INT> >', 'array<struct<a:int>>', 'array<struct>'],
    [EXTREME, EXTREME, 'array<struct>'],
    ['map<string,struct<x:int>>', 'map<string,struct<x:int>>', 'map<string,struct>'],
    ['array<array<bigint>>', 'array<array<bigint>>', 'array<array<bigint>>'],
    ['struct<`weird name`:string>', 'struct<weird name:string>', 'struct'],
  ])('reads %s as %s (head %s)', (text, normalized, head) => {
    const type = parseGlueType(text);
    expect(glueTypeText(type)).toBe(normalized);
    expect(typeHead(type)).toBe(head);
  });

  it.each(['struct<a:int', 'array<>', 'struct<a int>', ''])('keeps unreadable %j as its text', (text) => {
    expect(parseGlueType(text)).toEqual({ kind: 'primitive', text });
  });

  it('gives the fields under an array of structs, recursively typed', () => {
    const fields = nestedFields(parseGlueType(EXTREME)) ?? [];
    expect(fields.map((field) => [field.name, typeHead(field.type)])).toEqual([
      ['hours', 'int'],
      ['code', 'string'],
      ['temperature', 'struct'],
    ]);
    expect(nestedFields(fields[2]!.type)?.map((field) => field.name)).toEqual(['value', 'quality']);
    expect(nestedFields(parseGlueType('string'))).toBeUndefined();
  });
});

describe('typeDifferences', () => {
  it.each([
    [
      'struct<value:double,quality:string>',
      'struct<value:int,quality:string>',
      [['t.value', 'double', 'int']],
    ],
    ['array<struct<coverage:double>>', 'array<struct<coverage:int>>', [['t[].coverage', 'double', 'int']]],
    ['struct<a:int>', 'struct<a:int,b:string>', [['t.b', '—', 'b:string']]],
    [
      'struct<a:int,b:int>',
      'struct<b:int,a:int>',
      [
        ['t.a', 'a:int', 'b:int'],
        ['t.b', 'b:int', 'a:int'],
      ],
    ],
    ['string', 'int', [['t', 'string', 'int']]],
    ['map<string,int>', 'map<string,bigint>', [['t{}', 'int', 'bigint']]],
    ['struct<a:int>', 'struct<a:int>', []],
  ])('%s against %s', (table, partition, expected) => {
    const found = typeDifferences(parseGlueType(table), parseGlueType(partition), 't');
    expect(found.map((d) => [d.path, d.table, d.partition])).toEqual(expected);
  });
});

describe('compareSchemas', () => {
  const table = [
    { Name: 'weather_station', Type: 'string' },
    { Name: 'elevation', Type: 'bigint' },
    { Name: 'air_temperature', Type: 'struct<value:double,quality:string>' },
  ];

  it('finds nothing when the partition has the table’s columns', () => {
    expect(compareSchemas(table, table)).toEqual({ differences: [], athenaReads: true });
  });

  it('names the lab’s mismatch: a whole-number hour typed int where the table says double', () => {
    const partition = [
      table[0]!,
      table[1]!,
      { Name: 'air_temperature', Type: 'struct<value:int,quality:string>' },
    ];
    const { differences, athenaReads } = compareSchemas(table, partition);
    expect(athenaReads).toBe(false);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: 'changed',
        position: 2,
        coercible: false,
        details: [{ path: 'air_temperature.value', table: 'double', partition: 'int' }],
      }),
    ]);
  });

  it.each([
    ['bigint', 'elevation', 'int', true],
    ['int', 'elevation', 'bigint', false],
    ['bigint', 'elevation', 'string', false],
    ['double', 'elevation', 'float', true],
    ['string', 'elevation', 'varchar(10)', true],
    ['bigint', 'height', 'bigint', true],
  ])('a %s column read from a partition’s %s %s: Athena reads it: %s', (tableType, name, type, reads) => {
    const { athenaReads } = compareSchemas(
      [{ Name: 'elevation', Type: tableType }],
      [{ Name: name, Type: type }],
    );
    expect(athenaReads).toBe(reads);
  });

  it('tells a column the partition lacks from one only it has, neither failing Athena', () => {
    const shorter = compareSchemas(table, table.slice(0, 2));
    expect(shorter.differences).toEqual([{ kind: 'missing', position: 2, table: table[2] }]);
    expect(shorter.athenaReads).toBe(true);
    const longer = compareSchemas(table.slice(0, 1), table.slice(0, 2));
    expect(longer.differences).toEqual([{ kind: 'extra', position: 1, partition: table[1] }]);
    expect(longer.athenaReads).toBe(true);
  });
});
