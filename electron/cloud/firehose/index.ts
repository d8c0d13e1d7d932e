import type { ServiceEndpoint } from '../gateway/types.js';
import { createAwsJsonService, type JsonOperation } from '../protocols/aws-json.js';
import type { LocalS3 } from '../s3/index.js';
import type { LabStorage } from '../storage/index.js';
import { FAULT_INJECTION_SETTING, type FaultInjection, type FirehoseContext } from './context.js';
import { createDeliveryEngine, type FirehoseBufferStatus } from './delivery.js';
import { blobValue, constraint, requireActiveStream, validationErrors } from './operations/common.js';
import { MAX_RECORD_BYTES, PutRecord, PutRecordBatch } from './operations/records.js';
import {
  CreateDeliveryStream,
  DeleteDeliveryStream,
  DescribeDeliveryStream,
  ListDeliveryStreams,
  UpdateDestination,
} from './operations/streams.js';
import { openFirehoseStore } from './store.js';

export type { FaultInjection } from './context.js';
export { FAULT_INJECTION_SETTING } from './context.js';
export type { DeliveryError, FirehoseBufferStatus } from './delivery.js';

export interface FirehoseServiceOptions {
  /** How long a new delivery stream stays CREATING (default 1000 ms); puts fail until then, as on AWS. */
  activationMs?: number;
  /** Epoch milliseconds (default `Date.now`): arrival times, CREATING → ACTIVE. */
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Kinesis Data Firehose for the local cloud: the awsJson1_1 endpoint for the gateway, and the
 * in-process door the IoT rules engine's `firehose` action uses.
 */
export interface LocalFirehose {
  /** awsJson1_1, `X-Amz-Target: Firehose_20150804.<Operation>`, signing name `firehose`. */
  endpoint: ServiceEndpoint;
  /**
   * Buffers records for a stream: durable (in SQLite) when this returns, delivered to S3 later as
   * AWS would. One transaction for all of them. Throws AwsError: ResourceNotFoundException for a
   * missing or still CREATING stream, ValidationException for a record over 1,000 KiB (then
   * nothing is buffered). Unlike PutRecordBatch, no 500-record / 4 MiB cap per call.
   */
  putRecords(streamName: string, records: readonly Uint8Array[]): void;
  /** Every stream's buffer, for the UI (bytes, records, seconds until delivery, last error). */
  bufferStatus(): FirehoseBufferStatus[];
  /** Delivers every buffer now, whatever its size and age (failed deliveries stay buffered). */
  flushAll(): void;
  /** Flushes every buffer, then stops the timer; puts fail afterwards. Call before closing the storage. */
  stop(): Promise<void>;
}

const DEFAULT_ACTIVATION_MS = 1000;

function readFaultInjection(storage: LabStorage): FaultInjection | undefined {
  const text = storage.getSetting(FAULT_INJECTION_SETTING);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<FaultInjection> | null;
    if (typeof value?.deliveryStreamName !== 'string' || typeof value.everyNth !== 'number') return undefined;
    return value as FaultInjection;
  } catch {
    return undefined;
  }
}

export function createFirehoseService(
  storage: LabStorage,
  s3: LocalS3,
  options: FirehoseServiceOptions = {},
): LocalFirehose {
  const now = options.now ?? Date.now;
  const store = openFirehoseStore(storage);
  const delivery = createDeliveryEngine({ store, s3, now, ...(options.log ? { log: options.log } : {}) });
  const context: FirehoseContext = {
    store,
    delivery,
    identity: storage.identity,
    now,
    activationMs: options.activationMs ?? DEFAULT_ACTIVATION_MS,
    faultInjection: () => readFaultInjection(storage),
  };
  // The codec hands over parsed JSON; each operation checks its input as Firehose's request model does.
  const bind =
    <I, O>(operation: (context: FirehoseContext, input: I) => O): JsonOperation =>
    (input) =>
      operation(context, input as I);
  const endpoint = createAwsJsonService({
    signingNames: ['firehose'],
    targetPrefix: 'Firehose_20150804',
    version: '1.1',
    operations: {
      CreateDeliveryStream: bind(CreateDeliveryStream),
      DescribeDeliveryStream: bind(DescribeDeliveryStream),
      ListDeliveryStreams: bind(ListDeliveryStreams),
      DeleteDeliveryStream: bind(DeleteDeliveryStream),
      UpdateDestination: bind(UpdateDestination),
      PutRecord: bind(PutRecord),
      PutRecordBatch: bind(PutRecordBatch),
    },
  });

  return {
    endpoint,
    putRecords(streamName, records) {
      const stream = requireActiveStream(context, streamName);
      const errors: string[] = [];
      records.forEach((record, i) => {
        if (record.length > MAX_RECORD_BYTES) {
          errors.push(
            constraint(
              blobValue(record.length),
              `records.${i + 1}.member.data`,
              `Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
            ),
          );
        }
      });
      if (errors.length > 0) throw validationErrors(errors);
      delivery.append(stream, records);
    },
    bufferStatus: () => delivery.status(),
    flushAll: () => delivery.flushAll(),
    stop() {
      delivery.stop();
      return Promise.resolve();
    },
  };
}
