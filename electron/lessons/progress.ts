import type { CheckOutcome, LabMode, StepProgress } from '../api/contract.js';
import type { LabStorage } from '../cloud/storage/index.js';
import type { TrackedResource } from './context.js';

/**
 * Lesson progress in the lab's SQLite file: one lab folder is one profile, and each mode (offline,
 * AWS) has its own progress. Alongside it, what each step's "Do it for me" created, changed or
 * started, so that resetting the step undoes exactly that.
 */

const MIGRATIONS = [
  `CREATE TABLE lesson_steps (
     mode TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     step_id TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'todo',
     completed_by TEXT,
     completed_at TEXT,
     last_check TEXT,
     checks INTEGER NOT NULL DEFAULT 0,
     automations INTEGER NOT NULL DEFAULT 0,
     hints_revealed INTEGER NOT NULL DEFAULT 0,
     solution_revealed INTEGER NOT NULL DEFAULT 0,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (mode, lesson_id, step_id))`,
  `CREATE TABLE lesson_resources (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     mode TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     step_id TEXT NOT NULL,
     action TEXT NOT NULL,
     kind TEXT NOT NULL,
     name TEXT NOT NULL,
     data TEXT,
     created_at TEXT NOT NULL)`,
  'CREATE INDEX lesson_resources_step ON lesson_resources (mode, lesson_id, step_id)',
];

/** `created`: a reset removes it; `updated`: a reset puts `data.previous` back; `started`: a reset stops it. */
export type TrackAction = 'created' | 'updated' | 'started';

export interface TrackedRow extends TrackedResource {
  id: number;
  action: TrackAction;
  lessonId: string;
  stepId: string;
}

interface StepRow {
  lesson_id: string;
  step_id: string;
  status: string;
  completed_by: string | null;
  completed_at: string | null;
  last_check: string | null;
  checks: number;
  automations: number;
  hints_revealed: number;
  solution_revealed: number;
}

interface ResourceRow {
  id: number;
  lesson_id: string;
  step_id: string;
  action: string;
  kind: string;
  name: string;
  data: string | null;
}

export const EMPTY_PROGRESS: StepProgress = {
  status: 'todo',
  checks: 0,
  automations: 0,
  hintsRevealed: 0,
  solutionRevealed: false,
};

function toProgress(row: StepRow | undefined): StepProgress {
  if (!row) return { ...EMPTY_PROGRESS };
  return {
    status: row.status === 'done' ? 'done' : 'todo',
    ...(row.completed_by === 'check' || row.completed_by === 'manual'
      ? { completedBy: row.completed_by }
      : {}),
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    ...(row.last_check ? { lastCheck: JSON.parse(row.last_check) as CheckOutcome } : {}),
    checks: row.checks,
    automations: row.automations,
    hintsRevealed: row.hints_revealed,
    solutionRevealed: row.solution_revealed === 1,
  };
}

export interface ProgressStore {
  step(mode: LabMode, lessonId: string, stepId: string): StepProgress;
  /** Step id → progress, for the steps that have any. */
  lesson(mode: LabMode, lessonId: string): Map<string, StepProgress>;
  /** Lesson id → step id → progress. */
  all(mode: LabMode): Map<string, Map<string, StepProgress>>;
  /** Counts the check; a green one marks the step done (and it stays done until a reset). */
  recordCheck(mode: LabMode, lessonId: string, stepId: string, outcome: CheckOutcome): StepProgress;
  recordAutomation(mode: LabMode, lessonId: string, stepId: string): StepProgress;
  markDone(mode: LabMode, lessonId: string, stepId: string, done: boolean, at: string): StepProgress;
  recordReveal(
    mode: LabMode,
    lessonId: string,
    stepId: string,
    what: 'hint' | 'solution',
    tier: number,
  ): StepProgress;
  clearStep(mode: LabMode, lessonId: string, stepId: string): void;
  track(
    mode: LabMode,
    lessonId: string,
    stepId: string,
    action: TrackAction,
    resource: TrackedResource,
  ): void;
  /** In the order they were recorded. */
  tracked(mode: LabMode, lessonId: string, stepId: string): TrackedRow[];
  untrack(id: number): void;
}

