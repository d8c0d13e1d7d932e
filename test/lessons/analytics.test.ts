import {
  AthenaClient,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { GetCrawlerCommand, GlueClient, UpdateCrawlerCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { startLessonLab, type LessonLab } from './harness.js';

/**
 * Lessons 06–09 against a real local cloud: the Glue crawler, Athena queries, the flattening CTAS
 * and a chart's query, on a data lake that the lab's own pipeline (the fleet, the rule, Firehose)
 * filled with real readings.
 */

const noaa = locateNoaaFixtures();
if (!noaa.available) {
  if (process.env.CI === 'true') throw new Error(noaa.missingMessage);
  console.warn(`${noaa.missingMessage}: the analytics lessons' tests are skipped.`);
}

let lab: LessonLab;
let glue: GlueClient;
let athena: AthenaClient;
let table: string;

/** Runs a query as a student would in the query editor, and waits for its end. */
async function runQuery(sql: string, workGroup = 'primary'): Promise<string> {
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      QueryExecutionContext: { Database: 'weather_station_db' },
      WorkGroup: workGroup,
    }),
  );
  for (;;) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution?.Status?.State;
    if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!noaa.available)('lessons 06–09 (Glue, Athena, CTAS, charts)', () => {
  beforeAll(async () => {
    lab = await startLessonLab();
    glue = new GlueClient(lab.clients.config());
    athena = new AthenaClient(lab.clients.config());
    table = `iot_tutorial_datalake_${lab.cloud.endpoints.accountId}`;
    // The first lessons, done for me: buckets, fleet, readings, stream, the rule to Firehose.
    await lab.automate('00-setup', 'buckets');
    await lab.automate('02-fleet', 'register');
    await lab.fetchReadings(noaa.isdDir);
    await lab.automate('04-firehose', 'stream');
    await lab.automate('04-firehose', 'rule-to-firehose');
    await lab.replayBurst(3000);
    expect(await lab.check('04-firehose', 'delivered')).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    glue?.destroy();
    athena?.destroy();
    await lab?.dispose();
  });

  it('06 database: red, created, green', async () => {
    await lab.redThenGreen('06-glue', 'database', 'database-missing', { database: 'weather_station_db' });
  });

  it('06 crawler: red; a crawler with the wrong sample size is named, then set right by "Do it for me"', async () => {
    expect(await lab.check('06-glue', 'crawler')).toMatchObject({
      ok: false,
      hint: { key: 'crawler-missing' },
    });
    await lab.automate('06-glue', 'crawler');
    await glue.send(
      new UpdateCrawlerCommand({
        Name: 'weather_datalake_crawler',
        Targets: {
          S3Targets: [
            {
              Path: `s3://iot-tutorial-datalake-${lab.cloud.endpoints.accountId}/`,
              Exclusions: ['sensor/**'],
              SampleSize: 5,
            },
          ],
        },
      }),
    );
    expect(await lab.check('06-glue', 'crawler')).toMatchObject({
      ok: false,
      hint: { key: 'crawler-sample-size', values: { size: 5, expected: 10 } },
    });
    const fixed = await lab.automate('06-glue', 'crawler');
    expect(fixed.result.updated).toEqual([{ kind: 'glue-crawler', name: 'weather_datalake_crawler' }]);
    expect(fixed.outcome).toMatchObject({ ok: true });
  });

  it('06 run and schema: no table before the run; the run makes the table, with the message’s columns', async () => {
    expect(await lab.check('06-glue', 'schema')).toMatchObject({
      ok: false,
      hint: { key: 'catalog-table-missing', values: { table } },
    });
    const run = await lab.redThenGreen('06-glue', 'run', 'crawler-never-ran');
    expect(run.result.created).toEqual([{ kind: 'catalog-table', name: `weather_station_db.${table}` }]);
    expect(await lab.check('06-glue', 'schema')).toMatchObject({ ok: true });
  });

  it('06 partitions: red until the option is set and the crawler has run again', async () => {
    const done = await lab.redThenGreen('06-glue', 'partitions', 'crawler-partitions');
    expect(done.result.updated).toEqual([{ kind: 'glue-crawler', name: 'weather_datalake_crawler' }]);
    const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: 'weather_datalake_crawler' }));
    expect(JSON.parse(Crawler?.Configuration ?? '{}')).toMatchObject({
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
    });
    // Changing the crawler again asks for another run.
    await glue.send(new UpdateCrawlerCommand({ Name: 'weather_datalake_crawler', Description: 'edited' }));
    expect(await lab.check('06-glue', 'partitions')).toMatchObject({
      ok: false,
      hint: { key: 'crawler-rerun' },
    });
    await lab.automate('06-glue', 'partitions');
  });

  it('07 results location: red, set, green', async () => {
    await lab.redThenGreen('07-athena', 'results', 'athena-no-output', { workgroup: 'primary' });
  });

  it('07 preview: no query yet, then the preview runs and shows ten rows', async () => {
    expect(await lab.check('07-athena', 'preview')).toMatchObject({
      ok: false,
      hint: { key: 'athena-no-query', values: { table } },
    });
    const done = await lab.automate('07-athena', 'preview');
    expect(done.result.table?.rows).toHaveLength(10);
    expect(done.result.table?.columns).toContain('air_temperature');
    expect(done.outcome).toMatchObject({ ok: true });
  });

  it('07 per station: a query that keeps the 999.9 sentinel is told so', async () => {
    expect(await lab.check('07-athena', 'per-station')).toMatchObject({
      ok: false,
      hint: { key: 'athena-query-lacks' },
    });
    expect(
      await runQuery(
        `SELECT weather_station, avg(air_temperature.value) AS a, max(air_temperature.value) AS m FROM "${table}" GROUP BY weather_station`,
      ),
    ).toBe('SUCCEEDED');
    expect(await lab.check('07-athena', 'per-station')).toMatchObject({
      ok: false,
      hint: { key: 'athena-sentinel', values: { value: 999.9 } },
    });
    const done = await lab.automate('07-athena', 'per-station');
    expect(done.result.table?.rows.length).toBe(5);
    expect(done.outcome).toMatchObject({ ok: true });
  });

  it("07 per station: a query in the app's own work group (AWS mode's iot-lab) counts too", async () => {
    await athena.send(
      new CreateWorkGroupCommand({
        Name: 'iot-lab',
        Configuration: {
          ResultConfiguration: {
            OutputLocation: `s3://iot-tutorial-athena-query-${lab.cloud.endpoints.accountId}/iot-lab/`,
          },
          BytesScannedCutoffPerQuery: 1_000_000_000,
        },
      }),
    );
    lab.setAthenaWorkGroup('iot-lab');
    // The newest query, in iot-lab, keeps the sentinel: the check reads it, not primary's good one.
    expect(
      await runQuery(
        `SELECT weather_station, avg(air_temperature.value) AS a FROM "${table}" GROUP BY weather_station`,
        'iot-lab',
      ),
    ).toBe('SUCCEEDED');
    expect(await lab.check('07-athena', 'per-station')).toMatchObject({
      ok: false,
      hint: { key: 'athena-sentinel' },
    });
    expect(
      await runQuery(
        `SELECT weather_station, avg(air_temperature.value) AS a FROM "${table}" WHERE air_temperature.value <> 999.9 GROUP BY weather_station`,
        'iot-lab',
      ),
    ).toBe('SUCCEEDED');
    expect(await lab.check('07-athena', 'per-station')).toMatchObject({ ok: true });
    lab.setAthenaWorkGroup('primary');
  });

  it('07 per condition: a query without UNNEST is told to unnest', async () => {
    expect(await runQuery(`SELECT count(*) FROM "${table}" WHERE air_temperature.value <> 999.9`)).toBe(
      'SUCCEEDED',
    );
    expect(await lab.check('07-athena', 'per-condition')).toMatchObject({
      ok: false,
      hint: { key: 'athena-missing-unnest' },
    });
    const done = await lab.automate('07-athena', 'per-condition');
    expect(done.outcome).toMatchObject({ ok: true });
  });

  it('08 ctas: red, the flat table made by CREATE TABLE AS, green; a reset drops it from the catalog', async () => {
    const done = await lab.redThenGreen('08-flatten', 'ctas', 'catalog-table-missing', {
      table: 'weather_data_unnested',
    });
    expect(done.result.created).toContainEqual({
      kind: 'catalog-table',
      name: 'weather_station_db.weather_data_unnested',
    });
    const report = await lab.lessons.resetStep('08-flatten', 'ctas');
    expect(report.removed).toEqual([
      { kind: 'catalog-table', name: 'weather_station_db.weather_data_unnested' },
    ]);
    await lab.automate('08-flatten', 'ctas');
  });

  it('08 lost records and 09 chart data: red before the query, green after', async () => {
    // The only query on the flat table so far is the CREATE TABLE itself, which groups nothing.
    const lost = await lab.redThenGreen('08-flatten', 'lost-records', 'athena-query-lacks', {
      table: 'weather_data_unnested',
      fragment: 'group by',
    });
    // Skrydstrup (061100) never reports a weather condition: the flat table has no row of it.
    expect(lost.result.table?.rows.map((row) => row[0])).not.toContain('061100');
    await lab.redThenGreen('09-charts', 'chart-data', 'athena-query-lacks', { fragment: 'count(distinct' });
  });
});
