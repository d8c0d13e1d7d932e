import { navigate } from '../../app/use-route';
import type { ResultSet, ResultSource } from '../sql/result-set';

/**
 * A result handed over by another page (the SQL editor's Chart button): the builder starts from it
 * instead of running the query again. Module state, as it only crosses a page change.
 */
export interface ChartDraft {
  result: ResultSet;
  source: ResultSource;
}

let draft: ChartDraft | undefined;

/** Opens the chart builder on a result the caller already has. */
export function openInChartBuilder(result: ResultSet, source: ResultSource): void {
  draft = { result, source };
  navigate('charts', 'new');
}

export function currentDraft(): ChartDraft | undefined {
  return draft;
}

/** A new chart from scratch: the handed-over result is forgotten. */
export function startBlankChart(): void {
  draft = undefined;
  navigate('charts', 'new');
}
