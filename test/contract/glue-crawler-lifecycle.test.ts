import {
  AlreadyExistsException,
  CrawlerNotRunningException,
  CrawlerRunningException,
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  DeleteCrawlerCommand,
  EntityNotFoundException,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetCrawlersCommand,
  GlueClient,
  InvalidInputException,
  ListCrawlersCommand,
  StartCrawlerCommand,
  StopCrawlerCommand,
  UpdateCrawlerCommand,
} from '@aws-sdk/client-glue';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWLER_MINIMUM_RUN_SETTING } from '../../electron/cloud/glue/index.js';
import { awsCliEnv, sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { failure, run, waitFor } from './firehose-helpers.js';
import { crawlAndWait, LAB_ROLE } from './glue-lake.js';

const boto3 = outsideTool('boto3');

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let glue: GlueClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  glue = new GlueClient(sdkConfig(cloud));
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'lifecycle_db' } }));
});
afterAll(async () => {
  glue.destroy();
  await cloud.dispose();
});

const crawlerOn = (name: string, path: string) =>
  new CreateCrawlerCommand({ Name: name, Role: LAB_ROLE, DatabaseName: 'lifecycle_db', Targets: { S3Targets: [{ Path: path }] } });

describe('Glue crawlers through the SDK', () => {
  it('creates, shows with AWS defaults, lists, updates and deletes a crawler', async () => {
    await glue.send(crawlerOn('defaults', 's3://lake/telemetry/'));
    const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: 'defaults' }));
    expect(Crawler).toMatchObject({
      Name: 'defaults',
      Role: 'LabRole',
      DatabaseName: 'lifecycle_db',
      State: 'READY',
      Version: 1,
      CrawlElapsedTime: 0,
      Targets: { S3Targets: [{ Path: 's3://lake/telemetry/', Exclusions: [] }], JdbcTargets: [] },
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
      LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
    });
    expect(Crawler?.LastCrawl).toBeUndefined();
    expect(Crawler?.CreationTime).toBeInstanceOf(Date);

    const duplicate = await failure(glue.send(crawlerOn('defaults', 's3://lake/')));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe('Crawler already exists.');

    await glue.send(new UpdateCrawlerCommand({ Name: 'defaults', TablePrefix: 'raw_', Targets: { S3Targets: [{ Path: 's3://lake/other/', SampleSize: 10 }] } }));
    const updated = (await glue.send(new GetCrawlerCommand({ Name: 'defaults' }))).Crawler;
    expect(updated).toMatchObject({ Version: 2, TablePrefix: 'raw_', Role: 'LabRole', Targets: { S3Targets: [{ Path: 's3://lake/other/', SampleSize: 10 }] } });

    expect((await glue.send(new ListCrawlersCommand({}))).CrawlerNames).toContain('defaults');
    expect((await glue.send(new GetCrawlersCommand({}))).Crawlers?.map((crawler) => crawler.Name)).toContain('defaults');
    await glue.send(new DeleteCrawlerCommand({ Name: 'defaults' }));
    const missing = await failure(glue.send(new GetCrawlerCommand({ Name: 'defaults' })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe('Crawler defaults not found.');
  });

  it('refuses what Glue refuses', async () => {
    const newFoldersOnly = await failure(
      glue.send(
        new CreateCrawlerCommand({
          Name: 'bad-policy',
          Role: LAB_ROLE,
          DatabaseName: 'lifecycle_db',
          Targets: { S3Targets: [{ Path: 's3://lake/' }] },
          RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        }),
      ),
    );
    expect(newFoldersOnly).toBeInstanceOf(InvalidInputException);
    expect(newFoldersOnly.message).toBe('The SchemaChangePolicy for "Crawl new folders only" Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value.');
    const badConfiguration = await failure(
      glue.send(new CreateCrawlerCommand({ Name: 'bad-config', Role: LAB_ROLE, Targets: { S3Targets: [{ Path: 's3://lake/' }] }, Configuration: '{"Version":1.0,"CrawlerOutput":{"Partitions":{"UpdateBehavior":"LOG"}}}' })),
    );
    expect(badConfiguration.message).toBe('CrawlerOutput.Partitions contains unsupported keys: UpdateBehavior.');
    expect(await failure(glue.send(new StartCrawlerCommand({ Name: 'ghost' })))).toBeInstanceOf(EntityNotFoundException);
    await glue.send(crawlerOn('idle', 's3://lake/'));
    const notRunning = await failure(glue.send(new StopCrawlerCommand({ Name: 'idle' })));
    expect(notRunning).toBeInstanceOf(CrawlerNotRunningException);
  });

  it('goes RUNNING → STOPPING → READY when stopped, with LastCrawl CANCELLED and nothing written', async () => {
    cloud.s3.CreateBucket({ Bucket: 'slow-lake' });
    cloud.s3.PutObject({ Bucket: 'slow-lake', Key: 'data/2026/03/01/10/a', Body: '{"a": 1}' });
    cloud.storage.setSetting(CRAWLER_MINIMUM_RUN_SETTING, '60000');
    try {
      await glue.send(crawlerOn('slow', 's3://slow-lake/data/'));
      await glue.send(new StartCrawlerCommand({ Name: 'slow' }));
      const running = (await glue.send(new GetCrawlerCommand({ Name: 'slow' }))).Crawler;
      expect(running?.State).toBe('RUNNING');
      expect(await failure(glue.send(new StartCrawlerCommand({ Name: 'slow' })))).toBeInstanceOf(CrawlerRunningException);
      expect(await failure(glue.send(new DeleteCrawlerCommand({ Name: 'slow' })))).toBeInstanceOf(CrawlerRunningException);
      await glue.send(new StopCrawlerCommand({ Name: 'slow' }));
      expect((await glue.send(new GetCrawlerCommand({ Name: 'slow' }))).Crawler?.State).toBe('STOPPING');
      const stopped = await waitFor(async () => {
        const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: 'slow' }));
        return Crawler?.State === 'READY' ? Crawler : undefined;
      }, 'the crawler to stop');
      expect(stopped.LastCrawl?.Status).toBe('CANCELLED');
      expect(cloud.glue.getTable('lifecycle_db', 'data')).toBeUndefined();
    } finally {
      cloud.storage.setSetting(CRAWLER_MINIMUM_RUN_SETTING, '0');
    }
  });

  it('fails a crawl of a missing bucket with a clear LastCrawl ErrorMessage', async () => {
    await glue.send(crawlerOn('nowhere', 's3://no-such-lake/telemetry/'));
    const crawler = await crawlAndWait(glue, 'nowhere');
    expect(crawler.LastCrawl?.Status).toBe('FAILED');
    expect(crawler.LastCrawl?.ErrorMessage).toBe('The S3 target s3://no-such-lake/telemetry/ cannot be crawled: bucket no-such-lake does not exist (NoSuchBucket).');
  });

  it('reports records it cannot parse (the original lab NaN) and still types the rest, gzip included', async () => {
    cloud.s3.CreateBucket({ Bucket: 'nan-lake' });
    cloud.s3.PutObject({ Bucket: 'nan-lake', Key: 'raw/2026/03/01/10/good', Body: '{"station": "030910", "air_temperature": {"value": 6.3}}\n' });
    cloud.s3.PutObject({
      Bucket: 'nan-lake',
      Key: 'raw/2026/03/01/11/bad',
      Body: '{"station": "061100", "air_temperature": {"value": NaN}}\n{"station": "061100", "air_temperature": {"value": 7.0}}\n{"station": NaN}\n',
    });
    cloud.s3.PutObject({ Bucket: 'nan-lake', Key: 'raw/2026/03/01/12/zipped', Body: gzipSync('{"station": "062800", "air_temperature": {"value": 4}}') });
    await glue.send(crawlerOn('nan', 's3://nan-lake/raw/'));
    const crawler = await crawlAndWait(glue, 'nan');
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(crawler.LastCrawl?.ErrorMessage).toBe(
      "Crawl succeeded, but 2 records in 1 object could not be parsed as JSON and were left out of the schema. First: s3://nan-lake/raw/2026/03/01/11/bad, line 1: Unexpected character 'N'.",
    );
    expect(cloud.glue.getTable('lifecycle_db', 'raw')?.StorageDescriptor?.Columns).toEqual([
      { Name: 'station', Type: 'string' },
      { Name: 'air_temperature', Type: 'struct<value:double>' },
    ]);
    expect(cloud.glue.getPartitions('lifecycle_db', 'raw').map((partition) => partition.Parameters?.compressionType)).toEqual(['none', 'none', 'gzip']);
  });
});

