import type { ChartData } from './chart-data';
import { formatTime } from './time-values';

/**
 * A chart as a table, for screen readers and for anyone who wants the numbers: one row per x value,
 * one column per dataset (a month per row, a station per column). Built from the chart's data before
 * decimation, so it holds every value the chart stands for.
 */
export interface DataTableModel {
  /** The x column's name, then the datasets' labels. */
  headers: string[];
  rows: DataTableRow[];
  /** Rows in the whole table; `rows` holds the first `limit`. */
  totalRows: number;
}

export interface DataTableRow {
  /** The x value as the reader sees it. */
  x: string;
  /** Per dataset, its values at this x (usually one; none: no value). */
  cells: number[][];
}

export const DATA_TABLE_ROW_LIMIT = 1000;

export function buildDataTable(
  data: ChartData,
  xName: string,
  language: string,
  limit = DATA_TABLE_ROW_LIMIT,
): DataTableModel {
  // Categories the chart leaves a gap for (no value) are rows too.
  const xs = new Set<number>(data.xKind === 'category' ? data.categories.keys() : []);
  for (const dataset of data.datasets) for (const point of dataset.points) xs.add(point.x);
  const ordered = [...xs].sort((a, b) => a - b);
  const cellsAt = new Map(ordered.map((x) => [x, data.datasets.map((): number[] => [])]));
  data.datasets.forEach((dataset, column) => {
    for (const point of dataset.points) cellsAt.get(point.x)?.[column]?.push(point.y);
  });
  const label = (x: number): string => {
    if (data.xKind === 'category') return data.categories[x] ?? String(x);
    if (data.xKind === 'time') return formatTime(language, x, data.granularity ?? 'second');
    return formatNumberCell(language, x);
  };
  return {
    headers: [xName, ...data.datasets.map((dataset) => dataset.label)],
    rows: ordered.slice(0, limit).map((x) => ({ x: label(x), cells: cellsAt.get(x) ?? [] })),
    totalRows: ordered.length,
  };
}

export function formatNumberCell(language: string, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value);
}
