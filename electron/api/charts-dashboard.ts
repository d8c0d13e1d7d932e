import { randomUUID } from 'node:crypto';
import type { ChartQuery, ChartSaveInput, ChartSpec, LabMode, SavedChart } from './contract.js';
import type { LabStorage } from '../cloud/storage/index.js';

/**
 * The Charts page's dashboard (the lab's QuickSight step), in the lab's SQLite file beside lesson
 * progress and the SQL history: each chart keeps its spec and its query, so the dashboard runs the
 * query again to draw it with the lake as it is now. Each mode (offline, AWS) has its own dashboard.
 */

const MIGRATIONS = [
  `CREATE TABLE dashboard_charts (
     id TEXT PRIMARY KEY,
     mode TEXT NOT NULL,
     position INTEGER NOT NULL,
     title TEXT NOT NULL,
     spec TEXT NOT NULL,
     source TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
  'CREATE INDEX dashboard_charts_mode ON dashboard_charts (mode, position)',
];

interface ChartRow {
  id: string;
  title: string;
  spec: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface DashboardStore {
  list(mode: LabMode): SavedChart[];
  /** Undefined when `input.id` names no chart of this mode. */
  save(mode: LabMode, input: ChartSaveInput): SavedChart | undefined;
  /** False when there was no such chart. */
  remove(mode: LabMode, id: string): boolean;
  /** False when there was no such chart. */
  move(mode: LabMode, id: string, position: number): boolean;
}

const toChart = (row: ChartRow): SavedChart => ({
  id: row.id,
  title: row.title,
  spec: JSON.parse(row.spec) as ChartSpec,
  source: JSON.parse(row.source) as ChartQuery,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function openDashboardStore(
  storage: LabStorage,
  now = () => new Date().toISOString(),
): DashboardStore {
  storage.migrate('charts', MIGRATIONS);
  const { db } = storage;
  const statements = {
    list: db.prepare<[string], ChartRow>(
      'SELECT * FROM dashboard_charts WHERE mode = ? ORDER BY position, created_at',
    ),
    get: db.prepare<[string, string], ChartRow>('SELECT * FROM dashboard_charts WHERE mode = ? AND id = ?'),
    next: db.prepare<[string], { position: number | null }>(
      'SELECT MAX(position) + 1 AS position FROM dashboard_charts WHERE mode = ?',
    ),
    insert: db.prepare(
      `INSERT INTO dashboard_charts (id, mode, position, title, spec, source, created_at, updated_at)
       VALUES (@id, @mode, @position, @title, @spec, @source, @at, @at)`,
    ),
    update: db.prepare(
      `UPDATE dashboard_charts SET title = @title, spec = @spec, source = @source, updated_at = @at
       WHERE mode = @mode AND id = @id`,
    ),
    remove: db.prepare('DELETE FROM dashboard_charts WHERE mode = ? AND id = ?'),
    place: db.prepare('UPDATE dashboard_charts SET position = ? WHERE mode = ? AND id = ?'),
  };

  const renumber = (mode: LabMode, ids: readonly string[]): void => {
    ids.forEach((id, position) => statements.place.run(position, mode, id));
  };

  return {
    list: (mode) => statements.list.all(mode).map(toChart),
    save(mode, input) {
      const values = {
        mode,
        title: input.title,
        spec: JSON.stringify(input.spec),
        source: JSON.stringify(input.source),
        at: now(),
      };
      if (input.id !== undefined) {
        const changed = statements.update.run({ ...values, id: input.id }).changes > 0;
        const row = changed ? statements.get.get(mode, input.id) : undefined;
        return row && toChart(row);
      }
      const id = randomUUID();
      statements.insert.run({ ...values, id, position: statements.next.get(mode)?.position ?? 0 });
      const row = statements.get.get(mode, id);
      return row && toChart(row);
    },
    remove(mode, id) {
      return db.transaction(() => {
        const removed = statements.remove.run(mode, id).changes > 0;
        if (removed)
          renumber(
            mode,
            statements.list.all(mode).map((row) => row.id),
          );
        return removed;
      })();
    },
    move(mode, id, position) {
      return db.transaction(() => {
        const ids = statements.list.all(mode).map((row) => row.id);
        const from = ids.indexOf(id);
        if (from === -1) return false;
        ids.splice(from, 1);
        ids.splice(Math.max(0, Math.min(ids.length, position)), 0, id);
        renumber(mode, ids);
        return true;
      })();
    },
  };
}
