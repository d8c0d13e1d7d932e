import type {
  AthenaError,
  ColumnInfo,
  QueryExecutionState,
  WorkGroupConfiguration,
} from '@aws-sdk/client-athena';
import type { LabStorage } from '../storage/index.js';

/**
 * Athena's state in the lab's SQLite file: query executions (their history survives restarts, as
 * the console's "Recent queries" does), named queries and work groups. Each row keeps its record
 * as JSON beside the columns it is looked up by.
 */

export interface ExecutionRecord {
  id: string;
  workGroup: string;
  query: string;
  clientRequestToken?: string;
  /** QueryExecutionContext with only the keys the caller sent. */
  context: { Database?: string; Catalog?: string };
  executionParameters?: string[];
  /** The OutputLocation folder the results go to (`s3://bucket/prefix/`). */
  outputLocation: string;
  /** What GetQueryExecution reports as ResultConfiguration.OutputLocation. */
  resultLocation: string;
  statementType: 'DDL' | 'DML' | 'UTILITY';
  substatementType: string;
  state: QueryExecutionState;
  stateChangeReason?: string;
  athenaError?: AthenaError;
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  dataScannedInBytes: number;
  /** Statistics: time spent resolving tables and listing files, and writing the results. */
  planningMillis?: number;
  serviceMillis?: number;
  updateCount?: number;
  /** How the results are stored: a CSV with a header row, lines of text, or nothing to read. */
  resultKind: 'csv' | 'txt' | 'none';
  columns?: ColumnInfo[];
}

export interface NamedQueryRecord {
  id: string;
  name: string;
  description?: string;
  database: string;
  query: string;
  workGroup: string;
  clientRequestToken?: string;
  createdAt: number;
}

export interface WorkGroupRecord {
  name: string;
  description?: string;
  state: 'ENABLED' | 'DISABLED';
  configuration: WorkGroupConfiguration;
  createdAt: number;
}

const MIGRATIONS = [
  `CREATE TABLE athena_query_executions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     work_group TEXT NOT NULL,
     client_request_token TEXT,
     state TEXT NOT NULL,
     record TEXT NOT NULL);
   CREATE INDEX athena_query_executions_work_group ON athena_query_executions (work_group, seq);
   CREATE INDEX athena_query_executions_token ON athena_query_executions (client_request_token);
   CREATE TABLE athena_named_queries (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     work_group TEXT NOT NULL,
     client_request_token TEXT,
     record TEXT NOT NULL);
   CREATE TABLE athena_work_groups (
     name TEXT PRIMARY KEY,
     record TEXT NOT NULL);`,
];

export interface AthenaStore {
  insertExecution(record: ExecutionRecord): void;
  updateExecution(record: ExecutionRecord): void;
  getExecution(id: string): ExecutionRecord | undefined;
  executionByToken(token: string): ExecutionRecord | undefined;
  /** Newest first, after the execution `afterId` when given. */
  listExecutions(workGroup: string, limit: number, afterId?: string): ExecutionRecord[];
  /** Executions a stopped cloud left QUEUED or RUNNING. */
  unfinishedExecutions(): ExecutionRecord[];
  insertNamedQuery(record: NamedQueryRecord): void;
  updateNamedQuery(record: NamedQueryRecord): void;
  getNamedQuery(id: string): NamedQueryRecord | undefined;
  namedQueryByToken(token: string): NamedQueryRecord | undefined;
  listNamedQueries(workGroup: string, limit: number, afterId?: string): NamedQueryRecord[];
  deleteNamedQuery(id: string): void;
  putWorkGroup(record: WorkGroupRecord): void;
  getWorkGroup(name: string): WorkGroupRecord | undefined;
  listWorkGroups(): WorkGroupRecord[];
  deleteWorkGroup(name: string): void;
}

type Row = { record: string };

