import type { AttributeDefinition, KeySchemaElement, ProvisionedThroughput } from '@aws-sdk/client-dynamodb';
import type Database from 'better-sqlite3';
import type { LabStorage } from '../storage/index.js';
import type { WireItem } from './attribute-values.js';
import { partitionHash } from './key-codec.js';

/**
 * The DynamoDB store: tables and items in the lab's SQLite file. One row per item, keyed by
 * (table, partition key, sort key) as sortable BLOBs (see key-codec.ts), with the item itself as
 * JSON in DynamoDB's typed form. The primary key leads with the partition hash, so one index
 * serves key lookups, partitions in sort-key order (Query) and scans in hash order (Scan).
 * Calls are synchronous: a put is one prepared statement and one WAL append, which is what lets
 * the IoT rules engine write thousands of items per second.
 */

const MIGRATIONS = [
  `CREATE TABLE dynamodb_tables (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     table_id TEXT NOT NULL,
     key_schema TEXT NOT NULL,
     attribute_definitions TEXT NOT NULL,
     billing_mode TEXT NOT NULL,
     read_capacity INTEGER NOT NULL,
     write_capacity INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     active_at INTEGER NOT NULL
   );
   CREATE TABLE dynamodb_items (
     table_id INTEGER NOT NULL,
     pk BLOB NOT NULL,
     sk BLOB NOT NULL,
     hash INTEGER NOT NULL,
     size INTEGER NOT NULL,
     item TEXT NOT NULL,
     PRIMARY KEY (table_id, hash, pk, sk)
   ) WITHOUT ROWID;`,
];

export type KeyType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface TableRecord {
  /** Row id, the items' foreign key. */
  id: number;
  name: string;
  /** DescribeTable's TableId (a UUID). */
  tableId: string;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  provisionedThroughput: Required<ProvisionedThroughput>;
  /** Epoch milliseconds. */
  createdAt: number;
  /** When CREATING becomes ACTIVE (epoch milliseconds). */
  activeAt: number;
  hashKey: KeyAttribute;
  rangeKey?: KeyAttribute;
}

export type NewTable = Omit<TableRecord, 'id' | 'hashKey' | 'rangeKey'>;

export interface StoredItem {
  hash: number;
  pk: Buffer;
  sk: Buffer;
  size: number;
  item: WireItem;
}

export interface SortKeyBound {
  value: Buffer;
  inclusive: boolean;
}

export interface PartitionRange {
  lower?: SortKeyBound;
  upper?: SortKeyBound;
}

export interface ScanPosition {
  hash: number;
  pk: Buffer;
  sk: Buffer;
}

export interface DynamoDbStore {
  createTable(table: NewTable): TableRecord;
  getTable(name: string): TableRecord | undefined;
  listTableNames(): string[];
  deleteTable(table: TableRecord): void;
  getItem(table: TableRecord, pk: Buffer, sk: Buffer): StoredItem | undefined;
  putItem(table: TableRecord, stored: StoredItem): void;
  deleteItem(table: TableRecord, pk: Buffer, sk: Buffer): void;
  /** Items of one partition in sort-key order, lazily. */
  queryPartition(
    table: TableRecord,
    pk: Buffer,
    range: PartitionRange,
    forward: boolean,
  ): IterableIterator<StoredItem>;
  /** Items in scan order (partition hash, then keys) after `after`, with hash in [hashStart, hashEnd). */
  scan(
    table: TableRecord,
    after: ScanPosition | undefined,
    hashStart: number,
    hashEnd: number,
  ): IterableIterator<StoredItem>;
  stats(table: TableRecord): { itemCount: number; sizeBytes: number };
  transaction<T>(work: () => T): T;
}

interface TableRow {
  id: number;
  name: string;
  table_id: string;
  key_schema: string;
  attribute_definitions: string;
  billing_mode: string;
  read_capacity: number;
  write_capacity: number;
  created_at: number;
  active_at: number;
}

interface ItemRow {
  hash: number;
  pk: Buffer;
  sk: Buffer;
  size: number;
  item: string;
}