export function openProgressStore(storage: LabStorage): ProgressStore {
  storage.migrate('lessons', MIGRATIONS);
  const { db } = storage;
  const now = () => new Date().toISOString();
  const statements = {
    step: db.prepare<[string, string, string], StepRow>(
      'SELECT * FROM lesson_steps WHERE mode = ? AND lesson_id = ? AND step_id = ?',
    ),
    lesson: db.prepare<[string, string], StepRow>(
      'SELECT * FROM lesson_steps WHERE mode = ? AND lesson_id = ?',
    ),
    all: db.prepare<[string], StepRow>('SELECT * FROM lesson_steps WHERE mode = ?'),
    ensure: db.prepare(
      'INSERT INTO lesson_steps (mode, lesson_id, step_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    check: db.prepare(
      `UPDATE lesson_steps SET checks = checks + 1, last_check = @lastCheck, updated_at = @at,
         status = CASE WHEN @ok THEN 'done' ELSE status END,
         completed_by = CASE WHEN @ok AND status <> 'done' THEN 'check' ELSE completed_by END,
         completed_at = CASE WHEN @ok AND status <> 'done' THEN @at ELSE completed_at END
       WHERE mode = @mode AND lesson_id = @lessonId AND step_id = @stepId`,
    ),
    automation: db.prepare(
      'UPDATE lesson_steps SET automations = automations + 1, updated_at = ? WHERE mode = ? AND lesson_id = ? AND step_id = ?',
    ),
    markDone: db.prepare(
      `UPDATE lesson_steps SET status = @status, completed_by = @by, completed_at = @completedAt, updated_at = @at
       WHERE mode = @mode AND lesson_id = @lessonId AND step_id = @stepId`,
    ),
    hint: db.prepare(
      'UPDATE lesson_steps SET hints_revealed = MAX(hints_revealed, ?), updated_at = ? WHERE mode = ? AND lesson_id = ? AND step_id = ?',
    ),
    solution: db.prepare(
      'UPDATE lesson_steps SET solution_revealed = 1, updated_at = ? WHERE mode = ? AND lesson_id = ? AND step_id = ?',
    ),
    clear: db.prepare('DELETE FROM lesson_steps WHERE mode = ? AND lesson_id = ? AND step_id = ?'),
    track: db.prepare(
      'INSERT INTO lesson_resources (mode, lesson_id, step_id, action, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    tracked: db.prepare<[string, string, string], ResourceRow>(
      'SELECT id, lesson_id, step_id, action, kind, name, data FROM lesson_resources WHERE mode = ? AND lesson_id = ? AND step_id = ? ORDER BY id',
    ),
    untrack: db.prepare('DELETE FROM lesson_resources WHERE id = ?'),
  };

  const step = (mode: LabMode, lessonId: string, stepId: string) =>
    toProgress(statements.step.get(mode, lessonId, stepId));
  const ensure = (mode: LabMode, lessonId: string, stepId: string) =>
    statements.ensure.run(mode, lessonId, stepId, now());
  const group = (rows: StepRow[]) => new Map(rows.map((row) => [row.step_id, toProgress(row)]));

  return {
    step,
    lesson: (mode, lessonId) => group(statements.lesson.all(mode, lessonId)),
    all(mode) {
      const lessons = new Map<string, Map<string, StepProgress>>();
      for (const row of statements.all.all(mode)) {
        const steps = lessons.get(row.lesson_id) ?? new Map<string, StepProgress>();
        steps.set(row.step_id, toProgress(row));
        lessons.set(row.lesson_id, steps);
      }
      return lessons;
    },
    recordCheck(mode, lessonId, stepId, outcome) {
      ensure(mode, lessonId, stepId);
      statements.check.run({
        mode,
        lessonId,
        stepId,
        ok: outcome.ok ? 1 : 0,
        lastCheck: JSON.stringify(outcome),
        at: outcome.at,
      });
      return step(mode, lessonId, stepId);
    },
    recordAutomation(mode, lessonId, stepId) {
      ensure(mode, lessonId, stepId);
      statements.automation.run(now(), mode, lessonId, stepId);
      return step(mode, lessonId, stepId);
    },
    markDone(mode, lessonId, stepId, done, at) {
      ensure(mode, lessonId, stepId);
      statements.markDone.run({
        mode,
        lessonId,
        stepId,
        status: done ? 'done' : 'todo',
        by: done ? 'manual' : null,
        completedAt: done ? at : null,
        at,
      });
      return step(mode, lessonId, stepId);
    },
    recordReveal(mode, lessonId, stepId, what, tier) {
      ensure(mode, lessonId, stepId);
      if (what === 'hint') statements.hint.run(tier, now(), mode, lessonId, stepId);
      else statements.solution.run(now(), mode, lessonId, stepId);
      return step(mode, lessonId, stepId);
    },
    clearStep(mode, lessonId, stepId) {
      statements.clear.run(mode, lessonId, stepId);
    },
    track(mode, lessonId, stepId, action, resource) {
      statements.track.run(
        mode,
        lessonId,
        stepId,
        action,
        resource.kind,
        resource.name,
        resource.data ? JSON.stringify(resource.data) : null,
        now(),
      );
    },
    tracked(mode, lessonId, stepId) {
      return statements.tracked.all(mode, lessonId, stepId).map((row) => ({
        id: row.id,
        lessonId: row.lesson_id,
        stepId: row.step_id,
        action: row.action as TrackAction,
        kind: row.kind as TrackedResource['kind'],
        name: row.name,
        ...(row.data ? { data: JSON.parse(row.data) as Record<string, unknown> } : {}),
      }));
    },
    untrack(id) {
      statements.untrack.run(id);
    },
  };
}
