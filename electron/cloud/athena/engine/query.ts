import type { ColumnInfo } from '@aws-sdk/client-athena';
import type { Table } from '@aws-sdk/client-glue';
import type { DuckDBConnection } from '@duckdb/node-api';
import { setImmediate as nextTick } from 'node:timers/promises';
import { AWS_DATA_CATALOG, DUCK_CATALOG, type AthenaContext } from '../context.js';
import { QueryFailure } from '../errors.js';
import { csvLine } from '../results/csv.js';
import { columnInfo, renderValue } from '../results/render.js';
import { analyzeQuery, type RelationReference } from '../sql/analyze.js';
import { at, type Token } from '../sql/tokens.js';
import { translateQuery, UNNAMED_PREFIX, type QueryTranslation } from '../sql/translate.js';
import { quoteIdentifier } from '../sql/types.js';
import { planScan, type ScanPlan } from './lake.js';

/**
 * A query made ready for DuckDB: translated, its tables resolved in the Glue catalog (missing ones
 * fail as Athena fails them), and each table's scan planned (files, bytes). Then run: the Glue
 * databases become DuckDB schemas of a catalog named `awsdatacatalog` and each table a view, so
 * `"db"."t"`, `db.t`, `awsdatacatalog.db.t` and (with the context database in use) `t` all resolve
 * in DuckDB itself, exactly as written.
 */

export interface QueryScope {
  /** QueryExecutionContext.Database, or `default`. */
  database: string;
  /** QueryExecutionContext.Catalog, or AwsDataCatalog. */
  catalog: string;
  parameters: readonly string[];
}

export interface PreparedQuery {
  translation: QueryTranslation;
  scans: { database: string; table: Table; plan: ScanPlan }[];
  bytes: number;
}

function resolve(
  context: AthenaContext,
  sql: string,
  reference: RelationReference,
  scope: QueryScope,
): { database: string; table: Table } {
  const parts = [...reference.parts];
  while (parts.length < 3) parts.unshift(parts.length === 2 ? scope.catalog : scope.database);
  const [catalog = '', database = '', name = ''] = parts;
  const where = at(sql, reference.start);
  if (catalog.toLowerCase() !== DUCK_CATALOG)
    throw new QueryFailure(
      'CATALOG_NOT_FOUND',
      `${where}: Catalog '${catalog.toLowerCase()}' does not exist`,
    );
  if (!context.catalog.getDatabase(database))
    throw new QueryFailure('SCHEMA_NOT_FOUND', `${where}: Schema '${database}' does not exist`);
  const table = context.catalog.getTable(database, name);
  if (!table)
    throw new QueryFailure(
      'TABLE_NOT_FOUND',
      `${where}: Table '${DUCK_CATALOG}.${database}.${name}' does not exist`,
    );
  return { database, table };
}

export function prepareQuery(
  context: AthenaContext,
  sql: string,
  tokens: readonly Token[],
  scope: QueryScope,
): PreparedQuery {
  const translation = translateQuery(sql, tokens, scope.parameters);
  const analysis = analyzeQuery(tokens);
  const tables = new Map<string, { database: string; table: Table; references: RelationReference[] }>();
  for (const reference of analysis.references) {
    const { database, table } = resolve(context, sql, reference, scope);
    const key = `${database}.${table.Name ?? ''}`;
    const entry = tables.get(key) ?? { database, table, references: [] };
    entry.references.push(reference);
    tables.set(key, entry);
  }
  const scans = [...tables.values()].map(({ database, table, references }) => {
    const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? '').toLowerCase());
    const withPartitionColumns = analysis.selectsStar || keys.some((key) => analysis.names.has(key));
    return {
      database,
      table,
      plan: planScan(context, {
        database,
        table,
        references,
        predicates: analysis.predicates,
        withPartitionColumns,
      }),
    };
  });
  return { translation, scans, bytes: scans.reduce((sum, scan) => sum + scan.plan.bytes, 0) };
}

/** Attaches a fresh `awsdatacatalog` with a schema per Glue database and a view per table the query reads. */
export async function installViews(
  connection: DuckDBConnection,
  context: AthenaContext,
  prepared: PreparedQuery,
  scope: QueryScope,
): Promise<void> {
  const schemas = new Set([
    ...context.catalog.getDatabases().map((database) => database.Name ?? ''),
    scope.database,
  ]);
  const statements = [
    'USE memory',
    `DETACH DATABASE IF EXISTS ${DUCK_CATALOG}`,
    `ATTACH ':memory:' AS ${DUCK_CATALOG}`,
    ...[...schemas].map((schema) => `CREATE SCHEMA IF NOT EXISTS ${DUCK_CATALOG}.${quoteIdentifier(schema)}`),
    ...prepared.scans.map(
      (scan) =>
        `CREATE VIEW ${DUCK_CATALOG}.${quoteIdentifier(scan.database)}.${quoteIdentifier(scan.table.Name ?? '')} AS ${scan.plan.sql}`,
    ),
    `USE ${DUCK_CATALOG}.${quoteIdentifier(scope.database)}`,
  ];
  for (const statement of statements) await connection.run(statement);
}

/** Trino's output names: explicit aliases and column names lower-cased, unnamed expressions `_col<N>`. */
export function outputLabels(names: readonly string[]): string[] {
  return names.map((name, index) => (name.startsWith(UNNAMED_PREFIX) ? `_col${index}` : name.toLowerCase()));
}

export interface SelectResult {
  csv: string;
  columns: ColumnInfo[];
  rows: number;
}

/** Streams the result into Athena's CSV, yielding to the event loop between chunks. */
export async function runSelect(
  connection: DuckDBConnection,
  prepared: PreparedQuery,
): Promise<SelectResult> {
  const result = await connection.stream(prepared.translation.sql);
  const labels = outputLabels(result.columnNames());
  const types = result.columnTypes();
  const lines = [csvLine(labels)];
  let rows = 0;
  for await (const chunk of result.yieldRows()) {
    for (const row of chunk)
      lines.push(csvLine(row.map((value, i) => renderValue(value, types[i] as (typeof types)[number]))));
    rows += chunk.length;
    await nextTick();
  }
  return {
    csv: lines.join(''),
    columns: labels.map((label, i) => columnInfo(label, types[i] as (typeof types)[number])),
    rows,
  };
}

export const scopeOf = (
  context: { Database?: string; Catalog?: string },
  parameters: readonly string[] = [],
): QueryScope => ({
  database: (context.Database ?? 'default').toLowerCase(),
  catalog: context.Catalog ?? AWS_DATA_CATALOG,
  parameters,
});
