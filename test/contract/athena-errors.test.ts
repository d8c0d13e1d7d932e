import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  InvalidRequestException,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GlueClient,
  UpdateCrawlerCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import {
  createLabLake,
  INHERIT_FROM_TABLE,
  OUTPUT,
  RESULTS_BUCKET,
  runQuery,
  startQuery,
  type LabLake,
} from './athena-helpers.js';
import {
  asRulesEngineWritesIt,
  crawlAndWait,
  LAB_ROLE,
  readLabPayloads,
  spreadOverHours,
  writeFirehoseObjects,
} from './glue-lake.js';

/** How Athena refuses and fails queries, worded as AWS words it (AWS-FIDELITY §10.1, §10.3–10.5). */

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);
if (!fixtures.available)
  console.warn(`${fixtures.missingMessage}: the Athena error tests on the NOAA lake are skipped.`);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let athena: AthenaClient;
let glue: GlueClient;
let lake: LabLake;
let payloads: string[] = [];
const database = 'weather_db';

beforeAll(async () => {
  cloud = await startTestCloud();
  athena = new AthenaClient(sdkConfig(cloud));
  glue = new GlueClient(sdkConfig(cloud));
  cloud.s3.CreateBucket({ Bucket: RESULTS_BUCKET });
  if (!fixtures.available) return;
  payloads = await readLabPayloads(fixtures.isdDir, 200);
  lake = await createLabLake(cloud, glue, payloads, {
    bucket: 'lab-lake',
    database,
    start: new Date(Date.UTC(2026, 2, 1, 10)),
    hours: 2,
    objectsPerHour: 2,
  });
});
afterAll(async () => {
  athena.destroy();
  glue.destroy();
  await cloud.dispose();
});

/** The error a StartQueryExecution call answers. */
async function refusal(
  input: ConstructorParameters<typeof StartQueryExecutionCommand>[0],
): Promise<InvalidRequestException> {
  try {
    await athena.send(new StartQueryExecutionCommand(input));
  } catch (error) {
    if (error instanceof InvalidRequestException) return error;
    throw error;
  }
  throw new Error('StartQueryExecution succeeded');
}

