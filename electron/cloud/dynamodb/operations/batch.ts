import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { normalizeItem, type Wire, type WireItem } from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import { validationError } from '../expressions/attributes.js';
import { projectItem } from '../expressions/projection.js';
import type { StoredItem, TableRecord } from '../store.js';
import {
  checkItemToWrite,
  checkKey,
  checkTableName,
  constraintErrors,
  consumedCapacity,
  expressionAttributes,
  isRecord,
  requireTable,
  serializationError,
  storedItem,
} from './common.js';
import { projection } from './items.js';

/**
 * BatchWriteItem (≤ 25 puts/deletes) and BatchGetItem (≤ 100 keys). The whole batch is validated
 * before anything is written, then written in one SQLite transaction, so UnprocessedItems is
 * always empty offline; BatchGetItem returns UnprocessedKeys past 16 MB, as DynamoDB does.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 */

const MAX_WRITES = 25;
const MAX_KEYS = 100;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

function requestItems(input: Record<string, unknown>, operation: string): Record<string, unknown> {
  const items = input.RequestItems;
  if (items === undefined || items === null || (isRecord(items) && Object.keys(items).length === 0)) {
    throw validationError(`The requestItems parameter is required for ${operation}`);
  }
  if (!isRecord(items)) throw serializationError();
  for (const name of Object.keys(items)) checkTableName(name, 1, 'requestItems');
  return items;
}

function keyId(stored: StoredItem): string {
  return `${stored.pk.toString('hex')}/${stored.sk.toString('hex')}`;
}

type Write = { table: TableRecord; stored: StoredItem; put: boolean };

export function BatchWriteItem(
  context: DynamoDbContext,
  input: Wire<BatchWriteItemInput>,
): Wire<BatchWriteItemOutput> {
  const request = input as Record<string, unknown>;
  const items = requestItems(request, 'BatchWriteItem');
  let total = 0;
  for (const [name, list] of Object.entries(items)) {
    if (!Array.isArray(list)) throw serializationError();
    if (list.length === 0 || list.length > MAX_WRITES) {
      const shown = list.map((entry) => `WriteRequest(${JSON.stringify(entry)})`).join(', ');
      throw constraintErrors([
        `Value '{${name}=[${shown}]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`,
      ]);
    }
    total += list.length;
  }
  if (total > MAX_WRITES) throw validationError('Too many items requested for the BatchWriteItem call');
  const writes: Write[] = [];
  const bytesByTable = new Map<string, number>();
  for (const [name, list] of Object.entries(items) as [string, unknown[]][]) {
    const requests = list.map((entry) => {
      if (!isRecord(entry)) throw serializationError();
      const put = entry.PutRequest;
      const remove = entry.DeleteRequest;
      if (
        (put === undefined) === (remove === undefined) ||
        (put !== undefined && !isRecord(put)) ||
        (remove !== undefined && !isRecord(remove))
      ) {
        throw validationError(
          'Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest',
        );
      }
      return put ? { item: normalizeItem(put.Item) } : { key: (remove as Record<string, unknown>).Key };
    });
    const table = requireTable(context, name, 'items');
    const seen = new Set<string>();
    for (const entry of requests) {
      const stored = entry.item
        ? checkItemToWrite(table, entry.item, 'batch')
        : storedItem(table, checkKey(table, entry.key));
      const id = keyId(stored);
      if (seen.has(id)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(id);
      writes.push({ table, stored, put: entry.item !== undefined });
      bytesByTable.set(name, (bytesByTable.get(name) ?? 0) + Math.max(1024, stored.size));
    }
  }
  context.store.transaction(() => {
    for (const write of writes) {
      if (write.put) context.store.putItem(write.table, write.stored);
      else context.store.deleteItem(write.table, write.stored.pk, write.stored.sk);
    }
  });
  const capacities = [...bytesByTable].map(([name, bytes]) =>
    consumedCapacity(request.ReturnConsumedCapacity, name, { writeBytes: bytes }),
  );
  const consumed = capacities.filter((capacity): capacity is ConsumedCapacity => capacity !== undefined);
  return { UnprocessedItems: {}, ...(consumed.length > 0 ? { ConsumedCapacity: consumed } : {}) };
}

export function BatchGetItem(
  context: DynamoDbContext,
  input: Wire<BatchGetItemInput>,
): Wire<BatchGetItemOutput> {
  const request = input as Record<string, unknown>;
  const items = requestItems(request, 'BatchGetItem');
  const reads: {
    name: string;
    table: TableRecord;
    keys: WireItem[];
    paths: ReturnType<typeof projection>;
    spec: Record<string, unknown>;
  }[] = [];
  let total = 0;
  for (const [name, spec] of Object.entries(items)) {
    if (!isRecord(spec) || !Array.isArray(spec.Keys)) throw serializationError();
    total += spec.Keys.length;
    if (total > MAX_KEYS) throw validationError('Too many items requested for the BatchGetItem call');
    const attributes = expressionAttributes(spec, ['ProjectionExpression']);
    const paths = projection(spec, attributes);
    attributes.assertAllUsed();
    const table = requireTable(context, name, 'items');
    const seen = new Set<string>();
    const keys = spec.Keys.map((raw) => {
      const key = checkKey(table, raw);
      const id = keyId(storedItem(table, key));
      if (seen.has(id)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(id);
      return key;
    });
    reads.push({ name, table, keys, paths, spec });
  }
  const responses: Record<string, WireItem[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const consumed: ConsumedCapacity[] = [];
  let bytes = 0;
  for (const { name, table, keys, paths, spec } of reads) {
    responses[name] = [];
    let readBytes = 0;
    for (const key of keys) {
      if (bytes > MAX_RESPONSE_BYTES) {
        const pending = (unprocessed[name] ??= { ...spec, Keys: [] });
        (pending.Keys as WireItem[]).push(key);
        continue;
      }
      const { pk, sk } = storedItem(table, key);
      const found = context.store.getItem(table, pk, sk);
      if (!found) continue;
      bytes += found.size;
      readBytes += found.size;
      responses[name].push(paths ? projectItem(found.item, paths) : found.item);
    }
    const capacity = consumedCapacity(request.ReturnConsumedCapacity, name, {
      readBytes,
      consistent: spec.ConsistentRead === true,
    });
    if (capacity) consumed.push(capacity);
  }
  return {
    Responses: responses,
    UnprocessedKeys: unprocessed as Wire<BatchGetItemOutput>['UnprocessedKeys'],
    ...(consumed.length > 0 ? { ConsumedCapacity: consumed } : {}),
  };
}
