import type { Column, Partition, Table } from '@aws-sdk/client-glue';
import { isAwsError } from '../../protocols/aws-error.js';
import type { ObjectFile } from '../../s3/index.js';
import type { AthenaContext } from '../context.js';
import { QueryFailure } from '../errors.js';
import { parseS3Location } from '../s3-location.js';
import { partitionMatches, type PartitionPredicate, type RelationReference } from '../sql/analyze.js';
import {
  canCoerce,
  duckTypeOf,
  hiveTypeString,
  parseHiveType,
  quoteIdentifier,
  type HiveType,
} from '../sql/types.js';

/**
 * A Glue table as DuckDB reads it: which of the lake's files (the registered partitions that the
 * query's WHERE does not rule out, listed through the local S3), typed by the table's schema, with
 * the partition columns taken from each file's partition. DataScannedInBytes is the size of the
 * files this plan reads, so students see it drop when they filter on partition columns.
 */

export interface ScanPlan {
  files: ObjectFile[];
  bytes: number;
  /** A SELECT that yields the table's columns, then its partition columns when asked for. */
  sql: string;
}

export interface ScanRequest {
  database: string;
  table: Table;
  references: readonly RelationReference[];
  predicates: readonly PartitionPredicate[];
  /** Whether the query can see partition columns (it names one, or selects `*`). */
  withPartitionColumns: boolean;
}

type Format = { kind: 'json' } | { kind: 'parquet' } | { kind: 'csv'; options: string };

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const FILE_COLUMN = '__athena_file';

function formatOf(table: Table): Format {
  const descriptor = table.StorageDescriptor ?? {};
  const serde = descriptor.SerdeInfo?.SerializationLibrary ?? '';
  const parameters = descriptor.SerdeInfo?.Parameters ?? {};
  const input = descriptor.InputFormat ?? '';
  if (/jsonserde/i.test(serde)) return { kind: 'json' };
  if (/parquet/i.test(serde) || /parquet/i.test(input)) return { kind: 'parquet' };
  const skip = Number(table.Parameters?.['skip.header.line.count'] ?? 0) || 0;
  if (/OpenCSVSerde/i.test(serde)) {
    const delimiter = parameters.separatorChar ?? ',';
    const quote = parameters.quoteChar ?? '"';
    const escape = parameters.escapeChar ?? '\\';
    return {
      kind: 'csv',
      options: `delim = ${sqlString(delimiter)}, quote = ${sqlString(quote)}, escape = ${sqlString(escape)}, skip = ${skip}`,
    };
  }
  if (/LazySimpleSerDe/i.test(serde) || (serde === '' && /TextInputFormat/i.test(input))) {
    const delimiter = parameters['field.delim'] ?? parameters['serialization.format'] ?? '\u0001';
    return {
      kind: 'csv',
      options: `delim = ${sqlString(delimiter.length === 1 ? delimiter : '\u0001')}, quote = '', escape = '', skip = ${skip}, nullstr = '\\N'`,
    };
  }
  throw new QueryFailure(
    'HIVE_UNSUPPORTED_FORMAT',
    `Unable to create input format ${input || serde || '(none)'}: the offline engine reads JSON (JsonSerDe), Parquet and delimited text tables`,
  );
}

function columnType(table: Table, column: Column): HiveType {
  try {
    return parseHiveType(column.Type ?? 'string');
  } catch {
    throw new QueryFailure(
      'HIVE_INVALID_METADATA',
      `Table '${table.DatabaseName}.${table.Name}' column '${column.Name}' has a type the offline engine cannot read: ${column.Type}`,
    );
  }
}

/**
 * Lists a table's objects under a location: not folder markers, not names starting with `_` or `.`
 * (Hive ignores those). The table's whole location is listed once, and partitions under it take
 * their share of that listing: one listing per query, not one per partition.
 */
