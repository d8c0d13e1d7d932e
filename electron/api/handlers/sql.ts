import { z } from 'zod';
import type { SqlRunRecord, SqlSaveInput } from '../contract.js';
import { openSqlHistoryStore } from '../sql-history.js';
import { appStore, queryText } from './app-stores.js';
import { ApiError, type DomainHandlers } from './types.js';

/** The SQL panel's history and saved queries (`electron/api/sql-history.ts`). */

const storeOf = appStore(openSqlHistoryStore, 'the query history');

const engine = z.enum(['athena', 'dynamodb']);
const sql = queryText;
const name = z
  .string()
  .trim()
  .min(1, { error: 'A saved query needs a name.' })
  .max(128, { error: 'A name is at most 128 characters.' });
const id = z.number().int().positive();
const optionalName = z.string().min(1).max(255).optional();
const count = z.number().int().min(0).optional();

const runRecord: z.ZodType<SqlRunRecord> = z.strictObject({
  engine,
  sql,
  database: optionalName,
  workGroup: optionalName,
  state: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']),
  queryExecutionId: z.string().max(128).optional(),
  engineMs: count,
  elapsedMs: z.number().min(0),
  bytesScanned: count,
  rows: count,
  error: z.string().max(4096).optional(),
});

const saveInput: z.ZodType<SqlSaveInput> = z.strictObject({
  id: id.optional(),
  name,
  sql,
  engine,
  database: optionalName,
  workGroup: optionalName,
});

const notFound = (savedId: number) =>
  new ApiError('ResourceNotFoundException', `Saved query ${savedId} does not exist.`);

export const sqlHandlers: DomainHandlers<'sql'> = {
  'sql.history': {
    input: z.strictObject({
      search: z.string().max(256).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    handle: (input, context) => storeOf(context).history(context.aws.mode(), input),
  },
  'sql.record': {
    input: runRecord,
    handle: (input, context) => storeOf(context).record(context.aws.mode(), input),
  },
  'sql.clearHistory': {
    handle: (_input, context) => ({ deleted: storeOf(context).clearHistory(context.aws.mode()) }),
  },
  'sql.saved': {
    handle: (_input, context) => storeOf(context).saved(context.aws.mode()),
  },
  'sql.save': {
    input: saveInput,
    handle: (input, context) => {
      const saved = storeOf(context).save(context.aws.mode(), input);
      if (!saved) throw notFound(input.id ?? 0);
      return saved;
    },
  },
  'sql.rename': {
    input: z.strictObject({ id, name }),
    handle: (input, context) => {
      const saved = storeOf(context).rename(context.aws.mode(), input.id, input.name);
      if (!saved) throw notFound(input.id);
      return saved;
    },
  },
  'sql.deleteSaved': {
    input: z.strictObject({ id }),
    handle: (input, context) => ({ deleted: storeOf(context).deleteSaved(context.aws.mode(), input.id) }),
  },
};
