/**
 * When a delivery stream's buffer goes to S3, pure and clock-free (callers pass `now`).
 * AWS (buffering-hints, basic-deliver): "The first buffer condition that is satisfied triggers
 * Firehose to deliver the data": SizeInMBs (measured before compression) or IntervalInSeconds.
 * An interval of 0 means no buffering: delivery as soon as possible.
 */

export const MIB = 1024 * 1024;

export interface BufferLimits {
  sizeBytes: number;
  intervalMs: number;
}

/** What a stream holds, as the buffer's bookkeeping knows it. */
export interface BufferState {
  bytes: number;
  records: number;
  /** Arrival (epoch ms) of the oldest record still buffered; the interval is measured from it. */
  oldestArrival: number | undefined;
}

/** Failed deliveries wait before the next attempt. */
export interface RetryState {
  attempts: number;
  /** Epoch ms before which no new attempt is made. */
  notBefore: number;
}

export type DeliveryReason = 'size' | 'interval';

export function limitsOf(sizeInMBs: number, intervalInSeconds: number): BufferLimits {
  return { sizeBytes: sizeInMBs * MIB, intervalMs: intervalInSeconds * 1000 };
}

/** Why the buffer should be delivered now, or undefined when it should keep filling. */
export function deliveryReason(
  buffer: BufferState,
  limits: BufferLimits,
  now: number,
): DeliveryReason | undefined {
  if (buffer.records === 0 || buffer.oldestArrival === undefined) return undefined;
  if (buffer.bytes >= limits.sizeBytes) return 'size';
  if (now - buffer.oldestArrival >= limits.intervalMs) return 'interval';
  return undefined;
}

/** The earliest time (epoch ms) at which a delivery attempt is due; undefined for an empty buffer. */
export function nextAttemptAt(
  buffer: BufferState,
  limits: BufferLimits,
  retry?: RetryState,
): number | undefined {
  if (buffer.records === 0 || buffer.oldestArrival === undefined) return undefined;
  const natural =
    buffer.bytes >= limits.sizeBytes ? buffer.oldestArrival : buffer.oldestArrival + limits.intervalMs;
  return retry ? Math.max(natural, retry.notBefore) : natural;
}

/** Whole seconds until the interval delivers the buffer (0 when due now); undefined when empty. */
export function secondsUntilFlush(
  buffer: BufferState,
  limits: BufferLimits,
  now: number,
  retry?: RetryState,
): number | undefined {
  const at = nextAttemptAt(buffer, limits, retry);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * How many of the oldest records make one object: as many as fit in the size limit, in arrival
 * order, and at least one (a record is at most 1,000 KiB, below the 1 MiB minimum, so one always fits).
 */
export function fitsInObject(
  taken: { count: number; bytes: number },
  size: number,
  limitBytes: number,
): boolean {
  return taken.count === 0 || taken.bytes + size <= limitBytes;
}

export function recordsForObject(
  sizes: Iterable<number>,
  limitBytes: number,
): { count: number; bytes: number } {
  const taken = { count: 0, bytes: 0 };
  for (const size of sizes) {
    if (!fitsInObject(taken, size, limitBytes)) break;
    taken.count++;
    taken.bytes += size;
  }
  return taken;
}

/** Backoff between failed attempts: 1 s, 2 s, 4 s … capped at one minute. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}