function keyAttribute(
  row: TableRow,
  keySchema: KeySchemaElement[],
  kind: 'HASH' | 'RANGE',
): KeyAttribute | undefined {
  const name = keySchema.find((element) => element.KeyType === kind)?.AttributeName;
  if (name === undefined) return undefined;
  const definitions = JSON.parse(row.attribute_definitions) as AttributeDefinition[];
  const type = definitions.find((definition) => definition.AttributeName === name)?.AttributeType as KeyType;
  return { name, type };
}

function toTable(row: TableRow): TableRecord {
  const keySchema = JSON.parse(row.key_schema) as KeySchemaElement[];
  const hashKey = keyAttribute(row, keySchema, 'HASH') as KeyAttribute;
  const rangeKey = keyAttribute(row, keySchema, 'RANGE');
  return {
    id: row.id,
    name: row.name,
    tableId: row.table_id,
    keySchema,
    attributeDefinitions: JSON.parse(row.attribute_definitions) as AttributeDefinition[],
    billingMode: row.billing_mode === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    provisionedThroughput: { ReadCapacityUnits: row.read_capacity, WriteCapacityUnits: row.write_capacity },
    createdAt: row.created_at,
    activeAt: row.active_at,
    hashKey,
    ...(rangeKey ? { rangeKey } : {}),
  };
}

function toStored(row: ItemRow): StoredItem {
  return { hash: row.hash, pk: row.pk, sk: row.sk, size: row.size, item: JSON.parse(row.item) as WireItem };
}

function* storedItems(rows: IterableIterator<ItemRow>): IterableIterator<StoredItem> {
  for (const row of rows) yield toStored(row);
}

