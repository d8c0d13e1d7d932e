import { describe, expect, it } from 'vitest';
import { parseStatement } from './statement.js';

describe('statements', () => {
  it('reads the lab CTAS', () => {
    const statement = parseStatement(
      "CREATE TABLE IF NOT EXISTS db.flat WITH (format = 'JSON', external_location = 's3://b/flat/', partitioned_by = ARRAY['station']) AS SELECT 1 AS n, 'x' AS station WITH NO DATA",
    );
    expect(statement).toMatchObject({
      kind: 'ctas',
      name: { parts: ['db', 'flat'] },
      ifNotExists: true,
      properties: { format: 'JSON', external_location: 's3://b/flat/', partitioned_by: ['station'] },
      withData: false,
    });
    if (statement.kind === 'ctas')
      expect(statement.query.map((token) => token.text).join(' ')).toBe("SELECT 1 AS n , 'x' AS station");
  });

  it('reads Hive DDL for a JSON table', () => {
    expect(
      parseStatement(`CREATE EXTERNAL TABLE IF NOT EXISTS \`weather\`.readings (
        weather_station string COMMENT 'USAF id',
        air_temperature struct<value:double, quality:string>,
        sky_cover_condition array<struct<coverage:double,base_height:double,cloud_type:string>>,
        price decimal(10, 2))
      PARTITIONED BY (year int)
      ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')
      LOCATION 's3://lake/readings/'
      TBLPROPERTIES ('classification' = 'json')`),
    ).toEqual({
      kind: 'create-table',
      external: true,
      name: { parts: ['weather', 'readings'], start: 36, quoted: false },
      ifNotExists: true,
      columns: [
        { name: 'weather_station', type: 'string', comment: 'USAF id' },
        { name: 'air_temperature', type: 'struct<value:double,quality:string>' },
        {
          name: 'sky_cover_condition',
          type: 'array<struct<coverage:double,base_height:double,cloud_type:string>>',
        },
        { name: 'price', type: 'decimal(10,2)' },
      ],
      partitionKeys: [{ name: 'year', type: 'int' }],
      serde: 'org.openx.data.jsonserde.JsonSerDe',
      serdeProperties: { 'ignore.malformed.json': 'true' },
      delimited: {},
      location: 's3://lake/readings/',
      properties: { classification: 'json' },
    });
  });

  it.each([
    ['SHOW TABLES IN weather', { kind: 'show-tables', database: { parts: ['weather'] } }],
    ["SHOW TABLES 'lake*'", { kind: 'show-tables', pattern: 'lake*' }],
    ['SHOW DATABASES', { kind: 'show-databases' }],
    ['SHOW COLUMNS IN lake FROM weather', { kind: 'show-columns', name: { parts: ['weather', 'lake'] } }],
    ['DESCRIBE weather.lake', { kind: 'describe', name: { parts: ['weather', 'lake'] } }],
    ['DROP TABLE IF EXISTS lake;', { kind: 'drop-table', ifExists: true }],
    ['DROP DATABASE weather CASCADE', { kind: 'drop-database', cascade: true }],
    ['MSCK REPAIR TABLE lake', { kind: 'msck-repair' }],
    [
      "ALTER TABLE lake ADD PARTITION (year = '2022') LOCATION 's3://b/2022/'",
      { kind: 'add-partitions', partitions: [{ values: { year: '2022' }, location: 's3://b/2022/' }] },
    ],
    ['INSERT INTO t SELECT 1', { kind: 'unsupported', type: 'DML' }],
    ['CREATE VIEW v AS SELECT 1', { kind: 'unsupported', type: 'DDL' }],
  ])('%s', (sql, expected) => {
    expect(parseStatement(sql)).toMatchObject(expected);
  });

  it('refuses what Athena cannot parse', () => {
    expect(() => parseStatement('DROP TABLE')).toThrow("mismatched input '<EOF>'. Expecting: <identifier>");
    expect(() => parseStatement("CREATE EXTERNAL TABLE t (a strng) LOCATION 's3://b/'")).toThrow(
      "Unknown type 'strng' for column 'a'",
    );
  });
});
