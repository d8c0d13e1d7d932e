import { sendCloud, type CloudInput, type CloudOutput, type OperationOf } from '../../api/cloud-sdk';
import type { ApiErrorInfo, LabBridge } from '../../api/contract';
import type { Item } from '../console/dynamodb/attribute-values';
import { athenaPagesToResultSet, type AthenaResultsPage } from './athena-result';
import { itemsToResultSet } from './partiql-result';
import type { ResultSet, ResultSource } from './result-set';

/**
 * Runs a query through `cloud.send`, the same SDK commands offline and on AWS: Athena's
 * StartQueryExecution, GetQueryExecution until the state is final, then GetQueryResults page by
 * page; DynamoDB's ExecuteStatement (PartiQL) page by page. Aborting stops waiting at once and
 * sends StopQueryExecution.
 */

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryStats {
  state: QueryState;
  queryExecutionId?: string;
  /** Athena's Statistics. */
  engineMs?: number;
  bytesScanned?: number;
  /** Since the panel asked, as the user waited (ms). */
  elapsedMs: number;
  /** Athena's StatementType: `DML`, `DDL`, `UTILITY`. */
  statementType?: string;
  /** Athena's result file (`s3://…/<id>.csv`). */
  outputLocation?: string;
  /** Rows in the result (those fetched). */
  rows?: number;
  /** More rows exist than were fetched (`maxRows`). */
  truncated?: boolean;
}

export interface QueryAnswer {
  result: ResultSet;
  stats: QueryStats;
}

/** A query that did not succeed: AWS's code and message, and how far it got. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly stats: QueryStats,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

export interface RunQueryOptions {
  /** Rows fetched at most; 10,000 when omitted (the CSV download has them all for Athena). */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 10_000;

/** One run's arguments, as each engine's runner takes them. */
interface QueryRun {
  bridge: LabBridge;
  source: ResultSource;
  maxRows: number;
  signal: AbortSignal | undefined;
  onProgress: ((stats: QueryStats) => void) | undefined;
}
const FINAL: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export async function runQuery(
  bridge: LabBridge,
  source: ResultSource,
  signal?: AbortSignal,
  onProgress?: (stats: QueryStats) => void,
  options: RunQueryOptions = {},
): Promise<QueryAnswer> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const run: QueryRun = { bridge, source, maxRows, signal, onProgress };
  return source.engine === 'dynamodb' ? runPartiql(run) : runAthena(run);
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Resolves with the answer, or rejects as soon as `signal` aborts (the answer is then ignored). */
function unlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  cancelled: () => Error,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function send<S extends 'athena' | 'dynamodb', O extends OperationOf<S>>(
  bridge: LabBridge,
  service: S,
  operation: O,
  input: CloudInput<S, O>,
  stats: () => QueryStats,
): Promise<CloudOutput<S, O>> {
  const result = await sendCloud(bridge, service, operation, input);
  if (!result.ok) throw errorOf(result.error, stats());
  return result.value;
}

const errorOf = (error: ApiErrorInfo, stats: QueryStats) => new QueryError(error.code, error.message, stats);

