import type {
  BatchGetQueryExecutionOutput,
  GetQueryExecutionOutput,
  GetQueryResultsOutput,
  ListQueryExecutionsOutput,
  QueryExecution,
  Row,
  StopQueryExecutionOutput,
} from '@aws-sdk/client-athena';
import { isAwsError } from '../../protocols/aws-error.js';
import { invalidRequest, validationFailure } from '../errors.js';
import { parseCsv } from '../results/csv.js';
import { parseS3Location } from '../s3-location.js';
import type { ExecutionRecord } from '../store.js';
import {
  decodeToken,
  optionalInteger,
  optionalString,
  page,
  PRIMARY,
  requiredString,
  requireWorkGroup,
  stringList,
  type Input,
  type OperationsContext,
} from './common.js';

/** Query executions: their state and statistics, their results, stopping and listing them. */

const ENGINE_VERSION = { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' };

function requireExecution(context: OperationsContext, id: string): ExecutionRecord {
  const record = context.store.getExecution(id);
  if (!record) throw invalidRequest(`QueryExecution ${id} was not found`, 'INVALID_INPUT');
  return record;
}

export function toQueryExecution(record: ExecutionRecord, now: number): QueryExecution {
  const running = record.startedAt === undefined ? 0 : (record.completedAt ?? now) - record.startedAt;
  const queued = (record.startedAt ?? record.completedAt ?? now) - record.submittedAt;
  const done = record.completedAt !== undefined;
  return {
    QueryExecutionId: record.id,
    Query: record.query,
    StatementType: record.statementType,
    SubstatementType: record.substatementType,
    ResultConfiguration: { OutputLocation: record.resultLocation },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
    QueryExecutionContext: record.context,
    Status: {
      State: record.state,
      ...(record.stateChangeReason === undefined ? {} : { StateChangeReason: record.stateChangeReason }),
      SubmissionDateTime: new Date(record.submittedAt),
      ...(done ? { CompletionDateTime: new Date(record.completedAt ?? now) } : {}),
      ...(record.athenaError ? { AthenaError: record.athenaError } : {}),
    },
    Statistics: {
      EngineExecutionTimeInMillis: running,
      DataScannedInBytes: record.dataScannedInBytes,
      TotalExecutionTimeInMillis: (record.completedAt ?? now) - record.submittedAt,
      QueryQueueTimeInMillis: queued,
      ...(done ? { ServicePreProcessingTimeInMillis: 0 } : {}),
      QueryPlanningTimeInMillis: record.planningMillis ?? 0,
      ...(done ? { ServiceProcessingTimeInMillis: record.serviceMillis ?? 0 } : {}),
      ResultReuseInformation: { ReusedPreviousResult: false },
    },
    WorkGroup: record.workGroup,
    EngineVersion: ENGINE_VERSION,
    ...(record.executionParameters ? { ExecutionParameters: record.executionParameters } : {}),
  };
}

export function GetQueryExecution(context: OperationsContext, input: Input): GetQueryExecutionOutput {
  const id = requiredString(input, 'QueryExecutionId', 1, 128);
  return { QueryExecution: toQueryExecution(requireExecution(context, id), context.now()) };
}

export function BatchGetQueryExecution(
  context: OperationsContext,
  input: Input,
): BatchGetQueryExecutionOutput {
  const ids = stringList(input, 'QueryExecutionIds', 1, 50);
  const output: Required<
    Pick<BatchGetQueryExecutionOutput, 'QueryExecutions' | 'UnprocessedQueryExecutionIds'>
  > = { QueryExecutions: [], UnprocessedQueryExecutionIds: [] };
  for (const id of ids) {
    const record = context.store.getExecution(id);
    if (record) output.QueryExecutions.push(toQueryExecution(record, context.now()));
    else
      output.UnprocessedQueryExecutionIds.push({
        QueryExecutionId: id,
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: `QueryExecution ${id} was not found`,
      });
  }
  return output;
}

export function ListQueryExecutions(context: OperationsContext, input: Input): ListQueryExecutionsOutput {
  const workGroup = optionalString(input, 'WorkGroup', 1, 128) ?? PRIMARY;
  const limit = optionalInteger(input, 'MaxResults', 0, 50) ?? 50;
  const after = decodeToken(optionalString(input, 'NextToken', 1, 1024));
  requireWorkGroup(context, workGroup);
  const records = context.store.listExecutions(workGroup, limit + 1, after);
  const { items, nextToken } = page(records, limit, (record) => record.id);
  return {
    QueryExecutionIds: items.map((record) => record.id),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function StopQueryExecution(context: OperationsContext, input: Input): StopQueryExecutionOutput {
  const id = requiredString(input, 'QueryExecutionId', 1, 128);
  const record = requireExecution(context, id);
  // AWS: stopping a finished query succeeds and changes nothing (AWS-FIDELITY §10.2).
  if (record.state === 'QUEUED' || record.state === 'RUNNING') context.runner.stop(id);
  return {};
}

/** Parsed result files, kept for the pages that follow the first. */
const resultCache = new Map<string, (string | null)[][]>();
const CACHE_SIZE = 8;

function resultRows(context: OperationsContext, record: ExecutionRecord): (string | null)[][] {
  const cached = resultCache.get(record.id);
  if (cached) return cached;
  const location = parseS3Location(record.outputLocation);
  if (!location || record.resultKind === 'none') return [];
  const key = `${location.prefix}${record.id}.${record.resultKind}`;
  let body: string;
  try {
    body = context.s3.GetObject({ Bucket: location.bucket, Key: key }).Body.toString('utf8');
  } catch (error) {
    if (isAwsError(error))
      throw invalidRequest(
        `Unable to read the results of ${record.id}: s3://${location.bucket}/${key}: ${error.message}`,
        'RESULT_NOT_FOUND',
      );
    throw error;
  }
  const rows =
    record.resultKind === 'csv'
      ? parseCsv(body)
      : body
          .split('\n')
          .slice(0, -1)
          .map((line) => [line]);
  resultCache.set(record.id, rows);
  if (resultCache.size > CACHE_SIZE) resultCache.delete(resultCache.keys().next().value ?? '');
  return rows;
}

function decodeResultsToken(token: string | undefined, id: string): number {
  if (token === undefined) return 0;
  const [tokenId, offset] = Buffer.from(token, 'base64').toString('utf8').split('#');
  if (tokenId !== id || offset === undefined || !/^\d+$/.test(offset))
    throw invalidRequest('The NextToken is not valid.', 'INVALID_INPUT');
  return Number(offset);
}

export function GetQueryResults(context: OperationsContext, input: Input): GetQueryResultsOutput {
  const id = requiredString(input, 'QueryExecutionId', 1, 128);
  const maxResults = input.MaxResults;
  if (typeof maxResults === 'number' && (maxResults < 1 || maxResults > 1000)) {
    throw validationFailure(
      'maxResults',
      maxResults < 1
        ? 'Member must have value greater than or equal to 1'
        : 'Member must have value less than or equal to 1000',
      maxResults,
    );
  }
  const limit = optionalInteger(input, 'MaxResults', 1, 1000) ?? 1000;
  const record = requireExecution(context, id);
  // Measured wordings (AWS-FIDELITY §10.5).
  if (record.state === 'QUEUED' || record.state === 'RUNNING') {
    throw invalidRequest(
      `Query has not yet finished. Current state: ${record.state}`,
      'INVALID_QUERY_EXECUTION_STATE',
    );
  }
  if (record.state === 'CANCELLED') throw invalidRequest('Could not find results', 'RESULT_NOT_FOUND');
  if (record.state === 'FAILED')
    throw invalidRequest(
      `Query did not finish successfully. Final query state: FAILED`,
      'INVALID_QUERY_EXECUTION_STATE',
    );
  const offset = decodeResultsToken(optionalString(input, 'NextToken', 1, 1024), id);
  const rows = resultRows(context, record);
  const shown = rows.slice(offset, offset + limit);
  const next =
    offset + limit < rows.length
      ? Buffer.from(`${id}#${offset + limit}`, 'utf8').toString('base64')
      : undefined;
  const columns =
    record.substatementType === 'CREATE_TABLE_AS_SELECT'
      ? [
          {
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            Name: 'rows',
            Label: 'rows',
            Type: 'bigint',
            Precision: 19,
            Scale: 0,
            Nullable: 'UNKNOWN' as const,
            CaseSensitive: false,
          },
        ]
      : (record.columns ?? []);
  return {
    ...(record.updateCount === undefined ? {} : { UpdateCount: record.updateCount }),
    ResultSet: {
      Rows: shown.map((row): Row => ({
        Data: row.map((value) => (value === null ? {} : { VarCharValue: value })),
      })),
      ResultSetMetadata: { ColumnInfo: columns },
    },
    ...(next ? { NextToken: next } : {}),
  };
}
