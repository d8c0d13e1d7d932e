import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GetCrawlerMetricsCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GlueClient,
  UpdateCrawlerCommand,
  type Partition,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { asRulesEngineWritesIt, crawlAndWait, hourValues, LAB_ROLE, readLabPayloads, spreadOverHours, writeFirehoseObjects } from './glue-lake.js';

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);
if (!fixtures.available) console.warn(`${fixtures.missingMessage}: the Glue crawler tests on the NOAA lake are skipped.`);

const LAB_INHERIT = '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}';
const BUCKET = 'lab-datalake-1234';
const DAY_ONE = new Date(Date.UTC(2026, 2, 1, 22));

/** The lab message schema as Glue types it (AWS-FIDELITY §9.3; `wind_direction.value` is a string). */
const LAB_COLUMNS: Record<string, string> = {
  weather_station: 'string',
  latitude: 'double',
  longitude: 'double',
  elevation: 'int',
  time: 'string',
  air_temperature: 'struct<value:double,quality:string>',
  dew_point: 'struct<value:double,quality:string>',
  wind_speed: 'struct<value:double,quality:string>',
  wind_direction: 'struct<value:string,quality:string>',
  sea_level_pressure: 'struct<value:double,quality:string>',
  sky_ceiling: 'struct<value:int,quality:string>',
  visibility_distance: 'struct<value:int,quality:string>',
  liquid_precip: 'array<struct<hours:int,depth:double>>',
  weather_condition: 'array<struct<present_weather_condition:string>>',
  sky_cover_condition: 'array<struct<coverage:double,base_height:double,cloud_type:string>>',
  extreme_temperature: 'array<struct<hours:int,code:string,temperature:struct<value:double,quality:string>>>',
};

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let glue: GlueClient;
let payloads: string[] = [];
beforeAll(async () => {
  cloud = await startTestCloud();
  glue = new GlueClient(sdkConfig(cloud));
  if (fixtures.available) payloads = await readLabPayloads(fixtures.isdDir, 400);
});
afterAll(async () => {
  glue.destroy();
  await cloud.dispose();
});

const columnsOf = (columns: { Name?: string; Type?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((columns ?? []).map((column) => [column.Name ?? '', column.Type ?? '']));

async function partitionsOf(database: string, table: string): Promise<Partition[]> {
  return (await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table }))).Partitions ?? [];
}

