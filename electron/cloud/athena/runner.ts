import type { ColumnInfo } from '@aws-sdk/client-athena';
import { isAwsError } from '../protocols/aws-error.js';
import type { AthenaContext } from './context.js';
import { runCatalogStatement } from './engine/catalog-statements.js';
import { runCtas } from './engine/ctas.js';
import { failureFromDuck } from './engine/duck-errors.js';
import { installViews, prepareQuery, runSelect, scopeOf } from './engine/query.js';
import { internalFailure, QueryFailure } from './errors.js';
import { parseS3Location } from './s3-location.js';
import type { QueryTranslation } from './sql/translate.js';
import type { Statement } from './sql/statement.js';
import { SqlSyntaxError } from './sql/tokens.js';
import type { ExecutionRecord } from './store.js';

/**
 * Runs query executions: QUEUED when submitted, RUNNING when the engine takes them, then SUCCEEDED,
 * FAILED or CANCELLED (AWS-FIDELITY §10.2). DuckDB runs one query at a time (the others wait,
 * QUEUED); catalog statements (DDL, SHOW, DESCRIBE) need no engine and run at once. Results are in
 * S3 before the state says SUCCEEDED.
 */
export interface QueryRunner {
  submit(record: ExecutionRecord, statement: Statement): void;
  /** StopQueryExecution: a queued query never runs; a running one is interrupted. */
  stop(id: string): void;
  close(): Promise<void>;
}

type Job = { record: ExecutionRecord; statement: Statement };

class Cancelled extends Error {
  constructor(
    readonly reason: string,
    readonly scanned?: number,
  ) {
    super(reason);
  }
}

const BYTES_CUTOFF_REASON = 'Bytes scanned limit was exceeded';

