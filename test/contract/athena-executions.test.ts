import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  BatchGetQueryExecutionCommand,
  CreateNamedQueryCommand,
  CreateWorkGroupCommand,
  DeleteNamedQueryCommand,
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  GetWorkGroupCommand,
  ListDatabasesCommand,
  ListDataCatalogsCommand,
  ListNamedQueriesCommand,
  ListQueryExecutionsCommand,
  ListTableMetadataCommand,
  ListWorkGroupsCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import {
  allRows,
  createLabLake,
  OUTPUT,
  RESULTS_BUCKET,
  runQuery,
  startQuery,
  waitForQuery,
  type LabLake,
} from './athena-helpers.js';
import { waitFor } from './firehose-helpers.js';
import { readLabPayloads } from './glue-lake.js';

/** Query executions through the SDK: states and the queue, cancel, pages, history, named queries, work groups, catalog views. */

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);
if (!fixtures.available) console.warn(`${fixtures.missingMessage}: the Athena execution tests are skipped.`);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let athena: AthenaClient;
let glue: GlueClient;
let lake: LabLake;
const database = 'weather_db';

beforeAll(async () => {
  cloud = await startTestCloud();
  athena = new AthenaClient(sdkConfig(cloud));
  glue = new GlueClient(sdkConfig(cloud));
  cloud.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
  if (!fixtures.available) return;
  const payloads = await readLabPayloads(fixtures.isdDir, 400);
  lake = await createLabLake(cloud, glue, payloads, {
    bucket: 'lab-lake',
    database,
    start: new Date(Date.UTC(2026, 2, 1, 10)),
    hours: 2,
    objectsPerHour: 4,
  });
});
afterAll(async () => {
  athena.destroy();
  glue.destroy();
  await cloud.dispose();
});

