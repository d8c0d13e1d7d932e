import { AthenaClient, GetQueryExecutionCommand } from '@aws-sdk/client-athena';
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../renderer/src/features/sql/csv.js';
import { groupBy, stats, type LabRecord } from '../contract/athena-helpers.js';
import { waitFor } from '../contract/firehose-helpers.js';
import { readLabPayloads } from '../contract/glue-lake.js';
import { outsideTool } from '../helpers/tools.js';
import {
  ensureRendererBuilt,
  launchChromium,
  noaaMirrorFor,
  startWebMode,
  type WebMode,
} from '../helpers/web-app.js';
import { createCrawledLake } from './crawled-lake.js';
import { SqlScreen, type Cell } from './sql-screen.js';

/**
 * The SQL panel on a lake of real NOAA readings, driven with the keyboard: the queries of lessons 07
 * and 08 answer what the test computes from the readings itself; a long query is cancelled at once
 * (and its engine freed); the CSV reads back as the grid; history, saved queries, errors with their
 * position, a table preview, and DynamoDB PartiQL.
 */

const chromiumTool = outsideTool('chromium');
const mirror = noaaMirrorFor('the SQL panel end-to-end test');

const DATABASE = 'weather_station_db';
const LAKE_BUCKET = 'iot-tutorial-datalake-sqle2e';
const TABLE = 'iot_tutorial_datalake_sqle2e';
const RESULTS = 's3://iot-tutorial-athena-query-sqle2e/';
const SENTINEL = 999.9;
const COLD_TABLE = 'cold_weather_readings';

