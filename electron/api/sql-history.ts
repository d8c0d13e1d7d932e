import type {
  LabMode,
  SqlEngine,
  SqlHistoryEntry,
  SqlHistoryInput,
  SqlRunRecord,
  SqlRunState,
  SqlSaveInput,
  SqlSavedQuery,
} from './contract.js';
import type { LabStorage } from '../cloud/storage/index.js';

/**
 * The SQL panel's history and saved queries, in the lab's SQLite file beside lesson progress: one lab
 * folder is one profile, and each mode (offline, AWS) has its own. Saved queries are the app's, not
 * Athena named queries: one list for both engines (PartiQL has no named queries), kept when an
 * instructor reset or a new AWS Academy session empties the account.
 */

const MIGRATIONS = [
  `CREATE TABLE sql_history (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     mode TEXT NOT NULL,
     engine TEXT NOT NULL,
     sql TEXT NOT NULL,
     database_name TEXT,
     work_group TEXT,
     state TEXT NOT NULL,
     query_execution_id TEXT,
     engine_ms INTEGER,
     elapsed_ms INTEGER NOT NULL,
     bytes_scanned INTEGER,
     rows_count INTEGER,
     error TEXT,
     at TEXT NOT NULL)`,
  'CREATE INDEX sql_history_mode ON sql_history (mode, id)',
  `CREATE TABLE sql_saved (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     mode TEXT NOT NULL,
     name TEXT NOT NULL,
     sql TEXT NOT NULL,
     engine TEXT NOT NULL,
     database_name TEXT,
     work_group TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
];

/** History beyond this many runs per mode is forgotten, oldest first. */
export const HISTORY_KEEP = 5000;

interface HistoryRow {
  id: number;
  engine: string;
  sql: string;
  database_name: string | null;
  work_group: string | null;
  state: string;
  query_execution_id: string | null;
  engine_ms: number | null;
  elapsed_ms: number;
  bytes_scanned: number | null;
  rows_count: number | null;
  error: string | null;
  at: string;
}

interface SavedRow {
  id: number;
  name: string;
  sql: string;
  engine: string;
  database_name: string | null;
  work_group: string | null;
  created_at: string;
  updated_at: string;
}

const engineOf = (value: string): SqlEngine => (value === 'dynamodb' ? 'dynamodb' : 'athena');
const stateOf = (value: string): SqlRunState =>
  value === 'FAILED' || value === 'CANCELLED' ? value : 'SUCCEEDED';

/** Keeps only the members that have a value (the contract's optional fields are absent, not null). */
function present<T extends object>(value: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== null && member !== undefined),
  ) as T;
}

function toEntry(row: HistoryRow): SqlHistoryEntry {
  return present<SqlHistoryEntry>({
    id: row.id,
    engine: engineOf(row.engine),
    sql: row.sql,
    database: row.database_name,
    workGroup: row.work_group,
    state: stateOf(row.state),
    queryExecutionId: row.query_execution_id,
    engineMs: row.engine_ms,
    elapsedMs: row.elapsed_ms,
    bytesScanned: row.bytes_scanned,
    rows: row.rows_count,
    error: row.error,
    at: row.at,
  });
}

function toSaved(row: SavedRow): SqlSavedQuery {
  return present<SqlSavedQuery>({
    id: row.id,
    name: row.name,
    sql: row.sql,
    engine: engineOf(row.engine),
    database: row.database_name,
    workGroup: row.work_group,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** `%`, `_` and `\` stand for themselves in a search. */
const likePattern = (word: string): string => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export interface SqlHistoryStore {
  history(mode: LabMode, input: SqlHistoryInput): SqlHistoryEntry[];
  record(mode: LabMode, run: SqlRunRecord): SqlHistoryEntry;
  clearHistory(mode: LabMode): number;
  saved(mode: LabMode): SqlSavedQuery[];
  /** Undefined when `input.id` names no saved query of this mode. */
  save(mode: LabMode, input: SqlSaveInput): SqlSavedQuery | undefined;
  rename(mode: LabMode, id: number, name: string): SqlSavedQuery | undefined;
  deleteSaved(mode: LabMode, id: number): boolean;
}

export function openSqlHistoryStore(
  storage: LabStorage,
  now = () => new Date().toISOString(),
): SqlHistoryStore {
  storage.migrate('sql-panel', MIGRATIONS);
  const { db } = storage;
  const statements = {
    insert: db.prepare(
      `INSERT INTO sql_history (mode, engine, sql, database_name, work_group, state, query_execution_id,
         engine_ms, elapsed_ms, bytes_scanned, rows_count, error, at)
       VALUES (@mode, @engine, @sql, @database, @workGroup, @state, @queryExecutionId, @engineMs, @elapsedMs,
         @bytesScanned, @rows, @error, @at)`,
    ),
    entry: db.prepare<[number], HistoryRow>('SELECT * FROM sql_history WHERE id = ?'),
    forget: db.prepare(
      'DELETE FROM sql_history WHERE mode = ? AND id <= (SELECT id FROM sql_history WHERE mode = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
    ),
    clear: db.prepare('DELETE FROM sql_history WHERE mode = ?'),
    saved: db.prepare<[string], SavedRow>(
      'SELECT * FROM sql_saved WHERE mode = ? ORDER BY name COLLATE NOCASE, id',
    ),
    savedOne: db.prepare<[number, string], SavedRow>('SELECT * FROM sql_saved WHERE id = ? AND mode = ?'),
    create: db.prepare(
      `INSERT INTO sql_saved (mode, name, sql, engine, database_name, work_group, created_at, updated_at)
       VALUES (@mode, @name, @sql, @engine, @database, @workGroup, @at, @at)`,
    ),
    update: db.prepare(
      `UPDATE sql_saved SET name = @name, sql = @sql, engine = @engine, database_name = @database,
         work_group = @workGroup, updated_at = @at WHERE id = @id AND mode = @mode`,
    ),
    rename: db.prepare('UPDATE sql_saved SET name = ?, updated_at = ? WHERE id = ? AND mode = ?'),
    delete: db.prepare('DELETE FROM sql_saved WHERE id = ? AND mode = ?'),
  };

  return {
    history(mode, { search, limit = 100 }) {
      const words = (search ?? '').trim().split(/\s+/).filter(Boolean);
      // Every word must appear in the SQL, the database or the error (AND of LIKEs, case-insensitive for ASCII).
      const where = words.map(
        () => "(sql LIKE ? ESCAPE '\\' OR database_name LIKE ? ESCAPE '\\' OR error LIKE ? ESCAPE '\\')",
      );
      const parameters = words.flatMap((word) => [likePattern(word), likePattern(word), likePattern(word)]);
      const rows = db
        .prepare<unknown[], HistoryRow>(
          `SELECT * FROM sql_history WHERE mode = ? ${where.map((clause) => `AND ${clause}`).join(' ')}
           ORDER BY id DESC LIMIT ?`,
        )
        .all(mode, ...parameters, limit);
      return rows.map(toEntry);
    },
    record(mode, run) {
      const { lastInsertRowid } = statements.insert.run({
        mode,
        engine: run.engine,
        sql: run.sql,
        database: run.database ?? null,
        workGroup: run.workGroup ?? null,
        state: run.state,
        queryExecutionId: run.queryExecutionId ?? null,
        engineMs: run.engineMs ?? null,
        elapsedMs: Math.round(run.elapsedMs),
        bytesScanned: run.bytesScanned ?? null,
        rows: run.rows ?? null,
        error: run.error ?? null,
        at: now(),
      });
      statements.forget.run(mode, mode, HISTORY_KEEP);
      const row = statements.entry.get(Number(lastInsertRowid));
      if (!row) throw new Error('The run was not recorded.');
      return toEntry(row);
    },
    clearHistory: (mode) => statements.clear.run(mode).changes,
    saved: (mode) => statements.saved.all(mode).map(toSaved),
    save(mode, input) {
      const values = {
        mode,
        name: input.name,
        sql: input.sql,
        engine: input.engine,
        database: input.database ?? null,
        workGroup: input.workGroup ?? null,
        at: now(),
      };
      let id = input.id;
      if (id === undefined) id = Number(statements.create.run(values).lastInsertRowid);
      else if (statements.update.run({ ...values, id }).changes === 0) return undefined;
      const row = statements.savedOne.get(id, mode);
      return row && toSaved(row);
    },
    rename(mode, id, name) {
      if (statements.rename.run(name, now(), id, mode).changes === 0) return undefined;
      const row = statements.savedOne.get(id, mode);
      return row && toSaved(row);
    },
    deleteSaved: (mode, id) => statements.delete.run(id, mode).changes > 0,
  };
}
