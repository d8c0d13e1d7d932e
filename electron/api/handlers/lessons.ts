import { z } from 'zod';
import { LessonsError } from '../../lessons/runtime.js';
import { ApiError, type DomainHandlers } from './types.js';

const language = z.enum(['en', 'fr']);
const lessonId = z
  .string()
  .regex(/^\d{2}-[a-z0-9-]+$/, { error: 'A lesson id is NN-slug, e.g. 03-s3-rule.' });
const stepId = z.string().regex(/^[a-z0-9-]+$/, { error: 'A step id is kebab-case.' });
const stepInput = z.strictObject({ lessonId, stepId });

/** The runtime's refusals keep their code (`Busy`, `UnknownLesson`, `AutomationFailed`, …). */
async function answer<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LessonsError) throw new ApiError(error.code, error.message);
    throw error;
  }
}

export const lessonsHandlers: DomainHandlers<'lessons'> = {
  'lessons.list': {
    input: z.strictObject({ language }),
    handle: ({ language }, { lessons }) => answer(() => lessons.list(language)),
  },
  'lessons.get': {
    input: z.strictObject({ id: lessonId, language }),
    handle: ({ id, language }, { lessons }) => answer(() => lessons.get(id, language)),
  },
  'lessons.check': {
    input: stepInput,
    handle: (input, { lessons }) => answer(() => lessons.check(input.lessonId, input.stepId)),
  },
  'lessons.automate': {
    input: stepInput,
    handle: (input, { lessons }) => answer(() => lessons.automate(input.lessonId, input.stepId)),
  },
  'lessons.markDone': {
    input: z.strictObject({ lessonId, stepId, done: z.boolean() }),
    handle: (input, { lessons }) => answer(() => lessons.markDone(input.lessonId, input.stepId, input.done)),
  },
  'lessons.reveal': {
    input: z.strictObject({
      lessonId,
      stepId,
      what: z.enum(['hint', 'solution']),
      tier: z.number().int().min(1).max(20).optional(),
    }),
    handle: (input, { lessons }) =>
      answer(() => lessons.reveal(input.lessonId, input.stepId, input.what, input.tier ?? 1)),
  },
  'lessons.resetStep': {
    input: stepInput,
    handle: (input, { lessons }) => answer(() => lessons.resetStep(input.lessonId, input.stepId)),
  },
  'lessons.resetLesson': {
    input: z.strictObject({ lessonId }),
    handle: (input, { lessons }) => answer(() => lessons.resetLesson(input.lessonId)),
  },
  'lessons.export': {
    input: z.strictObject({ language }),
    handle: ({ language }, { lessons }) => answer(() => lessons.exportProgress(language)),
  },
};
