import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideTool } from '../helpers/tools.js';
import {
  ensureRendererBuilt,
  launchChromium,
  noaaMirrorFor,
  startWebMode,
  type WebMode,
} from '../helpers/web-app.js';
import { ChartsScreen } from './charts-screen.js';
import { LessonsScreen } from './lessons-screen.js';
import { SqlScreen } from './sql-screen.js';

/**
 * The whole lab offline, through the UI only, as a student does it: on a fresh lab folder, each
 * step's "Check my work" is red with a useful hint before the work, "Do it for me" does the work, and
 * the check turns green. Each lesson is photographed in English and in French.
 */

const chromiumTool = outsideTool('chromium');
const mirror = noaaMirrorFor('the lessons end-to-end test');

const TITLES = {
  '00': { en: 'Set up your lab', fr: 'Préparer votre lab' },
  '01': { en: 'My first thing', fr: 'Mon premier objet' },
  '02': { en: 'A fleet of five weather stations', fr: 'Une flotte de cinq stations météo' },
  '03': { en: 'A first data store with an S3 rule', fr: 'Un premier stockage avec une règle S3' },
  '04': { en: 'Batch the messages with Firehose', fr: 'Regrouper les messages avec Firehose' },
  '05': { en: 'Hands-on: cold readings in DynamoDB', fr: 'À vous : les relevés froids dans DynamoDB' },
  '06': { en: 'Discover the schema with a Glue crawler', fr: 'Découvrir le schéma avec un crawler Glue' },
  '07': { en: 'Query the lake with Athena', fr: 'Interroger le lac avec Athena' },
  '08': { en: 'Flatten the data with CREATE TABLE AS', fr: 'Aplatir les données avec CREATE TABLE AS' },
  '09': { en: 'Show the data in charts', fr: 'Montrer les données en graphiques' },
} as const;
type LessonNumber = keyof typeof TITLES;

/** A step as the student meets it: a check that is red first (with this hint), green at once, or none. */
type Plan = (
  | { title: string; red: string | RegExp }
  | { title: string; green: true }
  | { title: string; manual: true }
) & {
  /** The work done on the workbench's pages, as a student would (instead of "Do it for me"). */
  byHand?: () => Promise<void>;
};

