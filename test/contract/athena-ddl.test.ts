import { AthenaClient } from '@aws-sdk/client-athena';
import { GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import {
  allRows,
  createLabLake,
  groupBy,
  RESULTS_BUCKET,
  runQuery,
  select,
  type LabLake,
} from './athena-helpers.js';
import { readLabPayloads } from './glue-lake.js';

/** Hive DDL, the SHOW/DESCRIBE utilities and CTAS variants, through the SDK, on the NOAA lake. */

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);
if (!fixtures.available) console.warn(`${fixtures.missingMessage}: the Athena DDL tests are skipped.`);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let athena: AthenaClient;
let glue: GlueClient;
let lake: LabLake;
const database = 'lab';
const LAB_COLUMNS =
  'weather_station string, `time` string, air_temperature struct<value:double,quality:string>, weather_condition array<struct<present_weather_condition:string>>';

beforeAll(async () => {
  cloud = await startTestCloud();
  athena = new AthenaClient(sdkConfig(cloud));
  glue = new GlueClient(sdkConfig(cloud));
  cloud.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
  if (!fixtures.available) return;
  const payloads = await readLabPayloads(fixtures.isdDir, 100);
  lake = await createLabLake(cloud, glue, payloads, {
    bucket: 'crawled-lake',
    database: 'crawled',
    start: new Date(Date.UTC(2026, 2, 1, 10)),
    hours: 2,
    objectsPerHour: 2,
  });
});
afterAll(async () => {
  athena.destroy();
  glue.destroy();
  await cloud.dispose();
});

/** Rows of a utility statement (no header row for SHOW/DESCRIBE). */
async function lines(sql: string): Promise<(string | undefined)[]> {
  const execution = await runQuery(athena, sql, { database });
  expect(execution.Status?.State, `${sql}: ${execution.Status?.StateChangeReason}`).toBe('SUCCEEDED');
  return (await allRows(athena, execution.QueryExecutionId ?? '')).map((row) => row[0]);
}

