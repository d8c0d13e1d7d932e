import { z } from 'zod';
import { cloudSendHandler } from './cloud-send.js';
import type { DomainHandlers } from './types.js';

export const cloudHandlers: DomainHandlers<'cloud'> = {
  'cloud.status': {
    handle: (_input, { cloud }) => cloud.status(),
  },
  'cloud.calls': {
    input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
    handle: ({ limit }, { cloud }) => cloud.recentCalls(limit ?? 50),
  },
  'cloud.send': cloudSendHandler,
};
