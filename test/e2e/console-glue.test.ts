import {
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetDatabaseCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWLER_MINIMUM_RUN_SETTING } from '../../electron/cloud/glue/index.js';
import { firehoseKey, hourValues } from '../contract/glue-lake.js';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode, type WebMode } from '../helpers/web-app.js';
import { ConsoleScreen } from './console-screen.js';

/**
 * The Glue page in web mode on a lake laid out as Firehose writes it: lesson 06 done through the UI
 * (database, crawler, run, schema, partitions), the lab's HIVE_PARTITION_SCHEMA_MISMATCH seen where it
 * arises and fixed with the crawler option; what the UI shows is compared with what the SDK says.
 */
const chromiumTool = outsideTool('chromium');

const DATABASE = 'weather_station_db';
const CRAWLER = 'weather_datalake_crawler';
const SECTIONS = 'AWS Glue sections';
const FIRST_HOUR = new Date(Date.UTC(2026, 2, 1, 22));
const hour = (n: number) => new Date(FIRST_HOUR.getTime() + n * 3_600_000);

/** A lab message; a whole temperature is written `7`, as the rules engine writes `7.0`: Glue types it int. */
const message = (station: string, at: Date, temperature: number) =>
  JSON.stringify({
    weather_station: station,
    elevation: 65,
    time: at.toISOString(),
    air_temperature: { value: temperature, quality: '1' },
    sky_cover_condition: [{ coverage: 4, base_height: 1200, cloud_type: 'Cu' }],
  });

/** The row of a schema table whose column is `name`. */
const rowOf = (table: Locator, name: string): Locator =>
  table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: new RegExp(`^${name}`) }) });

