import { describe, expect, it } from 'vitest';
import { addUnits, diffUnits, endOfUnit, formatUnit, startOfUnit, type CalendarUnit } from './utc-calendar';

const at = (y: number, mo: number, d = 1, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

describe('addUnits', () => {
  it.each<[number, number, CalendarUnit, number]>([
    [at(2022, 1, 1), 90, 'minute', at(2022, 1, 1, 1, 30)],
    [at(2022, 1, 31), 1, 'month', at(2022, 2, 28)],
    [at(2024, 1, 31), 1, 'month', at(2024, 2, 29)],
    [at(2022, 11, 15, 6), 3, 'month', at(2023, 2, 15, 6)],
    [at(2022, 5, 1), 1, 'quarter', at(2022, 8, 1)],
    [at(2022, 5, 1), -2, 'year', at(2020, 5, 1)],
    [at(2022, 1, 1), 2, 'week', at(2022, 1, 15)],
  ])('%i + %i %s', (ms, amount, unit, expected) => {
    expect(addUnits(ms, amount, unit)).toBe(expected);
  });
});

describe('diffUnits', () => {
  it.each<[number, number, CalendarUnit, number]>([
    [at(2022, 3, 1), at(2022, 1, 1), 'month', 2],
    [at(2022, 2, 28), at(2022, 1, 31), 'month', 1],
    [at(2022, 2, 27), at(2022, 1, 31), 'month', 0],
    [at(2022, 1, 1), at(2022, 3, 1), 'month', -2],
    [at(2023, 6, 1), at(2022, 1, 1), 'year', 1],
    [at(2022, 1, 2, 12), at(2022, 1, 1), 'hour', 36],
    [at(2022, 1, 2, 12), at(2022, 1, 1), 'day', 1],
  ])('%i - %i in %s', (a, b, unit, expected) => {
    expect(diffUnits(a, b, unit)).toBe(expected);
  });
});

describe('startOfUnit / endOfUnit', () => {
  // 2022-06-15 is a Wednesday.
  const ms = at(2022, 6, 15, 13, 47, 12) + 345;
  it.each<[CalendarUnit | 'isoWeek', number]>([
    ['millisecond', ms],
    ['second', at(2022, 6, 15, 13, 47, 12)],
    ['minute', at(2022, 6, 15, 13, 47)],
    ['hour', at(2022, 6, 15, 13)],
    ['day', at(2022, 6, 15)],
    ['week', at(2022, 6, 12)],
    ['isoWeek', at(2022, 6, 13)],
    ['month', at(2022, 6, 1)],
    ['quarter', at(2022, 4, 1)],
    ['year', at(2022, 1, 1)],
  ])('start of %s', (unit, expected) => {
    expect(startOfUnit(ms, unit)).toBe(expected);
  });

  it('end of a month is its last millisecond', () => {
    expect(endOfUnit(ms, 'month')).toBe(at(2022, 7, 1) - 1);
  });
});

describe('formatUnit', () => {
  it.each([
    ['en', 'month', 'Jun 2022'],
    ['fr', 'month', 'juin 2022'],
    ['en', 'year', '2022'],
    ['en', 'minute', '13:47'],
    ['en', 'unknown-format', 'Jun 15, 2022, 13:47:12'],
  ])('%s %s', (language, format, expected) => {
    expect(formatUnit(language, at(2022, 6, 15, 13, 47, 12), format)).toBe(expected);
  });
});
