import type { LabIdentity } from '../storage/index.js';
import type { DeliveryEngine } from './delivery.js';
import type { FirehoseStore } from './store.js';

/**
 * Fault injection for PutRecordBatch, read from the lab setting `firehose.faultInjection` (JSON), so
 * lessons and tests can show what partial failures look like (FailedPutCount > 0). AWS only fails
 * single records under throttling or internal errors, which never happen offline otherwise.
 */
export interface FaultInjection {
  /** The stream whose batches fail partly. */
  deliveryStreamName: string;
  /** Every n-th record of each batch fails (indexes n-1, 2n-1, …). */
  everyNth: number;
  errorCode?: 'ServiceUnavailableException' | 'InternalFailure';
}

export const FAULT_INJECTION_SETTING = 'firehose.faultInjection';

/** What every Firehose operation works with. */
export interface FirehoseContext {
  store: FirehoseStore;
  delivery: DeliveryEngine;
  identity: LabIdentity;
  /** Epoch ms; injectable so tests can drive the CREATING phase. */
  now(): number;
  /** How long a new stream stays CREATING. */
  activationMs: number;
  faultInjection(): FaultInjection | undefined;
}