function fileLister(context: AthenaContext, table: Table): (location: string | undefined) => ObjectFile[] {
  const listings = new Map<string, ObjectFile[]>();
  const list = (bucket: string, prefix: string): ObjectFile[] => {
    const key = `${bucket}/${prefix}`;
    let files = listings.get(key);
    if (!files) {
      files = listObjects(context, table, bucket, prefix);
      listings.set(key, files);
    }
    return files;
  };
  const base = parseS3Location(table.StorageDescriptor?.Location);
  return (location) => {
    const parsed = parseS3Location(location);
    if (!parsed)
      throw new QueryFailure(
        'HIVE_INVALID_METADATA',
        `Table '${table.DatabaseName}.${table.Name}' has no valid S3 location: ${location ?? '(none)'}`,
      );
    if (base && parsed.bucket === base.bucket && parsed.prefix.startsWith(base.prefix)) {
      return list(base.bucket, base.prefix).filter((file) => file.key.startsWith(parsed.prefix));
    }
    return list(parsed.bucket, parsed.prefix);
  };
}

function listObjects(context: AthenaContext, table: Table, bucket: string, prefix: string): ObjectFile[] {
  try {
    return context.s3.objectFiles(bucket, prefix).filter((file) => {
      const name = file.key.split('/').at(-1) ?? '';
      return file.size > 0 && name !== '' && !name.startsWith('_') && !name.startsWith('.');
    });
  } catch (error) {
    if (isAwsError(error) && error.code === 'NoSuchBucket') {
      throw new QueryFailure(
        'HIVE_FILESYSTEM_ERROR',
        `The specified bucket does not exist: ${bucket} (location of table '${table.DatabaseName}.${table.Name}')`,
      );
    }
    throw error;
  }
}

/** AWS-FIDELITY §10.4: partition columns are checked by position against the table's; only Hive's widenings pass. */
function checkPartitionSchema(
  request: ScanRequest,
  partition: Partition,
  tableTypes: readonly HiveType[],
): void {
  const table = request.table;
  const tableColumns = table.StorageDescriptor?.Columns ?? [];
  const partitionColumns = partition.StorageDescriptor?.Columns ?? tableColumns;
  const shared = Math.min(tableColumns.length, partitionColumns.length);
  for (let i = 0; i < shared; i++) {
    const tableColumn = tableColumns[i] as Column;
    const partitionColumn = partitionColumns[i] as Column;
    const tableType = tableTypes[i] as HiveType;
    const partitionType = columnType(table, partitionColumn);
    if (canCoerce(partitionType, tableType)) continue;
    const name = (table.PartitionKeys ?? [])
      .map((key, k) => `${key.Name}=${partition.Values?.[k] ?? ''}`)
      .join('/');
    throw new QueryFailure(
      'HIVE_PARTITION_SCHEMA_MISMATCH',
      `There is a mismatch between the table and partition schemas. The types are incompatible and cannot be coerced. The column '${tableColumn.Name}' in table '${request.database}.${table.Name}' is declared as type '${hiveTypeString(tableType)}', but partition '${name}' declared column '${partitionColumn.Name}' as type '${hiveTypeString(partitionType)}'.`,
    );
  }
}

/** Whether one reference's WHERE keeps this partition. */
function referenceKeeps(
  request: ScanRequest,
  reference: RelationReference,
  values: readonly string[],
): boolean {
  const keys = request.table.PartitionKeys ?? [];
  return request.predicates.every((predicate) => {
    if (predicate.scope !== reference.scope) return true;
    if (predicate.qualifier !== undefined && predicate.qualifier !== reference.alias) return true;
    const index = keys.findIndex((key) => key.Name?.toLowerCase() === predicate.column);
    if (index === -1) return true;
    const numeric = /^(tinyint|smallint|int|integer|bigint|double|float|decimal)/i.test(
      keys[index]?.Type ?? '',
    );
    return partitionMatches(predicate, values[index] ?? '', numeric);
  });
}

