import { gzipSync } from 'node:zlib';
import { AwsError, isAwsError } from '../protocols/aws-error.js';
import type { LocalS3 } from '../s3/index.js';
import {
  deliveryReason,
  limitsOf,
  nextAttemptAt,
  retryDelayMs,
  secondsUntilFlush,
  type BufferLimits,
  type BufferState,
  type RetryState,
} from './buffering.js';
import { compilePrefixes, fileExtension, objectKey, type CompiledPrefixes } from './object-key.js';
import type { FirehoseStore, StreamRecord } from './store.js';

/**
 * The durable buffer's delivery side: one timer for all streams, armed for the earliest due
 * delivery; each delivery writes ONE S3 object, then deletes its records in one transaction.
 * A crash between the two redelivers them on the next start (at-least-once, like AWS); a clean
 * stop delivers everything first, so nothing is delivered twice.
 */

export interface DeliveryError {
  /** The S3 error code (NoSuchBucket, …) or InternalError. */
  code: string;
  message: string;
  /** Epoch ms of the last failed attempt. */
  at: number;
  /** Failed attempts in a row. */
  attempts: number;
}

/** One stream's buffer as the UI shows it. */
export interface FirehoseBufferStatus {
  streamName: string;
  bytes: number;
  records: number;
  oldestRecordAgeMs: number | null;
  /** Seconds until the next delivery attempt (0: due now); null when the buffer is empty. */
  secondsUntilFlush: number | null;
  sizeLimitBytes: number;
  intervalSeconds: number;
  deliveredObjects: number;
  deliveredRecords: number;
  /** Epoch ms of the last object written; null before the first. */
  lastDeliveryAt: number | null;
  /** Set while deliveries fail; the records stay buffered and are retried. */
  lastDeliveryError?: DeliveryError;
}

export interface DeliveryEngine {
  /** Stores records (durable when this returns) and schedules their delivery. */
  append(stream: StreamRecord, records: readonly Uint8Array[]): void;
  /** Delivers everything the stream buffers now, with its current configuration; false if S3 refused. */
  drain(stream: StreamRecord): boolean;
  /** A stream's configuration changed: its limits may bring a delivery forward. */
  reschedule(): void;
  forget(streamId: number): void;
  status(): FirehoseBufferStatus[];
  flushAll(): void;
  stop(): void;
}

interface StreamState {
  buffer: BufferState;
  retry?: RetryState;
  lastError?: DeliveryError;
  deliveredObjects: number;
  deliveredRecords: number;
  lastDeliveryAt?: number;
}

export interface DeliveryOptions {
  store: FirehoseStore;
  s3: LocalS3;
  now: () => number;
  log?: (line: string) => void;
}

/** `arn:aws:s3:::bucket` → `bucket`. */
export function bucketOf(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(':::') + 3);
}

function limitsOfStream(stream: StreamRecord): BufferLimits {
  return limitsOf(stream.destination.sizeInMBs, stream.destination.intervalInSeconds);
}

