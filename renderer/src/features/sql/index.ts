/**
 * The SQL panel (`#/sql`) and what other features use of it: running a query (charts re-run a saved
 * chart's query with `runQuery`) and the result it gives.
 */
export type { ResultColumn, ResultSet, ResultSource } from './result-set';
export { runQuery, QueryError, DEFAULT_MAX_ROWS } from './run-query';
export type { QueryAnswer, QueryState, QueryStats, RunQueryOptions } from './run-query';
export { useRunQuery } from './use-run-query';
export { toCsv, parseCsv } from './csv';