export function planScan(context: AthenaContext, request: ScanRequest): ScanPlan {
  const { table } = request;
  if (table.TableType === 'VIRTUAL_VIEW') {
    throw new QueryFailure(
      'NOT_SUPPORTED',
      `Table '${request.database}.${table.Name}' is a view: views are not supported by the offline engine`,
    );
  }
  const format = formatOf(table);
  const columns = table.StorageDescriptor?.Columns ?? [];
  const types = columns.map((column) => columnType(table, column));
  const keys = table.PartitionKeys ?? [];
  const tableLocation = table.StorageDescriptor?.Location;

  const filesUnder = fileLister(context, table);
  const parts: { files: ObjectFile[]; values: string[] }[] = [];
  if (keys.length === 0) {
    parts.push({ files: filesUnder(tableLocation), values: [] });
  } else {
    for (const partition of context.catalog.getPartitions(request.database, table.Name ?? '')) {
      const values = partition.Values ?? [];
      if (!request.references.some((reference) => referenceKeeps(request, reference, values))) continue;
      checkPartitionSchema(request, partition, types);
      const base = parseS3Location(tableLocation);
      const defaultLocation =
        base &&
        `s3://${base.bucket}/${base.prefix}${keys.map((key, k) => `${key.Name}=${values[k] ?? ''}`).join('/')}/`;
      parts.push({ files: filesUnder(partition.StorageDescriptor?.Location ?? defaultLocation), values });
    }
  }
  const files = parts.flatMap((part) => part.files);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const names = columns.map((column) => quoteIdentifier((column.Name ?? '').toLowerCase()));
  const duckTypes = types.map(duckTypeOf);
  const partitionColumns = request.withPartitionColumns ? keys : [];
  const partitionTypes = partitionColumns.map((key) => duckTypeOf(columnType(table, key)));
  const partitionNames = partitionColumns.map((key) => quoteIdentifier((key.Name ?? '').toLowerCase()));

  if (files.length === 0) {
    const nulls = [
      ...names.map((name, i) => `CAST(NULL AS ${duckTypes[i]}) AS ${name}`),
      ...partitionNames.map((name, i) => `CAST(NULL AS ${partitionTypes[i]}) AS ${name}`),
    ];
    return { files, bytes, sql: `SELECT ${nulls.join(', ') || '1 AS "_"'} WHERE false` };
  }
  const withFile = partitionColumns.length > 0;
  const fileList = `[${files.map((file) => sqlString(file.path)).join(', ')}]`;
  const filename = withFile ? `, filename = ${sqlString(FILE_COLUMN)}` : '';
  let source: string;
  let projection: string[];
  if (format.kind === 'json') {
    const spec = columns
      .map(
        (column, i) =>
          `${sqlString((column.Name ?? '').toLowerCase())}: ${sqlString(duckTypes[i] ?? 'VARCHAR')}`,
      )
      .join(', ');
    source = `read_json(${fileList}, format = 'auto', columns = {${spec}}${filename})`;
    projection = names.map((name) => `j.${name}`);
  } else if (format.kind === 'parquet') {
    source = `read_parquet(${fileList}, union_by_name = true${filename})`;
    projection = names.map((name, i) => `CAST(j.${name} AS ${duckTypes[i]}) AS ${name}`);
  } else {
    const spec = columns
      .map(
        (column, i) =>
          `${sqlString((column.Name ?? '').toLowerCase())}: ${sqlString(duckTypes[i] ?? 'VARCHAR')}`,
      )
      .join(', ');
    source = `read_csv(${fileList}, header = false, auto_detect = false, columns = {${spec}}, ${format.options}${filename})`;
    projection = names.map((name) => `j.${name}`);
  }
  if (!withFile) return { files, bytes, sql: `SELECT ${projection.join(', ')} FROM ${source} j` };
  const rows = parts.flatMap((part) =>
    part.files.map((file) => `(${[file.path, ...part.values].map(sqlString).join(', ')})`),
  );
  const partitionProjection = partitionNames.map(
    (name, i) => `CAST(p.${name} AS ${partitionTypes[i]}) AS ${name}`,
  );
  return {
    files,
    bytes,
    sql:
      `SELECT ${[...projection, ...partitionProjection].join(', ')} FROM ${source} j ` +
      `JOIN (VALUES ${rows.join(', ')}) p(${[quoteIdentifier(FILE_COLUMN), ...partitionNames].join(', ')}) ON j.${quoteIdentifier(FILE_COLUMN)} = p.${quoteIdentifier(FILE_COLUMN)}`,
  };
}