describe('Glue crawler recrawls', () => {
  it('UPDATE_IN_DATABASE adds new columns to the table; DELETE_FROM_DATABASE drops partitions whose data is gone', async () => {
    cloud.s3.CreateBucket({ Bucket: 'drift-lake' });
    cloud.s3.PutObject({ Bucket: 'drift-lake', Key: 'sensor/2026/03/01/10/a', Body: '{"t": 1}' });
    cloud.s3.PutObject({ Bucket: 'drift-lake', Key: 'sensor/2026/03/01/11/b', Body: '{"t": 2}' });
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'drift',
        Role: LAB_ROLE,
        DatabaseName: 'lifecycle_db',
        Targets: { S3Targets: [{ Path: 's3://drift-lake/sensor/' }] },
        SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DELETE_FROM_DATABASE' },
      }),
    );
    await crawlAndWait(glue, 'drift');
    expect(cloud.glue.getPartitions('lifecycle_db', 'sensor')).toHaveLength(2);

    cloud.s3.DeleteObject({ Bucket: 'drift-lake', Key: 'sensor/2026/03/01/10/a' });
    cloud.s3.PutObject({ Bucket: 'drift-lake', Key: 'sensor/2026/03/01/12/c', Body: '{"t": 2.5, "humidity": 80}' });
    await crawlAndWait(glue, 'drift');
    expect(cloud.glue.getTable('lifecycle_db', 'sensor')?.StorageDescriptor?.Columns).toEqual([
      { Name: 't', Type: 'double' },
      { Name: 'humidity', Type: 'int' },
    ]);
    expect(cloud.glue.getPartitions('lifecycle_db', 'sensor').map((partition) => partition.Values?.[3])).toEqual(['11', '12']);
    const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ['drift'] }));
    expect(CrawlerMetricsList?.[0]).toMatchObject({ TablesCreated: 0, TablesUpdated: 1 });
  });
});