export function createQueryRunner(context: AthenaContext): QueryRunner {
  const queue: Job[] = [];
  const cancelled = new Set<string>();
  let running: string | undefined;
  let closed = false;
  const inFlight = new Set<Promise<void>>();

  // Executions a previous run of the cloud left unfinished cannot resume.
  for (const record of context.store.unfinishedExecutions()) {
    const failure = internalFailure(
      'The local cloud stopped while this query was queued or running. Run it again.',
    );
    finish(record, 'FAILED', failure.message, { athenaError: failure });
  }

  function finish(
    record: ExecutionRecord,
    state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED',
    reason?: string,
    extra: { athenaError?: QueryFailure } = {},
  ): void {
    const completedAt = context.now();
    const updated: ExecutionRecord = { ...record, state, completedAt };
    if (reason !== undefined) updated.stateChangeReason = reason;
    if (extra.athenaError) {
      updated.athenaError = {
        ErrorCategory: extra.athenaError.errorCategory,
        ErrorType: extra.athenaError.errorType,
        Retryable: false,
        ErrorMessage: extra.athenaError.message,
      };
    }
    context.store.updateExecution(updated);
  }

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  function pump(): void {
    if (running !== undefined || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job.record.id;
    track(
      runEngineJob(job).finally(() => {
        running = undefined;
        setImmediate(pump);
      }),
    );
  }

  function start(record: ExecutionRecord): ExecutionRecord {
    const started: ExecutionRecord = { ...record, state: 'RUNNING', startedAt: context.now() };
    context.store.updateExecution(started);
    return started;
  }

  async function runEngineJob(job: Job): Promise<void> {
    let record = start(job.record);
    const scope = scopeOf(record.context, record.executionParameters);
    const cutoff = context.store.getWorkGroup(record.workGroup)?.configuration.BytesScannedCutoffPerQuery;
    const checkBytes = (bytes: number): void => {
      record = { ...record, dataScannedInBytes: bytes };
      if (cutoff !== undefined && bytes > cutoff) throw new Cancelled(BYTES_CUTOFF_REASON, cutoff);
    };
    let translation: QueryTranslation | undefined;
    try {
      const body = await context.duck.exclusive(async (connection) => {
        if (cancelled.has(record.id)) throw new Cancelled('Query cancelled by user');
        if (job.statement.kind === 'ctas') {
          const result = await runCtas(
            connection,
            context,
            record.query,
            job.statement,
            scope,
            record,
            checkBytes,
          );
          record = { ...record, dataScannedInBytes: result.bytes, updateCount: result.rows };
          return { text: result.manifest.map((url) => `${url}\n`).join(''), columns: [] as ColumnInfo[] };
        }
        if (job.statement.kind !== 'query') throw internalFailure('Not a query.');
        const planning = context.now();
        const prepared = prepareQuery(context, record.query, job.statement.query, scope);
        translation = prepared.translation;
        record = { ...record, planningMillis: context.now() - planning };
        checkBytes(prepared.bytes);
        await installViews(connection, context, prepared, scope);
        const result = await runSelect(connection, prepared);
        record = { ...record, updateCount: 0 };
        return { text: result.csv, columns: result.columns };
      });
      if (cancelled.has(record.id)) throw new Cancelled('Query cancelled by user');
      const writing = context.now();
      writeResults(record, body.text, body.columns);
      finish({ ...record, columns: body.columns, serviceMillis: context.now() - writing }, 'SUCCEEDED');
    } catch (error) {
      settle(record, error, translation);
    } finally {
      cancelled.delete(record.id);
    }
  }

  function settle(record: ExecutionRecord, error: unknown, translation: QueryTranslation | undefined): void {
    if (error instanceof Cancelled) {
      finish(
        { ...record, ...(error.scanned === undefined ? {} : { dataScannedInBytes: error.scanned }) },
        'CANCELLED',
        error.reason,
      );
    } else if (cancelled.has(record.id)) {
      finish(record, 'CANCELLED', 'Query cancelled by user');
    } else {
      const failure =
        error instanceof QueryFailure
          ? error
          : error instanceof SqlSyntaxError
            ? new QueryFailure('SYNTAX_ERROR', error.message)
            : isAwsError(error)
              ? internalFailure(`${error.code}: ${error.message}`)
              : failureFromDuck(error, record.query, translation);
      if (!(error instanceof QueryFailure))
        context.log?.(
          `athena: query ${record.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      finish(record, 'FAILED', failure.message, { athenaError: failure });
    }
  }

  function runCatalogJob(job: Job): void {
    if (cancelled.delete(job.record.id)) {
      finish(job.record, 'CANCELLED', 'Query cancelled by user');
      return;
    }
    let record = start(job.record);
    try {
      if (job.statement.kind === 'query' || job.statement.kind === 'ctas')
        throw internalFailure('Not a catalog statement.');
      const outcome = runCatalogStatement(context, job.statement, scopeOf(record.context).database);
      record = { ...record, columns: outcome.columns };
      writeResults(record, outcome.lines.map((line) => `${line}\n`).join(''), outcome.columns);
      finish(record, 'SUCCEEDED');
    } catch (error) {
      settle(record, error, undefined);
    }
  }

  /** AWS-FIDELITY §10.6: `<id>.csv` (SELECT) or `<id>.txt`, with `.metadata`; CTAS: `tables/<id>-manifest.csv`. */
  function writeResults(record: ExecutionRecord, text: string, columns: ColumnInfo[]): void {
    const location = parseS3Location(record.outputLocation);
    if (!location) throw internalFailure(`Invalid output location ${record.outputLocation}`);
    const put = (key: string, body: string): void => {
      try {
        context.s3.PutObject({
          Bucket: location.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/octet-stream',
        });
      } catch (error) {
        if (isAwsError(error) && error.code === 'NoSuchBucket') {
          throw new QueryFailure(
            'HIVE_FILESYSTEM_ERROR',
            `Unable to verify/create output bucket ${location.bucket}`,
          );
        }
        throw error;
      }
    };
    // The .metadata files hold the result's ColumnInfo as JSON (Athena writes a protobuf for its JDBC driver).
    const metadata = JSON.stringify({ ColumnInfo: columns });
    if (record.substatementType === 'CREATE_TABLE_AS_SELECT') {
      put(`${location.prefix}tables/${record.id}-manifest.csv`, text);
      put(`${location.prefix}tables/${record.id}.metadata`, metadata);
      return;
    }
    const file = `${location.prefix}${record.id}.${record.resultKind === 'csv' ? 'csv' : 'txt'}`;
    put(file, text);
    if (record.resultKind === 'csv' || columns.length) put(`${file}.metadata`, metadata);
  }

  return {
    submit(record, statement) {
      if (statement.kind === 'query' || statement.kind === 'ctas') {
        queue.push({ record, statement });
        setImmediate(pump);
      } else {
        setImmediate(() => runCatalogJob({ record, statement }));
      }
    },
    stop(id) {
      const index = queue.findIndex((job) => job.record.id === id);
      if (index !== -1) {
        const [job] = queue.splice(index, 1);
        if (job) finish(job.record, 'CANCELLED', 'Query cancelled by user');
        return;
      }
      cancelled.add(id);
      if (running === id) context.duck.interrupt();
    },
    async close() {
      closed = true;
      if (running !== undefined) cancelled.add(running);
      context.duck.interrupt();
      await Promise.allSettled([...inFlight]);
    },
  };
}