describe.skipIf(!chromiumTool.available || !mirror.available)('lessons (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: LessonsScreen;
  let account: string;

  /** Goes through a lesson's steps as planned, then photographs it in both languages. */
  async function doLesson(number: LessonNumber, steps: Plan[], between?: (title: string) => Promise<void>) {
    await screen.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lessons' })
      .click();
    await screen.openLesson(TITLES[number].en);
    for (const [index, step] of steps.entries()) {
      await between?.(step.title);
      if ('red' in step) {
        const hint = await screen.checkRed(step.title);
        if (typeof step.red === 'string') expect(hint).toContain(step.red);
        else expect(hint).toMatch(step.red);
      }
      if (step.byHand) {
        await step.byHand();
        await screen.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lessons' }).click();
        await screen.openLesson(TITLES[number].en);
      }
      if ('manual' in step) await screen.markDone(step.title);
      else if ('green' in step || step.byHand) await screen.checkGreen(step.title);
      else await screen.doItForMe(step.title);
      expect(await screen.isDone(step.title), `${number}: ${step.title}`).toBe(true);
      if (index < steps.length - 1) await screen.collapse(step.title);
    }
    const progress = screen.page.getByRole('progressbar', { name: `Progress of ${TITLES[number].en}` });
    expect(await progress.getAttribute('aria-valuetext')).toBe(
      `${steps.length} of ${steps.length} steps done`,
    );
    await screen.screenshot(`lesson-${number}-en`);
    await screen.chooseUiLanguage('fr');
    await screen.heading(TITLES[number].fr).waitFor();
    await screen.screenshot(`lesson-${number}-fr`);
    await screen.chooseUiLanguage('en');
    await screen.heading(TITLES[number].en).waitFor();
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    account = web.endpoints.accountId;
    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    screen = new LessonsScreen(await context.newPage());
    await screen.openLessons(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('lists the ten lessons of a fresh lab, none started, in both languages', async () => {
    expect(await screen.page.getByRole('article').count()).toBe(10);
    const first = screen.card(TITLES['00'].en);
    expect(await first.textContent()).toContain('Not started');
    expect(await first.textContent()).toContain('0 of 3 steps done');
    await screen.screenshot('lessons-list-en');
    await screen.chooseUiLanguage('fr');
    await screen.card(TITLES['00'].fr).waitFor();
    await screen.screenshot('lessons-list-fr');
    await screen.chooseUiLanguage('en');
    await screen.card(TITLES['00'].en).waitFor();
  });

  it('00 setup: the account, three buckets, the endpoint', async () => {
    await doLesson('00', [
      { title: 'Know your cloud and your account', green: true },
      {
        title: 'Create the three buckets',
        red: `The bucket iot-tutorial-things-template-${account} does not exist yet.`,
      },
      { title: 'Find your IoT endpoint', manual: true },
    ]);
  }, 120_000);

  it('01 my first thing: thing, certificate, policy, attachment, a publish loop', async () => {
    await doLesson('01', [
      { title: 'Create the thing', red: 'There is no thing named my-first-thing yet.' },
      { title: 'Give it a certificate', red: 'my-first-thing has no certificate attached yet.' },
      { title: 'Write an allow-all policy', red: 'There is no policy named my-first-thing-policy yet.' },
      {
        title: 'Attach the policy to the certificate',
        red: 'The certificate of my-first-thing has no policy my-first-thing-policy attached',
      },
      { title: 'Connect and publish in a loop', red: 'Nothing arrived on hello/world in 10 seconds.' },
    ]);
    // "Do it for me" says what it did, and named the loop it left running.
    expect(await screen.step('Connect and publish in a loop').textContent()).toContain(
      'publish loop my-first-thing → hello/world',
    );
  }, 180_000);

  it('02 the fleet: bulk registration, the readings from the Stations page, the replay', async () => {
    await doLesson(
      '02',
      [
        {
          title: 'Register the fleet in bulk',
          red: '5 of the 5 stations are not registered yet: weather-station_0, weather-station_1',
        },
        { title: "Get the stations' readings", green: true },
        {
          title: 'Replay the readings on sensor/weather',
          red: 'Nothing arrived on sensor/weather in 10 seconds.',
        },
      ],
      async (title) => {
        if (title !== "Get the stations' readings") return;
        // Red first, then the student follows the step's link to the Stations page and fetches them.
        expect(await screen.checkRed(title)).toContain(
          'The 2022 readings are missing for: Aberdeen/Dyce, Skrydstrup',
        );
        await screen.step(title).getByRole('link', { name: 'Stations' }).first().click();
        await screen.heading('Weather stations').waitFor();
        await screen.page.getByRole('button', { name: 'Fetch readings', exact: true }).click();
        await screen.page.getByRole('radio', { name: 'Mirror folder', exact: true }).check();
        await screen.page.getByRole('textbox', { name: 'Mirror folder path' }).fill(mirror.dir);
        await screen.page.getByRole('button', { name: 'Fetch 5 stations', exact: true }).click();
        await screen.page
          .getByRole('status')
          .filter({ hasText: 'Fetched 5 station-years.' })
          .waitFor({ timeout: 60_000 });
        await screen.page.goBack();
        await screen.heading(TITLES['02'].en).waitFor();
      },
    );
  }, 240_000);

  it('03 the S3 rule: one object per message', async () => {
    await doLesson('03', [
      { title: 'How a rule chooses its messages', manual: true },
      {
        title: 'Create the rule weather_sensor_to_S3',
        red: 'There is no rule named weather_sensor_to_S3 yet.',
      },
      { title: 'Look into the bucket', green: true },
      { title: 'Why one object per message costs too much', manual: true },
    ]);
  }, 180_000);

  it('04 Firehose: the stream, the rule switched over with a newline separator, delivered files', async () => {
    await doLesson('04', [
      {
        title: 'Create the delivery stream',
        red: 'There is no delivery stream named IoT_warehouse_delivery_stream yet.',
      },
      {
        title: 'Send the rule to Firehose',
        red: 'The rule weather_sensor_to_S3 still has its S3 action: remove it.',
      },
      // Firehose's buffer is 60 seconds old at most: the check watches until the first file lands.
      { title: 'Find the delivered files', green: true },
    ]);
  }, 240_000);

  it('05 DynamoDB: the table, the rule with its projection and WHERE, the cold items', async () => {
    await doLesson('05', [
      { title: 'Create the table', red: 'There is no DynamoDB table named cold_weather_readings yet.' },
      {
        title: 'Write the rule weather_sensor_dynamoDB',
        red: 'There is no rule named weather_sensor_dynamoDB yet.',
      },
      { title: 'Explore the items', green: true },
      { title: 'When two readings share a key', manual: true },
    ]);
  }, 180_000);

  it('06 Glue: database, crawler, run, schema, partitions', async () => {
    await doLesson('06', [
      { title: 'Create the database', red: 'There is no Glue database named weather_station_db yet.' },
      { title: 'Create the crawler', red: 'There is no crawler named weather_datalake_crawler yet.' },
      { title: 'Run the crawler', red: 'The crawler weather_datalake_crawler has never run.' },
      { title: "Read the table's schema", green: true },
      {
        title: "Give every partition the table's schema",
        red: 'does not update all new and existing partitions with metadata from the table yet',
      },
    ]);
  }, 180_000);

  it('07 Athena: results location, preview, per station, per condition', async () => {
    await doLesson('07', [
      { title: 'Choose where results go', red: 'The work group primary has no query result location yet.' },
      { title: 'Preview the table', red: `No query on iot_tutorial_datalake_${account} has run yet.` },
      {
        title: 'Temperatures per station',
        red: /Your latest query on iot_tutorial_datalake_\d+ has no avg/,
        // Typed in the SQL editor and run with the keyboard, as the lesson says.
        byHand: async () => {
          await screen.page.getByRole('link', { name: 'SQL' }).first().click();
          const sql = new SqlScreen(screen.page);
          await sql.write(
            `SELECT weather_station, count(*) AS readings, round(avg(air_temperature.value), 1) AS avg_temperature,
               min(air_temperature.value) AS min_temperature, max(air_temperature.value) AS max_temperature
             FROM "weather_station_db"."iot_tutorial_datalake_${account}"
             WHERE air_temperature.value <> 999.9
             GROUP BY weather_station ORDER BY weather_station`,
          );
          expect(await sql.runWithKeyboard()).toBe('Completed');
          expect(await sql.gridRows()).toHaveLength(5);
          await sql.screenshot('lesson-07-sql-editor');
        },
      },
      { title: 'Temperatures per weather condition', red: 'does not unnest weather_condition' },
    ]);
    // The per-station query shows its first rows.
    expect(await screen.step('Temperatures per weather condition').getByRole('table').count()).toBe(1);
  }, 180_000);

  it('08 the flat table: CREATE TABLE AS, and what it lost', async () => {
    await doLesson('08', [
      {
        title: 'Create the flat table',
        red: 'The table weather_data_unnested is not in the database weather_station_db yet.',
      },
      {
        title: 'Count what the flat table kept',
        red: 'Your latest query on weather_data_unnested has no group by',
      },
    ]);
    const rows = await screen.step('Count what the flat table kept').getByRole('table').textContent();
    expect(rows).not.toContain('061100');
  }, 180_000);

  it('09 charts: the chart’s data, counted in readings', async () => {
    await doLesson('09', [
      { title: 'Prepare the data of a chart', red: 'has no count(distinct' },
      {
        title: 'Build your charts',
        manual: true,
        // The lesson's bar chart, from its own example query, saved to the dashboard.
        byHand: async () => {
          await screen.page.getByRole('link', { name: 'Charts' }).first().click();
          const charts = new ChartsScreen(screen.page);
          await charts.heading('Charts').waitFor();
          await charts.newChart();
          await charts.typeQuery(
            `SELECT present_weather_condition, count(DISTINCT weather_station || time) AS readings
             FROM "weather_station_db"."weather_data_unnested"
             GROUP BY present_weather_condition ORDER BY readings DESC LIMIT 15`,
          );
          expect(await charts.runQuery()).toMatch(/rows ·/);
          await charts.save();
          await charts.screenshot('lesson-09-dashboard');
        },
      },
    ]);
  }, 120_000);

  it('shows the whole lab done, and exports the report for the teacher', async () => {
    await screen.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lessons' })
      .click();
    await screen.card(TITLES['00'].en).waitFor();
    const overall = screen.page.getByRole('progressbar', { name: 'Lessons' });
    expect(await overall.getAttribute('aria-valuetext')).toBe('Overall: 35 of 35 steps');
    for (const { en } of Object.values(TITLES))
      expect(await screen.card(en).textContent()).toContain('Completed');
    await screen.page.getByRole('button', { name: 'Export progress' }).click();
    const report = screen.page.getByRole('region', { name: 'Progress report' });
    await report.waitFor();
    expect(await report.textContent()).toContain(`${web.labDir}/reports`);
    expect(
      await report.getByRole('link', { name: 'Download the Web page report' }).getAttribute('download'),
    ).toMatch(/^progress-offline-.*\.html$/);
    await screen.screenshot('lessons-list-done-en');
    await screen.themeToggle('Dark theme').click();
    await screen.openLesson(TITLES['07'].en);
    await screen.expand('Temperatures per station');
    await screen.screenshot('lesson-07-dark-en');
  }, 60_000);
});
