import { z } from 'zod';
import type { DomainHandlers } from './types.js';

/** AWS: bucket names are 3–63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
  error:
    'A bucket name has 3 to 63 lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit.',
});

export const fleetHandlers: DomainHandlers<'fleet'> = {
  'fleet.provision': {
    input: z.strictObject({ templatesBucket: bucketName.optional() }),
    handle: (input, { stations }) => stations.provision(input),
  },
};
