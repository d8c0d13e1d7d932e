import type { Column, StorageDescriptor } from '@aws-sdk/client-glue';
import type { DuckDBConnection } from '@duckdb/node-api';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DUCK_CATALOG, type AthenaContext } from '../context.js';
import { QueryFailure } from '../errors.js';
import { parseS3Location, s3Url } from '../s3-location.js';
import type { PropertyValue, Statement } from '../sql/statement.js';
import { at } from '../sql/tokens.js';
import { UNNAMED_PREFIX } from '../sql/translate.js';
import { hiveTypeOfDuck, parseDuckType, quoteIdentifier } from '../sql/types.js';
import { installViews, prepareQuery, type QueryScope } from './query.js';

/**
 * CREATE TABLE … AS SELECT, as Athena runs it (AWS-FIDELITY §10.7): the query's rows are written
 * (Parquet with GZIP by default; JSON or TEXTFILE on request) under `external_location` or
 * `<OutputLocation>tables/<QueryExecutionId>/`, put into the local S3, and the table is registered
 * in the Glue catalog as an EXTERNAL_TABLE with the matching SerDe — partitions too, for
 * `partitioned_by`. The table's columns are named as Trino names them; unnamed or duplicate
 * names fail the query as Athena fails them.
 */

type Ctas = Extract<Statement, { kind: 'ctas' }>;

export interface CtasResult {
  rows: number;
  bytes: number;
  /** The data files written (s3:// URLs), for the `-manifest.csv` Athena writes beside the results. */
  manifest: string[];
}

const FORMATS: Record<
  string,
  {
    copy: (compression: string, delimiter: string) => string;
    extension: string;
    storage: StorageDescriptor;
    classification: string;
  }
> = {
  PARQUET: {
    copy: (compression) => `FORMAT PARQUET, COMPRESSION ${compression}`,
    extension: '',
    classification: 'parquet',
    storage: {
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
        Parameters: { 'serialization.format': '1' },
      },
    },
  },
  JSON: {
    copy: (compression) => `FORMAT JSON, COMPRESSION ${compression}`,
    extension: '.gz',
    classification: 'json',
    storage: {
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: {} },
    },
  },
  TEXTFILE: {
    copy: (compression, delimiter) =>
      `FORMAT CSV, HEADER false, QUOTE '', ESCAPE '', NULLSTR '\\N', DELIMITER '${delimiter.replaceAll("'", "''")}', COMPRESSION ${compression}`,
    extension: '.gz',
    classification: 'csv',
    storage: {
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
        Parameters: {},
      },
    },
  },
};

const KNOWN_PROPERTIES = new Set([
  'format',
  'external_location',
  'partitioned_by',
  'write_compression',
  'parquet_compression',
  'field_delimiter',
  'bucketed_by',
  'bucket_count',
]);

const text = (value: PropertyValue | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Trino-style data file names: `<yyyyMMdd_HHmmss>_00000_<5 letters>_<uuid>`. */
function dataFileName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const letters = [...randomBytes(5)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${stamp}_00000_${letters}_${randomUUID()}`;
}

const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';
const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;
/** Hive's escaping of partition values in folder names. */
const HIVE_ESCAPED = new Set('"#%\'*/:=?\\{[]^\u007f');
const escapePartitionValue = (value: string): string =>
  [...value]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || HIVE_ESCAPED.has(c)
        ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
        : c,
    )
    .join('');

interface DataFile {
  path: string;
  /** `key=value/…` ('' when the table has no partitions). */
  folder: string;
  values: string[];
}

/**
 * Stages the rows in a temporary table, then writes one file per partition (Hive-style `key=value/`
 * folders, as Athena lays out a partitioned CTAS; at most 100, Athena's limit).
 */
async function writeData(
  connection: DuckDBConnection,
  select: string,
  names: readonly string[],
  keys: readonly string[],
  output: { work: string; extension: string; options: string; now: () => number },
): Promise<{ rows: number; files: DataFile[] }> {
  const staged = '__athena_ctas';
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${staged} AS ${select}`);
  try {
    const rows = Number(
      (await connection.runAndReadAll(`SELECT count(*) FROM ${staged}`)).getRows()[0]?.[0] ?? 0,
    );
    const combinations = keys.length
      ? (
          await connection.runAndReadAll(
            `SELECT DISTINCT ${keys.map(quoteIdentifier).join(', ')} FROM ${staged}`,
          )
        ).getRows()
      : [[]];
    if (combinations.length > 100)
      throw new QueryFailure(
        'HIVE_TOO_MANY_OPEN_PARTITIONS',
        'Exceeded limit of 100 open writers for partitions/buckets',
      );
    const dataColumns = names
      .filter((name) => !keys.includes(name))
      .map(quoteIdentifier)
      .join(', ');
    const files: DataFile[] = [];
    for (const combination of combinations) {
      const values = combination.map((value) => (value === null ? HIVE_DEFAULT_PARTITION : String(value)));
      const folder = keys.map((key, i) => `${key}=${escapePartitionValue(values[i] ?? '')}`).join('/');
      const conditions = keys.map((key, i) =>
        combination[i] === null
          ? `${quoteIdentifier(key)} IS NULL`
          : `CAST(${quoteIdentifier(key)} AS VARCHAR) = ${sqlString(values[i] ?? '')}`,
      );
      const dir = path.join(output.work, ...folder.split('/').filter(Boolean));
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${dataFileName(output.now())}${output.extension}`);
      const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
      await connection.run(
        `COPY (SELECT ${dataColumns} FROM ${staged}${where}) TO ${sqlString(file)} (${output.options})`,
      );
      files.push({ path: file, folder, values });
    }
    return { rows, files };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${staged}`);
  }
}