const stateOf = async (id: string): Promise<string | undefined> =>
  (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution?.Status?.State;

describe.runIf(fixtures.available)('Athena query executions', () => {
  it('queues behind a running query, cancels it, and never stalls the event loop meanwhile', async () => {
    // Four copies of the lake crossed: far too many rows to finish.
    const long = await startQuery(
      athena,
      'SELECT count(*) FROM lab_lake a CROSS JOIN lab_lake b CROSS JOIN lab_lake c CROSS JOIN lab_lake d',
      { database },
    );
    await waitFor(
      async () => ((await stateOf(long)) === 'RUNNING' ? true : undefined),
      'the long query to run',
    );
    const queued = await startQuery(athena, 'SELECT count(*) FROM lab_lake', { database });
    expect(await stateOf(queued)).toBe('QUEUED');

    let worstLag = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 10);
      last = now;
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(timer);
    // Blocked by the query, the loop would stall the whole 500 ms; a loaded machine alone can delay a timer ~150 ms.
    expect(worstLag).toBeLessThan(300);
    expect(await stateOf(long)).toBe('RUNNING');

    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: long }));
    const cancelled = await waitForQuery(athena, long, 10_000);
    expect(cancelled.Status).toMatchObject({
      State: 'CANCELLED',
      StateChangeReason: 'Query cancelled by user',
    });
    expect(cancelled.Status?.AthenaError).toBeUndefined();
    await expect(athena.send(new GetQueryResultsCommand({ QueryExecutionId: long }))).rejects.toThrow(
      'Could not find results',
    );
    const next = await waitForQuery(athena, queued);
    expect(next.Status?.State).toBe('SUCCEEDED');
    expect(next.Statistics?.QueryQueueTimeInMillis).toBeGreaterThan(400);
    // Stopping a finished query changes nothing.
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: queued }));
    expect(await stateOf(queued)).toBe('SUCCEEDED');
  });

  it('pages results 1000 rows at a time, the header row counting in the first page', async () => {
    const execution = await runQuery(athena, 'SELECT weather_station, time FROM lab_lake', { database });
    const id = execution.QueryExecutionId ?? '';
    const first = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
    expect(first.ResultSet?.Rows).toHaveLength(1000);
    expect(first.ResultSet?.Rows?.[0]?.Data?.map((datum) => datum.VarCharValue)).toEqual([
      'weather_station',
      'time',
    ]);
    expect(first.UpdateCount).toBe(0);
    const second = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: first.NextToken }),
    );
    const third = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: second.NextToken }),
    );
    expect([second.ResultSet?.Rows?.length, third.ResultSet?.Rows?.length, third.NextToken]).toEqual([
      1000,
      lake.records.length + 1 - 2000,
      undefined,
    ]);
    const small = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 7 }));
    expect(small.ResultSet?.Rows).toHaveLength(7);
    expect((await allRows(athena, id)).length).toBe(lake.records.length + 1);
    await expect(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 2000 })),
    ).rejects.toThrow(
      "1 validation error detected: Value '2000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it('lists executions newest first and gets them in batches', async () => {
    const a = await runQuery(athena, 'SELECT 1', { database });
    const b = await runQuery(athena, 'SHOW TABLES', { database });
    const { QueryExecutionIds: ids } = await athena.send(new ListQueryExecutionsCommand({ MaxResults: 2 }));
    expect(ids).toEqual([b.QueryExecutionId, a.QueryExecutionId]);
    const batch = await athena.send(
      new BatchGetQueryExecutionCommand({ QueryExecutionIds: [a.QueryExecutionId ?? '', 'not-an-id'] }),
    );
    expect(batch.QueryExecutions?.map((execution) => execution.Query)).toEqual(['SELECT 1']);
    expect(batch.UnprocessedQueryExecutionIds?.[0]?.QueryExecutionId).toBe('not-an-id');
    expect(b).toMatchObject({
      StatementType: 'UTILITY',
      ResultConfiguration: { OutputLocation: `${OUTPUT}${b.QueryExecutionId}.txt` },
      EngineVersion: { EffectiveEngineVersion: 'Athena engine version 3' },
    });
  });

  it('keeps named queries per work group', async () => {
    const { NamedQueryId: id } = await athena.send(
      new CreateNamedQueryCommand({
        Name: 'per station',
        Database: database,
        QueryString: 'SELECT weather_station, count(*) FROM lab_lake GROUP BY 1',
        Description: 'lesson 7',
      }),
    );
    const { NamedQuery: saved } = await athena.send(new GetNamedQueryCommand({ NamedQueryId: id }));
    expect(saved).toEqual({
      Name: 'per station',
      Database: database,
      QueryString: 'SELECT weather_station, count(*) FROM lab_lake GROUP BY 1',
      Description: 'lesson 7',
      NamedQueryId: id,
      WorkGroup: 'primary',
    });
    expect((await athena.send(new ListNamedQueriesCommand({}))).NamedQueryIds).toEqual([id]);
    const batch = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: [id ?? '', 'missing'] }));
    expect([batch.NamedQueries?.length, batch.UnprocessedNamedQueryIds?.[0]?.NamedQueryId]).toEqual([
      1,
      'missing',
    ]);
    await athena.send(new DeleteNamedQueryCommand({ NamedQueryId: id }));
    await expect(athena.send(new GetNamedQueryCommand({ NamedQueryId: id }))).rejects.toThrow(
      `NamedQuery ${id} was not found`,
    );
  });

  it('cancels a query over the work group cutoff with Athena’s reason, and uses the work group’s output location', async () => {
    const { WorkGroups: groups } = await athena.send(new ListWorkGroupsCommand({}));
    expect(groups?.map((group) => group.Name)).toContain('primary');
    expect((await athena.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }))).WorkGroup).toMatchObject({
      Name: 'primary',
      State: 'ENABLED',
    });
    await athena.send(
      new CreateWorkGroupCommand({
        Name: 'capped',
        Configuration: {
          BytesScannedCutoffPerQuery: 10_000_000,
          ResultConfiguration: { OutputLocation: `${OUTPUT}capped/` },
        },
      }),
    );
    // A big table (12 MB of the lab's records) declared with Hive DDL.
    cloud.s3.CreateBucket({ Bucket: 'big-lake' });
    const body = lake.objects.map((object) => object.payloads.join('\n')).join('\n');
    for (let i = 0; body.length * i < 12_000_000; i++)
      cloud.s3.PutObject({ Bucket: 'big-lake', Key: `records/part-${i}.json`, Body: body });
    const ddl = await runQuery(
      athena,
      "CREATE EXTERNAL TABLE big (weather_station string, air_temperature struct<value:double,quality:string>) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://big-lake/records/'",
      { database, workGroup: 'capped', output: '' },
    );
    expect(ddl.Status?.State, ddl.Status?.StateChangeReason).toBe('SUCCEEDED');
    const capped = await runQuery(athena, 'SELECT count(*) FROM big', {
      database,
      workGroup: 'capped',
      output: '',
    });
    expect(capped.Status).toMatchObject({
      State: 'CANCELLED',
      StateChangeReason: 'Bytes scanned limit was exceeded',
    });
    expect(capped.Statistics?.DataScannedInBytes).toBe(10_000_000);
    const small = await runQuery(athena, 'SELECT count(*) FROM lab_lake', {
      database,
      workGroup: 'capped',
      output: '',
    });
    expect(small.Status?.State).toBe('SUCCEEDED');
    expect(small.ResultConfiguration?.OutputLocation).toBe(`${OUTPUT}capped/${small.QueryExecutionId}.csv`);
  });

  it('shows the Glue catalog: AwsDataCatalog, its databases, the tables’ metadata', async () => {
    expect((await athena.send(new ListDataCatalogsCommand({}))).DataCatalogsSummary).toEqual([
      { CatalogName: 'AwsDataCatalog', Type: 'GLUE' },
    ]);
    const { DatabaseList: databases } = await athena.send(
      new ListDatabasesCommand({ CatalogName: 'AwsDataCatalog' }),
    );
    expect(databases?.map((db) => db.Name)).toContain(database);
    const { TableMetadataList: tables } = await athena.send(
      new ListTableMetadataCommand({
        CatalogName: 'AwsDataCatalog',
        DatabaseName: database,
        Expression: 'lab*',
      }),
    );
    expect(tables?.map((table) => table.Name)).toEqual(['lab_lake']);
    const { TableMetadata: table } = await athena.send(
      new GetTableMetadataCommand({
        CatalogName: 'AwsDataCatalog',
        DatabaseName: database,
        TableName: 'lab_lake',
      }),
    );
    expect(table?.PartitionKeys?.map((key) => key.Name)).toEqual([
      'partition_0',
      'partition_1',
      'partition_2',
      'partition_3',
    ]);
    expect(table?.Columns?.find((column) => column.Name === 'air_temperature')?.Type).toBe(
      'struct<value:double,quality:string>',
    );
    expect(table?.Parameters).toMatchObject({
      location: 's3://lab-lake/',
      'serde.serialization.lib': 'org.openx.data.jsonserde.JsonSerDe',
      classification: 'json',
    });
  });
});

describe('Athena history across restarts', () => {
  it('keeps executions and their results when the local cloud starts again on the same lab folder', async () => {
    const first = await startTestCloud();
    first.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
    const client = new AthenaClient(sdkConfig(first));
    const execution = await runQuery(client, "SELECT 'kept' AS word, NULL AS nothing");
    client.destroy();
    await first.stop();
    const again = await createLocalCloud({ dir: first.dir });
    const reopened = new AthenaClient(sdkConfig(again));
    try {
      const { QueryExecution: kept } = await reopened.send(
        new GetQueryExecutionCommand({ QueryExecutionId: execution.QueryExecutionId }),
      );
      expect(kept?.Status?.State).toBe('SUCCEEDED');
      expect(await allRows(reopened, execution.QueryExecutionId ?? '')).toEqual([
        ['word', 'nothing'],
        ['kept', undefined],
      ]);
    } finally {
      reopened.destroy();
      await again.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
