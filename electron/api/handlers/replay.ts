import { z } from 'zod';
import type { SpeedupRange } from '../contract.js';
import { MAX_SPEEDUP, MIN_SPEEDUP } from '../../stations/replay/index.js';
import { stationIds } from './stations.js';
import type { DomainHandlers } from './types.js';

/** The contract's literal range: if the replayer's limits change, this line stops compiling. */
const speedup: SpeedupRange = { min: MIN_SPEEDUP, max: MAX_SPEEDUP };
const speedupError = `The speed-up must be between ×${speedup.min} and ×${speedup.max.toLocaleString('en')}.`;

const pace = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lab') }),
  z.strictObject({
    kind: z.literal('speedup'),
    factor: z
      .number({ error: speedupError })
      .min(speedup.min, { error: speedupError })
      .max(speedup.max, { error: speedupError }),
  }),
  z.strictObject({ kind: z.literal('max') }),
]);

/** A topic a device may publish to, as AWS IoT accepts it. */
const topic = z
  .string()
  .min(1, { error: 'The topic cannot be empty.' })
  .refine((value) => !/[+#]/.test(value), {
    error: 'A topic to publish to cannot hold the wildcards + or #.',
  })
  .refine((value) => !value.startsWith('$'), { error: 'Topics starting with $ are reserved (e.g. $aws/…).' })
  .refine((value) => Buffer.byteLength(value) <= 256, { error: 'AWS IoT topics are at most 256 bytes long.' })
  // AWS IoT quota: at most 7 forward slashes in a topic.
  .refine((value) => value.split('/').length <= 8, { error: 'AWS IoT topics have at most 7 slashes.' })
  .refine((value) => !value.includes('\0'), { error: 'A topic cannot hold a null character.' });

export const replayHandlers: DomainHandlers<'replay'> = {
  'replay.start': {
    input: z.strictObject({
      topic: topic.optional(),
      pace,
      timestamps: z.enum(['recorded', 'now']),
      loop: z.boolean(),
      stations: stationIds.optional(),
      limit: z.number().int().min(1).max(1_000_000).optional(),
      year: z.number().int().min(1901).max(2100).optional(),
    }),
    handle: (input, { replay }) => replay.start(input),
  },
  'replay.pause': { handle: (_input, { replay }) => replay.pause() },
  'replay.resume': { handle: (_input, { replay }) => replay.resume() },
  'replay.stop': { handle: (_input, { replay }) => replay.stop() },
  'replay.status': { handle: (_input, { replay }) => replay.status() },
};