describe('Glue crawler naming', () => {
  it('names Hive partitions after their keys, honours Exclusions and TablePrefix, and suffixes a duplicate table name', async () => {
    cloud.s3.CreateBucket({ Bucket: 'hive-lake' });
    cloud.s3.CreateBucket({ Bucket: 'other-lake' });
    for (const [key, body] of [
      ['weather/year=2026/month=03/a.json', '{"t": 1}'],
      ['weather/year=2026/month=04/b.json', '{"t": 2}'],
      ['weather/year=2026/month=04/_SUCCESS', 'not json'],
      ['weather/year=2026/month=05/skip.csv', 'a,b'],
    ] as const) {
      cloud.s3.PutObject({ Bucket: 'hive-lake', Key: key, Body: body });
    }
    cloud.s3.PutObject({ Bucket: 'other-lake', Key: 'weather/c.json', Body: '{"u": "x"}' });
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'hive',
        Role: LAB_ROLE,
        DatabaseName: 'lifecycle_db',
        TablePrefix: 'raw_',
        Targets: { S3Targets: [{ Path: 's3://hive-lake/weather/', Exclusions: ['**/_SUCCESS', '**.csv'] }, { Path: 's3://other-lake/weather' }] },
      }),
    );
    const crawler = await crawlAndWait(glue, 'hive');
    expect(crawler.LastCrawl?.ErrorMessage).toBeUndefined();
    const table = cloud.glue.getTable('lifecycle_db', 'raw_weather');
    expect(table?.PartitionKeys).toEqual([
      { Name: 'year', Type: 'string' },
      { Name: 'month', Type: 'string' },
    ]);
    expect(cloud.glue.getPartitions('lifecycle_db', 'raw_weather').map((partition) => [partition.Values, partition.StorageDescriptor?.Location])).toEqual([
      [['2026', '03'], 's3://hive-lake/weather/year=2026/month=03/'],
      [['2026', '04'], 's3://hive-lake/weather/year=2026/month=04/'],
    ]);
    const names = cloud.glue.getTables('lifecycle_db').map((t) => t.Name);
    const suffixed = names.find((name) => name?.startsWith('raw_weather_'));
    expect(suffixed).toMatch(/^raw_weather_[0-9a-f]{8}$/);
    expect(cloud.glue.getTable('lifecycle_db', suffixed ?? '')?.StorageDescriptor).toMatchObject({ Location: 's3://other-lake/weather/', Columns: [{ Name: 'u', Type: 'string' }] });
  });
});

describe.skipIf(!boto3.available)('Glue crawlers through boto3', () => {
  it('creates, starts and polls a crawler, and reads its table', async () => {
    cloud.s3.CreateBucket({ Bucket: 'boto-lake' });
    cloud.s3.PutObject({ Bucket: 'boto-lake', Key: '2026/03/01/10/s-1-2026-03-01-10-00-00-x', Body: '{"a": 1}{"a": 2.5, "b": "x"}' });
    const script = `
import json, sys, time, boto3
glue = boto3.client('glue', endpoint_url=sys.argv[1])
glue.create_database(DatabaseInput={'Name': 'boto_crawl'})
glue.create_crawler(Name='boto-crawler', Role='LabRole', DatabaseName='boto_crawl', Targets={'S3Targets': [{'Path': 's3://boto-lake/'}]})
glue.start_crawler(Name='boto-crawler')
states = set()
while True:
    crawler = glue.get_crawler(Name='boto-crawler')['Crawler']
    states.add(crawler['State'])
    if crawler['State'] == 'READY' and 'LastCrawl' in crawler:
        break
    time.sleep(0.05)
table = glue.get_table(DatabaseName='boto_crawl', Name='boto_lake')['Table']
print(json.dumps({
  'status': crawler['LastCrawl']['Status'],
  'sawRunning': bool(states & {'RUNNING', 'STOPPING'}),
  'columns': table['StorageDescriptor']['Columns'],
  'keys': [key['Name'] for key in table['PartitionKeys']],
  'partitions': [p['Values'] for p in glue.get_partitions(DatabaseName='boto_crawl', TableName='boto_lake')['Partitions']],
}))
`;
    const { stdout } = await run(boto3.command, ['-c', script, cloud.endpoints.endpoint], { env: awsCliEnv(cloud), timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      status: 'SUCCEEDED',
      sawRunning: true,
      columns: [
        { Name: 'a', Type: 'double' },
        { Name: 'b', Type: 'string' },
      ],
      keys: ['partition_0', 'partition_1', 'partition_2', 'partition_3'],
      partitions: [['2026', '03', '01', '10']],
    });
  });
});
