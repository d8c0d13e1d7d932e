import { z } from 'zod';
import type { DomainHandlers } from './types.js';

export const iotHandlers: DomainHandlers<'iot'> = {
  'iot.caCertificate': {
    handle: (_input, { cloudConsole }) => cloudConsole.caCertificate(),
  },
  'iot.registrationReport': {
    input: z.strictObject({ taskId: z.string().min(1).max(40), reportType: z.enum(['RESULTS', 'ERRORS']) }),
    handle: (input, { cloudConsole }) => cloudConsole.registrationReport(input),
  },
};
