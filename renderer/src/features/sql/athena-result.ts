import type { ResultColumn, ResultSet } from './result-set';

/** The parts of a GetQueryResults page the grid needs (the SDK's shape, as JSON). */
export interface AthenaResultsPage {
  ResultSet?: {
    Rows?: { Data?: { VarCharValue?: string }[] }[];
    ResultSetMetadata?: { ColumnInfo?: { Name?: string; Label?: string; Type?: string }[] };
  };
}

/**
 * GetQueryResults pages → a ResultSet. For a DML statement (SELECT, EXPLAIN) the first row of the
 * first page is the column labels, not data (AWS-FIDELITY §10.5); a datum without VarCharValue is NULL.
 */
export function athenaPagesToResultSet(
  pages: readonly AthenaResultsPage[],
  statementType: string | undefined,
): ResultSet {
  const info = pages[0]?.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
  const columns: ResultColumn[] = info.map((column, index) => ({
    name: column.Label ?? column.Name ?? `_col${index}`,
    type: column.Type ?? 'varchar',
  }));
  const rows: (string | null)[][] = [];
  pages.forEach((page, pageIndex) => {
    const pageRows = page.ResultSet?.Rows ?? [];
    const skip = pageIndex === 0 && statementType === 'DML' ? 1 : 0;
    for (const row of pageRows.slice(skip)) {
      const data = row.Data ?? [];
      const width = Math.max(columns.length, data.length);
      rows.push(Array.from({ length: width }, (_, i) => data[i]?.VarCharValue ?? null));
    }
  });
  // SHOW/DESCRIBE answers may come without column metadata: one unnamed column per datum.
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (let i = columns.length; i < width; i++) columns.push({ name: `_col${i}`, type: 'varchar' });
  return { columns, rows };
}