export function createDeliveryEngine({ store, s3, now, log }: DeliveryOptions): DeliveryEngine {
  const states = new Map<number, StreamState>();
  const prefixes = new Map<number, { version: number; compiled: CompiledPrefixes }>();
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let stopped = false;

  const stateOf = (streamId: number): StreamState => {
    let state = states.get(streamId);
    if (!state) {
      state = {
        buffer: { bytes: 0, records: 0, oldestArrival: undefined },
        deliveredObjects: 0,
        deliveredRecords: 0,
      };
      states.set(streamId, state);
    }
    return state;
  };
  for (const [streamId, buffer] of store.bufferStates()) stateOf(streamId).buffer = buffer;

  const compiledPrefixes = (stream: StreamRecord): CompiledPrefixes => {
    const cached = prefixes.get(stream.id);
    if (cached?.version === stream.version) return cached.compiled;
    const compiled = compilePrefixes(stream.destination.prefix, stream.destination.errorOutputPrefix);
    prefixes.set(stream.id, { version: stream.version, compiled });
    return compiled;
  };

  const recordFailure = (stream: StreamRecord, state: StreamState, error: unknown): void => {
    const at = now();
    const attempts = (state.retry?.attempts ?? 0) + 1;
    state.retry = { attempts, notBefore: at + retryDelayMs(attempts) };
    const code = isAwsError(error) ? error.code : 'InternalError';
    const message = error instanceof Error ? error.message : String(error);
    state.lastError = { code, message, at, attempts };
    // Offline the records are kept and retried for as long as it takes (AWS gives up after 24 h; see README).
    if (attempts === 1)
      log?.(`firehose ${stream.name}: delivery to S3 failed (${code}: ${message}); records kept, retrying`);
  };

  /** Writes one object of the oldest records; false when there was nothing to write or S3 refused. */
  const deliverObject = (stream: StreamRecord, state: StreamState): boolean => {
    const { destination } = stream;
    const records = store.readObjectRecords(stream.id, limitsOfStream(stream).sizeBytes);
    if (!records) {
      state.buffer = { bytes: 0, records: 0, oldestArrival: undefined };
      return false;
    }
    try {
      const body = Buffer.concat(records.data, records.bytes);
      const key = objectKey({
        prefix: compiledPrefixes(stream).prefix,
        streamName: stream.name,
        version: stream.version,
        // AWS: timestamps in the prefix and name are the arrival of the oldest record in the object.
        instantMs: records.oldestArrival,
        ...(destination.customTimeZone ? { timeZone: destination.customTimeZone } : {}),
        extension: fileExtension(destination.compression, destination.fileExtension),
      });
      s3.PutObject({
        Bucket: bucketOf(destination.bucketArn),
        Key: key,
        // AWS: the object is the records concatenated byte for byte, no separator added.
        Body: destination.compression === 'GZIP' ? gzipSync(body) : body,
        ContentType: 'application/octet-stream',
      });
    } catch (error) {
      recordFailure(stream, state, error);
      return false;
    }
    store.removeDelivered(stream.id, records);
    // The table is the truth: counts made by a put whose enclosing transaction rolled back are dropped here.
    const oldestArrival = store.oldestArrival(stream.id);
    state.buffer =
      oldestArrival === undefined
        ? { bytes: 0, records: 0, oldestArrival: undefined }
        : {
            bytes: Math.max(0, state.buffer.bytes - records.bytes),
            records: Math.max(1, state.buffer.records - records.count),
            oldestArrival,
          };
    if (state.lastError)
      log?.(
        `firehose ${stream.name}: delivery to S3 works again after ${state.lastError.attempts} failed attempts`,
      );
    state.retry = undefined;
    state.lastError = undefined;
    state.deliveredObjects++;
    state.deliveredRecords += records.count;
    state.lastDeliveryAt = now();
    return true;
  };

  /** Delivers while a buffer condition holds (or, for `all`, until the buffer is empty). */
  const deliver = (stream: StreamRecord, state: StreamState, all: boolean): boolean => {
    const limits = limitsOfStream(stream);
    while (all ? state.buffer.records > 0 : deliveryReason(state.buffer, limits, now()) !== undefined) {
      if (!deliverObject(stream, state)) return state.buffer.records === 0;
    }
    return true;
  };

  const schedule = (at: number): void => {
    if (stopped || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(tick, Math.max(0, at - now()));
    timer.unref();
  };

  const armTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
    for (const [streamId, state] of states) {
      const stream = store.getStreamById(streamId);
      const at = stream && nextAttemptAt(state.buffer, limitsOfStream(stream), state.retry);
      if (at !== undefined) schedule(at);
    }
  };

  function tick(): void {
    timer = undefined;
    timerAt = Infinity;
    const current = now();
    for (const [streamId, state] of states) {
      const stream = store.getStreamById(streamId);
      const at = stream && nextAttemptAt(state.buffer, limitsOfStream(stream), state.retry);
      if (!stream || at === undefined || at > current) continue;
      try {
        deliver(stream, state, false);
      } catch (error) {
        // A timer callback must not throw: the records stay buffered and the attempt is retried.
        recordFailure(stream, state, error);
      }
    }
    armTimer();
  }

  function flushAll(): void {
    for (const [streamId, state] of states) {
      const stream = store.getStreamById(streamId);
      if (stream) deliver(stream, state, true);
    }
    armTimer();
  }

  // Records left by a crash keep their original arrival times, so they go out on their normal schedule.
  armTimer();

  return {
    append(stream, records) {
      if (stopped) throw new AwsError('ServiceUnavailableException', 'The local cloud is stopping.', 503);
      if (records.length === 0) return;
      const arrivedAt = now();
      store.appendRecords(stream.id, arrivedAt, records);
      const state = stateOf(stream.id);
      let bytes = 0;
      for (const record of records) bytes += record.length;
      state.buffer = {
        bytes: state.buffer.bytes + bytes,
        records: state.buffer.records + records.length,
        oldestArrival: state.buffer.oldestArrival ?? arrivedAt,
      };
      // Size-triggered deliveries happen on the next turn of the event loop, never inside the put.
      const at = nextAttemptAt(state.buffer, limitsOfStream(stream), state.retry);
      if (at !== undefined) schedule(at);
    },
    drain(stream) {
      const state = states.get(stream.id);
      return state ? deliver(stream, state, true) : true;
    },
    reschedule: armTimer,
    forget(streamId) {
      states.delete(streamId);
      prefixes.delete(streamId);
    },
    status() {
      const current = now();
      return store.streams().map((stream) => {
        const state = states.get(stream.id);
        const buffer = state?.buffer ?? { bytes: 0, records: 0, oldestArrival: undefined };
        const limits = limitsOfStream(stream);
        return {
          streamName: stream.name,
          bytes: buffer.bytes,
          records: buffer.records,
          oldestRecordAgeMs: buffer.oldestArrival === undefined ? null : current - buffer.oldestArrival,
          secondsUntilFlush: secondsUntilFlush(buffer, limits, current, state?.retry) ?? null,
          sizeLimitBytes: limits.sizeBytes,
          intervalSeconds: stream.destination.intervalInSeconds,
          deliveredObjects: state?.deliveredObjects ?? 0,
          deliveredRecords: state?.deliveredRecords ?? 0,
          lastDeliveryAt: state?.lastDeliveryAt ?? null,
          ...(state?.lastError ? { lastDeliveryError: { ...state.lastError } } : {}),
        };
      });
    },
    flushAll,
    stop() {
      if (stopped) return;
      try {
        flushAll();
      } finally {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
