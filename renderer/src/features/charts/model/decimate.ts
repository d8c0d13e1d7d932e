import type { ChartData, ChartPoint } from './chart-data';

/**
 * Fewer points for large series, so a year of readings draws at once and stays responsive. Lines:
 * Largest-Triangle-Three-Buckets (Steinarsson, "Downsampling Time Series for Visual Representation",
 * 2013), which keeps peaks and dips. Chart.js has the same algorithm as a plugin, but only once data
 * is parsed on a linear or time axis; done here, before the chart, it is one tested function for every
 * axis, and the data table keeps every row. Scatter plots keep an even sample (they have no order).
 */

/** Points per dataset above which a chart is decimated. */
export const LINE_POINT_LIMIT = 1500;
export const SCATTER_POINT_LIMIT = 5000;

export function largestTriangleThreeBuckets(points: readonly ChartPoint[], threshold: number): ChartPoint[] {
  if (threshold >= points.length || threshold < 3) return [...points];
  const sampled: ChartPoint[] = [points[0]!];
  // The first and last points are kept; the others fall into threshold - 2 buckets.
  const bucketSize = (points.length - 2) / (threshold - 2);
  let previous = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, points.length - 1);
    // The next bucket's average point (the last point, for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let averageX = 0;
    let averageY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      averageX += points[i]!.x;
      averageY += points[i]!.y;
    }
    const count = Math.max(1, nextEnd - nextStart);
    averageX /= count;
    averageY /= count;

    const anchor = points[previous]!;
    let chosen = start;
    let largest = -1;
    for (let i = start; i < end; i++) {
      const point = points[i]!;
      const area = Math.abs(
        (anchor.x - averageX) * (point.y - anchor.y) - (anchor.x - point.x) * (averageY - anchor.y),
      );
      if (area > largest) {
        largest = area;
        chosen = i;
      }
    }
    sampled.push(points[chosen]!);
    previous = chosen;
  }
  sampled.push(points[points.length - 1]!);
  return sampled;
}

/** Every `length / limit`-th point, first and last included. */
export function evenSample(points: readonly ChartPoint[], limit: number): ChartPoint[] {
  if (points.length <= limit || limit < 2) return [...points];
  const step = (points.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => points[Math.round(i * step)]!);
}

export interface DecimatedData {
  data: ChartData;
  /** Points in the result, and points drawn (equal when nothing was left out). */
  pointsIn: number;
  pointsDrawn: number;
}

/** Categories are never decimated: each bar is a value the query chose to return. */
export function decimateChartData(data: ChartData, kind: 'line' | 'bar' | 'scatter'): DecimatedData {
  const pointsIn = data.datasets.reduce((sum, dataset) => sum + dataset.points.length, 0);
  if (data.xKind === 'category' || kind === 'bar') return { data, pointsIn, pointsDrawn: pointsIn };
  const datasets = data.datasets.map((dataset) => ({
    ...dataset,
    points:
      kind === 'scatter'
        ? evenSample(dataset.points, SCATTER_POINT_LIMIT)
        : largestTriangleThreeBuckets(dataset.points, LINE_POINT_LIMIT),
  }));
  const pointsDrawn = datasets.reduce((sum, dataset) => sum + dataset.points.length, 0);
  return { data: { ...data, datasets }, pointsIn, pointsDrawn };
}
