import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
  UpdateWorkGroupCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { GetTableCommand } from '@aws-sdk/client-glue';
import { z } from 'zod';
import { errorName, fail, pass, waitForCheck, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';
import { bucketName } from './setup.js';

/** Lessons 07–09: Athena's result location, queries over the lake, and the flattening CTAS. */

const workGroup = z.string().regex(/^[a-zA-Z0-9._-]{1,128}$/);
const glueName = z.string().regex(/^[a-z0-9_]{1,255}$/);

async function outputLocation(context: StepContext, name: string): Promise<string | undefined> {
  const { WorkGroup } = await context.clients.athena().send(new GetWorkGroupCommand({ WorkGroup: name }));
  return WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation;
}

const outputParams = z.object({ workGroup, bucket: bucketName });

export const athenaOutput = defineCheck({
  name: 'athena-output',
  summary: 'The work group writes its query results under s3://`bucket`/.',
  params: outputParams,
  async run(context, params) {
    const location = await outputLocation(context, params.workGroup);
    if (!location) return fail('athena-no-output', { workgroup: params.workGroup });
    if (!location.startsWith(`s3://${params.bucket}/`))
      return fail('athena-output-bucket', {
        workgroup: params.workGroup,
        location,
        expected: `s3://${params.bucket}/`,
      });
    return pass();
  },
});

export const setAthenaOutput = defineAutomation({
  name: 'set-athena-output',
  summary:
    "Sets the work group's query result location to s3://`bucket`/ (a reset puts the previous one back).",
  params: outputParams,
  async run(context, params) {
    const resource = { kind: 'athena-workgroup' as const, name: params.workGroup };
    const previous = await outputLocation(context, params.workGroup);
    const location = `s3://${params.bucket}/`;
    if (previous === location) return context.reused(resource);
    context.progress('update', resource);
    await context.clients.athena().send(
      new UpdateWorkGroupCommand({
        WorkGroup: params.workGroup,
        ConfigurationUpdates: { ResultConfigurationUpdates: { OutputLocation: location } },
      }),
    );
    context.updated({ ...resource, data: { previous: { OutputLocation: previous ?? null } } });
  },
});

/** The latest executions of a work group, newest first. */
async function recentExecutions(context: StepContext, group: string, count = 50): Promise<QueryExecution[]> {
  const { QueryExecutionIds = [] } = await context.clients
    .athena()
    .send(new ListQueryExecutionsCommand({ WorkGroup: group, MaxResults: count }));
  if (QueryExecutionIds.length === 0) return [];
  const { QueryExecutions = [] } = await context.clients
    .athena()
    .send(new BatchGetQueryExecutionCommand({ QueryExecutionIds }));
  return QueryExecutions.sort(
    (a, b) => (b.Status?.SubmissionDateTime?.getTime() ?? 0) - (a.Status?.SubmissionDateTime?.getTime() ?? 0),
  );
}

const squash = (sql: string): string => sql.toLowerCase().replace(/["`]/g, '').replace(/\s+/g, ' ');

export const athenaQuery = defineCheck({
  name: 'athena-query',
  summary:
    'A recent query of the work group on `table` (containing every fragment of `contains`, e.g. "unnest") succeeded; its result has `minRows`…`maxRows` rows, and when `sentinel` is set it filters NOAA\'s sentinel out.',
  params: z.object({
    workGroup,
    table: glueName,
    contains: z.array(z.string().min(1)).optional(),
    minRows: z.number().int().min(0).optional(),
    maxRows: z.number().int().min(0).optional(),
    /** NOAA's "missing" value (999.9): no result cell may hold it, and the SQL must filter it (`999` or `quality`). */
    sentinel: z.number().optional(),
    waitSeconds: z.number().int().min(0).max(300).optional(),
  }),
  async run(context, params) {
    const contains = (params.contains ?? []).map((fragment) => fragment.toLowerCase());
    let latest: QueryExecution | undefined;
    const found = await waitForCheck(context, params.waitSeconds ?? 0, async () => {
      // The lesson names the console's work group; the app's SQL editor may run in its own.
      const groups = [...new Set([params.workGroup, context.athenaWorkGroup])];
      const executions = (await Promise.all(groups.map((group) => recentExecutions(context, group))))
        .flat()
        .sort(
          (a, b) =>
            (b.Status?.SubmissionDateTime?.getTime() ?? 0) - (a.Status?.SubmissionDateTime?.getTime() ?? 0),
        )
        .filter((execution) => squash(execution.Query ?? '').includes(params.table));
      if (executions.length === 0) return fail('athena-no-query', { table: params.table });
      const matching = executions.filter((execution) =>
        contains.every((fragment) => squash(execution.Query ?? '').includes(fragment)),
      );
      latest = matching[0];
      if (!latest) {
        const missing =
          contains.find((fragment) => !squash(executions[0]?.Query ?? '').includes(fragment)) ?? '';
        return missing === 'unnest'
          ? fail('athena-missing-unnest', { table: params.table })
          : fail('athena-query-lacks', { table: params.table, fragment: missing });
      }
      const state = latest.Status?.State;
      if (state === 'QUEUED' || state === 'RUNNING') return fail('athena-no-query', { table: params.table });
      return pass();
    });
    if (!found.ok || !latest) return found;
    const state = latest.Status?.State;
    if (state !== 'SUCCEEDED') {
      const reason = latest.Status?.StateChangeReason ?? state ?? '—';
      return fail(
        /HIVE_PARTITION_SCHEMA_MISMATCH/.test(reason) ? 'athena-partition-mismatch' : 'athena-query-failed',
        {
          table: params.table,
          message: reason,
        },
      );
    }
    if (params.sentinel !== undefined && !/999|quality/.test(squash(latest.Query ?? '')))
      return fail('athena-sentinel', { value: params.sentinel, table: params.table });
    const { ResultSet } = await context.clients
      .athena()
      .send(new GetQueryResultsCommand({ QueryExecutionId: latest.QueryExecutionId, MaxResults: 1000 }));
    const names = ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => column.Name ?? '') ?? [];
    const rows = (ResultSet?.Rows ?? [])
      .slice(1)
      .map((row) => (row.Data ?? []).map((cell) => cell.VarCharValue ?? ''));
    if (params.sentinel !== undefined) {
      for (const row of rows)
        for (const [index, cell] of row.entries())
          if (cell !== '' && Math.abs(Number(cell) - params.sentinel) < 0.05)
            return fail('athena-sentinel', {
              value: params.sentinel,
              table: params.table,
              column: names[index] ?? '',
            });
    }
    if (
      (params.minRows !== undefined && rows.length < params.minRows) ||
      (params.maxRows !== undefined && rows.length > params.maxRows)
    )
      return fail('athena-rows', {
        rows: rows.length,
        min: params.minRows ?? 0,
        max: params.maxRows ?? rows.length,
      });
    return pass();
  },
});

export const runAthenaQuery = defineAutomation({
  name: 'run-athena-query',
  summary:
    'Runs `sql` in `database` (work group `workGroup`) and shows its first rows; a CREATE TABLE … AS names the `creates` table it made, which a reset drops from the catalog.',
  params: z.object({
    sql: z.string().min(1),
    database: glueName,
    workGroup,
    /** The table a CTAS creates: removed from the catalog by a reset. */
    creates: glueName.optional(),
  }),
  async run(context, params) {
    let existed = false;
    if (params.creates) {
      try {
        await context.clients
          .glue()
          .send(new GetTableCommand({ DatabaseName: params.database, Name: params.creates }));
        existed = true;
      } catch (error) {
        if (errorName(error) !== 'EntityNotFoundException') throw error;
      }
    }
    context.progress('run', { kind: 'athena-query', name: params.sql.split('\n')[0]?.slice(0, 60) ?? '' });
    const { QueryExecutionId } = await context.clients.athena().send(
      new StartQueryExecutionCommand({
        QueryString: params.sql,
        QueryExecutionContext: { Database: params.database },
        WorkGroup: params.workGroup,
      }),
    );
    const deadline = context.now() + 300_000;
    for (;;) {
      const { QueryExecution } = await context.clients
        .athena()
        .send(new GetQueryExecutionCommand({ QueryExecutionId }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') break;
      if (state === 'FAILED' || state === 'CANCELLED')
        throw new Error(
          `The query ${state === 'FAILED' ? 'failed' : 'was cancelled'}: ${QueryExecution?.Status?.StateChangeReason ?? ''}`,
        );
      if (context.now() > deadline) throw new Error('The query is still running after 5 minutes.');
      await context.sleep(500);
    }
    context.created({ kind: 'athena-query', name: QueryExecutionId ?? '' });
    if (params.creates) {
      const table = { kind: 'catalog-table' as const, name: `${params.database}.${params.creates}` };
      if (existed) context.reused(table);
      else context.created({ ...table, data: { database: params.database, table: params.creates } });
    }
    const { ResultSet } = await context.clients
      .athena()
      .send(new GetQueryResultsCommand({ QueryExecutionId, MaxResults: 11 }));
    const columns = ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => column.Name ?? '') ?? [];
    if (columns.length > 0) {
      const rows = (ResultSet?.Rows ?? [])
        .slice(1)
        .map((row) => (row.Data ?? []).map((cell) => cell.VarCharValue ?? ''));
      context.table(columns, rows);
    }
  },
});
