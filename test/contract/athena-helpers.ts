import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { CreateCrawlerCommand, CreateDatabaseCommand, type GlueClient } from '@aws-sdk/client-glue';
import type { LocalCloud } from '../../electron/cloud/index.js';
import { waitFor } from './firehose-helpers.js';
import {
  crawlAndWait,
  LAB_ROLE,
  spreadOverHours,
  writeFirehoseObjects,
  type LakeObject,
} from './glue-lake.js';

/** Shared by the Athena contract tests: running queries through the SDK, and the lab's lake. */

export const RESULTS_BUCKET = 'iot-tutorial-athena-query-1234';
export const OUTPUT = `s3://${RESULTS_BUCKET}/`;
/** The crawler option the lab names to fix HIVE_PARTITION_SCHEMA_MISMATCH. */
export const INHERIT_FROM_TABLE =
  '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}';

export interface QueryOptions {
  database?: string;
  output?: string;
  workGroup?: string;
}

export async function startQuery(
  athena: AthenaClient,
  sql: string,
  options: QueryOptions = {},
): Promise<string> {
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      ...(options.database ? { QueryExecutionContext: { Database: options.database } } : {}),
      ...(options.output === '' ? {} : { ResultConfiguration: { OutputLocation: options.output ?? OUTPUT } }),
      ...(options.workGroup ? { WorkGroup: options.workGroup } : {}),
    }),
  );
  if (!QueryExecutionId) throw new Error('no QueryExecutionId');
  return QueryExecutionId;
}

/** Polls GetQueryExecution (as every Athena client does) until the query is done. */
export async function waitForQuery(
  athena: AthenaClient,
  id: string,
  timeoutMs = 60_000,
): Promise<QueryExecution> {
  return waitFor(
    async () => {
      const { QueryExecution: execution } = await athena.send(
        new GetQueryExecutionCommand({ QueryExecutionId: id }),
      );
      const state = execution?.Status?.State;
      return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED' ? execution : undefined;
    },
    `query ${id} to finish`,
    timeoutMs,
  );
}

export async function runQuery(
  athena: AthenaClient,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryExecution> {
  return waitForQuery(athena, await startQuery(athena, sql, options));
}

/** Every row of a result, all pages (header row included for SELECT), NULL as undefined. */
export async function allRows(athena: AthenaClient, id: string): Promise<(string | undefined)[][]> {
  const rows: (string | undefined)[][] = [];
  let token: string | undefined;
  do {
    const page = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, ...(token ? { NextToken: token } : {}) }),
    );
    rows.push(
      ...(page.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue)),
    );
    token = page.NextToken;
  } while (token);
  return rows;
}

/** A SELECT that must succeed: its rows without the header, as objects keyed by column label. */
export async function select(
  athena: AthenaClient,
  sql: string,
  options: QueryOptions = {},
): Promise<Record<string, string | undefined>[]> {
  const execution = await runQuery(athena, sql, options);
  if (execution.Status?.State !== 'SUCCEEDED')
    throw new Error(`${sql}: ${execution.Status?.State} ${execution.Status?.StateChangeReason ?? ''}`);
  const [header = [], ...rows] = await allRows(athena, execution.QueryExecutionId ?? '');
  return rows.map((row) => Object.fromEntries(header.map((label, i) => [label ?? '', row[i]])));
}

/** The lab message fields the tests compute answers from. */
export interface LabRecord {
  weather_station: string;
  time: string;
  air_temperature: { value: number; quality: string };
  dew_point: { value: number; quality: string };
  wind_direction: { value: string; quality: string };
  weather_condition?: { present_weather_condition: string }[];
  sky_cover_condition?: { coverage: number | null; base_height: number | null; cloud_type: string }[];
}

export interface LabLake {
  bucket: string;
  database: string;
  table: string;
  objects: LakeObject[];
  records: LabRecord[];
}

/**
 * The lab's lake: payloads written as Firehose writes them (hour folders, objects back to back), a
 * database, and a crawler run with the lab's partition option, so the table is the lab's.
 */
export async function createLabLake(
  cloud: LocalCloud,
  glue: GlueClient,
  payloads: readonly string[],
  options: { bucket: string; database: string; start: Date; hours: number; objectsPerHour: number },
): Promise<LabLake> {
  cloud.s3.CreateBucket({ Bucket: options.bucket });
  const objects = spreadOverHours(payloads, options.start, options.hours, options.objectsPerHour);
  writeFirehoseObjects(cloud.s3, options.bucket, objects);
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: options.database } }));
  const crawler = `${options.database}-crawler`;
  await glue.send(
    new CreateCrawlerCommand({
      Name: crawler,
      Role: LAB_ROLE,
      DatabaseName: options.database,
      Targets: { S3Targets: [{ Path: `s3://${options.bucket}/` }] },
      Configuration: INHERIT_FROM_TABLE,
    }),
  );
  await crawlAndWait(glue, crawler);
  return {
    bucket: options.bucket,
    database: options.database,
    table: options.bucket.replace(/[^a-z0-9_]/g, '_'),
    objects,
    records: objects.flatMap((object) => object.payloads.map((payload) => JSON.parse(payload) as LabRecord)),
  };
}

/** Average, minimum and maximum of numbers (the oracle side of the lab's aggregates). */
export function stats(values: readonly number[]): { avg: number; min: number; max: number; count: number } {
  return {
    avg: values.reduce((sum, value) => sum + value, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
  };
}

/** Groups values by key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