function openStore(storage: LabStorage): DynamoDbStore {
  storage.migrate('dynamodb', MIGRATIONS);
  const db: Database.Database = storage.db;
  const insertTable = db.prepare(
    `INSERT INTO dynamodb_tables (name, table_id, key_schema, attribute_definitions, billing_mode,
       read_capacity, write_capacity, created_at, active_at)
     VALUES (@name, @table_id, @key_schema, @attribute_definitions, @billing_mode,
       @read_capacity, @write_capacity, @created_at, @active_at)`,
  );
  const selectTable = db.prepare<[string], TableRow>('SELECT * FROM dynamodb_tables WHERE name = ?');
  const selectNames = db.prepare<[], { name: string }>('SELECT name FROM dynamodb_tables ORDER BY name');
  const deleteTableRow = db.prepare<[number]>('DELETE FROM dynamodb_tables WHERE id = ?');
  const deleteTableItems = db.prepare<[number]>('DELETE FROM dynamodb_items WHERE table_id = ?');
  const selectItem = db.prepare<[number, number, Buffer, Buffer], ItemRow>(
    'SELECT hash, pk, sk, size, item FROM dynamodb_items WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ?',
  );
  const upsertItem = db.prepare<[number, number, Buffer, Buffer, number, string]>(
    `INSERT INTO dynamodb_items (table_id, hash, pk, sk, size, item) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (table_id, hash, pk, sk) DO UPDATE SET size = excluded.size, item = excluded.item`,
  );
  const deleteItemRow = db.prepare<[number, number, Buffer, Buffer]>(
    'DELETE FROM dynamodb_items WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ?',
  );
  const selectStats = db.prepare<[number], { count: number; size: number }>(
    'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS size FROM dynamodb_items WHERE table_id = ?',
  );
  const scanFromStart = db.prepare<[number, number, number], ItemRow>(
    `SELECT hash, pk, sk, size, item FROM dynamodb_items
     WHERE table_id = ? AND hash >= ? AND hash < ? ORDER BY hash, pk, sk`,
  );
  const scanAfter = db.prepare<[number, number, Buffer, Buffer, number], ItemRow>(
    `SELECT hash, pk, sk, size, item FROM dynamodb_items
     WHERE table_id = ? AND (hash, pk, sk) > (?, ?, ?) AND hash < ? ORDER BY hash, pk, sk`,
  );
  // Query statements differ by which bounds they have and their direction; each shape is prepared once.
  const queryStatements = new Map<string, Database.Statement<unknown[], ItemRow>>();
  const queryStatement = (
    range: PartitionRange,
    forward: boolean,
  ): Database.Statement<unknown[], ItemRow> => {
    const lower = range.lower ? (range.lower.inclusive ? '>=' : '>') : '';
    const upper = range.upper ? (range.upper.inclusive ? '<=' : '<') : '';
    const shape = `${lower}|${upper}|${forward}`;
    let statement = queryStatements.get(shape);
    if (!statement) {
      const conditions = ['table_id = ?', 'hash = ?', 'pk = ?'];
      if (lower) conditions.push(`sk ${lower} ?`);
      if (upper) conditions.push(`sk ${upper} ?`);
      statement = db.prepare<unknown[], ItemRow>(
        `SELECT hash, pk, sk, size, item FROM dynamodb_items WHERE ${conditions.join(' AND ')}
         ORDER BY sk ${forward ? 'ASC' : 'DESC'}`,
      );
      queryStatements.set(shape, statement);
    }
    return statement;
  };

  // Table definitions are read on every item operation; the cache is the store's, shared by every caller.
  const tables = new Map<string, TableRecord | null>();

  return {
    createTable(table) {
      const info = insertTable.run({
        name: table.name,
        table_id: table.tableId,
        key_schema: JSON.stringify(table.keySchema),
        attribute_definitions: JSON.stringify(table.attributeDefinitions),
        billing_mode: table.billingMode,
        read_capacity: table.provisionedThroughput.ReadCapacityUnits,
        write_capacity: table.provisionedThroughput.WriteCapacityUnits,
        created_at: table.createdAt,
        active_at: table.activeAt,
      });
      tables.delete(table.name);
      const created = this.getTable(table.name);
      if (!created || created.id !== Number(info.lastInsertRowid))
        throw new Error(`Table ${table.name} was not stored`);
      return created;
    },
    getTable(name) {
      let table = tables.get(name);
      if (table === undefined) {
        const row = selectTable.get(name);
        table = row ? toTable(row) : null;
        tables.set(name, table);
      }
      return table ?? undefined;
    },
    listTableNames: () => selectNames.all().map((row) => row.name),
    deleteTable(table) {
      db.transaction(() => {
        deleteTableItems.run(table.id);
        deleteTableRow.run(table.id);
      })();
      tables.delete(table.name);
    },
    getItem(table, pk, sk) {
      const row = selectItem.get(table.id, partitionHash(pk), pk, sk);
      return row ? toStored(row) : undefined;
    },
    putItem(table, stored) {
      upsertItem.run(table.id, stored.hash, stored.pk, stored.sk, stored.size, JSON.stringify(stored.item));
    },
    deleteItem(table, pk, sk) {
      deleteItemRow.run(table.id, partitionHash(pk), pk, sk);
    },
    queryPartition(table, pk, range, forward) {
      const parameters: unknown[] = [table.id, partitionHash(pk), pk];
      if (range.lower) parameters.push(range.lower.value);
      if (range.upper) parameters.push(range.upper.value);
      return storedItems(queryStatement(range, forward).iterate(...parameters));
    },
    scan(table, after, hashStart, hashEnd) {
      const rows = after
        ? scanAfter.iterate(table.id, after.hash, after.pk, after.sk, hashEnd)
        : scanFromStart.iterate(table.id, hashStart, hashEnd);
      return storedItems(rows);
    },
    stats(table) {
      const row = selectStats.get(table.id);
      return { itemCount: row?.count ?? 0, sizeBytes: row?.size ?? 0 };
    },
    transaction: (work) => db.transaction(work)(),
  };
}

const stores = new WeakMap<Database.Database, DynamoDbStore>();

/** The store of a lab: one per database, so every caller shares its table cache. */
export function openDynamoDbStore(storage: LabStorage): DynamoDbStore {
  let store = stores.get(storage.db);
  if (!store) {
    store = openStore(storage);
    stores.set(storage.db, store);
  }
  return store;
}
