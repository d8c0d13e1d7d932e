/**
 * Athena offline on a lake of 1,000,000 lab records (the real NOAA payloads, repeated, in Firehose's
 * layout: hour folders, objects of records back to back), crawled by Glue as the lab does: the lab's
 * per-station query and per-condition UNNEST query, through StartQueryExecution → GetQueryExecution
 * polled every 50 ms → every page of GetQueryResults, against the same SQL in bare DuckDB read_json
 * over the same files, in the same run, runs interleaved. Target: median ≤ 1.2× bare DuckDB, < 2 s.
 * Run: node --import tsx test/bench/athena.bench.ts [records]   (prints one JSON object)
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CreateCrawlerCommand, CreateDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { duckTypeOf, parseHiveType } from '../../electron/cloud/athena/sql/types.js';
import { crawlAndWait, firehoseKey, LAB_ROLE, readLabPayloads } from '../contract/glue-lake.js';
import { locateNoaaFixtures } from '../stations/noaa-fixtures.js';

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const PER_OBJECT = 1000;
const OBJECTS_PER_HOUR = 12; // a 5-minute buffer interval
const RUNS = 3;
/** How often the client polls GetQueryExecution (the console and boto3 scripts poll every second or so). */
const POLL_MS = 50;
const BUCKET = 'bench-datalake';
const DATABASE = 'weather_station_db';

const QUERIES = {
  perStation: (from: string) =>
    `SELECT weather_station, avg(air_temperature.value) AS avg_temp, min(air_temperature.value) AS min_temp, max(air_temperature.value) AS max_temp
     FROM ${from} WHERE air_temperature.value <> 999.9 GROUP BY weather_station ORDER BY weather_station`,
  perCondition: (from: string) =>
    `SELECT wc.present_weather_condition, avg(air_temperature.value) AS avg_temp, min(air_temperature.value) AS min_temp, max(air_temperature.value) AS max_temp, count(*) AS n
     FROM ${from} CROSS JOIN UNNEST(weather_condition) AS t(wc) WHERE air_temperature.value <> 999.9 GROUP BY 1 ORDER BY 1`,
};

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number): number => Math.round(value * 100) / 100;

