import { describe, expect, it } from 'vitest';
import type { ChartData } from './chart-data';
import { hasNoaaSentinels } from './sentinels';

const data = (...ys: number[]): ChartData => ({
  xKind: 'category',
  categories: ys.map(String),
  datasets: [{ label: 'y', points: ys.map((y, x) => ({ x, y })) }],
  skipped: 0,
});

describe('hasNoaaSentinels', () => {
  it.each([
    [[3.1, -25, 19.3], false],
    [[3.1, 999.9], true],
    [[1013.2, 9999.9], true],
    [[99999], true],
    [[999999], true],
    [[999.8, 99998], false],
  ])('%j → %s', (ys, expected) => {
    expect(hasNoaaSentinels(data(...ys))).toBe(expected);
  });
});
