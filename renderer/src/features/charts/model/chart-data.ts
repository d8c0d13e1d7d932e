import type { ChartSpec } from '../../../api/contract';
import type { ResultSet } from '../../sql/result-set';
import { describeColumns, readNumber, type ColumnInfo } from './column-kinds';
import { finestGranularity, parseTime, type TimeGranularity } from './time-values';

/**
 * What a chart draws, from a result and a spec: one dataset per y column, or per value of the series
 * column (one line per station). Pure, so the chart and its data table cannot disagree.
 */

/** A bar chart's x is always categories (one bar per month too); line and scatter follow the column. */
export type XAxisKind = 'category' | 'time' | 'number';

export interface ChartPoint {
  /** Epoch ms (time), the number (number), or the category's index in `categories`. */
  x: number;
  y: number;
}

export interface ChartDataset {
  label: string;
  /** Time and number axes: sorted by x. Category axis: in the categories' order. */
  points: ChartPoint[];
}

export interface ChartData {
  xKind: XAxisKind;
  /** Category axis: the x values in the result's order (the query's ORDER BY). */
  categories: string[];
  /** Time axis: the precision of the x values. */
  granularity?: TimeGranularity;
  datasets: ChartDataset[];
  /** Rows (times y columns) left out: an x or a y that is NULL or not readable as the axis needs. */
  skipped: number;
}

export type SpecProblem =
  | { problem: 'no-rows' }
  | { problem: 'unknown-column'; column: string }
  | { problem: 'no-y' }
  | { problem: 'scatter-needs-quantity'; column: string };

export function xAxisKind(spec: ChartSpec, x: ColumnInfo): XAxisKind {
  if (spec.kind === 'bar' || x.kind === 'text') return 'category';
  return x.kind;
}

/** What keeps a spec from being drawn from this result, if anything. */
export function checkSpec(result: ResultSet, spec: ChartSpec): SpecProblem | undefined {
  const names = result.columns.map((column) => column.name);
  for (const column of [spec.x, ...spec.y, ...(spec.series ? [spec.series] : [])]) {
    if (!names.includes(column)) return { problem: 'unknown-column', column };
  }
  if (spec.y.length === 0) return { problem: 'no-y' };
  if (result.rows.length === 0) return { problem: 'no-rows' };
  if (spec.kind === 'scatter') {
    const x = describeColumns(result).find((column) => column.name === spec.x);
    if (x?.kind === 'text') return { problem: 'scatter-needs-quantity', column: spec.x };
  }
  return undefined;
}

/** The dataset's name: the series value, the y column, or both when there are several y columns. */
function datasetLabel(seriesValue: string | undefined, y: string, yCount: number): string {
  if (seriesValue === undefined) return y;
  return yCount > 1 ? `${seriesValue} · ${y}` : seriesValue;
}

export function buildChartData(result: ResultSet, spec: ChartSpec): ChartData {
  const columns = describeColumns(result);
  const byName = new Map(columns.map((column) => [column.name, column]));
  const x = byName.get(spec.x);
  if (!x) throw new Error(`No column ${spec.x} in the result`);
  const ys = spec.y.map((name) => byName.get(name)).filter((column) => column !== undefined);
  const series = spec.series ? byName.get(spec.series) : undefined;
  const xKind = xAxisKind(spec, x);

  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const datasets = new Map<string, ChartDataset>();
  const granularities = new Set<TimeGranularity>();
  let skipped = 0;

  const readX = (value: string | null): number | undefined => {
    if (value === null) return undefined;
    if (xKind === 'category') {
      let index = categoryIndex.get(value);
      if (index === undefined) {
        index = categories.push(value) - 1;
        categoryIndex.set(value, index);
      }
      return index;
    }
    if (xKind === 'number') return readNumber(value);
    const time = parseTime(value);
    if (time) granularities.add(time.granularity);
    return time?.ms;
  };

  for (const row of result.rows) {
    const xValue = readX(row[x.index] ?? null);
    const seriesValue = series ? (row[series.index] ?? 'NULL') : undefined;
    for (const y of ys) {
      const yValue = readNumber(row[y.index]);
      if (xValue === undefined || yValue === undefined) {
        skipped++;
        continue;
      }
      const label = datasetLabel(seriesValue, y.name, ys.length);
      let dataset = datasets.get(label);
      if (!dataset) {
        dataset = { label, points: [] };
        datasets.set(label, dataset);
      }
      dataset.points.push({ x: xValue, y: yValue });
    }
  }

  const list = [...datasets.values()];
  // Lines join points in x order, whatever order the query returned them in.
  for (const dataset of list) dataset.points.sort((a, b) => a.x - b.x);
  return {
    xKind,
    categories,
    ...(xKind === 'time' ? { granularity: finestGranularity(granularities) } : {}),
    datasets: list,
    skipped,
  };
}