const fixtures = locateNoaaFixtures();
if (!fixtures.available) throw new Error(fixtures.missingMessage);
const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-athena-bench-'));
const cloud = await createLocalCloud({ dir });
const config = {
  endpoint: cloud.endpoints.endpoint,
  region: cloud.endpoints.region,
  credentials: cloud.endpoints.credentials,
};
const athena = new AthenaClient(config);
const glue = new GlueClient(config);
const instance = await DuckDBInstance.create(':memory:');
const bare = await instance.connect();
try {
  // The lake: every NOAA payload of the five stations, repeated up to RECORDS, 1000 per object.
  let started = performance.now();
  const payloads = await readLabPayloads(fixtures.isdDir, 30_000);
  cloud.s3.CreateBucket({ Bucket: BUCKET });
  cloud.s3.CreateBucket({ Bucket: 'bench-results' });
  const objects = Math.ceil(RECORDS / PER_OBJECT);
  const first = Date.UTC(2026, 2, 1);
  for (let object = 0, record = 0; object < objects; object++) {
    const at = new Date(
      first + Math.floor(object / OBJECTS_PER_HOUR) * 3_600_000 + (object % OBJECTS_PER_HOUR) * 300_000,
    );
    const body: string[] = [];
    for (let i = 0; i < PER_OBJECT && record < RECORDS; i++, record++)
      body.push(payloads[record % payloads.length] ?? '');
    cloud.s3.PutObject({ Bucket: BUCKET, Key: firehoseKey('lab-stream', at), Body: body.join('') });
  }
  const files = cloud.s3.objectFiles(BUCKET);
  const writeMs = performance.now() - started;

  started = performance.now();
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DATABASE } }));
  await glue.send(
    new CreateCrawlerCommand({
      Name: 'bench-crawler',
      Role: LAB_ROLE,
      DatabaseName: DATABASE,
      Targets: { S3Targets: [{ Path: `s3://${BUCKET}/` }] },
      Configuration:
        '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
    }),
  );
  await crawlAndWait(glue, 'bench-crawler', 600_000);
  const crawlMs = performance.now() - started;
  const table = cloud.glue.getTable(DATABASE, BUCKET.replace(/-/g, '_'));
  if (!table) throw new Error('the crawler made no table');

  // Bare DuckDB: a glob over the bucket's folder, typed with the same schema.
  const columns = (table.StorageDescriptor?.Columns ?? [])
    .map((column) => `'${column.Name}': '${duckTypeOf(parseHiveType(column.Type ?? 'string'))}'`)
    .join(', ');
  const glob = `${path.join(cloud.storage.layout.s3Root, BUCKET)}/**/*`;
  const source = `read_json('${glob}', format = 'auto', columns = {${columns}})`;
  const globbed = Number(
    (await bare.runAndReadAll(`SELECT count(*) FROM glob('${glob}')`)).getRows()[0]?.[0],
  );
  if (globbed !== files.length) throw new Error(`the glob sees ${globbed} files, S3 has ${files.length}`);

  let worstLag = 0;
  const athenaRun = async (
    sql: string,
  ): Promise<{ ms: number; engineMs: number; rows: string[][]; scanned: number }> => {
    const start = performance.now();
    let last = start;
    const timer = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 5);
      last = now;
    }, 5);
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Database: DATABASE },
        ResultConfiguration: { OutputLocation: 's3://bench-results/' },
      }),
    );
    let scanned = 0;
    let engineMs = 0;
    for (;;) {
      const { QueryExecution: execution } = await athena.send(
        new GetQueryExecutionCommand({ QueryExecutionId: id }),
      );
      const state = execution?.Status?.State;
      if (state === 'SUCCEEDED') {
        scanned = execution?.Statistics?.DataScannedInBytes ?? 0;
        engineMs = execution?.Statistics?.EngineExecutionTimeInMillis ?? 0;
        break;
      }
      if (state === 'FAILED' || state === 'CANCELLED')
        throw new Error(`${state}: ${execution?.Status?.StateChangeReason}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const rows: string[][] = [];
    let token: string | undefined;
    do {
      const page = await athena.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, ...(token ? { NextToken: token } : {}) }),
      );
      rows.push(
        ...(page.ResultSet?.Rows ?? []).map((row) =>
          (row.Data ?? []).map((datum) => datum.VarCharValue ?? ''),
        ),
      );
      token = page.NextToken;
    } while (token);
    clearInterval(timer);
    return { ms: performance.now() - start, engineMs, rows: rows.slice(1), scanned };
  };
  const bareRun = async (sql: string): Promise<{ ms: number; rows: unknown[][] }> => {
    const start = performance.now();
    const reader = await bare.runAndReadAll(sql);
    return { ms: performance.now() - start, rows: reader.getRows() };
  };

  const queries: Record<string, unknown> = {};
  let pass = true;
  for (const [name, query] of Object.entries(QUERIES)) {
    const athenaMs: number[] = [];
    const engineMs: number[] = [];
    const duckdbMs: number[] = [];
    let result: Awaited<ReturnType<typeof athenaRun>> | undefined;
    let baseline: Awaited<ReturnType<typeof bareRun>> | undefined;
    await bareRun(query(source)); // warm the page cache and both engines once
    await athenaRun(query(`"${DATABASE}"."${table.Name}"`));
    worstLag = 0;
    for (let run = 0; run < RUNS; run++) {
      baseline = await bareRun(query(source));
      duckdbMs.push(baseline.ms);
      result = await athenaRun(query(`"${DATABASE}"."${table.Name}"`));
      athenaMs.push(result.ms);
      engineMs.push(result.engineMs);
    }
    const same =
      JSON.stringify(result?.rows.map((row) => row[0])) ===
      JSON.stringify(baseline?.rows.map((row) => String(row[0])));
    const ratio = median(athenaMs) / median(duckdbMs);
    const ok = same && ratio <= 1.2 && median(athenaMs) < 2000;
    pass &&= ok;
    queries[name] = {
      athenaMs: athenaMs.map(Math.round),
      duckdbMs: duckdbMs.map(Math.round),
      medianAthenaMs: Math.round(median(athenaMs)),
      medianDuckdbMs: Math.round(median(duckdbMs)),
      medianEngineExecutionTimeInMillis: median(engineMs),
      ratio: round(ratio),
      rows: result?.rows.length,
      sameGroupsAsDuckdb: same,
      dataScannedInBytes: result?.scanned,
      ok,
    };
  }
  console.log(
    JSON.stringify(
      {
        bench: 'athena',
        records: RECORDS,
        objects: files.length,
        partitions: cloud.glue.getPartitions(DATABASE, table.Name ?? '').length,
        lakeMB: round(files.reduce((sum, file) => sum + file.size, 0) / 1e6),
        setup: { writeLakeMs: Math.round(writeMs), crawlMs: Math.round(crawlMs) },
        runs: RUNS,
        pollIntervalMs: POLL_MS,
        queries,
        eventLoopWorstLagMs: round(worstLag),
        targets: { ratioAtMost: 1.2, medianUnderMs: 2000 },
        pass,
      },
      null,
      2,
    ),
  );
} finally {
  bare.closeSync();
  instance.closeSync();
  athena.destroy();
  glue.destroy();
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
}
