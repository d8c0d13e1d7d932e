import type { DatabaseInput, PartitionInput, TableInput } from '@aws-sdk/client-glue';
import type { LabStorage } from '../storage/index.js';

/**
 * The Glue store: the Data Catalog (databases, tables, partitions) and the crawlers, in the lab's
 * SQLite file. Catalog entries are kept as the JSON of their AWS input shape (dates excluded, kept
 * as columns) so what a caller wrote is what GetTable gives back. Names are stored lowercase, as
 * Glue stores them (Hive metastore semantics).
 */

const MIGRATIONS = [
  `CREATE TABLE glue_databases (
     name TEXT PRIMARY KEY,
     input TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE glue_tables (
     database_name TEXT NOT NULL REFERENCES glue_databases (name) ON DELETE CASCADE,
     name TEXT NOT NULL,
     input TEXT NOT NULL,
     created_by TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (database_name, name)
   );
   CREATE TABLE glue_partitions (
     database_name TEXT NOT NULL,
     table_name TEXT NOT NULL,
     partition_values TEXT NOT NULL,
     input TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (database_name, table_name, partition_values),
     FOREIGN KEY (database_name, table_name) REFERENCES glue_tables (database_name, name) ON DELETE CASCADE
   );
   CREATE TABLE glue_crawlers (
     name TEXT PRIMARY KEY,
     definition TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     version INTEGER NOT NULL,
     last_crawl TEXT,
     metrics TEXT
   );
   CREATE TABLE glue_crawler_folders (
     crawler TEXT NOT NULL REFERENCES glue_crawlers (name) ON DELETE CASCADE,
     folder TEXT NOT NULL,
     PRIMARY KEY (crawler, folder)
   );`,
];

/** Dates never go into the JSON columns: they are columns of their own (epoch ms). */
export type StoredTableInput = Omit<TableInput, 'LastAccessTime' | 'LastAnalyzedTime'>;
export type StoredPartitionInput = Omit<PartitionInput, 'LastAccessTime' | 'LastAnalyzedTime'>;
export type StoredDatabaseInput = Omit<DatabaseInput, 'CreateTableDefaultPermissions'>;

export interface DatabaseRow {
  name: string;
  input: StoredDatabaseInput;
  createdAt: number;
}

