import { useCallback } from 'react';
import { useApi } from '../../api/api-provider';
import { runQuery, type QueryAnswer, type QueryStats, type RunQueryOptions } from './run-query';
import type { ResultSource } from './result-set';

/** `runQuery` bound to the app's connection to main, for components. */
export function useRunQuery(): (
  source: ResultSource,
  signal?: AbortSignal,
  onProgress?: (stats: QueryStats) => void,
  options?: RunQueryOptions,
) => Promise<QueryAnswer> {
  const { bridge } = useApi();
  return useCallback(
    (source, signal, onProgress, options) => runQuery(bridge, source, signal, onProgress, options),
    [bridge],
  );
}
