import { describe, expect, it } from 'vitest';
import {
  MIB,
  deliveryReason,
  limitsOf,
  nextAttemptAt,
  recordsForObject,
  retryDelayMs,
  secondsUntilFlush,
  type BufferState,
  type RetryState,
} from './buffering.js';

// An injectable clock: every case states "now" and when the oldest record arrived.
const T0 = 1_800_000_000_000;
const buffer = (bytes: number, records: number, ageMs: number | undefined): BufferState => ({
  bytes,
  records,
  oldestArrival: ageMs === undefined ? undefined : T0 - ageMs,
});

describe('deliveryReason: the first condition reached delivers the buffer', () => {
  it.each([
    // [case, SizeInMBs, IntervalInSeconds, buffer, expected]
    ['empty buffer never', 1, 60, buffer(0, 0, undefined), undefined],
    ['below both limits', 1, 60, buffer(MIB - 1, 10, 59_999), undefined],
    ['size reached exactly', 1, 60, buffer(MIB, 10, 0), 'size'],
    ['size exceeded', 5, 300, buffer(6 * MIB, 10_000, 1000), 'size'],
    ['interval reached exactly (measured from the oldest record)', 1, 60, buffer(100, 1, 60_000), 'interval'],
    ['interval exceeded', 128, 900, buffer(100, 1, 901_000), 'interval'],
    ['size wins when both are reached', 1, 60, buffer(2 * MIB, 10, 120_000), 'size'],
    ['zero buffering: due as soon as a record arrives', 128, 0, buffer(10, 1, 0), 'interval'],
  ] as const)('%s', (_case, sizeInMBs, intervalInSeconds, state, expected) => {
    expect(deliveryReason(state, limitsOf(sizeInMBs, intervalInSeconds), T0)).toBe(expected);
  });
});

describe('nextAttemptAt and secondsUntilFlush (what the timer and the UI use)', () => {
  const retry: RetryState = { attempts: 3, notBefore: T0 + 4000 };
  it.each([
    // [case, limits, buffer, retry, expected at (relative to T0), expected seconds]
    ['empty', limitsOf(5, 300), buffer(0, 0, undefined), undefined, undefined, undefined],
    ['interval pending', limitsOf(5, 300), buffer(10, 1, 100_000), undefined, 200_000, 200],
    [
      'interval pending, partial second rounds up',
      limitsOf(5, 300),
      buffer(10, 1, 100_500),
      undefined,
      199_500,
      200,
    ],
    ['overdue', limitsOf(5, 60), buffer(10, 1, 61_000), undefined, -1000, 0],
    ['size reached: due now', limitsOf(1, 900), buffer(MIB, 100, 2000), undefined, -2000, 0],
    ['failed delivery: backoff holds it back', limitsOf(1, 60), buffer(10, 1, 70_000), retry, 4000, 4],
    ['backoff shorter than the interval', limitsOf(1, 60), buffer(10, 1, 1000), retry, 59_000, 59],
  ] as const)('%s', (_case, limits, state, retryState, at, seconds) => {
    const expectedAt = at === undefined ? undefined : T0 + at;
    expect(nextAttemptAt(state, limits, retryState)).toBe(expectedAt);
    expect(secondsUntilFlush(state, limits, T0, retryState)).toBe(seconds);
  });
});

describe('recordsForObject: one object holds as many of the oldest records as fit', () => {
  it.each([
    // [case, record sizes, limit, expected count, expected bytes]
    ['all fit', [600, 600, 600], MIB, 3, 1800],
    ['stops before the record that would overflow', [400_000, 400_000, 400_000], MIB, 2, 800_000],
    ['exactly the limit', [MIB / 2, MIB / 2, 1], MIB, 2, MIB],
    ['always at least one record', [1_024_000, 10], 1_000_000, 1, 1_024_000],
    ['nothing buffered', [], MIB, 0, 0],
  ])('%s', (_case, sizes, limit, count, bytes) => {
    expect(recordsForObject(sizes, limit)).toEqual({ count, bytes });
  });
});

describe('retryDelayMs: exponential backoff, capped', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [50, 60_000],
  ])('attempt %i waits %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });
});