export async function runCtas(
  connection: DuckDBConnection,
  context: AthenaContext,
  sql: string,
  statement: Ctas,
  scope: QueryScope,
  execution: { id: string; outputLocation: string },
  /** Called with the bytes the query will scan, before anything runs (the work group's cutoff). */
  checkBytes: (bytes: number) => void,
): Promise<CtasResult> {
  const parts = statement.name.parts;
  const database = parts.length > 1 ? (parts.at(-2) ?? scope.database) : scope.database;
  const name = parts.at(-1) ?? '';
  const where = at(sql, 0);
  if (!context.catalog.getDatabase(database))
    throw new QueryFailure(
      'SCHEMA_NOT_FOUND',
      `${at(sql, statement.name.start)}: Schema '${database}' does not exist`,
    );
  if (context.catalog.getTable(database, name)) {
    if (statement.ifNotExists) return { rows: 0, bytes: 0, manifest: [] };
    throw new QueryFailure(
      'TABLE_ALREADY_EXISTS',
      `${where}: Destination table '${DUCK_CATALOG}.${database}.${name}' already exists`,
    );
  }
  if (statement.columnList)
    throw new QueryFailure('MISSING_COLUMN_NAME', `${where}: Column name not specified at position 1`);
  for (const key of Object.keys(statement.properties)) {
    if (!KNOWN_PROPERTIES.has(key))
      throw new QueryFailure(
        'INVALID_TABLE_PROPERTY',
        `${where}: Catalog '${DUCK_CATALOG}' table property '${key}' does not exist`,
      );
  }
  if (statement.properties.bucketed_by || statement.properties.bucket_count) {
    throw new QueryFailure(
      'NOT_SUPPORTED',
      `${where}: bucketed_by and bucket_count are not supported by the offline engine`,
    );
  }
  const formatName = (text(statement.properties.format) ?? 'PARQUET').toUpperCase();
  const format = FORMATS[formatName];
  if (!format)
    throw new QueryFailure(
      'NOT_SUPPORTED',
      `${where}: format '${formatName}' is not supported by the offline engine; use PARQUET, JSON or TEXTFILE`,
    );
  const compression = (
    text(statement.properties.write_compression) ??
    text(statement.properties.parquet_compression) ??
    'GZIP'
  ).toUpperCase();
  const duckCompression = compression === 'NONE' ? 'uncompressed' : compression.toLowerCase();
  const partitionedBy = (statement.properties.partitioned_by ?? []) as string[];

  const location =
    text(statement.properties.external_location) ?? `${execution.outputLocation}tables/${execution.id}/`;
  const target = parseS3Location(location);
  if (!target)
    throw new QueryFailure(
      'INVALID_TABLE_PROPERTY',
      `${where}: External location must be a directory: ${location}`,
    );
  const targetUrl = s3Url(target.bucket, target.prefix);
  try {
    if (
      statement.properties.external_location &&
      context.s3.objectFiles(target.bucket, target.prefix).length > 0
    ) {
      throw new QueryFailure(
        'HIVE_PATH_ALREADY_EXISTS',
        `Target directory for table '${database}.${name}' already exists: ${targetUrl}`,
      );
    }
  } catch (error) {
    if (error instanceof QueryFailure) throw error;
    throw new QueryFailure('HIVE_FILESYSTEM_ERROR', `The specified bucket does not exist: ${target.bucket}`);
  }

  const prepared = prepareQuery(context, sql, statement.query, scope);
  checkBytes(prepared.bytes);
  await installViews(connection, context, prepared, scope);
  const described = (await connection.runAndReadAll(`DESCRIBE (${prepared.translation.sql})`)).getRows();
  const columns = described.map(([columnName, type]) => ({
    name: String(columnName),
    type: parseDuckType(String(type)),
  }));
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (column.name.startsWith(UNNAMED_PREFIX))
      throw new QueryFailure(
        'MISSING_COLUMN_NAME',
        `${where}: Column name not specified at position ${index + 1}`,
      );
    const lower = column.name.toLowerCase();
    if (seen.has(lower))
      throw new QueryFailure(
        'DUPLICATE_COLUMN_NAME',
        `${where}: Column name '${lower}' specified more than once`,
      );
    seen.add(lower);
  });
  const names = columns.map((column) => column.name.toLowerCase());
  const partitionStart = names.length - partitionedBy.length;
  if (partitionedBy.some((key, i) => names[partitionStart + i] !== key.toLowerCase())) {
    throw new QueryFailure(
      'HIVE_COLUMN_ORDER_MISMATCH',
      `${where}: Partition keys must be the last columns in the table and in the same order as the table properties: ${partitionedBy.join(', ')}`,
    );
  }
  // Parquet has no 128-bit integers: Athena's bigint is what a sum of integers is anyway.
  const projection = columns.map((column, i) => {
    const wide =
      column.type.kind === 'scalar' && ['HUGEINT', 'UHUGEINT', 'UBIGINT'].includes(column.type.name);
    const source = quoteIdentifier(column.name);
    return `${wide ? `CAST(${source} AS BIGINT)` : source} AS ${quoteIdentifier(names[i] ?? '')}`;
  });

  const work = path.join(context.workDir, execution.id);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const delimiter = text(statement.properties.field_delimiter) ?? '\u0001';
    const select = `SELECT ${projection.join(', ')} FROM (${prepared.translation.sql})`;
    const { rows, files } = statement.withData
      ? await writeData(
          connection,
          select,
          names,
          partitionedBy.map((key) => key.toLowerCase()),
          {
            work,
            extension: format.extension,
            options: format.copy(duckCompression, delimiter),
            now: context.now,
          },
        )
      : { rows: 0, files: [] };
    const urls: string[] = [];
    for (const file of files) {
      const key = `${target.prefix}${file.folder ? `${file.folder}/` : ''}${path.basename(file.path)}`;
      context.s3.PutObject({ Bucket: target.bucket, Key: key, Body: readFileSync(file.path) });
      urls.push(s3Url(target.bucket, key));
    }
    const partitions = new Map(files.filter((file) => file.folder).map((file) => [file.folder, file.values]));
    const columnOf = (i: number): Column => ({
      Name: names[i] ?? '',
      Type: hiveTypeOfDuck((columns[i] as (typeof columns)[number]).type),
    });
    const dataColumns = columns.slice(0, partitionStart).map((_, i) => columnOf(i));
    const partitionKeys = partitionedBy.map((_, i) => columnOf(partitionStart + i));
    const storage: StorageDescriptor = {
      ...format.storage,
      Columns: dataColumns,
      Location: targetUrl,
      Compressed: compression !== 'NONE',
      NumberOfBuckets: 0,
      StoredAsSubDirectories: false,
    };
    context.catalog.createTable(database, {
      Name: name,
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: partitionKeys,
      StorageDescriptor: storage,
      Parameters: {
        EXTERNAL: 'TRUE',
        classification: format.classification,
        has_encrypted_data: 'false',
        ...(format.classification === 'parquet'
          ? { 'parquet.compression': compression }
          : { write_compression: compression }),
      },
    });
    for (const [folder, values] of partitions) {
      context.catalog.createPartition(database, name, {
        Values: values,
        StorageDescriptor: { ...storage, Location: `${targetUrl}${folder}/` },
      });
    }
    return { rows, bytes: prepared.bytes, manifest: urls };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
