import { describe, expect, it } from 'vitest';
import { finestGranularity, formatTime, parseTime } from './time-values';

describe('parseTime', () => {
  it.each([
    ['2022-01', Date.UTC(2022, 0, 1), 'month'],
    ['2022-12-31', Date.UTC(2022, 11, 31), 'day'],
    ['2022-01-01T00:20:00+00:00', Date.UTC(2022, 0, 1, 0, 20), 'second'],
    ['2022-01-01 00:20:00.000', Date.UTC(2022, 0, 1, 0, 20), 'second'],
    ['2022-01-01 00:20:00.5', Date.UTC(2022, 0, 1, 0, 20, 0, 500), 'second'],
    ['2022-01-01T00:20', Date.UTC(2022, 0, 1, 0, 20), 'minute'],
    ['2022-06-01T12:00:00Z', Date.UTC(2022, 5, 1, 12), 'second'],
    ['2022-06-01 12:00:00 UTC', Date.UTC(2022, 5, 1, 12), 'second'],
    ['2022-06-01T12:00:00+02:00', Date.UTC(2022, 5, 1, 10), 'second'],
    ['2022-06-01T12:00:00-0530', Date.UTC(2022, 5, 1, 17, 30), 'second'],
  ] as const)('reads %s', (text, ms, granularity) => {
    expect(parseTime(text)).toEqual({ ms, granularity });
  });

  it.each(['2022', '030910', '2022-13', '2022-02-30', '2022-01-01T24:00', 'Rain', '', '12.5', '2022/01/01'])(
    'refuses %j',
    (text) => {
      expect(parseTime(text)).toBeUndefined();
    },
  );
});

describe('finestGranularity', () => {
  it.each([
    [[], 'month'],
    [['month'], 'month'],
    [['month', 'day'], 'day'],
    [['second', 'day', 'minute'], 'second'],
  ] as const)('%j → %s', (granularities, expected) => {
    expect(finestGranularity(granularities)).toBe(expected);
  });
});

describe('formatTime', () => {
  it.each([
    ['en', Date.UTC(2022, 0, 1), 'month', 'Jan 2022'],
    ['fr', Date.UTC(2022, 0, 1), 'month', 'janv. 2022'],
    ['en', Date.UTC(2022, 0, 5), 'day', 'Jan 5, 2022'],
    ['en', Date.UTC(2022, 0, 5, 23, 40), 'minute', 'Jan 5, 2022, 23:40'],
  ] as const)('%s %s at %s precision', (language, ms, granularity, expected) => {
    expect(formatTime(language, ms, granularity)).toBe(expected);
  });
});
