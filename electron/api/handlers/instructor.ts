import { z } from 'zod';
import type { DomainHandlers } from './types.js';

const scope = z.enum(['lab', 'all-tp']);

export const instructorHandlers: DomainHandlers<'instructor'> = {
  'instructor.inventory': {
    input: z.strictObject({ scope }),
    handle: ({ scope }, { instructor }) => instructor.inventory(scope),
  },
  'instructor.resetAccount': {
    input: z.strictObject({
      scope,
      accountId: z.string().regex(/^\d{12}$/, { error: 'An AWS account id is twelve digits.' }),
      dryRun: z.boolean().optional(),
    }),
    handle: (input, { instructor }) => instructor.resetAccount(input),
  },
  'instructor.resetLabFolder': {
    input: z.strictObject({
      confirm: z.literal('reset', { error: 'Confirm the lab folder reset with "reset".' }),
    }),
    handle: (_input, { instructor }) => instructor.resetLabFolder(),
  },
  'instructor.resetLessonProgress': {
    handle: (_input, { instructor }) => instructor.resetLessonProgress(),
  },
};