describe.runIf(fixtures.available)('Athena DDL and utilities', () => {
  it('creates a database and an external JSON table over the lake, then queries it', async () => {
    await lines('CREATE DATABASE IF NOT EXISTS lab');
    expect(await lines("SHOW DATABASES LIKE 'la*'")).toEqual(['lab']);
    const ddl = await runQuery(
      athena,
      `CREATE EXTERNAL TABLE IF NOT EXISTS readings (${LAB_COLUMNS}) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://crawled-lake/'`,
      { database },
    );
    expect(ddl).toMatchObject({
      StatementType: 'DDL',
      SubstatementType: 'CREATE_TABLE',
      Status: { State: 'SUCCEEDED' },
    });
    const { Table: table } = await glue.send(
      new GetTableCommand({ DatabaseName: database, Name: 'readings' }),
    );
    expect(table).toMatchObject({
      TableType: 'EXTERNAL_TABLE',
      StorageDescriptor: {
        Location: 's3://crawled-lake/',
        SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
      },
    });
    // No partitions: the whole location is read, sub-folders included.
    const [row] = await select(
      athena,
      'SELECT count(*) AS n, count(DISTINCT weather_station) AS stations FROM readings',
      { database },
    );
    expect(row).toEqual({ n: String(lake.records.length), stations: '5' });
  });

  it('shows tables, columns, the description and the DDL of a table', async () => {
    expect(await lines('SHOW TABLES')).toEqual(['readings']);
    expect(await lines('SHOW TABLES IN crawled')).toEqual(['crawled_lake']);
    expect(await lines('SHOW COLUMNS IN readings')).toEqual([
      'weather_station',
      'time',
      'air_temperature',
      'weather_condition',
    ]);
    const description = await lines('DESCRIBE readings');
    expect(description[0]?.split('\t').map((part) => part.trim())).toEqual([
      'weather_station',
      'string',
      'from deserializer',
    ]);
    expect(description[2]?.split('\t')[1]?.trim()).toBe('struct<value:double,quality:string>');
    const ddl = await lines('SHOW CREATE TABLE readings');
    expect(ddl[0]).toBe('CREATE EXTERNAL TABLE `lab`.`readings`(');
    expect(ddl).toContain("  's3://crawled-lake/'");
    const partitions = await runQuery(athena, 'SHOW PARTITIONS crawled.crawled_lake', { database });
    expect((await allRows(athena, partitions.QueryExecutionId ?? '')).map((row) => row[0])).toEqual([
      'partition_0=2026/partition_1=03/partition_2=01/partition_3=10',
      'partition_0=2026/partition_1=03/partition_2=01/partition_3=11',
    ]);
  });

  it('reads Hive-style partitions once MSCK REPAIR TABLE or ALTER TABLE ADD PARTITION registers them', async () => {
    cloud.s3.CreateBucket({ Bucket: 'hive-lake' });
    const byStation = groupBy(lake.records, (record) => record.weather_station);
    for (const [station, records] of byStation) {
      const folder = station === '723123' ? 'elsewhere/723123' : `readings/station=${station}`;
      cloud.s3.PutObject({
        Bucket: 'hive-lake',
        Key: `${folder}/part-0.json`,
        Body: records.map((record) => JSON.stringify(record)).join('\n'),
      });
    }
    await lines(
      `CREATE EXTERNAL TABLE by_station (${LAB_COLUMNS}) PARTITIONED BY (station string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://hive-lake/readings/'`,
    );
    expect((await select(athena, 'SELECT count(*) AS n FROM by_station', { database }))[0]?.n).toBe('0');
    const repaired = await lines('MSCK REPAIR TABLE by_station');
    expect(repaired[0]).toMatch(/^Partitions not in metastore:\tby_station:station=\d{6}/);
    await lines(
      "ALTER TABLE by_station ADD IF NOT EXISTS PARTITION (station = '723123') LOCATION 's3://hive-lake/elsewhere/723123/'",
    );
    const { Partitions: partitions } = await glue.send(
      new GetPartitionsCommand({ DatabaseName: database, TableName: 'by_station' }),
    );
    expect(partitions?.map((partition) => partition.Values?.[0]).sort()).toEqual(
      [...byStation.keys()].sort(),
    );
    const counts = await select(athena, 'SELECT station, count(*) AS n FROM by_station GROUP BY station', {
      database,
    });
    expect(new Map(counts.map((row) => [row.station, Number(row.n)]))).toEqual(
      new Map([...byStation].map(([station, records]) => [station, records.length])),
    );
    const all = await runQuery(athena, 'SELECT count(*) FROM by_station', { database });
    const one = await runQuery(athena, "SELECT count(*) FROM by_station WHERE station = '030910'", {
      database,
    });
    expect(one.Statistics?.DataScannedInBytes).toBeLessThan((all.Statistics?.DataScannedInBytes ?? 0) / 3);
  });

  it('writes a partitioned JSON CTAS under its external_location and registers its partitions', async () => {
    const ctas = await runQuery(
      athena,
      `CREATE TABLE flat WITH (format = 'JSON', external_location = 's3://${RESULTS_BUCKET}/exports/flat/', partitioned_by = ARRAY['weather_station'])
       AS SELECT time, wc.present_weather_condition AS condition, weather_station FROM crawled.crawled_lake CROSS JOIN UNNEST(weather_condition) AS t(wc)`,
      { database },
    );
    expect(ctas.Status?.State, ctas.Status?.StateChangeReason).toBe('SUCCEEDED');
    const { Table: table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: 'flat' }));
    expect(table?.PartitionKeys).toEqual([{ Name: 'weather_station', Type: 'string' }]);
    expect(table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe(
      'org.openx.data.jsonserde.JsonSerDe',
    );
    const expected = groupBy(
      lake.records.flatMap((record) => (record.weather_condition ?? []).map(() => record.weather_station)),
      (station) => station,
    );
    const counts = await select(athena, 'SELECT weather_station, count(*) AS n FROM flat GROUP BY 1', {
      database,
    });
    expect(new Map(counts.map((row) => [row.weather_station, Number(row.n)]))).toEqual(
      new Map([...expected].map(([station, list]) => [station, list.length])),
    );
    // One GZIP JSON file per partition, named as Trino names its files.
    const keys = cloud.s3.objectFiles(RESULTS_BUCKET, 'exports/flat/').map((file) => file.key);
    expect(keys).toHaveLength(expected.size);
    for (const key of keys)
      expect(key).toMatch(
        /^exports\/flat\/weather_station=\d{6}\/\d{8}_\d{6}_00000_[a-z]{5}_[0-9a-f-]{36}\.gz$/,
      );
    const again = await runQuery(
      athena,
      `CREATE TABLE flat2 WITH (external_location = 's3://${RESULTS_BUCKET}/exports/flat/') AS SELECT 1 AS x`,
      { database },
    );
    expect(again.Status?.StateChangeReason).toBe(
      `HIVE_PATH_ALREADY_EXISTS: Target directory for table 'lab.flat2' already exists: s3://${RESULTS_BUCKET}/exports/flat/`,
    );
  });

  it("fails the lab's CTAS as Athena does when two columns end up with the same name", async () => {
    // The original lab script left dew_point.value, wind_speed.value… unaliased: all named `value`.
    const duplicate = await runQuery(
      athena,
      'CREATE TABLE dup AS SELECT dew_point.value, wind_speed.value FROM crawled.crawled_lake',
      { database },
    );
    expect(duplicate.Status?.StateChangeReason).toBe(
      "DUPLICATE_COLUMN_NAME: line 1:1: Column name 'value' specified more than once",
    );
    const unnamed = await runQuery(
      athena,
      'CREATE TABLE unnamed AS SELECT weather_station, count(*) FROM crawled.crawled_lake GROUP BY 1',
      { database },
    );
    expect(unnamed.Status?.StateChangeReason).toBe(
      'MISSING_COLUMN_NAME: line 1:1: Column name not specified at position 2',
    );
    const existing = await runQuery(athena, 'CREATE TABLE readings AS SELECT 1 AS x', { database });
    expect(existing.Status?.StateChangeReason).toBe(
      "TABLE_ALREADY_EXISTS: line 1:1: Destination table 'awsdatacatalog.lab.readings' already exists",
    );
    expect(cloud.glue.getTable(database, 'dup')).toBeUndefined();
  });

  it('drops a table from the catalog and leaves its data; refuses what it cannot run', async () => {
    await lines('DROP TABLE IF EXISTS readings');
    expect(await lines('SHOW TABLES')).not.toContain('readings');
    expect(cloud.s3.objectFiles('crawled-lake').length).toBe(lake.objects.length);
    const insert = await runQuery(athena, 'INSERT INTO flat SELECT 1', { database });
    expect(insert.Status).toMatchObject({
      State: 'FAILED',
      StateChangeReason: 'NOT_SUPPORTED: INSERT statements are not supported by the offline engine',
    });
  });
});