export interface TableRow {
  databaseName: string;
  name: string;
  input: StoredTableInput;
  createdBy?: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface PartitionRow {
  databaseName: string;
  tableName: string;
  values: string[];
  input: StoredPartitionInput;
  createdAt: number;
}

export interface CrawlerRow<D, L, M> {
  name: string;
  definition: D;
  createdAt: number;
  updatedAt: number;
  version: number;
  lastCrawl?: L;
  metrics?: M;
}

interface RawTable {
  database_name: string;
  name: string;
  input: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

interface RawPartition {
  database_name: string;
  table_name: string;
  partition_values: string;
  input: string;
  created_at: number;
}

interface RawCrawler {
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
  version: number;
  last_crawl: string | null;
  metrics: string | null;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

const tableFromRaw = (row: RawTable): TableRow => ({
  databaseName: row.database_name,
  name: row.name,
  input: parse<StoredTableInput>(row.input),
  ...(row.created_by === null ? {} : { createdBy: row.created_by }),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

const partitionFromRaw = (row: RawPartition): PartitionRow => ({
  databaseName: row.database_name,
  tableName: row.table_name,
  values: parse<string[]>(row.partition_values),
  input: parse<StoredPartitionInput>(row.input),
  createdAt: row.created_at,
});

export type GlueStore = ReturnType<typeof openGlueStore>;

export function openGlueStore(storage: LabStorage) {
  storage.migrate('glue', MIGRATIONS);
  const { db } = storage;
  const statements = {
    database: db.prepare<[string], { name: string; input: string; created_at: number }>('SELECT * FROM glue_databases WHERE name = ?'),
    databases: db.prepare<[], { name: string; input: string; created_at: number }>('SELECT * FROM glue_databases ORDER BY name'),
    insertDatabase: db.prepare('INSERT INTO glue_databases (name, input, created_at) VALUES (?, ?, ?)'),
    updateDatabase: db.prepare('UPDATE glue_databases SET input = ? WHERE name = ?'),
    deleteDatabase: db.prepare('DELETE FROM glue_databases WHERE name = ?'),
    table: db.prepare<[string, string], RawTable>('SELECT * FROM glue_tables WHERE database_name = ? AND name = ?'),
    tables: db.prepare<[string], RawTable>('SELECT * FROM glue_tables WHERE database_name = ? ORDER BY name'),
    insertTable: db.prepare(
      'INSERT INTO glue_tables (database_name, name, input, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 0)',
    ),
    updateTable: db.prepare('UPDATE glue_tables SET input = ?, updated_at = ?, version = version + 1 WHERE database_name = ? AND name = ?'),
    deleteTable: db.prepare('DELETE FROM glue_tables WHERE database_name = ? AND name = ?'),
    partition: db.prepare<[string, string, string], RawPartition>(
      'SELECT * FROM glue_partitions WHERE database_name = ? AND table_name = ? AND partition_values = ?',
    ),
    partitions: db.prepare<[string, string], RawPartition>(
      'SELECT * FROM glue_partitions WHERE database_name = ? AND table_name = ? ORDER BY partition_values',
    ),
    insertPartition: db.prepare(
      'INSERT INTO glue_partitions (database_name, table_name, partition_values, input, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    updatePartition: db.prepare(
      'UPDATE glue_partitions SET input = ? WHERE database_name = ? AND table_name = ? AND partition_values = ?',
    ),
    deletePartition: db.prepare('DELETE FROM glue_partitions WHERE database_name = ? AND table_name = ? AND partition_values = ?'),
    crawler: db.prepare<[string], RawCrawler>('SELECT * FROM glue_crawlers WHERE name = ?'),
    crawlers: db.prepare<[], RawCrawler>('SELECT * FROM glue_crawlers ORDER BY name'),
    insertCrawler: db.prepare('INSERT INTO glue_crawlers (name, definition, created_at, updated_at, version) VALUES (?, ?, ?, ?, 1)'),
    updateCrawler: db.prepare('UPDATE glue_crawlers SET definition = ?, updated_at = ?, version = version + 1 WHERE name = ?'),
    recordCrawl: db.prepare('UPDATE glue_crawlers SET last_crawl = ?, metrics = ? WHERE name = ?'),
    deleteCrawler: db.prepare('DELETE FROM glue_crawlers WHERE name = ?'),
    crawledFolders: db.prepare<[string], { folder: string }>('SELECT folder FROM glue_crawler_folders WHERE crawler = ?'),
    addCrawledFolder: db.prepare('INSERT OR IGNORE INTO glue_crawler_folders (crawler, folder) VALUES (?, ?)'),
  };
  // JSON text sorts partitions by their values, which is the order Glue lists them in.
  const valuesKey = (values: readonly string[]): string => JSON.stringify(values);

  return {
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },

    getDatabase(name: string): DatabaseRow | undefined {
      const row = statements.database.get(name);
      return row && { name: row.name, input: parse<StoredDatabaseInput>(row.input), createdAt: row.created_at };
    },
    listDatabases(): DatabaseRow[] {
      return statements.databases.all().map((row) => ({ name: row.name, input: parse<StoredDatabaseInput>(row.input), createdAt: row.created_at }));
    },
    insertDatabase(row: DatabaseRow): void {
      statements.insertDatabase.run(row.name, JSON.stringify(row.input), row.createdAt);
    },
    updateDatabase(name: string, input: StoredDatabaseInput): void {
      statements.updateDatabase.run(JSON.stringify(input), name);
    },
    /** Deletes the database with its tables and their partitions (ON DELETE CASCADE). */
    deleteDatabase(name: string): void {
      statements.deleteDatabase.run(name);
    },

    getTable(databaseName: string, name: string): TableRow | undefined {
      const row = statements.table.get(databaseName, name);
      return row && tableFromRaw(row);
    },
    listTables(databaseName: string): TableRow[] {
      return statements.tables.all(databaseName).map(tableFromRaw);
    },
    insertTable(row: Omit<TableRow, 'version'>): void {
      statements.insertTable.run(row.databaseName, row.name, JSON.stringify(row.input), row.createdBy ?? null, row.createdAt, row.updatedAt);
    },
    updateTable(databaseName: string, name: string, input: StoredTableInput, updatedAt: number): void {
      statements.updateTable.run(JSON.stringify(input), updatedAt, databaseName, name);
    },
    deleteTable(databaseName: string, name: string): void {
      statements.deleteTable.run(databaseName, name);
    },

    getPartition(databaseName: string, tableName: string, values: readonly string[]): PartitionRow | undefined {
      const row = statements.partition.get(databaseName, tableName, valuesKey(values));
      return row && partitionFromRaw(row);
    },
    listPartitions(databaseName: string, tableName: string): PartitionRow[] {
      return statements.partitions.all(databaseName, tableName).map(partitionFromRaw);
    },
    insertPartition(row: PartitionRow): void {
      statements.insertPartition.run(row.databaseName, row.tableName, valuesKey(row.values), JSON.stringify(row.input), row.createdAt);
    },
    updatePartition(databaseName: string, tableName: string, values: readonly string[], input: StoredPartitionInput): void {
      statements.updatePartition.run(JSON.stringify(input), databaseName, tableName, valuesKey(values));
    },
    deletePartition(databaseName: string, tableName: string, values: readonly string[]): void {
      statements.deletePartition.run(databaseName, tableName, valuesKey(values));
    },

    getCrawler<D, L, M>(name: string): CrawlerRow<D, L, M> | undefined {
      const row = statements.crawler.get(name);
      return row && crawlerFromRaw<D, L, M>(row);
    },
    listCrawlers<D, L, M>(): CrawlerRow<D, L, M>[] {
      return statements.crawlers.all().map((row) => crawlerFromRaw<D, L, M>(row));
    },
    insertCrawler(name: string, definition: unknown, at: number): void {
      statements.insertCrawler.run(name, JSON.stringify(definition), at, at);
    },
    updateCrawler(name: string, definition: unknown, at: number): void {
      statements.updateCrawler.run(JSON.stringify(definition), at, name);
    },
    recordCrawl(name: string, lastCrawl: unknown, metrics: unknown): void {
      statements.recordCrawl.run(JSON.stringify(lastCrawl), JSON.stringify(metrics), name);
    },
    deleteCrawler(name: string): void {
      statements.deleteCrawler.run(name);
    },
    /** Folders a CRAWL_NEW_FOLDERS_ONLY crawler has already crawled (`s3://bucket/…/`). */
    crawledFolders(crawler: string): Set<string> {
      return new Set(statements.crawledFolders.all(crawler).map((row) => row.folder));
    },
    addCrawledFolders(crawler: string, folders: Iterable<string>): void {
      for (const folder of folders) statements.addCrawledFolder.run(crawler, folder);
    },
  };
}

function crawlerFromRaw<D, L, M>(row: RawCrawler): CrawlerRow<D, L, M> {
  return {
    name: row.name,
    definition: parse<D>(row.definition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    ...(row.last_crawl === null ? {} : { lastCrawl: parse<L>(row.last_crawl) }),
    ...(row.metrics === null ? {} : { metrics: parse<M>(row.metrics) }),
  };
}
