import type { ChartKind, ChartSpec } from '../../../api/contract';
import type { ResultSet } from '../../sql/result-set';
import { describeColumns, type ColumnInfo } from './column-kinds';

/**
 * A first chart for a result, from its columns' kinds, so the lesson's two charts need no choice:
 * categories and a count → bars; months, a station and an average → one line per station.
 */

/** More series than this is no longer readable as lines of distinct colours. */
const MAX_SERIES = 12;
const MAX_Y = 4;

function kindFor(x: ColumnInfo): ChartKind {
  if (x.kind === 'time') return 'line';
  if (x.kind === 'number') return 'scatter';
  return 'bar';
}

export function suggestSpec(result: ResultSet): ChartSpec | undefined {
  const columns = describeColumns(result);
  const numbers = columns.filter((column) => column.kind === 'number');
  const x =
    columns.find((column) => column.kind === 'time') ??
    columns.find((column) => column.kind === 'text') ??
    (numbers.length > 1 ? numbers[0] : undefined);
  if (!x) return undefined;
  const quantities = numbers.filter((column) => column !== x);
  if (quantities.length === 0) return undefined;

  // A label column that repeats x values (several rows per month) splits the rows into series.
  const rowsPerX = result.rows.length / Math.max(1, x.distinct);
  const series = columns.find(
    (column) =>
      column !== x &&
      column.kind === 'text' &&
      rowsPerX > 1 &&
      column.distinct >= 2 &&
      column.distinct <= MAX_SERIES,
  );
  return {
    kind: kindFor(x),
    x: x.name,
    y: (series ? quantities.slice(0, 1) : quantities.slice(0, MAX_Y)).map((column) => column.name),
    ...(series ? { series: series.name } : {}),
  };
}

/** The spec, kept where it still fits a new result (same columns), else a fresh suggestion. */
export function adaptSpec(result: ResultSet, previous: ChartSpec | undefined): ChartSpec | undefined {
  if (!previous) return suggestSpec(result);
  const names = new Set(result.columns.map((column) => column.name));
  const fits =
    names.has(previous.x) &&
    previous.y.length > 0 &&
    previous.y.every((name) => names.has(name)) &&
    (!previous.series || names.has(previous.series));
  return fits ? previous : suggestSpec(result);
}
