/**
 * How fast the stations replay. `lab`: one message per second per station, as the original lab's
 * containers did. `speedup`: the recorded gaps divided by a factor (×60 … ×100,000). `max`: as fast as
 * the broker acknowledges.
 */
export type ReplayPace = { kind: 'lab' } | { kind: 'speedup'; factor: number } | { kind: 'max' };

export const MIN_SPEEDUP = 60;
export const MAX_SPEEDUP = 100_000;

export function describePaceError(pace: ReplayPace): string | undefined {
  if (pace.kind !== 'speedup') return undefined;
  if (!Number.isFinite(pace.factor) || pace.factor < MIN_SPEEDUP || pace.factor > MAX_SPEEDUP) {
    return `The speed-up must be between ×${MIN_SPEEDUP} and ×${MAX_SPEEDUP}, not ×${pace.factor}.`;
  }
  return undefined;
}

/** Milliseconds to wait before publishing a reading recorded at `recordedAt`, after one recorded at `previous`. */
export function delayBeforeReading(
  pace: ReplayPace,
  previous: number | undefined,
  recordedAt: number,
): number {
  if (previous === undefined) return 0;
  switch (pace.kind) {
    case 'lab':
      return 1000;
    case 'speedup':
      // Two reports in the same minute (different report types) go out back to back.
      return Math.max(0, (recordedAt - previous) / pace.factor);
    case 'max':
      return 0;
  }
}

/** The lab's timestamp format: ISO-8601 in UTC with an explicit `+00:00` offset, to the second. */
export function formatLabTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;
}
