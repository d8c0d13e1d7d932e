import { describe, expect, it } from 'vitest';
import { delayBeforeReading, describePaceError, formatLabTime, type ReplayPace } from './pace.js';

const t = (iso: string) => Date.parse(iso);

describe('delayBeforeReading', () => {
  const cases: Array<[string, ReplayPace, number | undefined, number, number]> = [
    ['the first reading goes at once', { kind: 'lab' }, undefined, t('2022-01-01T00:20:00Z'), 0],
    [
      'lab pace: one second per message whatever the gap',
      { kind: 'lab' },
      t('2022-01-01T00:00:00Z'),
      t('2022-01-01T00:20:00Z'),
      1000,
    ],
    [
      '×1200: a 20-minute gap takes one second',
      { kind: 'speedup', factor: 1200 },
      t('2022-01-01T00:00:00Z'),
      t('2022-01-01T00:20:00Z'),
      1000,
    ],
    [
      '×60: a 10-minute gap takes ten seconds',
      { kind: 'speedup', factor: 60 },
      t('2022-01-01T00:00:00Z'),
      t('2022-01-01T00:10:00Z'),
      10_000,
    ],
    [
      'two reports in the same minute go back to back',
      { kind: 'speedup', factor: 600 },
      t('2022-01-01T00:00:00Z'),
      t('2022-01-01T00:00:00Z'),
      0,
    ],
    [
      'out-of-order records never wait a negative time',
      { kind: 'speedup', factor: 600 },
      t('2022-01-01T00:10:00Z'),
      t('2022-01-01T00:00:00Z'),
      0,
    ],
    ['max: never waits', { kind: 'max' }, t('2022-01-01T00:00:00Z'), t('2022-01-02T00:00:00Z'), 0],
  ];
  for (const [name, pace, previous, next, expected] of cases) {
    it(name, () => expect(delayBeforeReading(pace, previous, next)).toBe(expected));
  }
});

describe('describePaceError', () => {
  it('accepts ×60 to ×100,000 and the named paces', () => {
    expect(describePaceError({ kind: 'speedup', factor: 60 })).toBeUndefined();
    expect(describePaceError({ kind: 'speedup', factor: 100_000 })).toBeUndefined();
    expect(describePaceError({ kind: 'lab' })).toBeUndefined();
    expect(describePaceError({ kind: 'max' })).toBeUndefined();
  });
  it('explains an out-of-range factor', () => {
    expect(describePaceError({ kind: 'speedup', factor: 2 })).toBe(
      'The speed-up must be between ×60 and ×100000, not ×2.',
    );
    expect(describePaceError({ kind: 'speedup', factor: Number.NaN })).toContain('not ×NaN');
  });
});

describe('formatLabTime', () => {
  it('writes the lab format', () => {
    expect(formatLabTime(t('2022-01-05T05:55:00Z'))).toBe('2022-01-05T05:55:00+00:00');
  });
});
