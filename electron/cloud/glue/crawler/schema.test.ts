import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonRecords } from './json-records.js';
import { arrayOf, BIGINT, BOOLEAN, columnsOf, DOUBLE, INT, mergeTypes, NULL, STRING, structOf, typeString, type GlueType } from './schema.js';

const typeOf = (json: string): string => {
  const scan = scanJsonRecords(`{"x": ${json}}`);
  const field = scan.schema?.kind === 'struct' ? scan.schema.fields.get('x') : undefined;
  return field ? typeString(field) : 'none';
};

describe('Glue types of JSON values', () => {
  it.each([
    ['0', 'int'],
    ['-17', 'int'],
    ['2147483647', 'int'],
    ['2147483648', 'bigint'],
    ['-2147483649', 'bigint'],
    ['9223372036854775807', 'bigint'],
    ['9223372036854775808', 'double'],
    ['10.0', 'double'],
    ['999.9', 'double'],
    ['1e-05', 'double'],
    ['1E5', 'double'],
    ['"190"', 'string'],
    ['true', 'boolean'],
    ['null', 'string'],
    ['[]', 'array<string>'],
    ['[1, 2.5]', 'array<double>'],
    ['[{"hours": 6, "depth": 0.0}]', 'array<struct<hours:int,depth:double>>'],
    ['{"value": 6.3, "quality": "1"}', 'struct<value:double,quality:string>'],
    ['{}', 'struct<>'],
  ])('%s → %s', (json, expected) => {
    expect(typeOf(json)).toBe(expected);
  });
});

describe('mergeTypes', () => {
  const valueStruct = (value: GlueType) => structOf([['value', value], ['quality', STRING]]);
  it.each<[string, GlueType, GlueType, string]>([
    ['int + double', INT, DOUBLE, 'double'],
    ['int + bigint', INT, BIGINT, 'bigint'],
    ['bigint + double', BIGINT, DOUBLE, 'double'],
    ['null + int', NULL, INT, 'int'],
    ['int + null', INT, NULL, 'int'],
    ['int + string', INT, STRING, 'string'],
    ['boolean + int', BOOLEAN, INT, 'string'],
    ['struct + string', valueStruct(INT), STRING, 'string'],
    ['array + struct', arrayOf(INT), valueStruct(INT), 'string'],
    ['struct fields merged', valueStruct(INT), valueStruct(DOUBLE), 'struct<value:double,quality:string>'],
    ['struct fields unioned in order of appearance', structOf([['a', INT]]), structOf([['b', STRING], ['a', INT]]), 'struct<a:int,b:string>'],
    ['array elements merged', arrayOf(structOf([['a', INT]])), arrayOf(structOf([['b', DOUBLE]])), 'array<struct<a:int,b:double>>'],
    ['empty array + array of int', arrayOf(NULL), arrayOf(INT), 'array<int>'],
  ])('%s', (_name, a, b, expected) => {
    expect(typeString(mergeTypes(a, b))).toBe(expected);
  });

  it('never changes its arguments', () => {
    const a = structOf([['a', INT]]);
    mergeTypes(a, structOf([['b', INT]]));
    expect(typeString(a)).toBe('struct<a:int>');
  });

  const types: fc.Arbitrary<GlueType> = fc.letrec<{ type: GlueType }>((tie) => ({
    type: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(NULL, BOOLEAN, INT, BIGINT, DOUBLE, STRING),
      tie('type').map(arrayOf),
      fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c'), tie('type')), { selector: ([name]) => name, maxLength: 3 }).map((fields) => structOf(fields)),
    ),
  })).type;

  it('is associative and idempotent, and commutative up to struct field order', () => {
    const sortedFields = (type: GlueType): string =>
      type.kind === 'struct'
        ? `struct<${[...type.fields].sort(([a], [b]) => a.localeCompare(b)).map(([name, field]) => `${name}:${sortedFields(field)}`).join(',')}>`
        : type.kind === 'array'
          ? `array<${sortedFields(type.element)}>`
          : typeString(type);
    fc.assert(
      fc.property(types, types, types, (a, b, c) => {
        expect(typeString(mergeTypes(mergeTypes(a, b), c))).toBe(typeString(mergeTypes(a, mergeTypes(b, c))));
        expect(typeString(mergeTypes(a, a))).toBe(typeString(a));
        expect(sortedFields(mergeTypes(a, b))).toBe(sortedFields(mergeTypes(b, a)));
      }),
    );
  });
});

describe('columnsOf', () => {
  it('gives the top-level fields of a record as columns', () => {
    expect(columnsOf(structOf([['time', STRING], ['dew_point', structOf([['value', DOUBLE], ['quality', STRING]])]]))).toEqual([
      { Name: 'time', Type: 'string' },
      { Name: 'dew_point', Type: 'struct<value:double,quality:string>' },
    ]);
  });
});
