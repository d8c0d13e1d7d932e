import { AthenaClient, UpdateWorkGroupCommand } from '@aws-sdk/client-athena';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIsdFile, toLabPayload } from '../../electron/stations/isd/index.js';
import { runQuery, type LabRecord } from '../contract/athena-helpers.js';
import { STATION_YEARS } from '../stations/noaa-fixtures.js';
import { outsideTool } from '../helpers/tools.js';
import {
  ensureRendererBuilt,
  launchChromium,
  noaaMirrorFor,
  startWebMode,
  type WebMode,
} from '../helpers/web-app.js';
import { ChartsScreen, parseCell } from './charts-screen.js';
import { createCrawledLake } from './crawled-lake.js';
import { StationsScreen } from './stations-screen.js';

/**
 * Lesson 09 through the Charts page, on a lake of real NOAA readings spread over the year: the bar
 * chart of weather conditions and the line chart of monthly temperatures (one line per station), each
 * checked through its data table against answers computed here from the same records; saved to the
 * dashboard, which runs them again after a reload. Then the Stations page's live chart during a replay.
 */

const chromiumTool = outsideTool('chromium');
const mirror = noaaMirrorFor('the charts end-to-end test');

/** Every n-th reading of each station: a few hundred per station, every month of 2022. */
const EVERY = 40;
const DATABASE = 'weather_station_db';
const MISSING = 999.9;
const STATIONS = ['Aberdeen/Dyce', 'Skrydstrup', 'Groningen/Eelde', 'Inukjuak', "Land O' Lakes"];

async function sampleYear(): Promise<string[]> {
  const payloads: string[] = [];
  for (const stem of STATION_YEARS) {
    let index = 0;
    for await (const reading of readIsdFile(path.join(mirror.dir, `${stem}.gz`))) {
      if (index++ % EVERY === 0) payloads.push(toLabPayload(reading));
    }
  }
  return payloads;
}

/** The lake as Firehose writes it, crawled as lesson 06 does, flattened as lesson 08 does. */
async function createLake(web: WebMode, payloads: readonly string[]): Promise<void> {
  const config = {
    endpoint: web.endpoints.endpoint,
    region: web.endpoints.region,
    credentials: web.endpoints.credentials,
  };
  const account = web.endpoints.accountId;
  const bucket = `iot-tutorial-datalake-${account}`;
  const results = `iot-tutorial-athena-query-${account}`;
  await createCrawledLake(web.endpoints, payloads, {
    bucket,
    resultsBucket: results,
    database: DATABASE,
    stream: 'IoT_warehouse_delivery_stream',
    start: new Date(Date.UTC(2026, 2, 1, 20)),
    hours: 3,
    objectsPerHour: 4,
  });
  const athena = new AthenaClient(config);
  try {
    // Lesson 07 gives the workgroup its results bucket; the page's queries use it.
    await athena.send(
      new UpdateWorkGroupCommand({
        WorkGroup: 'primary',
        ConfigurationUpdates: { ResultConfigurationUpdates: { OutputLocation: `s3://${results}/` } },
      }),
    );
    const ctas = await runQuery(
      athena,
      `CREATE TABLE "${DATABASE}"."weather_data_unnested" AS
       SELECT weather_station, time, air_temperature.value AS air_temperature,
              sky.cloud_type AS cloud_type, wc.present_weather_condition AS present_weather_condition
       FROM "${DATABASE}"."${bucket.replace(/-/g, '_')}"
       CROSS JOIN UNNEST(sky_cover_condition) AS t1(sky)
       CROSS JOIN UNNEST(weather_condition) AS t2(wc)`,
      { workGroup: 'primary', output: '' },
    );
    expect(ctas.Status?.State, ctas.Status?.StateChangeReason).toBe('SUCCEEDED');
  } finally {
    athena.destroy();
  }
}

/** Lesson 09's first chart, computed here: readings (station and time) per condition, among flat rows. */
function conditionCounts(records: readonly LabRecord[]): Map<string, number> {
  const readings = new Map<string, Set<string>>();
  for (const record of records) {
    if (!record.sky_cover_condition?.length) continue; // CROSS JOIN UNNEST of nothing: no row
    for (const { present_weather_condition: condition } of record.weather_condition ?? []) {
      const set = readings.get(condition) ?? new Set<string>();
      set.add(record.weather_station + record.time);
      readings.set(condition, set);
    }
  }
  return new Map([...readings].map(([condition, set]) => [condition, set.size]));
}