const num = (cell: Cell | undefined): number => Number(cell);
/** Trino's round(x, 1): half away from zero. */
const round1 = (value: number): number => (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;

describe.skipIf(!chromiumTool.available || !mirror.available)('SQL panel (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: SqlScreen;
  let athena: AthenaClient;
  let records: LabRecord[];

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    const config = {
      endpoint: web.endpoints.endpoint,
      region: web.endpoints.region,
      credentials: web.endpoints.credentials,
    };
    const dynamodb = new DynamoDBClient(config);
    athena = new AthenaClient(config);

    // The lake as Firehose writes it (JSON lines, hour folders), crawled as lesson 06 does.
    const payloads = await readLabPayloads(mirror.dir, 300);
    await createCrawledLake(web.endpoints, payloads, {
      bucket: LAKE_BUCKET,
      resultsBucket: 'iot-tutorial-athena-query-sqle2e',
      database: DATABASE,
      stream: 'lab-weather-stream',
      start: new Date(Date.UTC(2022, 0, 1)),
      hours: 3,
      objectsPerHour: 2,
    });
    records = payloads.map((payload) => JSON.parse(payload) as LabRecord);

    // Lesson 05's table, with a few cold readings.
    await dynamodb.send(
      new CreateTableCommand({
        TableName: COLD_TABLE,
        AttributeDefinitions: [
          { AttributeName: 'weather_station', AttributeType: 'S' },
          { AttributeName: 'time', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'weather_station', KeyType: 'HASH' },
          { AttributeName: 'time', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30 }, { TableName: COLD_TABLE });
    for (const record of records.slice(0, 15))
      await dynamodb.send(
        new PutItemCommand({
          TableName: COLD_TABLE,
          Item: {
            weather_station: { S: record.weather_station },
            time: { S: record.time },
            air_temperature: {
              M: {
                value: { N: String(record.air_temperature.value) },
                quality: { S: record.air_temperature.quality },
              },
            },
          },
        }),
      );
    dynamodb.destroy();

    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1440, height: 1000 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    screen = new SqlScreen(await context.newPage());
    await screen.openPage(web.url, 'SQL editor', 'SQL editor');
  }, 120_000);

  afterAll(async () => {
    athena?.destroy();
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('07: says where results go, then previews the table from the schema browser', async () => {
    // No result location yet: Athena's own refusal, and the way to fix it.
    await screen.write(`SELECT * FROM "${DATABASE}"."${TABLE}" LIMIT 10`);
    expect(await screen.runWithKeyboard()).toBe('Failed');
    expect(await screen.page.getByRole('alert').first().textContent()).toContain(
      'No output location provided',
    );
    await screen.setResultLocation(RESULTS);
    await expect
      .poll(() => screen.valueIn(screen.page.locator('.result-location'), 'Query result location'))
      .toBe(RESULTS);

    await screen.page.getByRole('button', { name: `Columns of ${TABLE}` }).click();
    await screen.page
      .getByRole('button', { name: /air_temperature/ })
      .first()
      .waitFor();
    const before = await screen.runs();
    await screen.button(`Preview ${TABLE}`).click();
    expect(await screen.waitForRun(before)).toBe('Completed');
    expect(await screen.gridRows()).toHaveLength(10);
    const columns = await screen.columnNames();
    expect(columns.slice(0, 5)).toEqual(['weather_station', 'latitude', 'longitude', 'elevation', 'time']);
    expect(columns).toContain('partition_0');
    // Structs as Athena writes them.
    const temperature = columns.indexOf('air_temperature');
    expect((await screen.gridRows())[0]?.[temperature]).toMatch(/^\{value=-?[\d.E]+, quality=\w+\}$/);
    expect(await screen.value('Data scanned').textContent()).toMatch(/\d/);
    await screen.screenshot('sql-preview-en');

    // Completion from the catalog: the database's tables after `db.`, a table's columns after `table.`.
    await screen.write(`SELECT * FROM ${DATABASE}.`);
    await screen.page.keyboard.type('iot_tut');
    await screen.page.getByRole('option', { name: TABLE }).waitFor();
    await screen.page.keyboard.press('Escape');
    await screen.write(`SELECT ${TABLE}.`);
    await screen.page.keyboard.type('air');
    await screen.page.getByRole('option', { name: 'air_temperature' }).waitFor();
    await screen.page.keyboard.press('Escape');
  });

  it('07: temperatures per station, run with Ctrl+Enter on the statement under the cursor', async () => {
    const perStation = `SELECT weather_station,
       count(*) AS readings,
       round(avg(air_temperature.value), 1) AS avg_temperature,
       min(air_temperature.value) AS min_temperature,
       max(air_temperature.value) AS max_temperature
FROM "${DATABASE}"."${TABLE}"
WHERE air_temperature.value <> ${SENTINEL}
GROUP BY weather_station
ORDER BY weather_station`;
    // Two statements: the cursor sits in the second, which alone runs.
    await screen.write(`SELECT 1;\n\n${perStation};`);
    await screen.page.keyboard.press('ArrowLeft');
    expect(await screen.runWithKeyboard()).toBe('Completed');
    expect(await screen.columnNames()).toEqual([
      'weather_station',
      'readings',
      'avg_temperature',
      'min_temperature',
      'max_temperature',
    ]);
    const expected = [
      ...groupBy(
        records.filter((r) => r.air_temperature.value !== SENTINEL),
        (r) => r.weather_station,
      ),
    ]
      .map(([station, group]) => ({ station, ...stats(group.map((r) => r.air_temperature.value)) }))
      .sort((a, b) => a.station.localeCompare(b.station));
    const rows = await screen.gridRows();
    expect(rows.map((row) => row[0])).toEqual(expected.map((e) => e.station));
    rows.forEach((row, i) => {
      const e = expected[i];
      expect(num(row[1])).toBe(e?.count);
      expect(num(row[2])).toBeCloseTo(round1(e?.avg ?? NaN), 5);
      expect(num(row[3])).toBe(e?.min);
      expect(num(row[4])).toBe(e?.max);
    });
    expect(await screen.value('Rows').textContent()).toContain(`${expected.length} rows`);
    await screen.screenshot('sql-per-station-en');
  });

  it('07: temperatures per weather condition (UNNEST), run from the selection; the CSV reads back as the grid', async () => {
    const perCondition = `SELECT wc.present_weather_condition AS weather_condition,
       count(*) AS readings,
       round(avg(air_temperature.value), 1) AS avg_temperature
FROM "${DATABASE}"."${TABLE}"
CROSS JOIN UNNEST(weather_condition) AS t(wc)
WHERE air_temperature.value <> ${SENTINEL}
GROUP BY wc.present_weather_condition
ORDER BY readings DESC`;
    // The selection runs, even with broken text around it.
    await screen.write(`this is not SQL\n${perCondition}\nnor this`);
    const start = `this is not SQL\n`.length;
    await screen.page.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < start; i++) await screen.page.keyboard.press('ArrowRight');
    for (let i = 0; i < perCondition.split('\n').length - 1; i++)
      await screen.page.keyboard.press('Shift+ArrowDown');
    await screen.page.keyboard.press('Shift+End');
    expect(await screen.runWithKeyboard()).toBe('Completed');

    const expected = new Map<string, { count: number; avg: number }>();
    const byCondition = new Map<string, number[]>();
    for (const record of records) {
      if (record.air_temperature.value === SENTINEL) continue;
      for (const wc of record.weather_condition ?? [])
        byCondition.set(wc.present_weather_condition, [
          ...(byCondition.get(wc.present_weather_condition) ?? []),
          record.air_temperature.value,
        ]);
    }
    for (const [condition, values] of byCondition) {
      const { count, avg } = stats(values);
      expected.set(condition, { count, avg: round1(avg) });
    }
    const rows = await screen.gridRows();
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const e = expected.get(row[0] ?? '');
      expect(e, `condition ${row[0]}`).toBeDefined();
      expect(num(row[1])).toBe(e?.count);
      expect(num(row[2])).toBeCloseTo(e?.avg ?? NaN, 5);
    }
    const counts = rows.map((row) => num(row[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const { name, text } = await screen.download(screen.button('Download results (CSV)'));
    expect(name).toMatch(/^[0-9a-f-]{36}\.csv$/);
    expect(parseCsv(text)).toEqual([await screen.columnNames(), ...rows]);
    expect(text.split('\n')[0]).toBe('"weather_condition","readings","avg_temperature"');
  });

  it('08: the flattening CTAS, then the rows it kept per station', async () => {
    await screen.write(`CREATE TABLE IF NOT EXISTS "${DATABASE}"."weather_data_unnested" AS
SELECT weather_station, latitude, longitude, elevation, time,
       air_temperature.value AS air_temperature,
       dew_point.value AS dew_point,
       sky.cloud_type AS cloud_type,
       wc.present_weather_condition AS present_weather_condition
FROM "${DATABASE}"."${TABLE}"
CROSS JOIN UNNEST(sky_cover_condition) AS t1(sky)
CROSS JOIN UNNEST(weather_condition) AS t2(wc)`);
    expect(await screen.runWithKeyboard()).toBe('Completed');
    await screen.write(`SELECT weather_station, count(*) AS rows_in_flat_table
FROM "${DATABASE}"."weather_data_unnested"
GROUP BY weather_station
ORDER BY weather_station`);
    expect(await screen.runWithKeyboard()).toBe('Completed');
    const expected = new Map<string, number>();
    for (const record of records) {
      const rows = (record.sky_cover_condition?.length ?? 0) * (record.weather_condition?.length ?? 0);
      if (rows > 0) expected.set(record.weather_station, (expected.get(record.weather_station) ?? 0) + rows);
    }
    const rows = await screen.gridRows();
    expect(rows).toEqual(
      [...expected].sort((a, b) => a[0].localeCompare(b[0])).map(([station, n]) => [station, String(n)]),
    );
    // Skrydstrup never reports a weather condition: the whole station is gone.
    expect(rows.map((row) => row[0])).not.toContain('061100-99999');
    // The new table is in the schema browser after a refresh.
    await screen.button('Refresh').click();
    await screen.page.getByRole('button', { name: 'Columns of weather_data_unnested' }).waitFor();
  });

  it("shows Athena's error next to the editor and goes to its line and column", async () => {
    await screen.write(`SELECT weather_station,\n       nope\nFROM "${DATABASE}"."${TABLE}"`);
    expect(await screen.runWithKeyboard()).toBe('Failed');
    const alert = screen.page.locator('.sql-error [role="alert"]');
    expect(await alert.textContent()).toMatch(/COLUMN_NOT_FOUND: line 2:8: Column 'nope' cannot be resolved/);
    await screen.button('Go to line 2, column 8').click();
    await screen.page.keyboard.press('Shift+End');
    expect(
      await screen.page.evaluate(
        `(() => { const root = document.querySelector('.code-editor').shadowRoot; return (root.getSelection ? root.getSelection() : getSelection()).toString(); })()`,
      ),
    ).toBe('nope');
    await screen.screenshot('sql-error-en');

    await screen.write(`SELECT * FROM "${DATABASE}"."missing_table"`);
    expect(await screen.runWithKeyboard()).toBe('Failed');
    expect(await alert.textContent()).toContain('TABLE_NOT_FOUND');
  });

  it('cancels a long query at once, and Athena stops it', async () => {
    await screen.write(
      'SELECT count(*) FROM UNNEST(sequence(1, 100000)) AS a(x) CROSS JOIN UNNEST(sequence(1, 100000)) AS b(y) WHERE (x * y) % 7 = 3',
    );
    const before = await screen.runs();
    await screen.page.keyboard.press('ControlOrMeta+Enter');
    await screen.status().getByText('Running').waitFor({ timeout: 15_000 });
    const id = ((await screen.value('Query ID').textContent()) ?? '').trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The run time ticks while the answer is awaited.
    const shownTime = await screen.value('Run time').textContent();
    await expect.poll(() => screen.value('Run time').textContent(), { timeout: 3_000 }).not.toBe(shownTime);
    await screen.screenshot('sql-running-en');
    const clicked = Date.now();
    await screen.button('Cancel').click();
    expect(await screen.waitForRun(before, 5_000)).toBe('Cancelled');
    const waited = Date.now() - clicked;
    expect(waited).toBeLessThan(1000);
    const execution = await waitFor(
      async () => {
        const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
        return QueryExecution?.Status?.State === 'CANCELLED' ? QueryExecution : undefined;
      },
      'the query to be CANCELLED',
      10_000,
    );
    expect(execution.Status?.StateChangeReason).toBe('Query cancelled by user');
    // The engine was freed: the next query does not wait behind it.
    await screen.write('SELECT 1 AS one');
    expect(await screen.runWithKeyboard()).toBe('Completed');
    expect(await screen.gridRows()).toEqual([['1']]);
    console.log(`cancel: the panel showed CANCELLED ${waited} ms after the click`);
  });

  it('searches the history and reopens a query from it', async () => {
    await screen.sideTab('History').click();
    const search = screen.page.getByRole('searchbox', { name: 'Search the history' });
    await search.fill('unnest weather_condition');
    const list = screen.page.getByRole('list', { name: 'Query history' });
    await list.getByRole('listitem').first().waitFor();
    const found = await list.getByRole('listitem').allTextContents();
    expect(found.length).toBeGreaterThanOrEqual(2); // the per-condition query and the CTAS
    expect(found.every((text) => /unnest/i.test(text))).toBe(true);
    expect(found.some((text) => text.includes('Cancelled'))).toBe(false);
    await search.fill('sequence(1, 100000)');
    await expect.poll(() => list.getByRole('listitem').allTextContents()).toHaveLength(1);
    expect(await list.getByRole('listitem').first().textContent()).toContain('Cancelled');
    await search.fill('no such words');
    await screen.page.getByText('No query matches “no such words”.').waitFor();
    await search.fill('rows_in_flat_table');
    await list.getByRole('button').first().click();
    expect(await screen.editor().textContent()).toContain('rows_in_flat_table');
    await screen.screenshot('sql-history-en');
  });

  it('saves, renames, opens and deletes a saved query', async () => {
    await screen.write(`SELECT count(*) AS readings FROM "${DATABASE}"."${TABLE}"`);
    await screen.button('Save').click();
    const dialog = screen.dialog('Save the query');
    await dialog.getByLabel('Name').fill('All readings');
    await screen.button('Save', dialog).click();
    await dialog.waitFor({ state: 'detached' });
    await screen.sideTab('Saved').click();
    await screen.button('Open All readings').waitFor();
    await screen.button('Rename All readings').click();
    const rename = screen.dialog('Rename the saved query');
    await rename.getByLabel('Name').fill('Readings in the lake');
    await screen.button('Save', rename).click();
    await rename.waitFor({ state: 'detached' });
    await screen.write('SELECT 2');
    await screen.button('Open Readings in the lake').click();
    expect(await screen.editor().textContent()).toContain('count(*) AS readings');
    expect(await screen.runWithKeyboard()).toBe('Completed');
    expect(await screen.gridRows()).toEqual([[String(records.length)]]);
    await screen.screenshot('sql-saved-en');
    await screen.button('Delete Readings in the lake').click();
    await screen.button('Delete', screen.dialog('Delete the saved query')).click();
    await screen.page.getByText('No saved query yet').waitFor();
  });

  it('queries DynamoDB with PartiQL into the same grid', async () => {
    await screen.chooseEngine('DynamoDB (PartiQL)');
    await screen.sideTab('Tables').click();
    await screen.page.getByRole('button', { name: `Columns of ${COLD_TABLE}` }).waitFor();
    const station = records[0]?.weather_station ?? '';
    await screen.write(`SELECT * FROM "${COLD_TABLE}" WHERE weather_station = '${station}'`);
    expect(await screen.runWithKeyboard()).toBe('Completed');
    const columns = await screen.columnNames();
    expect([...columns].sort()).toEqual(['air_temperature', 'time', 'weather_station']);
    const expected = records
      .slice(0, 15)
      .filter((r) => r.weather_station === station)
      .sort((a, b) => a.time.localeCompare(b.time));
    const rows = await screen.gridRows();
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const e = expected[i];
      expect(row[columns.indexOf('time')]).toBe(e?.time);
      expect(JSON.parse(row[columns.indexOf('air_temperature')] ?? '')).toEqual({
        value: e?.air_temperature.value,
        quality: e?.air_temperature.quality,
      });
    });
    await screen.screenshot('sql-partiql-en');
    await screen.chooseEngine('Amazon Athena');
  });

  it('looks right in dark and in French', async () => {
    await screen.sideTab('Tables').click();
    await screen.write(`SELECT * FROM "${DATABASE}"."${TABLE}" LIMIT 10`);
    await screen.runWithKeyboard();
    await screen.themeToggle('Dark theme').click();
    await screen.screenshot('sql-preview-dark');
    await screen.chooseLanguage('Language', 'fr');
    await screen.heading('Éditeur SQL').waitFor();
    await screen.screenshot('sql-preview-dark-fr');
    await screen.chooseLanguage('Langue', 'en');
    await screen.themeToggle('Dark theme').click();
    expect(screen.problems).toEqual([]);
  });
});