async function runAthena({ bridge, source, maxRows, signal, onProgress }: QueryRun): Promise<QueryAnswer> {
  const started = performance.now();
  let stats: QueryStats = { state: 'QUEUED', elapsedMs: 0 };
  const current = () => ({ ...stats, elapsedMs: Math.round(performance.now() - started) });
  const cancelled = () => {
    // AWS: StopQueryExecution of a finished query is a no-op, so it is always safe to send.
    if (stats.queryExecutionId)
      void sendCloud(bridge, 'athena', 'StopQueryExecution', { QueryExecutionId: stats.queryExecutionId });
    return new QueryError('Cancelled', 'Query cancelled by user', { ...current(), state: 'CANCELLED' });
  };

  const starting = send(
    bridge,
    'athena',
    'StartQueryExecution',
    {
      QueryString: source.sql,
      ...(source.database
        ? { QueryExecutionContext: { Database: source.database, Catalog: 'AwsDataCatalog' } }
        : {}),
      ...(source.workGroup ? { WorkGroup: source.workGroup } : {}),
    },
    () => ({ ...current(), state: 'FAILED' }),
  );
  // Cancelled before its id came back: the query starts anyway, so stop it once the id is known.
  starting.then(
    ({ QueryExecutionId }) => {
      if (signal?.aborted && QueryExecutionId)
        void sendCloud(bridge, 'athena', 'StopQueryExecution', { QueryExecutionId });
    },
    () => undefined,
  );
  const start = await unlessAborted(starting, signal, cancelled);
  stats = { ...stats, queryExecutionId: start.QueryExecutionId };
  if (signal?.aborted) throw cancelled();
  onProgress?.(current());

  let delay = 100;
  let execution: CloudOutput<'athena', 'GetQueryExecution'>['QueryExecution'];
  for (;;) {
    const answer = await unlessAborted(
      send(bridge, 'athena', 'GetQueryExecution', { QueryExecutionId: start.QueryExecutionId }, current),
      signal,
      cancelled,
    );
    execution = answer.QueryExecution;
    const state = (execution?.Status?.State ?? 'QUEUED') as QueryState;
    stats = {
      ...stats,
      state,
      engineMs: execution?.Statistics?.EngineExecutionTimeInMillis,
      bytesScanned: execution?.Statistics?.DataScannedInBytes,
      statementType: execution?.StatementType,
      outputLocation: execution?.ResultConfiguration?.OutputLocation,
    };
    onProgress?.(current());
    if (FINAL.has(state)) break;
    await pause(delay, signal);
    if (signal?.aborted) throw cancelled();
    delay = Math.min(1000, Math.round(delay * 1.5));
  }

  if (stats.state !== 'SUCCEEDED') {
    const reason = execution?.Status?.AthenaError?.ErrorMessage ?? execution?.Status?.StateChangeReason;
    throw new QueryError(stats.state, reason ?? stats.state, current());
  }

  const pages: AthenaResultsPage[] = [];
  let fetched = 0;
  let token: string | undefined;
  do {
    const page = await unlessAborted(
      send(
        bridge,
        'athena',
        'GetQueryResults',
        {
          QueryExecutionId: start.QueryExecutionId,
          MaxResults: 1000,
          ...(token ? { NextToken: token } : {}),
        },
        current,
      ),
      signal,
      cancelled,
    );
    pages.push(page);
    fetched += page.ResultSet?.Rows?.length ?? 0;
    token = page.NextToken;
  } while (token && fetched < maxRows);
  const result = athenaPagesToResultSet(pages, stats.statementType);
  const truncated = Boolean(token) || result.rows.length > maxRows;
  if (result.rows.length > maxRows) result.rows.length = maxRows;
  stats = { ...stats, rows: result.rows.length, truncated };
  return { result, stats: current() };
}

async function runPartiql({ bridge, source, maxRows, signal, onProgress }: QueryRun): Promise<QueryAnswer> {
  const started = performance.now();
  let stats: QueryStats = { state: 'RUNNING', elapsedMs: 0 };
  const current = () => ({ ...stats, elapsedMs: Math.round(performance.now() - started) });
  // DynamoDB cannot stop a statement: the panel stops waiting for it.
  const cancelled = () =>
    new QueryError('Cancelled', 'Query cancelled by user', { ...current(), state: 'CANCELLED' });
  onProgress?.(current());
  const items: Item[] = [];
  let token: string | undefined;
  do {
    const page = await unlessAborted(
      send(
        bridge,
        'dynamodb',
        'ExecuteStatement',
        { Statement: source.sql, ...(token ? { NextToken: token } : {}) },
        () => ({ ...current(), state: 'FAILED' }),
      ),
      signal,
      cancelled,
    );
    items.push(...((page.Items ?? []) as Item[]));
    token = page.NextToken;
  } while (token && items.length < maxRows);
  const result = itemsToResultSet(items.slice(0, maxRows));
  stats = {
    ...stats,
    state: 'SUCCEEDED',
    rows: result.rows.length,
    truncated: Boolean(token) || items.length > maxRows,
  };
  return { result, stats: current() };
}