const executionCount = async (): Promise<number> =>
  (await athena.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds?.length ?? 0;

describe.runIf(fixtures.available)('Athena errors', () => {
  it.each([
    // FRM reads as an alias, so the error is at the next token, as in Trino.
    ['SELECT weather_station FRM lab_lake', "line 1:28: mismatched input 'lab_lake'"],
    ['SELECT weather_station, FROM lab_lake', "line 1:25: mismatched input 'FROM'. Expecting: <expression>"],
    [
      'SELECT FROM lab_lake',
      "line 1:8: mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>",
    ],
    ['SELECT * FROM', "line 1:14: mismatched input '<EOF>'"],
    [
      'SELECT `time` FROM lab_lake',
      'line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers',
    ],
    ['DROP TABLE "lab_lake"', `line 1:12: no viable alternative at input 'DROP TABLE "'`],
  ])('refuses %s at StartQueryExecution (MALFORMED_QUERY, no execution)', async (sql, message) => {
    const before = await executionCount();
    const error = await refusal({
      QueryString: sql,
      QueryExecutionContext: { Database: database },
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(error.message).toBe(message);
    expect(error.AthenaErrorCode).toBe('MALFORMED_QUERY');
    expect(await executionCount()).toBe(before);
  });

  it('refuses a query with no output location, in the measured words', async () => {
    const error = await refusal({ QueryString: 'SELECT 1' });
    expect(error.message).toBe(
      'No output location provided. You did not provide an output location for  your query results. Either specify an S3 bucket location or enable Athena managed query results in your workgroup settings.',
    );
    expect(error.AthenaErrorCode).toBe('INVALID_INPUT');
    expect(
      (await refusal({ QueryString: 'SELECT 1', ResultConfiguration: { OutputLocation: 'results-bucket' } }))
        .message,
    ).toBe('outputLocation is not a valid S3 path.');
    expect(
      (
        await refusal({
          QueryString: 'DESCRIBE nosuch',
          QueryExecutionContext: { Database: database },
          ResultConfiguration: { OutputLocation: OUTPUT },
        })
      ).message,
    ).toMatch(
      /^Entity Not Found \(Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  it.each([
    [
      'SELECT * FROM nosuch',
      'TABLE_NOT_FOUND',
      "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.weather_db.nosuch' does not exist",
      1301,
    ],
    [
      'SELECT *\nFROM "nodb"."t"',
      'SCHEMA_NOT_FOUND',
      "SCHEMA_NOT_FOUND: line 2:6: Schema 'nodb' does not exist",
      1301,
    ],
    [
      'SELECT nocol FROM lab_lake',
      'COLUMN_NOT_FOUND',
      "COLUMN_NOT_FOUND: line 1:8: Column 'nocol' cannot be resolved or requester is not authorized to access requested resources",
      1006,
    ],
    [
      'SELECT list_sum(weather_condition) FROM lab_lake',
      'FUNCTION_NOT_FOUND',
      "FUNCTION_NOT_FOUND: line 1:8: Function 'list_sum' not registered",
      1303,
    ],
    [
      'DROP TABLE nosuch',
      'FAILED',
      'FAILED: SemanticException [Error 10001]: Table not found weather_db.nosuch',
      1000,
    ],
  ])('fails %s (%s)', async (sql, _name, reason, errorType) => {
    const execution = await runQuery(athena, sql, { database });
    expect(execution.Status?.State).toBe('FAILED');
    expect(execution.Status?.StateChangeReason).toBe(reason);
    expect(execution.Status?.AthenaError).toEqual({
      ErrorCategory: 2,
      ErrorType: errorType,
      Retryable: false,
      ErrorMessage: reason,
    });
    await expect(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId })),
    ).rejects.toThrow('Query did not finish successfully. Final query state: FAILED');
  });

  it('answers for unknown query ids, and gives the same id for a reused ClientRequestToken', async () => {
    await expect(
      athena.send(new GetQueryExecutionCommand({ QueryExecutionId: 'a2a5e3b6-0000-4000-8000-000000000000' })),
    ).rejects.toThrow('QueryExecution a2a5e3b6-0000-4000-8000-000000000000 was not found');
    const token = 'lab-token-0123456789abcdef0123456789';
    const first = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: 'SELECT 1',
        ClientRequestToken: token,
        ResultConfiguration: { OutputLocation: OUTPUT },
      }),
    );
    const again = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: 'SELECT 1',
        ClientRequestToken: token,
        ResultConfiguration: { OutputLocation: OUTPUT },
      }),
    );
    expect(again.QueryExecutionId).toBe(first.QueryExecutionId);
    const mismatch = await refusal({
      QueryString: 'SELECT 2',
      ClientRequestToken: token,
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect([mismatch.message, mismatch.AthenaErrorCode]).toEqual([
      'Idempotent parameters do not match',
      'IDEMPOTENT_PARAMETER_MISMATCH',
    ]);
  });

  it('reproduces HIVE_PARTITION_SCHEMA_MISMATCH and lets the lab fix it with the crawler option', async () => {
    const bucket = 'mismatch-lake';
    cloud.s3.CreateBucket({ Bucket: bucket });
    const start = new Date(Date.UTC(2026, 2, 2, 8));
    writeFirehoseObjects(cloud.s3, bucket, spreadOverHours(payloads.slice(0, 300), start, 2, 1));
    // An hour in which every temperature is whole, as the rules engine writes it (`10.0` → `10`): Glue types it int there.
    const whole = payloads
      .filter((payload) =>
        Number.isInteger(
          (JSON.parse(payload) as { air_temperature: { value: number } }).air_temperature.value,
        ),
      )
      .slice(0, 40);
    const oddHour = new Date(start.getTime() + 5 * 3_600_000);
    writeFirehoseObjects(cloud.s3, bucket, [{ at: oddHour, payloads: whole.map(asRulesEngineWritesIt) }]);
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'mismatch_db' } }));
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'mismatch',
        Role: LAB_ROLE,
        DatabaseName: 'mismatch_db',
        Targets: { S3Targets: [{ Path: `s3://${bucket}/` }] },
      }),
    );
    await crawlAndWait(glue, 'mismatch');

    const failed = await runQuery(athena, 'SELECT count(*) FROM mismatch_lake', { database: 'mismatch_db' });
    expect(failed.Status?.State).toBe('FAILED');
    expect(failed.Status?.StateChangeReason).toMatch(
      /^HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas\. The types are incompatible and cannot be coerced\. The column '\w+' in table 'mismatch_db\.mismatch_lake' is declared as type '[^']+', but partition 'partition_0=2026\/partition_1=03\/partition_2=02\/partition_3=\d\d' declared column '\w+' as type '[^']+'\.$/,
    );
    // Only the partitions a query reads are checked: the first hour alone is fine.
    const firstHour = await runQuery(athena, "SELECT count(*) FROM mismatch_lake WHERE partition_3 = '08'", {
      database: 'mismatch_db',
    });
    expect(firstHour.Status?.State, firstHour.Status?.StateChangeReason).toBe('SUCCEEDED');

    await glue.send(new UpdateCrawlerCommand({ Name: 'mismatch', Configuration: INHERIT_FROM_TABLE }));
    await crawlAndWait(glue, 'mismatch');
    const fixed = await runQuery(athena, 'SELECT count(*) FROM mismatch_lake', { database: 'mismatch_db' });
    expect(fixed.Status?.State, fixed.Status?.StateChangeReason).toBe('SUCCEEDED');
  });

  it('keeps the lab lake queryable meanwhile', async () => {
    const execution = await startQuery(athena, 'SELECT count(*) FROM lab_lake', { database });
    expect(execution).toMatch(/^[0-9a-f-]{36}$/);
    expect(lake.records.length).toBe(1000);
  });
});
