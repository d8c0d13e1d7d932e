import { GlueClient } from '@aws-sdk/client-glue';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliEnv, sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { createLabLake, groupBy, OUTPUT, RESULTS_BUCKET, type LabLake } from './athena-helpers.js';
import { readLabPayloads } from './glue-lake.js';

/** The lab's Python side: boto3's Athena client (start, poll, paginate the results, errors) against the local cloud. */

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);
const boto3 = outsideTool('boto3');
const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let lake: LabLake;
beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
  if (!fixtures.available || !boto3.available) return;
  const glue = new GlueClient(sdkConfig(cloud));
  const payloads = await readLabPayloads(fixtures.isdDir, 300);
  lake = await createLabLake(cloud, glue, payloads, {
    bucket: 'boto-lake',
    database: 'weather',
    start: new Date(Date.UTC(2026, 2, 1, 10)),
    hours: 2,
    objectsPerHour: 2,
  });
  glue.destroy();
});
afterAll(async () => {
  await cloud?.dispose();
});

async function python<T>(script: string): Promise<T> {
  const prelude = `
import json, sys, time
import boto3
from botocore.exceptions import ClientError
athena = boto3.client('athena', endpoint_url=sys.argv[1])
def run(sql, **extra):
    started = athena.start_query_execution(QueryString=sql, QueryExecutionContext={'Database': 'weather'},
                                           ResultConfiguration={'OutputLocation': '${OUTPUT}'}, **extra)
    while True:
        execution = athena.get_query_execution(QueryExecutionId=started['QueryExecutionId'])['QueryExecution']
        if execution['Status']['State'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
            return execution
        time.sleep(0.05)
def rows(query_id):
    pages = athena.get_paginator('get_query_results').paginate(QueryExecutionId=query_id)
    return [[datum.get('VarCharValue') for datum in row['Data']] for page in pages for row in page['ResultSet']['Rows']]
`;
  const { stdout } = await run(boto3.command, ['-c', `${prelude}\n${script}`, cloud.endpoints.endpoint], {
    env: awsCliEnv(cloud),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

describe.skipIf(!boto3.available || !fixtures.available)('Athena through boto3', () => {
  it("runs the lab's per-station query, pages its results and reads the errors", async () => {
    const result = await python<{
      state: string;
      scanned: number;
      rows: (string | null)[][];
      all: number;
      malformed: [string, string, string];
      missing: string;
    }>(`
per_station = run('SELECT weather_station, count(*) AS n FROM boto_lake GROUP BY weather_station ORDER BY 1')
everything = run('SELECT weather_station FROM boto_lake')
try:
    athena.start_query_execution(QueryString='SELECT * FRM boto_lake', ResultConfiguration={'OutputLocation': '${OUTPUT}'})
    malformed = None
except ClientError as error:
    malformed = [error.response['Error']['Code'], error.response['Error']['Message'], error.response.get('AthenaErrorCode', '')]
missing = run('SELECT * FROM nosuch')
print(json.dumps({
    'state': per_station['Status']['State'],
    'scanned': per_station['Statistics']['DataScannedInBytes'],
    'rows': rows(per_station['QueryExecutionId']),
    'all': len(rows(everything['QueryExecutionId'])),
    'malformed': malformed,
    'missing': missing['Status']['StateChangeReason'],
}))
`);
    expect(result.state).toBe('SUCCEEDED');
    expect(result.scanned).toBe(
      lake.objects.reduce((sum, object) => sum + Buffer.byteLength(object.payloads.join('')), 0),
    );
    const expected = [...groupBy(lake.records, (record) => record.weather_station)].sort(([a], [b]) =>
      a.localeCompare(b),
    );
    expect(result.rows).toEqual([
      ['weather_station', 'n'],
      ...expected.map(([station, records]) => [station, String(records.length)]),
    ]);
    expect(result.all).toBe(lake.records.length + 1);
    expect(result.malformed).toEqual([
      'InvalidRequestException',
      "line 1:14: mismatched input 'boto_lake'",
      'MALFORMED_QUERY',
    ]);
    expect(result.missing).toBe(
      "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.weather.nosuch' does not exist",
    );
  });
});
