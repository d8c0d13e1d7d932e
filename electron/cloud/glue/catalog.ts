import type { Database, DatabaseInput, Partition, PartitionInput, Table, TableInput } from '@aws-sdk/client-glue';
import { AwsError } from '../protocols/aws-error.js';
import { alreadyExists, databaseNotFound, invalidInput, partitionNotFound, tableNotFound } from './errors.js';
import type { GlueStore, PartitionRow, StoredPartitionInput, StoredTableInput, TableRow } from './store.js';

/**
 * The Glue Data Catalog in process: what Athena (and the crawler, and lesson checks) read and write,
 * the same state the Glue endpoint serves. Synchronous: when a call returns, every reader sees it.
 * Names are matched case-insensitively and stored lowercase, as Glue does.
 * Errors are the AwsErrors Glue returns (EntityNotFoundException, AlreadyExistsException, …).
 */
export interface GlueCatalog {
  getDatabase(name: string): Database | undefined;
  /** In name order. */
  getDatabases(): Database[];
  /** Throws AlreadyExistsException. */
  createDatabase(input: DatabaseInput): Database;
  /** Throws EntityNotFoundException. */
  updateDatabase(name: string, input: DatabaseInput): void;
  /** Deletes the database, its tables and their partitions. Throws EntityNotFoundException. */
  deleteDatabase(name: string): void;
  /** undefined when the database or the table does not exist. */
  getTable(databaseName: string, tableName: string): Table | undefined;
  /** In name order. Throws EntityNotFoundException for a missing database. */
  getTables(databaseName: string): Table[];
  /** Throws EntityNotFoundException (database), AlreadyExistsException. */
  createTable(databaseName: string, input: TableInput, options?: { createdBy?: string }): Table;
  /** Replaces the table's definition (TableInput is the whole new definition). Throws EntityNotFoundException. */
  updateTable(databaseName: string, input: TableInput): Table;
  /** Deletes the table and its partitions. Throws EntityNotFoundException. */
  deleteTable(databaseName: string, name: string): void;
  /** In partition-value order. Throws EntityNotFoundException for a missing database or table. */
  getPartitions(databaseName: string, tableName: string): Partition[];
  /** undefined when missing. Throws EntityNotFoundException for a missing database or table. */
  getPartition(databaseName: string, tableName: string, values: readonly string[]): Partition | undefined;
  /** Throws EntityNotFoundException, AlreadyExistsException, InvalidInputException (values vs keys). */
  createPartition(databaseName: string, tableName: string, input: PartitionInput): Partition;
  /** Throws EntityNotFoundException. */
  updatePartition(databaseName: string, tableName: string, values: readonly string[], input: PartitionInput): void;
  /** Throws EntityNotFoundException. */
  deletePartition(databaseName: string, tableName: string, values: readonly string[]): void;
}

export interface CatalogOptions {
  catalogId: string;
  now: () => number;
}

const lower = (name: string): string => name.toLowerCase();

function storedTableInput(input: TableInput): StoredTableInput {
  const { LastAccessTime: _access, LastAnalyzedTime: _analyzed, ViewDefinition: _view, ...rest } = input;
  return { ...rest, Name: lower(input.Name ?? '') };
}

function storedPartitionInput(input: PartitionInput): StoredPartitionInput {
  const { LastAccessTime: _access, LastAnalyzedTime: _analyzed, ...rest } = input;
  return rest;
}

