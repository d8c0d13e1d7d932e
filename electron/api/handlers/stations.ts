import { z } from 'zod';
import type { DomainHandlers } from './types.js';

/** NOAA's ISD archive starts in 1901. */
const year = z.number().int().min(1901).max(2100);

export const stationIds = z.array(z.string()).min(1).max(50);

const source = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('noaa') }),
  z.strictObject({
    kind: z.literal('mirror'),
    location: z
      .string()
      .trim()
      .min(1, { error: 'Give the mirror folder (or URL) to copy the files from.' })
      .max(4096),
  }),
]);

export const stationsHandlers: DomainHandlers<'stations'> = {
  'stations.list': {
    input: z.strictObject({ year: year.optional() }),
    handle: ({ year }, { stations }) => stations.list(year),
  },
  'stations.fetch': {
    input: z.strictObject({ year, source, stations: stationIds.optional() }),
    handle: (input, { stations }) => stations.fetch(input),
  },
};
