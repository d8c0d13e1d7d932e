import type { ChartData } from './chart-data';

/**
 * NOAA ISD's "missing" values (999.9 °C, 9999.9 hPa, 99999 m, 999999 m): the lab keeps them as NOAA
 * gives them, and cleaning them is the student's job, so a chart points them out rather than hide them.
 */
export const NOAA_SENTINELS: ReadonlySet<number> = new Set([999.9, 9999.9, 99999, 999999]);

export function hasNoaaSentinels(data: ChartData): boolean {
  return data.datasets.some((dataset) => dataset.points.some((point) => NOAA_SENTINELS.has(point.y)));
}
