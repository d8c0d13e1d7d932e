import type { LabMode, LessonProgressResetReport } from '../api/contract.js';
import type { LabStorage } from '../cloud/storage/index.js';
import { openProgressStore } from '../lessons/progress.js';

/**
 * Resetting lesson progress for a new class: every step back to "todo" (checks, hints and solutions
 * revealed), and what "Do it for me" recorded as created is forgotten, so a later step reset does
 * not try to remove what the account reset already deleted. Nothing in the cloud is touched.
 */
export function clearLessonProgress(
  storage: LabStorage,
  mode: LabMode,
  /** Every lesson's steps, so tracked resources of steps without progress are cleared too. */
  lessons: ReadonlyArray<{ id: string; steps: readonly string[] }>,
): LessonProgressResetReport {
  const progress = openProgressStore(storage);
  const steps = new Map<string, Set<string>>();
  const add = (lessonId: string, stepId: string) =>
    steps.set(lessonId, (steps.get(lessonId) ?? new Set()).add(stepId));
  for (const lesson of lessons) for (const step of lesson.steps) add(lesson.id, step);
  for (const [lessonId, lessonSteps] of progress.all(mode))
    for (const stepId of lessonSteps.keys()) add(lessonId, stepId);

  let cleared = 0;
  let tracked = 0;
  storage.db.transaction(() => {
    for (const [lessonId, lessonSteps] of steps) {
      const withProgress = progress.lesson(mode, lessonId);
      for (const stepId of lessonSteps) {
        for (const row of progress.tracked(mode, lessonId, stepId)) {
          progress.untrack(row.id);
          tracked += 1;
        }
        if (withProgress.has(stepId)) {
          progress.clearStep(mode, lessonId, stepId);
          cleared += 1;
        }
      }
    }
  })();
  return { steps: cleared, tracked };
}
