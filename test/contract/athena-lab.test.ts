import { AthenaClient, GetQueryResultsCommand } from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import {
  allRows,
  createLabLake,
  groupBy,
  OUTPUT,
  RESULTS_BUCKET,
  runQuery,
  select,
  stats,
  type LabLake,
} from './athena-helpers.js';
import { readLabPayloads } from './glue-lake.js';

/**
 * The lab's Athena lessons on the real NOAA lake, through the SDK: the preview, the aggregates per
 * station and per weather condition, the flattening CTAS and a query of its table. Every answer is
 * checked against values computed here, in plain JavaScript, from the same records.
 */

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);
if (!fixtures.available) console.warn(`${fixtures.missingMessage}: the Athena lab tests are skipped.`);

const MISSING = 999.9;
let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let athena: AthenaClient;
let glue: GlueClient;
let s3: S3Client;
let lake: LabLake;
const database = 'weather_station_db';

beforeAll(async () => {
  cloud = await startTestCloud();
  athena = new AthenaClient(sdkConfig(cloud));
  glue = new GlueClient(sdkConfig(cloud));
  s3 = new S3Client({ ...sdkConfig(cloud), forcePathStyle: true });
  cloud.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
  if (!fixtures.available) return;
  const payloads = await readLabPayloads(fixtures.isdDir, 400);
  lake = await createLabLake(cloud, glue, payloads, {
    bucket: 'iot-tutorial-datalake-1234',
    database,
    start: new Date(Date.UTC(2026, 2, 1, 20)),
    hours: 4,
    objectsPerHour: 5,
  });
});
afterAll(async () => {
  athena.destroy();
  glue.destroy();
  s3.destroy();
  await cloud.dispose();
});

const temperatures = (records: LabLake['records']): number[] =>
  records.map((record) => record.air_temperature.value).filter((value) => value !== MISSING);

