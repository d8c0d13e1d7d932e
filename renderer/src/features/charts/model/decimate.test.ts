import { describe, expect, it } from 'vitest';
import type { ChartData, ChartPoint } from './chart-data';
import { decimateChartData, evenSample, largestTriangleThreeBuckets, LINE_POINT_LIMIT } from './decimate';

const line = (ys: number[]): ChartPoint[] => ys.map((y, x) => ({ x, y }));

describe('largestTriangleThreeBuckets', () => {
  it.each([
    ['fewer points than the threshold: unchanged', line([1, 2, 3]), 5, line([1, 2, 3])],
    ['a threshold under 3: unchanged', line([1, 2, 3, 4]), 2, line([1, 2, 3, 4])],
    // Buckets [1,2] and [3,4]: the spike at x=2 and the dip at x=4 make the largest triangles.
    [
      'keeps the spike and the dip',
      line([0, 0, 9, 0, -9, 0]),
      4,
      [
        { x: 0, y: 0 },
        { x: 2, y: 9 },
        { x: 4, y: -9 },
        { x: 5, y: 0 },
      ],
    ],
  ])('%s', (_name, points, threshold, expected) => {
    expect(largestTriangleThreeBuckets(points, threshold)).toEqual(expected);
  });

  it('keeps the first and last points, in order, and exactly the threshold', () => {
    const points = line(Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50) * 10));
    const sampled = largestTriangleThreeBuckets(points, 500);
    expect(sampled).toHaveLength(500);
    expect(sampled[0]).toEqual(points[0]);
    expect(sampled.at(-1)).toEqual(points.at(-1));
    for (let i = 1; i < sampled.length; i++) expect(sampled[i]!.x).toBeGreaterThan(sampled[i - 1]!.x);
    // The sine's extremes survive.
    expect(Math.max(...sampled.map((point) => point.y))).toBeCloseTo(10, 2);
    expect(Math.min(...sampled.map((point) => point.y))).toBeCloseTo(-10, 2);
  });
});

describe('evenSample', () => {
  it.each([
    [line([1, 2, 3]), 5, [1, 2, 3]],
    [line([0, 1, 2, 3, 4, 5, 6, 7, 8]), 3, [0, 4, 8]],
  ])('%j to %i', (points, limit, ys) => {
    expect(evenSample(points, limit).map((point) => point.y)).toEqual(ys);
  });
});

describe('decimateChartData', () => {
  const big: ChartData = {
    xKind: 'time',
    categories: [],
    datasets: [{ label: 'a', points: line(Array.from({ length: 4000 }, (_, i) => i % 7)) }],
    skipped: 0,
  };
  it('decimates long lines to the limit', () => {
    const { pointsIn, pointsDrawn, data } = decimateChartData(big, 'line');
    expect(pointsIn).toBe(4000);
    expect(pointsDrawn).toBe(LINE_POINT_LIMIT);
    expect(data.datasets[0]?.points).toHaveLength(LINE_POINT_LIMIT);
  });
  it('never decimates bars or categories', () => {
    expect(decimateChartData(big, 'bar').pointsDrawn).toBe(4000);
    expect(decimateChartData({ ...big, xKind: 'category' }, 'line').pointsDrawn).toBe(4000);
  });
});
