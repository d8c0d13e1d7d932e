import { z } from 'zod';
import { AwsSessionError } from '../../aws/session.js';
import type { AwsStatus } from '../contract.js';
import { ApiError, type DomainHandlers } from './types.js';

const mode = z.enum(['offline', 'aws']);

/** The session's refusals keep their code (`MissingCredentialKey`, `InvalidClientTokenId`, …). */
async function answered(work: () => Promise<AwsStatus>): Promise<AwsStatus> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AwsSessionError) throw new ApiError(error.code, error.message);
    throw error;
  }
}

export const awsHandlers: DomainHandlers<'aws'> = {
  'aws.status': {
    handle: (_input, { aws }) => aws.session.status(),
  },
  'aws.profiles': {
    handle: (_input, { aws }) => aws.profiles(),
  },
  'aws.connect': {
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        // An Academy block is ~1.5 KB; a whole credentials file with many profiles stays far below this.
        z.strictObject({ kind: z.literal('block'), text: z.string().max(64 * 1024) }),
        z.strictObject({ kind: z.literal('profile'), name: z.string().min(1).max(128) }),
        z.strictObject({ kind: z.literal('environment') }),
      ]),
      region: z.string().max(32).optional(),
      endpointOverride: z.string().max(512).optional(),
    }),
    handle: (input, { aws }) => answered(() => aws.session.connect(input)),
  },
  'aws.setMode': {
    input: z.strictObject({ mode }),
    handle: ({ mode: next }, { aws }) => answered(() => aws.session.setMode(next)),
  },
  'aws.forget': {
    handle: (_input, { aws }) => answered(() => aws.session.forget()),
  },
  'aws.calls': {
    input: z.strictObject({
      limit: z.number().int().min(1).max(1000).optional(),
      service: z.string().max(32).optional(),
      result: z.enum(['ok', 'error']).optional(),
    }),
    handle: (input, { aws }) => aws.calls(input),
  },
  'aws.cost': {
    handle: (_input, { cost }) => cost(),
  },
};
