import { describe, expect, it } from 'vitest';
import { athenaPagesToResultSet } from './athena-result';
import { parseCsv, toCsv } from './csv';
import { itemsToResultSet } from './partiql-result';

describe('Athena pages to a result set', () => {
  const metadata = {
    ColumnInfo: [
      { Name: 'weather_station', Label: 'weather_station', Type: 'varchar' },
      { Name: 'readings', Label: 'readings', Type: 'bigint' },
    ],
  };
  it('drops the header row of a SELECT, only on the first page, and keeps NULLs', () => {
    const result = athenaPagesToResultSet(
      [
        {
          ResultSet: {
            ResultSetMetadata: metadata,
            Rows: [
              { Data: [{ VarCharValue: 'weather_station' }, { VarCharValue: 'readings' }] },
              { Data: [{ VarCharValue: '030910' }, { VarCharValue: '12' }] },
            ],
          },
        },
        { ResultSet: { ResultSetMetadata: metadata, Rows: [{ Data: [{ VarCharValue: '' }, {}] }] } },
      ],
      'DML',
    );
    expect(result).toEqual({
      columns: [
        { name: 'weather_station', type: 'varchar' },
        { name: 'readings', type: 'bigint' },
      ],
      rows: [
        ['030910', '12'],
        ['', null],
      ],
    });
  });
  it('keeps the first row of a SHOW (no header row)', () => {
    const result = athenaPagesToResultSet(
      [{ ResultSet: { Rows: [{ Data: [{ VarCharValue: 'a' }] }, { Data: [{ VarCharValue: 'b' }] }] } }],
      'UTILITY',
    );
    expect(result.rows).toEqual([['a'], ['b']]);
    expect(result.columns).toEqual([{ name: '_col0', type: 'varchar' }]);
  });
});

describe('PartiQL items to a result set', () => {
  it('unions the attribute names, writes values as text and nested ones as JSON', () => {
    const result = itemsToResultSet([
      {
        weather_station: { S: '030910' },
        air_temperature: { M: { value: { N: '6.3' }, quality: { S: '1' } } },
      },
      {
        weather_station: { S: '061100' },
        flags: { L: [{ BOOL: true }] },
        n: { N: '1.50' },
        gone: { NULL: true },
      },
    ]);
    expect(result.columns).toEqual([
      { name: 'weather_station', type: 'S' },
      { name: 'air_temperature', type: 'M' },
      { name: 'flags', type: 'L' },
      { name: 'n', type: 'N' },
      { name: 'gone', type: 'NULL' },
    ]);
    expect(result.rows).toEqual([
      ['030910', '{"value":6.3,"quality":"1"}', null, null, null],
      ['061100', null, '[true]', '1.50', null],
    ]);
  });
  it('calls a column of several types mixed', () => {
    expect(itemsToResultSet([{ a: { S: 'x' } }, { a: { N: '1' } }]).columns).toEqual([
      { name: 'a', type: 'mixed' },
    ]);
  });
});

describe('CSV', () => {
  const result = {
    columns: [
      { name: 'name', type: 'varchar' },
      { name: 'note "q"', type: 'varchar' },
    ],
    rows: [
      ['a,b', 'say "hi"'],
      ['', null],
      ['line\nbreak', 'x'],
    ],
  };
  it("writes Athena's result file: every value quoted, NULL empty and unquoted", () => {
    expect(toCsv(result)).toBe('"name","note ""q"""\n"a,b","say ""hi"""\n"",\n"line\nbreak","x"\n');
    expect(toCsv({ columns: [{ name: 'x', type: 'integer' }], rows: [] })).toBe('"x"\n');
  });
  it('reads it back, NULL and empty string apart', () => {
    expect(parseCsv(toCsv(result))).toEqual([['name', 'note "q"'], ...result.rows]);
    expect(parseCsv('a,b\r\n1,\r\n')).toEqual([
      ['a', 'b'],
      ['1', null],
    ]);
  });
});
