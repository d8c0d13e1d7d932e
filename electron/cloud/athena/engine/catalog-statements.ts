import type { ColumnInfo } from '@aws-sdk/client-athena';
import type { Column, StorageDescriptor, Table, TableInput } from '@aws-sdk/client-glue';
import type { AthenaContext } from '../context.js';
import { QueryFailure } from '../errors.js';
import { varcharColumn } from '../results/render.js';
import { parseS3Location, s3Url } from '../s3-location.js';
import type { NameRef, Statement } from '../sql/statement.js';

/**
 * Hive DDL and the SHOW/DESCRIBE utilities, answered from the Glue catalog. Athena runs these in
 * its Hive path, so failures read as Hive's (`FAILED: SemanticException [Error 10001]: Table not
 * found db.t`, AWS-FIDELITY §10.3), and results are lines of text (`<QueryExecutionId>.txt`).
 */

export interface CatalogOutcome {
  lines: string[];
  columns: ColumnInfo[];
}

type CatalogStatement = Exclude<Statement, { kind: 'query' } | { kind: 'ctas' }>;

const JSON_SERDE = 'org.openx.data.jsonserde.JsonSerDe';
const TEXT_INPUT = 'org.apache.hadoop.mapred.TextInputFormat';
const TEXT_OUTPUT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';
const LAZY_SIMPLE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';
const STORED_AS: Record<string, { input: string; output: string; serde: string }> = {
  PARQUET: {
    input: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
  },
  TEXTFILE: { input: TEXT_INPUT, output: TEXT_OUTPUT, serde: LAZY_SIMPLE },
  JSONFILE: { input: TEXT_INPUT, output: TEXT_OUTPUT, serde: 'org.apache.hive.hcatalog.data.JsonSerDe' },
  ORC: {
    input: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat',
    serde: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
  },
  AVRO: {
    input: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat',
    serde: 'org.apache.hadoop.hive.serde2.avro.AvroSerDe',
  },
};

const failed = (detail: string): QueryFailure => new QueryFailure('FAILED', detail);

/** `db.t` or `t` (in the context database). */
export function tableName(name: NameRef, database: string): { database: string; name: string } {
  return {
    database: name.parts.length > 1 ? (name.parts.at(-2) ?? database) : database,
    name: name.parts.at(-1) ?? '',
  };
}

/** Hive's SHOW pattern: `*` any characters, `|` alternatives, case-insensitive. */
function hivePattern(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const alternatives = pattern.split('|').map((part) =>
    part
      .trim()
      .replace(/[.+?^${}()[\]\\]/g, '\\$&')
      .replaceAll('*', '.*'),
  );
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  return (name) => regex.test(name);
}

const pad = (text: string): string => text.padEnd(20, ' ');
const describeLine = (column: Column, comment: string): string =>
  `${pad(column.Name ?? '')}\t${pad(column.Type ?? '')}\t${pad(comment)}`;

function requireTable(
  context: AthenaContext,
  name: NameRef,
  database: string,
): { database: string; table: Table } {
  const target = tableName(name, database);
  const table = context.catalog.getTable(target.database, target.name);
  if (!table)
    throw failed(`SemanticException [Error 10001]: Table not found ${target.database}.${target.name}`);
  return { database: target.database, table };
}

function requireDatabase(context: AthenaContext, database: string): void {
  if (!context.catalog.getDatabase(database))
    throw failed(`SemanticException [Error 10072]: Database does not exist: ${database}`);
}

function createTable(
  context: AthenaContext,
  statement: Extract<Statement, { kind: 'create-table' }>,
  database: string,
): void {
  const target = tableName(statement.name, database);
  requireDatabase(context, target.database);
  if (context.catalog.getTable(target.database, target.name)) {
    if (statement.ifNotExists) return;
    throw failed(`AlreadyExistsException: Table ${target.name} already exists`);
  }
  const stored = statement.storedAs ? STORED_AS[statement.storedAs] : undefined;
  if (statement.storedAs && !stored)
    throw failed(`SemanticException: Unrecognized file format in STORED AS clause: '${statement.storedAs}'`);
  const serde = statement.serde ?? stored?.serde ?? LAZY_SIMPLE;
  const location = parseS3Location(statement.location);
  const descriptor: StorageDescriptor = {
    Columns: statement.columns.map((column) => ({
      Name: column.name,
      Type: column.type,
      ...(column.comment === undefined ? {} : { Comment: column.comment }),
    })),
    ...(location ? { Location: s3Url(location.bucket, location.prefix) } : {}),
    InputFormat: statement.inputFormat ?? stored?.input ?? TEXT_INPUT,
    OutputFormat: statement.outputFormat ?? stored?.output ?? TEXT_OUTPUT,
    SerdeInfo: {
      SerializationLibrary: serde,
      Parameters: {
        ...(serde === LAZY_SIMPLE
          ? { 'serialization.format': statement.delimited['field.delim'] ?? '1' }
          : {}),
        ...statement.delimited,
        ...statement.serdeProperties,
      },
    },
    Compressed: false,
    NumberOfBuckets: -1,
    StoredAsSubDirectories: false,
  };
  const input: TableInput = {
    Name: target.name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      EXTERNAL: 'TRUE',
      ...(serde === JSON_SERDE ? { classification: 'json' } : {}),
      ...statement.properties,
    },
    PartitionKeys: statement.partitionKeys.map((column) => ({ Name: column.name, Type: column.type })),
    StorageDescriptor: descriptor,
    ...(statement.comment === undefined ? {} : { Description: statement.comment }),
  };
  context.catalog.createTable(target.database, input);
}

