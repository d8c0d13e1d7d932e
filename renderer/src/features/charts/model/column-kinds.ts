import type { ResultColumn, ResultSet } from '../../sql/result-set';
import { finestGranularity, parseTime, type TimeGranularity } from './time-values';

/**
 * What a column can be on a chart: a quantity (`number`), a moment (`time`), or a label (`text`).
 * Athena says numbers by type; times by type, or by their text when a query made them strings
 * (`substr(time, 1, 7)`). Digit strings stay text: station ids (`030910`) are labels, not quantities.
 */
export type ColumnKind = 'number' | 'time' | 'text';

export interface ColumnInfo {
  name: string;
  index: number;
  kind: ColumnKind;
  /** For `time` columns. */
  granularity?: TimeGranularity;
  /** Distinct non-null values (counted up to `DISTINCT_LIMIT`). */
  distinct: number;
}

const NUMBER_TYPES = /^(tinyint|smallint|int|integer|bigint|real|float|double|decimal|numeric|N)\b/i;
const TIME_TYPES = /^(date|timestamp)\b/i;
const TEXT_TYPES = /^(varchar|char|string|S)\b/i;
const DISTINCT_LIMIT = 10_000;

function timeOfValues(values: readonly (string | null)[]): ColumnInfo['granularity'] | undefined {
  const granularities = new Set<TimeGranularity>();
  for (const value of values) {
    if (value === null) continue;
    const parsed = parseTime(value);
    if (!parsed) return undefined;
    granularities.add(parsed.granularity);
  }
  return granularities.size > 0 ? finestGranularity(granularities) : undefined;
}

export function describeColumn(column: ResultColumn, index: number, rows: ResultSet['rows']): ColumnInfo {
  const values = rows.map((row) => row[index] ?? null);
  const distinct = new Set<string>();
  for (const value of values) {
    if (value !== null && distinct.size < DISTINCT_LIMIT) distinct.add(value);
  }
  const base = { name: column.name, index, distinct: distinct.size };
  if (NUMBER_TYPES.test(column.type)) return { ...base, kind: 'number' };
  if (TIME_TYPES.test(column.type) || TEXT_TYPES.test(column.type)) {
    const granularity = timeOfValues(values);
    if (granularity) return { ...base, kind: 'time', granularity };
  }
  return { ...base, kind: 'text' };
}

export function describeColumns(result: ResultSet): ColumnInfo[] {
  return result.columns.map((column, index) => describeColumn(column, index, result.rows));
}

/** A value as a quantity: Athena writes numbers as text; NaN, infinities and non-numbers are not. */
export function readNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