export function createGlueCatalog(store: GlueStore, options: CatalogOptions): GlueCatalog {
  const { catalogId, now } = options;

  const toTable = (row: TableRow): Table => ({
    ...row.input,
    Name: row.name,
    DatabaseName: row.databaseName,
    CreateTime: new Date(row.createdAt),
    UpdateTime: new Date(row.updatedAt),
    Retention: row.input.Retention ?? 0,
    ...(row.createdBy === undefined ? {} : { CreatedBy: row.createdBy }),
    IsRegisteredWithLakeFormation: false,
    CatalogId: catalogId,
    VersionId: String(row.version),
  });

  const toPartition = (row: PartitionRow): Partition => ({
    ...row.input,
    Values: row.values,
    DatabaseName: row.databaseName,
    TableName: row.tableName,
    CreationTime: new Date(row.createdAt),
    CatalogId: catalogId,
  });

  const requireDatabase = (name: string): string => {
    const key = lower(name);
    if (!store.getDatabase(key)) throw databaseNotFound(name);
    return key;
  };

  const requireTable = (databaseName: string, tableName: string): TableRow => {
    const database = requireDatabase(databaseName);
    const table = store.getTable(database, lower(tableName));
    if (!table) throw tableNotFound(tableName);
    return table;
  };

  const checkValues = (table: TableRow, values: readonly string[] | undefined): string[] => {
    const keys = table.input.PartitionKeys ?? [];
    if (!values || values.length !== keys.length) {
      throw invalidInput('The number of partition keys do not match the number of partition values');
    }
    return [...values];
  };

  const catalog: GlueCatalog = {
    getDatabase(name) {
      const row = store.getDatabase(lower(name));
      return row && { ...row.input, Name: row.name, CreateTime: new Date(row.createdAt), CatalogId: catalogId };
    },
    getDatabases() {
      return store.listDatabases().map((row) => ({ ...row.input, Name: row.name, CreateTime: new Date(row.createdAt), CatalogId: catalogId }));
    },
    createDatabase(input) {
      const name = lower(input.Name ?? '');
      if (store.getDatabase(name)) throw alreadyExists('Database');
      const { CreateTableDefaultPermissions: _permissions, ...rest } = input;
      store.insertDatabase({ name, input: { ...rest, Name: name }, createdAt: now() });
      const created = catalog.getDatabase(name);
      if (!created) throw new AwsError('InternalServiceException', `Database ${name} vanished.`, 500);
      return created;
    },
    updateDatabase(name, input) {
      const key = requireDatabase(name);
      const { CreateTableDefaultPermissions: _permissions, ...rest } = input;
      // Renaming is not supported by Glue: the name stays.
      store.updateDatabase(key, { ...rest, Name: key });
    },
    deleteDatabase(name) {
      store.deleteDatabase(requireDatabase(name));
    },

    getTable(databaseName, tableName) {
      const row = store.getTable(lower(databaseName), lower(tableName));
      return row && toTable(row);
    },
    getTables(databaseName) {
      return store.listTables(requireDatabase(databaseName)).map(toTable);
    },
    createTable(databaseName, input, createOptions = {}) {
      const database = requireDatabase(databaseName);
      const stored = storedTableInput(input);
      const name = stored.Name ?? '';
      if (store.getTable(database, name)) throw alreadyExists('Table');
      const at = now();
      store.insertTable({ databaseName: database, name, input: stored, createdAt: at, updatedAt: at, ...(createOptions.createdBy ? { createdBy: createOptions.createdBy } : {}) });
      return catalog.getTable(database, name) as Table;
    },
    updateTable(databaseName, input) {
      const existing = requireTable(databaseName, input.Name ?? '');
      store.updateTable(existing.databaseName, existing.name, storedTableInput(input), now());
      return catalog.getTable(existing.databaseName, existing.name) as Table;
    },
    deleteTable(databaseName, name) {
      const table = requireTable(databaseName, name);
      store.deleteTable(table.databaseName, table.name);
    },

    getPartitions(databaseName, tableName) {
      const table = requireTable(databaseName, tableName);
      return store.listPartitions(table.databaseName, table.name).map(toPartition);
    },
    getPartition(databaseName, tableName, values) {
      const table = requireTable(databaseName, tableName);
      const row = store.getPartition(table.databaseName, table.name, values);
      return row && toPartition(row);
    },
    createPartition(databaseName, tableName, input) {
      const table = requireTable(databaseName, tableName);
      const values = checkValues(table, input.Values);
      if (store.getPartition(table.databaseName, table.name, values)) throw alreadyExists('Partition');
      const row: PartitionRow = { databaseName: table.databaseName, tableName: table.name, values, input: storedPartitionInput(input), createdAt: now() };
      store.insertPartition(row);
      return toPartition(row);
    },
    updatePartition(databaseName, tableName, values, input) {
      const table = requireTable(databaseName, tableName);
      if (!store.getPartition(table.databaseName, table.name, values)) throw partitionNotFound();
      const newValues = input.Values ?? [...values];
      checkValues(table, newValues);
      store.transaction(() => {
        const existing = store.getPartition(table.databaseName, table.name, values);
        store.deletePartition(table.databaseName, table.name, values);
        store.insertPartition({
          databaseName: table.databaseName,
          tableName: table.name,
          values: newValues,
          input: { ...storedPartitionInput(input), Values: newValues },
          createdAt: existing?.createdAt ?? now(),
        });
      });
    },
    deletePartition(databaseName, tableName, values) {
      const table = requireTable(databaseName, tableName);
      if (!store.getPartition(table.databaseName, table.name, values)) throw partitionNotFound();
      store.deletePartition(table.databaseName, table.name, values);
    },
  };
  return catalog;
}