function showCreateTable(database: string, table: Table): string[] {
  const descriptor = table.StorageDescriptor ?? {};
  const columns = (list: Column[]) =>
    list.map((column, i) => `  \`${column.Name}\` ${column.Type}${i < list.length - 1 ? ',' : ''}`);
  const serdeParameters = Object.entries(descriptor.SerdeInfo?.Parameters ?? {});
  const properties = Object.entries(table.Parameters ?? {}).filter(([key]) => key !== 'EXTERNAL');
  return [
    `CREATE EXTERNAL TABLE \`${database}\`.\`${table.Name}\`(`,
    ...columns(descriptor.Columns ?? []),
    ...(table.PartitionKeys?.length ? [')', 'PARTITIONED BY (', ...columns(table.PartitionKeys)] : []),
    ')',
    'ROW FORMAT SERDE ',
    `  '${descriptor.SerdeInfo?.SerializationLibrary ?? LAZY_SIMPLE}' `,
    ...(serdeParameters.length
      ? [
          'WITH SERDEPROPERTIES ( ',
          ...serdeParameters.map(
            ([k, v], i) => `  '${k}'='${v}'${i < serdeParameters.length - 1 ? ', ' : ')'}`,
          ),
        ]
      : []),
    'STORED AS INPUTFORMAT ',
    `  '${descriptor.InputFormat ?? TEXT_INPUT}' `,
    'OUTPUTFORMAT ',
    `  '${descriptor.OutputFormat ?? TEXT_OUTPUT}'`,
    'LOCATION',
    `  '${descriptor.Location ?? ''}'`,
    'TBLPROPERTIES (',
    ...properties.map(([k, v], i) => `  '${k}'='${v}'${i < properties.length - 1 ? ', ' : ')'}`),
  ];
}

/** MSCK REPAIR TABLE: adds the Hive-style (`key=value/`) folders the catalog lacks; Firehose's `yyyy/MM/dd/HH/` never matches (AWS-FIDELITY §10.4). */
function repairTable(context: AthenaContext, database: string, table: Table): string[] {
  const keys = (table.PartitionKeys ?? []).map((key) => key.Name ?? '');
  const location = parseS3Location(table.StorageDescriptor?.Location);
  if (!keys.length || !location) return [];
  const known = new Set(
    context.catalog
      .getPartitions(database, table.Name ?? '')
      .map((partition) => (partition.Values ?? []).join('\u0000')),
  );
  const found = new Map<string, string[]>();
  for (const file of context.s3.objectFiles(location.bucket, location.prefix)) {
    const folders = file.key.slice(location.prefix.length).split('/').slice(0, keys.length);
    const values = folders.map((folder, i) => {
      const key = keys[i] ?? '';
      return folder.startsWith(`${key}=`) ? decodeURIComponent(folder.slice(key.length + 1)) : undefined;
    });
    if (values.length === keys.length && values.every((value) => value !== undefined))
      found.set(folders.join('/'), values as string[]);
  }
  const missing = [...found].filter(([, values]) => !known.has(values.join('\u0000')));
  for (const [folder, values] of missing) {
    context.catalog.createPartition(database, table.Name ?? '', {
      Values: values,
      StorageDescriptor: {
        ...table.StorageDescriptor,
        Location: `${s3Url(location.bucket, location.prefix)}${folder}/`,
      },
    });
  }
  if (!missing.length) return [];
  return [
    `Partitions not in metastore:\t${missing.map(([folder]) => `${table.Name}:${folder}`).join('\t')}`,
    ...missing.map(([folder]) => `Repair: Added partition to metastore ${table.Name}:${folder}`),
  ];
}

