import { z } from 'zod';
import { validateTopicFilter } from '../../cloud/iot/rules/sql/index.js';
import { toApiError } from '../cloud-sdk.js';
import { MAX_PUBLISH_BYTES } from '../mqtt-client.js';
import { ApiError, type DomainHandlers } from './types.js';

/** AWS IoT quotas: topics and filters are at most 256 bytes with at most 7 slashes. */
const awsTopicLimits = (value: string): string | undefined => {
  if (Buffer.byteLength(value) > 256) return 'AWS IoT topics are at most 256 bytes long.';
  if (value.split('/').length > 8) return 'AWS IoT topics have at most 7 slashes.';
  if (value.startsWith('$') && !value.startsWith('$aws/'))
    return 'Topics starting with $ are reserved: only $aws/… ones exist on AWS IoT.';
  return undefined;
};

const filter = z.string().superRefine((value, context) => {
  const problem = validateTopicFilter(value) ?? awsTopicLimits(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

const topic = z.string().superRefine((value, context) => {
  let problem: string | undefined;
  if (value.length === 0) problem = 'The topic cannot be empty.';
  else if (/[+#]/.test(value)) problem = 'A topic to publish to cannot hold the wildcards + or #.';
  else if (value.includes('\0')) problem = 'A topic cannot hold a null character.';
  else problem = awsTopicLimits(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

const qos = z.union([z.literal(0), z.literal(1)], { error: 'QoS is 0 or 1 (AWS IoT has no QoS 2).' });

/** The device SDK's failures (a dropped connection, a refused publish) as AWS-shaped errors. */
async function mqttCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const apiError = toApiError(error);
    throw new ApiError(`${what}Failed`, apiError.message);
  }
}

export const mqttHandlers: DomainHandlers<'mqtt'> = {
  'mqtt.status': { handle: (_input, { mqtt }) => mqtt.status() },
  'mqtt.connect': { handle: (_input, { mqtt }) => mqtt.connect() },
  'mqtt.disconnect': { handle: (_input, { mqtt }) => mqtt.disconnect() },
  'mqtt.subscribe': {
    input: z.strictObject({ filter, qos }),
    handle: (input, { mqtt }) => mqttCall('Subscribe', () => mqtt.subscribe(input)),
  },
  'mqtt.unsubscribe': {
    input: z.strictObject({ filter: z.string().min(1).max(1024) }),
    handle: (input, { mqtt }) => mqttCall('Unsubscribe', () => mqtt.unsubscribe(input)),
  },
  'mqtt.publish': {
    input: z.strictObject({
      topic,
      qos,
      payload: z.string().refine((value) => Buffer.byteLength(value) <= MAX_PUBLISH_BYTES, {
        error: 'AWS IoT messages are at most 128 KiB.',
      }),
    }),
    handle: (input, { mqtt }) => mqttCall('Publish', () => mqtt.publish(input)),
  },
};
