import type { Column, PartitionInput, StorageDescriptor, Table, TableInput } from '@aws-sdk/client-glue';
import type { GlueCatalog } from '../catalog.js';
import type { CrawlResult, CrawledTable, DataStatistics } from './crawl.js';
import type { CrawlerDefinition, CrawlerOutputOptions } from './definition.js';
import { columnsOf } from './schema.js';

/**
 * The writing half of a crawl: turns what `crawlTargets` found into catalog tables and partitions,
 * following the crawler's SchemaChangePolicy and Configuration (AWS-FIDELITY §9.4, §9.5):
 * - new tables and new partitions are always added;
 * - UPDATE_IN_DATABASE re-infers an existing table's columns from the data (existing column order
 *   kept); `MergeNewColumns` only adds columns; LOG leaves the table as it is;
 * - existing partitions keep the columns they were inferred with, unless
 *   `CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable`, which gives every partition
 *   of the table, new and existing, the table's columns;
 * - DELETE_FROM_DATABASE removes partitions (and tables) whose data is gone, after a full crawl.
 */

export interface CrawlMetrics {
  tablesCreated: number;
  tablesUpdated: number;
  tablesDeleted: number;
  partitionsCreated: number;
  partitionsUpdated: number;
}

export const JSON_SERDE = 'org.openx.data.jsonserde.JsonSerDe';
export const TEXT_INPUT_FORMAT = 'org.apache.hadoop.mapred.TextInputFormat';
export const HIVE_TEXT_OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';

function crawlerParameters(crawlerName: string, statistics: DataStatistics): Record<string, string> {
  // Real crawler tables carry every parameter as a string.
  return {
    sizeKey: String(statistics.sizeKey),
    objectCount: String(statistics.objectCount),
    UPDATED_BY_CRAWLER: crawlerName,
    CrawlerSchemaSerializerVersion: '1.0',
    recordCount: String(statistics.recordCount),
    averageRecordSize: String(statistics.averageRecordSize),
    CrawlerSchemaDeserializerVersion: '1.0',
    compressionType: statistics.compression,
    classification: 'json',
    typeOfData: 'file',
  };
}

function storageDescriptor(columns: Column[], location: string, parameters: Record<string, string>): StorageDescriptor {
  return {
    Columns: columns,
    Location: location,
    InputFormat: TEXT_INPUT_FORMAT,
    OutputFormat: HIVE_TEXT_OUTPUT_FORMAT,
    Compressed: parameters.compressionType !== 'none',
    NumberOfBuckets: -1,
    // The openx SerDe's `paths`: the top-level keys, sorted.
    SerdeInfo: { SerializationLibrary: JSON_SERDE, Parameters: { paths: columns.map((column) => column.Name ?? '').sort().join(',') } },
    BucketColumns: [],
    SortColumns: [],
    Parameters: parameters,
    SkewedInfo: { SkewedColumnNames: [], SkewedColumnValues: [], SkewedColumnValueLocationMaps: {} },
    StoredAsSubDirectories: false,
  };
}

/** Inferred columns, existing ones first in their order, then new ones in order of appearance. */
function reinferredColumns(existing: readonly Column[], inferred: readonly Column[], mergeNewOnly: boolean): Column[] {
  const byName = new Map(inferred.map((column) => [column.Name, column]));
  const kept = existing.flatMap((column) => {
    if (mergeNewOnly) return [column];
    const again = byName.get(column.Name);
    return again ? [again] : [];
  });
  const known = new Set(existing.map((column) => column.Name));
  return [...kept, ...inferred.filter((column) => !known.has(column.Name))];
}

const sameColumns = (a: readonly Column[] | undefined, b: readonly Column[] | undefined): boolean =>
  JSON.stringify((a ?? []).map((c) => [c.Name, c.Type])) === JSON.stringify((b ?? []).map((c) => [c.Name, c.Type]));

export interface ApplyRequest {
  catalog: GlueCatalog;
  crawler: CrawlerDefinition;
  options: CrawlerOutputOptions;
  result: CrawlResult;
  /** The role session Glue records as the table's CreatedBy. */
  createdBy: string;
}