describe.runIf(fixtures.available)("Athena: the lab's queries on the NOAA lake", () => {
  it('previews the table: the columns Glue found, then the partition columns, ten rows', async () => {
    const execution = await runQuery(athena, `SELECT * FROM "${database}"."${lake.table}" limit 10`);
    expect(execution.Status?.State).toBe('SUCCEEDED');
    expect(execution).toMatchObject({
      StatementType: 'DML',
      SubstatementType: 'SELECT',
      WorkGroup: 'primary',
    });
    const [header, ...rows] = await allRows(athena, execution.QueryExecutionId ?? '');
    const table = cloud.glue.getTable(database, lake.table);
    expect(header).toEqual(
      [...(table?.StorageDescriptor?.Columns ?? []), ...(table?.PartitionKeys ?? [])].map(
        (column) => column.Name,
      ),
    );
    expect(header?.slice(0, 6)).toEqual([
      'weather_station',
      'latitude',
      'longitude',
      'elevation',
      'time',
      'air_temperature',
    ]);
    expect(rows).toHaveLength(10);
    // Each row is one of the lake's records, in Athena's text: structs as {field=value}, doubles as Java writes them.
    const java = (value: number): string => (Number.isInteger(value) ? `${value}.0` : String(value));
    for (const row of rows) {
      // Some stations report twice at the same minute (two report types): any of them.
      const candidates = lake.records.filter(
        (candidate) => candidate.weather_station === row[0] && candidate.time === row[4],
      );
      expect(
        candidates.map(
          (record) =>
            `{value=${java(record.air_temperature.value)}, quality=${record.air_temperature.quality}}`,
        ),
      ).toContain(row[5]);
      expect(row.slice(-4)).toEqual(['2026', '03', '01', expect.stringMatching(/^2[0-3]$/)]);
    }
  });

  it('computes avg/min/max air temperature per station without the 999.9 sentinel', async () => {
    const rows = await select(
      athena,
      `SELECT weather_station, avg(air_temperature.value) AS avg_temp, min(air_temperature.value) AS min_temp, max(air_temperature.value) AS max_temp, count(*) AS n
       FROM "${database}"."${lake.table}" WHERE air_temperature.value <> 999.9 GROUP BY weather_station ORDER BY weather_station`,
    );
    const expected = [...groupBy(lake.records, (record) => record.weather_station)].sort(([a], [b]) =>
      a.localeCompare(b),
    );
    expect(rows.map((row) => row.weather_station)).toEqual(expected.map(([station]) => station));
    for (const [station, records] of expected) {
      const row = rows.find((candidate) => candidate.weather_station === station);
      const oracle = stats(temperatures(records));
      expect(Number(row?.avg_temp)).toBeCloseTo(oracle.avg, 9);
      expect(Number(row?.min_temp)).toBe(oracle.min);
      expect(Number(row?.max_temp)).toBe(oracle.max);
      expect(Number(row?.n)).toBe(oracle.count);
    }
  });

  it('computes them per weather condition with CROSS JOIN UNNEST(weather_condition) AS t(wc)', async () => {
    const rows = await select(
      athena,
      `SELECT wc.present_weather_condition, avg(air_temperature.value), min(air_temperature.value), max(air_temperature.value), count(*)
       FROM ${lake.table} CROSS JOIN UNNEST(weather_condition) AS t(wc) WHERE air_temperature.value <> 999.9 GROUP BY 1`,
      { database },
    );
    const unnested = lake.records.flatMap((record) =>
      record.air_temperature.value === MISSING
        ? []
        : (record.weather_condition ?? []).map((wc) => ({
            condition: wc.present_weather_condition,
            value: record.air_temperature.value,
          })),
    );
    const expected = groupBy(unnested, (entry) => entry.condition);
    expect(expected.size).toBeGreaterThan(5);
    expect(new Set(rows.map((row) => row.present_weather_condition))).toEqual(new Set(expected.keys()));
    for (const row of rows) {
      const oracle = stats(
        (expected.get(row.present_weather_condition ?? '') ?? []).map((entry) => entry.value),
      );
      // Unnamed columns are _col<N>, as Athena names them.
      expect(Number(row._col1)).toBeCloseTo(oracle.avg, 9);
      expect([Number(row._col2), Number(row._col3), Number(row._col4)]).toEqual([
        oracle.min,
        oracle.max,
        oracle.count,
      ]);
    }
  });

  it('runs the flattening CTAS with two UNNESTs, registers the table as Parquet, and the new table answers', async () => {
    const ctas = await runQuery(
      athena,
      `CREATE TABLE IF NOT EXISTS weather_data_unnested AS SELECT weather_station, latitude, longitude, elevation, time,
         air_temperature.value AS air_temperature, dew_point.value AS dew_point, sky_cov.cloud_type, weather_cond.present_weather_condition
       FROM "${database}"."${lake.table}" CROSS JOIN UNNEST(sky_cover_condition) AS t(sky_cov) CROSS JOIN UNNEST(weather_condition) AS t(weather_cond)`,
      { database },
    );
    expect(ctas.Status?.State, ctas.Status?.StateChangeReason).toBe('SUCCEEDED');
    expect(ctas).toMatchObject({
      StatementType: 'DDL',
      SubstatementType: 'CREATE_TABLE_AS_SELECT',
      ResultConfiguration: { OutputLocation: `${OUTPUT}tables/${ctas.QueryExecutionId}` },
    });
    const flattened = lake.records.flatMap((record) =>
      (record.sky_cover_condition ?? []).flatMap((sky) =>
        (record.weather_condition ?? []).map((wc) => ({
          record,
          cloud: sky.cloud_type,
          condition: wc.present_weather_condition,
        })),
      ),
    );
    expect(flattened.length).toBeGreaterThan(100);

    const { Table: table } = await glue.send(
      new GetTableCommand({ DatabaseName: database, Name: 'weather_data_unnested' }),
    );
    expect(table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe(
      'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    );
    expect(table?.StorageDescriptor?.Location).toBe(`${OUTPUT}tables/${ctas.QueryExecutionId}/`);
    expect(table?.StorageDescriptor?.Columns?.map((column) => `${column.Name}:${column.Type}`)).toEqual([
      'weather_station:string',
      'latitude:double',
      'longitude:double',
      'elevation:int',
      'time:string',
      'air_temperature:double',
      'dew_point:double',
      'cloud_type:string',
      'present_weather_condition:string',
    ]);
    const written = cloud.s3.objectFiles(RESULTS_BUCKET, `tables/${ctas.QueryExecutionId}/`);
    expect(written.length).toBeGreaterThan(0);
    const { UpdateCount } = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: ctas.QueryExecutionId }),
    );
    expect(UpdateCount).toBe(flattened.length);

    const perCloud = await select(
      athena,
      'SELECT cloud_type, count(*) AS n, avg(air_temperature) AS t FROM weather_data_unnested GROUP BY cloud_type',
      { database },
    );
    const expected = groupBy(flattened, (entry) => entry.cloud);
    expect(new Map(perCloud.map((row) => [row.cloud_type, Number(row.n)]))).toEqual(
      new Map([...expected].map(([cloudType, entries]) => [cloudType, entries.length])),
    );
    for (const row of perCloud) {
      const values = (expected.get(row.cloud_type ?? '') ?? []).map(
        (entry) => entry.record.air_temperature.value,
      );
      expect(Number(row.t)).toBeCloseTo(stats(values).avg, 9);
    }
    // IF NOT EXISTS on an existing table: nothing is written again.
    const again = await runQuery(
      athena,
      'CREATE TABLE IF NOT EXISTS weather_data_unnested AS SELECT 1 AS x',
      { database },
    );
    expect(again.Status?.State).toBe('SUCCEEDED');
    expect(cloud.s3.objectFiles(RESULTS_BUCKET, `tables/${again.QueryExecutionId}/`)).toHaveLength(0);
  });

  it('scans less when the query filters on partition columns, and counts the same rows Firehose put there', async () => {
    const hour = lake.objects.filter((object) => object.at.getUTCHours() === 21);
    const all = await runQuery(athena, `SELECT count(*) FROM ${lake.table}`, { database });
    const one = await runQuery(
      athena,
      `SELECT count(*) FROM ${lake.table} WHERE partition_0 = '2026' AND partition_1 = '03' AND partition_3 = '21'`,
      { database },
    );
    const bytes = (objects: typeof lake.objects): number =>
      objects.reduce((sum, object) => sum + Buffer.byteLength(object.payloads.join('')), 0);
    expect(all.Statistics?.DataScannedInBytes).toBe(bytes(lake.objects));
    expect(one.Statistics?.DataScannedInBytes).toBe(bytes(hour));
    expect((await allRows(athena, one.QueryExecutionId ?? ''))[1]).toEqual([
      String(hour.reduce((sum, object) => sum + object.payloads.length, 0)),
    ]);
    expect((await allRows(athena, all.QueryExecutionId ?? ''))[1]).toEqual([String(lake.records.length)]);
  });

  it('runs the Presto functions students reach for, translated for DuckDB', async () => {
    const [row] = await select(
      athena,
      `SELECT count_if(regexp_like(weather_station, '^7')) AS arctic_or_us,
              sum(cardinality(sky_cover_condition)) AS layers,
              approx_percentile(air_temperature.value, 0.5) AS median_temp,
              min(date_parse(substr(time, 1, 19), '%Y-%m-%dT%H:%i:%s')) AS first_time,
              date_format(max(from_iso8601_timestamp(time)), '%Y-%m-%d %H:%i') AS last_minute,
              count(DISTINCT date_trunc('day', from_iso8601_timestamp(time))) AS days,
              max(try_cast(wind_direction.value AS integer)) AS max_direction
       FROM ${lake.table} WHERE air_temperature.value <> 999.9`,
      { database },
    );
    const records = lake.records.filter((record) => record.air_temperature.value !== MISSING);
    const times = records.map((record) => record.time).sort();
    const { min, max } = stats(temperatures(records));
    expect(Number(row?.arctic_or_us)).toBe(
      records.filter((record) => /^7/.test(record.weather_station)).length,
    );
    expect(Number(row?.layers)).toBe(
      records.reduce((sum, record) => sum + (record.sky_cover_condition?.length ?? 0), 0),
    );
    expect(Number(row?.median_temp)).toBeGreaterThanOrEqual(min);
    expect(Number(row?.median_temp)).toBeLessThanOrEqual(max);
    expect(row?.first_time).toBe(`${times[0]?.slice(0, 10)} ${times[0]?.slice(11, 19)}.000`);
    expect(row?.last_minute).toBe(`${times.at(-1)?.slice(0, 10)} ${times.at(-1)?.slice(11, 16)}`);
    expect(Number(row?.days)).toBe(new Set(times.map((time) => time.slice(0, 10))).size);
    const directions = records.map((record) => Number(record.wind_direction.value)).filter(Number.isInteger);
    expect(Number(row?.max_direction)).toBe(Math.max(...directions));
  });

  it('writes <QueryExecutionId>.csv and .csv.metadata in the output location, quoted as Athena quotes', async () => {
    const execution = await runQuery(
      athena,
      `SELECT weather_station, air_temperature.quality AS q, element_at(weather_condition, 1).present_weather_condition AS first_condition
       FROM ${lake.table} ORDER BY time, weather_station LIMIT 50`,
      { database },
    );
    expect(execution.ResultConfiguration?.OutputLocation).toBe(`${OUTPUT}${execution.QueryExecutionId}.csv`);
    const object = await s3.send(
      new GetObjectCommand({ Bucket: RESULTS_BUCKET, Key: `${execution.QueryExecutionId}.csv` }),
    );
    const csv = (await object.Body?.transformToString()) ?? '';
    const rows = await allRows(athena, execution.QueryExecutionId ?? '');
    const expected = rows
      .map(
        (row) =>
          `${row.map((value) => (value === undefined ? '' : `"${value.replaceAll('"', '""')}"`)).join(',')}\n`,
      )
      .join('');
    expect(csv).toBe(expected);
    expect(csv.startsWith('"weather_station","q","first_condition"\n')).toBe(true);
    // A record without weather_condition gives NULL: an empty, unquoted field.
    expect(csv).toMatch(/^"\d{6}","\d",$/m);
    const metadata = await s3.send(
      new GetObjectCommand({ Bucket: RESULTS_BUCKET, Key: `${execution.QueryExecutionId}.csv.metadata` }),
    );
    expect(JSON.parse((await metadata.Body?.transformToString()) ?? '{}')).toMatchObject({
      ColumnInfo: [{ Name: 'weather_station', Type: 'varchar' }, { Name: 'q' }, { Name: 'first_condition' }],
    });
  });
});