/** Lesson 09's second chart: station → month → average air temperature, 999.9 left out. */
function monthlyAverages(records: readonly LabRecord[]): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const record of records) {
    if (record.air_temperature.value === MISSING) continue;
    const months = sums.get(record.weather_station) ?? new Map<string, { sum: number; n: number }>();
    const month = record.time.slice(0, 7);
    const entry = months.get(month) ?? { sum: 0, n: 0 };
    entry.sum += record.air_temperature.value;
    entry.n++;
    months.set(month, entry);
    sums.set(record.weather_station, months);
  }
  return new Map(
    [...sums].map(([station, months]) => [
      station,
      new Map([...months].map(([month, { sum, n }]) => [month, sum / n])),
    ]),
  );
}

const monthLabel = (month: string): string =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.parse(`${month}-01T00:00:00Z`),
  );

describe.skipIf(!chromiumTool.available || !mirror.available)('charts (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: ChartsScreen;
  let records: LabRecord[];

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    const payloads = await sampleYear();
    records = payloads.map((payload) => JSON.parse(payload) as LabRecord);
    await createLake(web, payloads);
    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    screen = new ChartsScreen(await context.newPage());
    await screen.openCharts(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('builds the bar chart of weather conditions from a typed query; its data table has the answer', async () => {
    await screen.page.getByText('No charts on your dashboard yet.').waitFor();
    await screen.newChart();
    await screen.typeQuery(
      [
        'SELECT present_weather_condition,',
        '       count(DISTINCT weather_station || time) AS readings',
        `FROM "${DATABASE}"."weather_data_unnested"`,
        'GROUP BY present_weather_condition',
        'ORDER BY readings DESC',
        'LIMIT 15',
      ].join('\n'),
    );
    expect(await screen.runQuery()).toMatch(/^15 rows ·/);
    // The defaults from the columns' kinds: bars, conditions along x, readings up.
    expect(await screen.page.getByRole('radio', { name: 'Bar', exact: true }).isChecked()).toBe(true);
    expect(await screen.selected('X axis')).toBe('present_weather_condition (text)');
    expect(await screen.page.getByRole('checkbox', { name: 'readings number' }).isChecked()).toBe(true);
    await screen.page.getByRole('textbox', { name: 'Title', exact: true }).fill('Weather conditions');
    const chart = screen.card('Chart');
    expect(await screen.chartCanvas(chart).getAttribute('aria-label')).toBe('Bar chart: Weather conditions');

    const [headers, ...rows] = await screen.readDataTable(chart, 'Data of the chart “Weather conditions”');
    expect(headers).toEqual(['present_weather_condition', 'readings']);
    const oracle = conditionCounts(records);
    const top = [...oracle.values()].sort((a, b) => b - a).slice(0, 15);
    expect(rows.map((row) => parseCell(row[1] ?? ''))).toEqual(top);
    for (const [condition, readings] of rows)
      expect(oracle.get(condition ?? ''), condition).toBe(parseCell(readings ?? ''));
    await screen.screenshot('charts-builder-bar-en');
    await screen.save();
    await screen.card('Weather conditions').waitFor();
  });

  it('builds the line chart of monthly temperatures from lesson 09’s example: one line per station', async () => {
    await screen.newChart();
    await screen.button('Monthly temperatures (line)').click();
    await screen.waitForResult();
    expect(await screen.page.getByRole('radio', { name: 'Line', exact: true }).isChecked()).toBe(true);
    expect(await screen.selected('X axis')).toBe('month (time)');
    expect(await screen.selected('Series (one per value)')).toBe('weather_station (text)');
    const chart = screen.card('Chart');
    await expectTemperatureTable(chart);
    await screen.screenshot('charts-builder-line-en');
    await screen.themeToggle('Dark theme').click();
    await screen.page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screen.screenshot('charts-builder-line-dark');
    await screen.themeToggle('Dark theme').click();
    await screen.save();
  });

  /** The line chart's table: a row per month, a column per station, each the oracle's average to 0.1. */
  async function expectTemperatureTable(chart: ReturnType<ChartsScreen['card']>): Promise<void> {
    const [headers, ...rows] = await screen.readDataTable(
      chart,
      'Data of the chart “Temperatures through the year”',
    );
    const oracle = monthlyAverages(records);
    const stations = [...oracle.keys()].sort();
    expect(headers).toEqual(['month', ...stations]);
    const months = [...new Set([...oracle.values()].flatMap((months) => [...months.keys()]))].sort();
    expect(months).toHaveLength(12);
    expect(rows.map((row) => row[0])).toEqual(months.map(monthLabel));
    rows.forEach((row, i) =>
      stations.forEach((station, j) => {
        const expected = oracle.get(station)?.get(months[i] ?? '');
        if (expected === undefined) expect(row[j + 1]).toBe('—');
        // round(avg(…), 1) in the query: within half a tenth of the exact average.
        else
          expect(
            Math.abs(parseCell(row[j + 1] ?? '') - expected),
            `${station} ${months[i]}`,
          ).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  }

  it('keeps the dashboard across a reload and runs each chart’s query again', async () => {
    await screen.card('Temperatures through the year').waitFor();
    await screen.page.reload();
    await screen.heading('Charts').waitFor();
    const titles = screen.page.getByRole('main').getByRole('heading', { level: 2 });
    expect(await titles.allTextContents()).toEqual(['Weather conditions', 'Temperatures through the year']);
    const line = screen.card('Temperatures through the year');
    await line.getByText(/Ran at/).waitFor({ timeout: 30_000 });
    expect(await screen.chartCanvas(line).getAttribute('aria-label')).toBe(
      'Line chart: Temperatures through the year',
    );
    await expectTemperatureTable(line);
    await screen.button('Hide data table', line).click();

    // Reordered from the keyboard-reachable buttons, and the order is kept.
    await screen.button('Move up: Temperatures through the year').click();
    await screen.page.reload();
    await screen.heading('Charts').waitFor();
    await screen
      .card('Weather conditions')
      .getByText(/Ran at/)
      .waitFor({ timeout: 30_000 });
    await screen
      .card('Temperatures through the year')
      .getByText(/Ran at/)
      .waitFor({ timeout: 30_000 });
    expect(await titles.allTextContents()).toEqual(['Temperatures through the year', 'Weather conditions']);
    await screen.screenshot('charts-dashboard-en');
    await screen.themeToggle('Dark theme').click();
    await screen.page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screen.screenshot('charts-dashboard-dark');
    await screen.chooseLanguage('Language', 'fr');
    await screen.heading('Graphiques').waitFor();
    await screen.screenshot('charts-dashboard-fr-dark');
    await screen.chooseLanguage('Langue', 'en');
    await screen.themeToggle('Dark theme').click();
  }, 90_000);

  it('draws the stations’ temperatures live while they replay, five growing lines', async () => {
    const stations = new StationsScreen(screen.page);
    await screen.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Stations' })
      .click();
    await stations.heading('Weather stations').waitFor();
    const live = stations.card('Live air temperature');
    await live.getByText('Start a replay').waitFor();

    await stations.button('Fetch readings').click();
    await stations.radio('Mirror folder').check();
    await screen.page.getByRole('textbox', { name: 'Mirror folder path' }).fill(mirror.dir);
    await stations.button('Fetch 5 stations').click();
    await screen.page
      .getByRole('status')
      .filter({ hasText: 'Fetched 5 station-years.' })
      .waitFor({ timeout: 60_000 });
    await stations.button('Do it for me: provision the fleet').click();
    await stations.card('Fleet of devices').getByText('5 / 5 ready').waitFor({ timeout: 60_000 });

    await stations.radio('Lab pace').check();
    await stations.button('Start').click();
    await stations.waitForReplayState('Running');

    // Each station's number of points, in the table of latest values, rises (1 reading/s each).
    await screen.readDataTable(live, 'Latest air temperature per station', 'Show latest values');
    for (const name of STATIONS) {
      const first = await screen.waitForPointsChange(live, name, 0);
      expect(await screen.waitForPointsChange(live, name, first)).toBeGreaterThan(first);
    }
    expect(await screen.chartCanvas(live).getAttribute('aria-label')).toBe(
      'Line chart: Air temperature per station',
    );
    expect(await live.textContent()).toMatch(/NOAA’s 999\.9 \(“missing”\) is left out/);
    await stations.screenshot('charts-live-stations-en');
    await screen.themeToggle('Dark theme').click();
    await screen.chooseLanguage('Language', 'fr');
    await stations.card('Température de l’air en direct').waitFor();
    await stations.screenshot('charts-live-stations-fr-dark');
    await screen.chooseLanguage('Langue', 'en');
    await screen.themeToggle('Dark theme').click();
    await stations.button('Stop').click();
    await stations.waitForReplayState('Stopped');
  }, 120_000);
});