export function applyCrawl({ catalog, crawler, options, result, createdBy }: ApplyRequest): CrawlMetrics {
  const metrics: CrawlMetrics = { tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0, partitionsCreated: 0, partitionsUpdated: 0 };
  const database = crawler.DatabaseName ?? '';
  const { UpdateBehavior: update, DeleteBehavior: deletion } = crawler.SchemaChangePolicy;
  for (const crawled of result.tables) {
    const inferred = columnsOf(crawled.schema);
    const existing = catalog.getTable(database, crawled.name);
    let table: Table;
    if (!existing) {
      table = catalog.createTable(database, tableInput(crawler, crawled, inferred), { createdBy });
      metrics.tablesCreated++;
    } else if (update === 'UPDATE_IN_DATABASE') {
      const existingColumns = existing.StorageDescriptor?.Columns ?? [];
      const columns = reinferredColumns(existingColumns, inferred, options.tablesMergeNewColumns);
      const keysChanged = (existing.PartitionKeys?.length ?? 0) !== crawled.partitionKeys.length;
      if (keysChanged) for (const partition of catalog.getPartitions(database, crawled.name)) catalog.deletePartition(database, crawled.name, partition.Values ?? []);
      table = catalog.updateTable(database, { ...tableInput(crawler, crawled, columns), ...(keysChanged ? {} : { PartitionKeys: existing.PartitionKeys }) });
      if (keysChanged || !sameColumns(existingColumns, columns) || existing.StorageDescriptor?.Location !== crawled.location) metrics.tablesUpdated++;
    } else {
      table = existing;
    }
    applyPartitions(catalog, crawler, options, crawled, table, metrics);
    if (options.partitionsInheritFromTable) inheritTableSchema(catalog, database, table, metrics);
  }
  if (options.partitionsInheritFromTable) {
    // "Update all new and existing partitions": a run that found no new folder (new-folders-only
    // recrawl) still brings the crawler's existing tables' partitions to their table's schema.
    const crawledNames = new Set(result.tables.map((crawled) => crawled.name));
    for (const table of catalog.getTables(database)) {
      if (crawledNames.has(table.Name ?? '') || table.Parameters?.UPDATED_BY_CRAWLER !== crawler.Name) continue;
      inheritTableSchema(catalog, database, table, metrics);
    }
  }
  if (deletion === 'DELETE_FROM_DATABASE' && crawler.RecrawlPolicy.RecrawlBehavior === 'CRAWL_EVERYTHING') {
    for (const { name } of result.emptyTargets) {
      const table = catalog.getTable(database, name);
      if (table?.Parameters?.UPDATED_BY_CRAWLER === crawler.Name) {
        catalog.deleteTable(database, name);
        metrics.tablesDeleted++;
      }
    }
  }
  return metrics;
}

function tableInput(crawler: CrawlerDefinition, crawled: CrawledTable, columns: Column[]): TableInput {
  const parameters = crawlerParameters(crawler.Name, crawled.statistics);
  return {
    Name: crawled.name,
    Owner: 'owner',
    Retention: 0,
    StorageDescriptor: storageDescriptor(columns, crawled.location, parameters),
    PartitionKeys: crawled.partitionKeys,
    TableType: 'EXTERNAL_TABLE',
    Parameters: parameters,
  };
}

function applyPartitions(catalog: GlueCatalog, crawler: CrawlerDefinition, options: CrawlerOutputOptions, crawled: CrawledTable, table: Table, metrics: CrawlMetrics): void {
  const database = crawler.DatabaseName ?? '';
  const keyCount = table.PartitionKeys?.length ?? 0;
  if (keyCount === 0) return;
  const tableColumns = table.StorageDescriptor?.Columns ?? [];
  const crawledValues = new Set<string>();
  for (const partition of crawled.partitions) {
    if (partition.values.length !== keyCount) continue;
    crawledValues.add(JSON.stringify(partition.values));
    const parameters = crawlerParameters(crawler.Name, partition.statistics);
    const existing = catalog.getPartition(database, crawled.name, partition.values);
    if (!existing) {
      const columns = options.partitionsInheritFromTable || !partition.schema ? tableColumns : columnsOf(partition.schema);
      const input: PartitionInput = { Values: partition.values, StorageDescriptor: storageDescriptor(columns, partition.location, parameters), Parameters: parameters };
      catalog.createPartition(database, crawled.name, input);
      metrics.partitionsCreated++;
    } else if (crawler.SchemaChangePolicy.UpdateBehavior === 'UPDATE_IN_DATABASE') {
      // Existing partitions keep their columns; only their statistics follow the data.
      const columns = existing.StorageDescriptor?.Columns ?? [];
      catalog.updatePartition(database, crawled.name, partition.values, {
        Values: partition.values,
        StorageDescriptor: storageDescriptor(columns, partition.location, parameters),
        Parameters: parameters,
      });
    }
  }
  for (const partition of catalog.getPartitions(database, crawled.name)) {
    const values = partition.Values ?? [];
    const gone = crawled.complete && !crawledValues.has(JSON.stringify(values));
    if (gone && crawler.SchemaChangePolicy.DeleteBehavior === 'DELETE_FROM_DATABASE') {
      catalog.deletePartition(database, crawled.name, values);
    }
  }
}

/** `InheritFromTable`: every partition of the table takes the table's columns. */
function inheritTableSchema(catalog: GlueCatalog, database: string, table: Table, metrics: CrawlMetrics): void {
  const tableName = table.Name ?? '';
  const tableColumns = table.StorageDescriptor?.Columns ?? [];
  for (const partition of catalog.getPartitions(database, tableName)) {
    if (sameColumns(partition.StorageDescriptor?.Columns, tableColumns)) continue;
    const { Values: values = [], DatabaseName: _database, TableName: _table, CreationTime: _created, CatalogId: _catalog, ...rest } = partition;
    catalog.updatePartition(database, tableName, values, {
      ...rest,
      Values: values,
      StorageDescriptor: { ...partition.StorageDescriptor, Columns: tableColumns },
    });
    metrics.partitionsUpdated++;
  }
}