describe.skipIf(!chromiumTool.available)('the Glue page (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: ConsoleScreen;
  let glue: GlueClient;
  let s3: S3Client;
  let bucket: string;
  let table: string;

  /** Makes each crawl last at least this long (a lab setting), so its RUNNING state can be seen. */
  const setMinimumRun = (ms: number) => {
    const db = new Database(path.join(web.labDir, 'lab.sqlite'));
    try {
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(CRAWLER_MINIMUM_RUN_SETTING, String(ms));
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    const { endpoint, region, credentials, accountId } = web.endpoints;
    glue = new GlueClient({ endpoint, region, credentials });
    s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
    bucket = `iot-tutorial-datalake-${accountId}`;
    table = bucket.replaceAll('-', '_');

    // Two hours of fractional temperatures, then an hour where every one is whole; and lesson 03's
    // one-object-per-message files, which the lab's crawler excludes.
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const hours: Array<[Date, number[]]> = [
      [hour(0), [6.3, 6.1, 5.8]],
      [hour(1), [5.4, 5.5]],
      [hour(2), [5, 4, 4]],
    ];
    for (const [at, temperatures] of hours) {
      const body = temperatures
        .map((value, i) => message('030910', new Date(at.getTime() + i * 600_000), value))
        .join('');
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: firehoseKey('IoT_warehouse_delivery_stream', at),
          Body: body,
        }),
      );
    }
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sensor/weather/1700000000000',
        Body: '{"other":"shape"}',
      }),
    );

    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    screen = new ConsoleScreen(await context.newPage());
    await screen.openPage(web.url, 'Glue', 'AWS Glue');
  });

  afterAll(async () => {
    await browser?.close();
    glue?.destroy();
    s3?.destroy();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('adds the lab’s database, and shows AWS’s error when it exists already', async () => {
    await screen.card('Databases').getByText('No database yet.').waitFor();
    await screen.button('Add database').click();
    const dialog = screen.dialog('Add database');
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(DATABASE);
    await dialog.getByRole('button', { name: 'Add database' }).click();
    const detail = screen.card(DATABASE);
    await detail.waitFor();
    const { Database: made } = await glue.send(new GetDatabaseCommand({ Name: DATABASE }));
    expect(made?.Name).toBe(DATABASE);
    await screen
      .card(`Tables in ${DATABASE}`)
      .getByText(/^No table yet/)
      .waitFor();

    await screen.button('Add database').click();
    const again = screen.dialog('Add database');
    await again.getByRole('button', { name: 'Add database' }).click();
    await again.getByRole('alert').getByText('AlreadyExistsException').waitFor();
    expect(await again.getByRole('alert').textContent()).toContain('already exists');
    await screen.screenshot('console-glue-database-exists');
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates lesson 06’s crawler from its form', async () => {
    await screen.tab('Crawlers', SECTIONS).click();
    await screen.button('Create crawler').click();
    const form = screen.dialog('Create crawler');
    await form.getByRole('button', { name: 'Fill in lesson 06’s values' }).click();
    expect(await form.getByRole('textbox', { name: 'S3 path' }).inputValue()).toBe(`s3://${bucket}/`);
    expect(await form.getByRole('radio', { name: 'Crawl new sub-folders only' }).isChecked()).toBe(true);
    await screen.screenshot('console-glue-create-crawler');
    await form.getByRole('button', { name: 'Create crawler' }).click();
    const detail = screen.card(CRAWLER);
    await detail.waitFor();
    await detail.getByText('Ready', { exact: true }).waitFor();

    const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: CRAWLER }));
    expect(crawler).toMatchObject({
      DatabaseName: DATABASE,
      Targets: { S3Targets: [{ Path: `s3://${bucket}/`, Exclusions: ['sensor/**'], SampleSize: 10 }] },
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    });
    expect(crawler?.Configuration).toBeUndefined();
    expect(await screen.valueIn(detail, 'Schedule')).toBe('On demand');
    expect(await screen.valueIn(detail, 'Partitions')).toBe('Own schema each');
  });

  it('runs the crawler with its progress until it is Ready, then says what it made', async () => {
    setMinimumRun(2500);
    const detail = screen.card(CRAWLER);
    await screen.button('Run crawler', detail).click();
    await detail.getByText('Running', { exact: true }).waitFor();
    await detail.getByRole('progressbar', { name: 'Crawl progress' }).waitFor();
    await detail.getByRole('status').getByText(`Crawling s3://${bucket}/…`).waitFor();
    // The list follows the state too.
    await screen.table('Crawlers').getByText('Running', { exact: true }).waitFor();
    await screen.screenshot('console-glue-crawler-running');

    const last = screen.card('Last crawl');
    await last.getByText('Succeeded', { exact: true }).waitFor({ timeout: 20_000 });
    await detail.getByText('Ready', { exact: true }).waitFor();
    expect(await detail.getByRole('progressbar').count()).toBe(0);
    const { CrawlerMetricsList } = await glue.send(
      new GetCrawlerMetricsCommand({ CrawlerNameList: [CRAWLER] }),
    );
    expect(CrawlerMetricsList?.[0]?.TablesCreated).toBe(1);
    expect(await last.getByRole('definition').filter({ hasText: /^1$/ }).count()).toBeGreaterThan(0);
    expect(await screen.valueIn(last, 'Duration')).toMatch(/^\d+(\.\d)? s$/);
    await screen.table('Crawlers').getByText('Succeeded', { exact: true }).waitFor();
    await screen.screenshot('console-glue-crawlers');
    setMinimumRun(0);
  });

  it('shows the table’s schema, nested types readable, and its partitions with the mismatch', async () => {
    await screen
      .card('Last crawl')
      .getByRole('link', { name: `See the tables of ${DATABASE}` })
      .click();
    await screen.rowLink('Tables', table).click();
    const { Table: described } = await glue.send(
      new GetTableCommand({ DatabaseName: DATABASE, Name: table }),
    );
    const schema = screen.table(`Schema of ${table}`);
    await schema.waitFor();
    const names = (await schema.getByRole('rowheader').allTextContents()).map((name) =>
      name.replace(/Partition \(\d\)$/, ''),
    );
    expect(names).toEqual([
      ...(described?.StorageDescriptor?.Columns ?? []).map((column) => column.Name),
      ...(described?.PartitionKeys ?? []).map((key) => key.Name),
    ]);
    // struct<value:double,quality:string> reads as a struct with its two fields.
    const temperature = rowOf(schema, 'air_temperature');
    expect((await temperature.getByRole('listitem').allTextContents()).map((text) => text.trim())).toEqual([
      'valuedouble',
      'qualitystring',
    ]);
    const sky = rowOf(schema, 'sky_cover_condition');
    await sky.getByText('array<struct>', { exact: true }).waitFor();
    const card = screen.card(table);
    expect(await screen.valueIn(card, 'Classification')).toBe('json');
    expect(await screen.valueIn(card, 'Records')).toBe(described?.Parameters?.recordCount);
    expect(await screen.valueIn(card, 'Location')).toBe(`s3://${bucket}/`);

    const { Partitions = [] } = await glue.send(
      new GetPartitionsCommand({ DatabaseName: DATABASE, TableName: table }),
    );
    expect(Partitions).toHaveLength(3);
    const partitions = screen.table(`Partitions of ${table}`);
    expect(await partitions.getByRole('rowheader').allTextContents()).toEqual(
      Partitions.map((partition) => (partition.Values ?? []).join(' / ')),
    );
    const odd = hourValues(hour(2)).join(' / ');
    await partitions
      .getByRole('row', { name: new RegExp(`^${odd}`) })
      .getByText('Mismatch', { exact: true })
      .waitFor();
    expect(await partitions.getByText('As table', { exact: true }).count()).toBe(2);
    await screen
      .card('Partitions')
      .getByText(/HIVE_PARTITION_SCHEMA_MISMATCH/)
      .first()
      .waitFor();
    await screen.screenshot('console-glue-table');

    await screen.rowLink(`Partitions of ${table}`, odd).click();
    const partition = screen.card(`Partition ${odd}`);
    const note = partition.getByRole('note');
    await note.getByText('air_temperature.value', { exact: true }).waitFor();
    expect(await note.textContent()).toContain('the table says double, this partition int.');
    const mine = screen.table(`Schema of Partition ${odd}`);
    expect(await rowOf(mine, 'air_temperature').getAttribute('data-difference')).toBe('danger');
    await screen.screenshot('console-glue-partition-mismatch');
  });

  it('fixes the mismatch with the crawler option and a second run', async () => {
    await screen.go(`#/glue/crawlers/${CRAWLER}`);
    const detail = screen.card(CRAWLER);
    await screen.button('Edit', detail).click();
    const form = screen.dialog(`Edit ${CRAWLER}`);
    await form
      .getByRole('checkbox', { name: 'Update all new and existing partitions with metadata from the table' })
      .check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await detail.getByText('Inherit from table', { exact: true }).waitFor();
    const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: CRAWLER }));
    expect(crawler?.Configuration).toBe(
      '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
    );

    // Crawling new folders only, a run applies the option when Firehose has written a new hour.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: firehoseKey('IoT_warehouse_delivery_stream', hour(3)),
        Body: message('030910', hour(3), 3.9),
      }),
    );
    const before = crawler?.LastCrawl?.StartTime?.getTime() ?? 0;
    await screen.button('Run crawler', detail).click();
    await expect
      .poll(
        async () => {
          const { Crawler: now } = await glue.send(new GetCrawlerCommand({ Name: CRAWLER }));
          return now?.State === 'READY' && (now.LastCrawl?.StartTime?.getTime() ?? 0) > before;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await detail.getByText('Ready', { exact: true }).waitFor();

    await screen.go(`#/glue/tables/${DATABASE}/${table}`);
    const partitions = screen.table(`Partitions of ${table}`);
    await expect.poll(() => partitions.getByText('As table', { exact: true }).count()).toBe(4);
    expect(
      await screen
        .card('Partitions')
        .getByText(/HIVE_PARTITION_SCHEMA_MISMATCH/)
        .count(),
    ).toBe(0);
  });

  it('speaks French and has a dark theme', async () => {
    await screen.go(
      `#/glue/tables/${DATABASE}/${table}/${encodeURIComponent(hourValues(hour(2)).join('/'))}`,
    );
    await screen.card(`Partition ${hourValues(hour(2)).join(' / ')}`).waitFor();
    await screen.screenshot('console-glue-partition');
    await screen.chooseLanguage('Language', 'fr');
    await screen.page.getByRole('navigation', { name: 'Rubriques d’AWS Glue' }).waitFor();
    await screen.table(`Partitions de ${table}`).waitFor();
    await screen.screenshot('console-glue-table-fr');
    await screen.themeToggle('Thème sombre').click();
    await screen.screenshot('console-glue-table-dark-fr');
    await screen.go(`#/glue/crawlers/${CRAWLER}`);
    await screen.card('Dernière analyse').getByText('Réussie', { exact: true }).waitFor();
    await screen.screenshot('console-glue-crawler-dark-fr');
    await screen.chooseLanguage('Langue', 'en');
    await screen.card('Last crawl').waitFor();
    await screen.screenshot('console-glue-crawler-dark');
    await screen.go(`#/glue/databases/${DATABASE}`);
    await screen.card(`Tables in ${DATABASE}`).getByRole('link', { name: table }).waitFor();
    await screen.screenshot('console-glue-database-dark');
    await screen.themeToggle('Dark theme').click();
  });

  it('never broke the CSP nor threw', () => {
    // The AlreadyExistsException the dialog showed was the API's answer, logged by nothing.
    expect(screen.problems, screen.problems.join('\n')).toEqual([]);
  });
});