describe.skipIf(!fixtures.available)('the Glue crawler on a Firehose lake of NOAA readings', () => {
  it('creates the table and its hour partitions, typed as Glue types the lab schema', async () => {
    cloud.s3.CreateBucket({ Bucket: BUCKET });
    // 2,000 payloads in 12 objects over 6 hours that cross midnight: two days, two months' days.
    const objects = spreadOverHours(payloads, DAY_ONE, 6, 2);
    writeFirehoseObjects(cloud.s3, BUCKET, objects);
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'weather_db' } }));
    await glue.send(
      new CreateCrawlerCommand({ Name: 'lab-crawler', Role: LAB_ROLE, DatabaseName: 'weather_db', Targets: { S3Targets: [{ Path: `s3://${BUCKET}/` }] } }),
    );
    const crawler = await crawlAndWait(glue, 'lab-crawler');
    expect(crawler.LastCrawl).toMatchObject({ Status: 'SUCCEEDED', LogGroup: '/aws-glue/crawlers', LogStream: 'lab-crawler' });
    expect(crawler.LastCrawl?.ErrorMessage).toBeUndefined();
    expect(crawler.Role).toBe('LabRole');

    // The table is named after the bucket: the include path is the bucket root.
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'weather_db', Name: 'lab_datalake_1234' }));
    const columns = columnsOf(Table?.StorageDescriptor?.Columns);
    const { weather_occurence: occurrence, ...rest } = columns;
    expect(rest).toEqual(LAB_COLUMNS);
    expect(occurrence).toMatch(/^array<struct<(intensity|descriptor|precipitation|obscuration):string(,(intensity|descriptor|precipitation|obscuration):string)*>>$/);
    expect(Table?.StorageDescriptor?.Columns?.slice(0, 12).map((column) => column.Name)).toEqual(Object.keys(LAB_COLUMNS).slice(0, 12));
    expect(Table).toMatchObject({
      TableType: 'EXTERNAL_TABLE',
      Owner: 'owner',
      CreatedBy: `arn:aws:sts::${cloud.endpoints.accountId}:assumed-role/LabRole/AWS-Crawler`,
      PartitionKeys: [0, 1, 2, 3].map((i) => ({ Name: `partition_${i}`, Type: 'string' })),
      StorageDescriptor: {
        Location: `s3://${BUCKET}/`,
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
        Compressed: false,
      },
      Parameters: {
        classification: 'json',
        compressionType: 'none',
        typeOfData: 'file',
        UPDATED_BY_CRAWLER: 'lab-crawler',
        CrawlerSchemaSerializerVersion: '1.0',
        CrawlerSchemaDeserializerVersion: '1.0',
        objectCount: '12',
        recordCount: String(payloads.length),
        sizeKey: String(payloads.reduce((sum, payload) => sum + Buffer.byteLength(payload), 0)),
      },
    });
    expect(Number(Table?.Parameters?.averageRecordSize)).toBeGreaterThan(300);

    const partitions = await partitionsOf('weather_db', 'lab_datalake_1234');
    expect(partitions.map((partition) => partition.Values)).toEqual([0, 1, 2, 3, 4, 5].map((h) => hourValues(new Date(DAY_ONE.getTime() + h * 3_600_000))));
    expect(partitions[0]?.StorageDescriptor?.Location).toBe(`s3://${BUCKET}/2026/03/01/22/`);
    expect(partitions[0]?.Parameters).toMatchObject({ objectCount: '2', classification: 'json' });

    const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ['lab-crawler'] }));
    expect(CrawlerMetricsList?.[0]).toMatchObject({ CrawlerName: 'lab-crawler', TablesCreated: 1, TablesUpdated: 0, TablesDeleted: 0, StillEstimating: false });
  });

  it('gives a partition whose data is all whole numbers its own column types (HIVE_PARTITION_SCHEMA_MISMATCH), then fixes it with InheritFromTable', async () => {
    const bucket = 'mismatch-lake';
    cloud.s3.CreateBucket({ Bucket: bucket });
    writeFirehoseObjects(cloud.s3, bucket, spreadOverHours(payloads.slice(0, 600), DAY_ONE, 2, 1));
    // An hour in which every air temperature was whole, written as the rules engine writes it.
    const whole = payloads.filter((payload) => Number.isInteger((JSON.parse(payload) as { air_temperature: { value: number } }).air_temperature.value));
    expect(whole.length).toBeGreaterThan(20);
    const oddHour = new Date(DAY_ONE.getTime() + 5 * 3_600_000);
    writeFirehoseObjects(cloud.s3, bucket, [{ at: oddHour, payloads: whole.slice(0, 50).map(asRulesEngineWritesIt) }]);

    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'mismatch_db' } }));
    await glue.send(new CreateCrawlerCommand({ Name: 'mismatch-crawler', Role: 'LabRole', DatabaseName: 'mismatch_db', Targets: { S3Targets: [{ Path: `s3://${bucket}/` }] } }));
    await crawlAndWait(glue, 'mismatch-crawler');
    const table = cloud.glue.getTable('mismatch_db', 'mismatch_lake');
    expect(columnsOf(table?.StorageDescriptor?.Columns).air_temperature).toBe('struct<value:double,quality:string>');
    const before = await partitionsOf('mismatch_db', 'mismatch_lake');
    const odd = before.find((partition) => partition.Values?.join('/') === hourValues(oddHour).join('/'));
    expect(columnsOf(odd?.StorageDescriptor?.Columns).air_temperature).toBe('struct<value:int,quality:string>');
    expect(before.filter((partition) => partition !== odd).every((partition) => columnsOf(partition.StorageDescriptor?.Columns).air_temperature === 'struct<value:double,quality:string>')).toBe(true);

    // The lab's fix: "Update all new and existing partitions with metadata from the table", then crawl again.
    await glue.send(new UpdateCrawlerCommand({ Name: 'mismatch-crawler', Configuration: LAB_INHERIT }));
    const crawler = await crawlAndWait(glue, 'mismatch-crawler');
    expect(crawler.Configuration).toBe(LAB_INHERIT);
    const tableColumns = cloud.glue.getTable('mismatch_db', 'mismatch_lake')?.StorageDescriptor?.Columns;
    const after = await partitionsOf('mismatch_db', 'mismatch_lake');
    expect(after).toHaveLength(before.length);
    for (const partition of after) expect(partition.StorageDescriptor?.Columns).toEqual(tableColumns);
  });

  it('fixes existing partitions with InheritFromTable on a new-folders-only run that finds no new folder (lesson 06)', async () => {
    const bucket = 'mismatch-incremental-lake';
    cloud.s3.CreateBucket({ Bucket: bucket });
    writeFirehoseObjects(cloud.s3, bucket, spreadOverHours(payloads.slice(0, 600), DAY_ONE, 2, 1));
    const whole = payloads.filter((payload) => Number.isInteger((JSON.parse(payload) as { air_temperature: { value: number } }).air_temperature.value));
    const oddHour = new Date(DAY_ONE.getTime() + 5 * 3_600_000);
    writeFirehoseObjects(cloud.s3, bucket, [{ at: oddHour, payloads: whole.slice(0, 50).map(asRulesEngineWritesIt) }]);
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'mismatch_incremental_db' } }));
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'mismatch-incremental-crawler',
        Role: LAB_ROLE,
        DatabaseName: 'mismatch_incremental_db',
        Targets: { S3Targets: [{ Path: `s3://${bucket}/`, SampleSize: 10 }] },
        RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      }),
    );
    await crawlAndWait(glue, 'mismatch-incremental-crawler');
    const table = 'mismatch_incremental_lake';
    const tableColumns = cloud.glue.getTable('mismatch_incremental_db', table)?.StorageDescriptor?.Columns;
    const before = await partitionsOf('mismatch_incremental_db', table);
    expect(before.filter((partition) => JSON.stringify(partition.StorageDescriptor?.Columns) !== JSON.stringify(tableColumns)).length).toBeGreaterThan(0);

    // No new folder since the first run: only the option changes.
    await glue.send(new UpdateCrawlerCommand({ Name: 'mismatch-incremental-crawler', Configuration: LAB_INHERIT }));
    await crawlAndWait(glue, 'mismatch-incremental-crawler');
    const after = await partitionsOf('mismatch_incremental_db', table);
    expect(after).toHaveLength(before.length);
    for (const partition of after) expect(partition.StorageDescriptor?.Columns).toEqual(tableColumns);
    const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ['mismatch-incremental-crawler'] }));
    expect(CrawlerMetricsList?.[0]).toMatchObject({ TablesCreated: 0 });
  });

  it("runs the lab's crawler (new folders only, 10 files per folder, LOG): a new hour folder is added, old folders are not read again", async () => {
    const bucket = 'incremental-lake';
    cloud.s3.CreateBucket({ Bucket: bucket });
    writeFirehoseObjects(cloud.s3, bucket, spreadOverHours(payloads.slice(0, 1200), DAY_ONE, 3, 12));
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'incremental_db' } }));
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'incremental-crawler',
        Role: LAB_ROLE,
        DatabaseName: 'incremental_db',
        Targets: { S3Targets: [{ Path: `s3://${bucket}`, SampleSize: 10 }] },
        RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      }),
    );
    await crawlAndWait(glue, 'incremental-crawler');
    expect(cloud.glue.getPartitions('incremental_db', 'incremental_lake')).toHaveLength(3);
    const firstHour = cloud.glue.getPartitions('incremental_db', 'incremental_lake')[0];
    expect(firstHour?.Parameters?.objectCount).toBe('12');

    // One new hour, and one more object in an hour already crawled.
    const newHour = new Date(DAY_ONE.getTime() + 3 * 3_600_000);
    writeFirehoseObjects(cloud.s3, bucket, [
      { at: newHour, payloads: payloads.slice(1200, 1300) },
      { at: DAY_ONE, payloads: payloads.slice(1300, 1400) },
    ]);
    const crawler = await crawlAndWait(glue, 'incremental-crawler');
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    const partitions = cloud.glue.getPartitions('incremental_db', 'incremental_lake');
    expect(partitions.map((partition) => partition.Values?.[3])).toEqual(['22', '23', '00', '01']);
    expect(partitions.at(-1)?.Parameters?.objectCount).toBe('1');
    // The old folder was not crawled again: its statistics are those of the first crawl.
    expect(partitions[0]?.Parameters?.objectCount).toBe('12');
    expect(cloud.glue.getTable('incremental_db', 'incremental_lake')?.Parameters?.objectCount).toBe('36');
  });
});