export function runCatalogStatement(
  context: AthenaContext,
  statement: CatalogStatement,
  database: string,
): CatalogOutcome {
  const none: CatalogOutcome = { lines: [], columns: [] };
  switch (statement.kind) {
    case 'create-table':
      createTable(context, statement, database);
      return none;
    case 'create-database': {
      const name = statement.name.parts.at(-1) ?? '';
      if (context.catalog.getDatabase(name)) {
        if (statement.ifNotExists) return none;
        throw failed(`AlreadyExistsException: Database ${name} already exists`);
      }
      context.catalog.createDatabase({
        Name: name,
        ...(statement.comment === undefined ? {} : { Description: statement.comment }),
        ...(statement.location === undefined ? {} : { LocationUri: statement.location }),
        Parameters: statement.properties,
      });
      return none;
    }
    case 'drop-table': {
      const target = tableName(statement.name, database);
      if (!context.catalog.getTable(target.database, target.name)) {
        if (statement.ifExists) return none;
        throw failed(`SemanticException [Error 10001]: Table not found ${target.database}.${target.name}`);
      }
      context.catalog.deleteTable(target.database, target.name);
      return none;
    }
    case 'drop-database': {
      const name = statement.name.parts.at(-1) ?? '';
      if (!context.catalog.getDatabase(name)) {
        if (statement.ifExists) return none;
        throw failed(`SemanticException [Error 10072]: Database does not exist: ${name}`);
      }
      if (!statement.cascade && context.catalog.getTables(name).length) {
        throw failed(`InvalidOperationException: Database ${name} is not empty. One or more tables exist.`);
      }
      context.catalog.deleteDatabase(name);
      return none;
    }
    case 'show-tables': {
      const target = statement.database?.parts.at(-1) ?? database;
      requireDatabase(context, target);
      const matches = hivePattern(statement.pattern);
      return {
        lines: context.catalog
          .getTables(target)
          .map((table) => table.Name ?? '')
          .filter(matches),
        columns: [varcharColumn('tab_name')],
      };
    }
    case 'show-databases': {
      const matches = hivePattern(statement.pattern);
      return {
        lines: context.catalog
          .getDatabases()
          .map((db) => db.Name ?? '')
          .filter(matches),
        columns: [varcharColumn('database_name')],
      };
    }
    case 'show-columns': {
      const { table } = requireTable(context, statement.name, database);
      const columns = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
      return { lines: columns.map((column) => column.Name ?? ''), columns: [varcharColumn('field')] };
    }
    case 'describe': {
      const { table } = requireTable(context, statement.name, database);
      const comment = /jsonserde/i.test(table.StorageDescriptor?.SerdeInfo?.SerializationLibrary ?? '')
        ? 'from deserializer'
        : '';
      const keys = table.PartitionKeys ?? [];
      const lines = (table.StorageDescriptor?.Columns ?? []).map((column) =>
        describeLine(column, column.Comment ?? comment),
      );
      lines.push(...keys.map((column) => describeLine(column, column.Comment ?? '')));
      if (keys.length) {
        lines.push(
          '\t \t ',
          '# Partition Information\t \t ',
          `${pad('# col_name')}\t${pad('data_type')}\t${pad('comment')}`,
          '\t \t ',
        );
        lines.push(...keys.map((column) => describeLine(column, column.Comment ?? '')));
      }
      return { lines, columns: [varcharColumn('col_name')] };
    }
    case 'show-partitions': {
      const { database: db, table } = requireTable(context, statement.name, database);
      const keys = table.PartitionKeys ?? [];
      const lines = context.catalog
        .getPartitions(db, table.Name ?? '')
        .map((partition) => keys.map((key, i) => `${key.Name}=${partition.Values?.[i] ?? ''}`).join('/'));
      return { lines, columns: [varcharColumn('partition')] };
    }
    case 'show-create-table': {
      const { database: db, table } = requireTable(context, statement.name, database);
      return { lines: showCreateTable(db, table), columns: [varcharColumn('createtab_stmt')] };
    }
    case 'show-tblproperties': {
      const { table } = requireTable(context, statement.name, database);
      return {
        lines: Object.entries(table.Parameters ?? {}).map(([key, value]) => `${key}\t${value}`),
        columns: [varcharColumn('prpt_name')],
      };
    }
    case 'msck-repair': {
      const { database: db, table } = requireTable(context, statement.name, database);
      return { lines: repairTable(context, db, table), columns: [] };
    }
    case 'unsupported':
      throw new QueryFailure('NOT_SUPPORTED', statement.reason);
    case 'add-partitions': {
      const { database: db, table } = requireTable(context, statement.name, database);
      const keys = (table.PartitionKeys ?? []).map((key) => (key.Name ?? '').toLowerCase());
      const base = parseS3Location(table.StorageDescriptor?.Location);
      for (const spec of statement.partitions) {
        if (
          Object.keys(spec.values).length !== keys.length ||
          keys.some((key) => spec.values[key] === undefined)
        ) {
          throw failed(
            `SemanticException [Error 10098]: Partition spec is invalid; it must name every partition column: ${keys.join(', ')}`,
          );
        }
        const values = keys.map((key) => spec.values[key] ?? '');
        if (context.catalog.getPartition(db, table.Name ?? '', values)) {
          if (statement.ifNotExists) continue;
          throw failed('AlreadyExistsException: Partition already exists');
        }
        const location =
          spec.location ??
          (base
            ? `${s3Url(base.bucket, base.prefix)}${keys.map((key, i) => `${key}=${values[i]}`).join('/')}/`
            : undefined);
        context.catalog.createPartition(db, table.Name ?? '', {
          Values: values,
          StorageDescriptor: { ...table.StorageDescriptor, ...(location ? { Location: location } : {}) },
        });
      }
      return none;
    }
  }
}