export function openAthenaStore(storage: LabStorage): AthenaStore {
  storage.migrate('athena', MIGRATIONS);
  const db = storage.db;
  const parse = <T>(row: Row | undefined): T | undefined => (row ? (JSON.parse(row.record) as T) : undefined);
  const insertExecution = db.prepare(
    'INSERT INTO athena_query_executions (id, work_group, client_request_token, state, record) VALUES (?, ?, ?, ?, ?)',
  );
  const updateExecution = db.prepare('UPDATE athena_query_executions SET state = ?, record = ? WHERE id = ?');
  const getExecution = db.prepare<[string], Row>('SELECT record FROM athena_query_executions WHERE id = ?');
  const executionByToken = db.prepare<[string], Row>(
    'SELECT record FROM athena_query_executions WHERE client_request_token = ? ORDER BY seq DESC LIMIT 1',
  );
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM athena_query_executions WHERE id = ?');
  const listExecutions = db.prepare<[string, number, number], Row>(
    'SELECT record FROM athena_query_executions WHERE work_group = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const unfinished = db.prepare<[], Row>(
    "SELECT record FROM athena_query_executions WHERE state IN ('QUEUED', 'RUNNING')",
  );
  const insertNamed = db.prepare(
    'INSERT INTO athena_named_queries (id, work_group, client_request_token, record) VALUES (?, ?, ?, ?)',
  );
  const updateNamed = db.prepare('UPDATE athena_named_queries SET record = ? WHERE id = ?');
  const getNamed = db.prepare<[string], Row>('SELECT record FROM athena_named_queries WHERE id = ?');
  const namedByToken = db.prepare<[string], Row>(
    'SELECT record FROM athena_named_queries WHERE client_request_token = ?',
  );
  const namedSeqOf = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM athena_named_queries WHERE id = ?',
  );
  const listNamed = db.prepare<[string, number, number], Row>(
    'SELECT record FROM athena_named_queries WHERE work_group = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const deleteNamed = db.prepare('DELETE FROM athena_named_queries WHERE id = ?');
  const putWorkGroup = db.prepare(
    'INSERT INTO athena_work_groups (name, record) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET record = excluded.record',
  );
  const getWorkGroup = db.prepare<[string], Row>('SELECT record FROM athena_work_groups WHERE name = ?');
  const listWorkGroups = db.prepare<[], Row>('SELECT record FROM athena_work_groups ORDER BY name');
  const deleteWorkGroup = db.prepare('DELETE FROM athena_work_groups WHERE name = ?');
  const below = (seq: number | undefined): number => seq ?? Number.MAX_SAFE_INTEGER;

  return {
    insertExecution: (record) => {
      insertExecution.run(
        record.id,
        record.workGroup,
        record.clientRequestToken ?? null,
        record.state,
        JSON.stringify(record),
      );
    },
    updateExecution: (record) => {
      updateExecution.run(record.state, JSON.stringify(record), record.id);
    },
    getExecution: (id) => parse(getExecution.get(id)),
    executionByToken: (token) => parse(executionByToken.get(token)),
    listExecutions: (workGroup, limit, afterId) =>
      listExecutions
        .all(workGroup, below(afterId === undefined ? undefined : seqOf.get(afterId)?.seq), limit)
        .map((row) => parse<ExecutionRecord>(row) as ExecutionRecord),
    unfinishedExecutions: () => unfinished.all().map((row) => parse<ExecutionRecord>(row) as ExecutionRecord),
    insertNamedQuery: (record) => {
      insertNamed.run(record.id, record.workGroup, record.clientRequestToken ?? null, JSON.stringify(record));
    },
    updateNamedQuery: (record) => {
      updateNamed.run(JSON.stringify(record), record.id);
    },
    getNamedQuery: (id) => parse(getNamed.get(id)),
    namedQueryByToken: (token) => parse(namedByToken.get(token)),
    listNamedQueries: (workGroup, limit, afterId) =>
      listNamed
        .all(workGroup, below(afterId === undefined ? undefined : namedSeqOf.get(afterId)?.seq), limit)
        .map((row) => parse<NamedQueryRecord>(row) as NamedQueryRecord),
    deleteNamedQuery: (id) => {
      deleteNamed.run(id);
    },
    putWorkGroup: (record) => {
      putWorkGroup.run(record.name, JSON.stringify(record));
    },
    getWorkGroup: (name) => parse(getWorkGroup.get(name)),
    listWorkGroups: () => listWorkGroups.all().map((row) => parse<WorkGroupRecord>(row) as WorkGroupRecord),
    deleteWorkGroup: (name) => {
      deleteWorkGroup.run(name);
    },
  };
}
