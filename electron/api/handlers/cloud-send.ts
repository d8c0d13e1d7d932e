import { z } from 'zod';
import { isCloudSendInput } from '../cloud-sdk.js';
import type { CloudSendInput } from '../contract.js';
import type { RequestHandler } from './types.js';

/** `cloud.send`: an operation of the allow-list, its input an object; the SDK checks the rest. */
export const cloudSendHandler: RequestHandler<'cloud.send'> = {
  input: z.custom<CloudSendInput>(isCloudSendInput, {
    error: 'Expected { service, operation, input } naming an operation the console may send.',
  }),
  handle: (input, { cloudConsole }) => cloudConsole.sdk.send(input),
};
