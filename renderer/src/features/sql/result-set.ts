/**
 * A query's answer as the SQL panel shows it and the charts read it: Athena's column metadata and rows
 * of strings (Athena returns every value as text; `null` is SQL NULL), whichever engine answered.
 */
export interface ResultColumn {
  name: string;
  /** Athena's type name (`varchar`, `double`, `bigint`, `timestamp`, `array(...)`, ...); DynamoDB: `S`, `N`, ... */
  type: string;
}

export interface ResultSet {
  columns: ResultColumn[];
  rows: (string | null)[][];
}

/** Where a result came from, so a chart can say it and a dashboard can run it again. */
export interface ResultSource {
  engine: 'athena' | 'dynamodb';
  sql: string;
  /** Athena's database (the catalog is `AwsDataCatalog`). */
  database?: string;
  workGroup?: string;
}
