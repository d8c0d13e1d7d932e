import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from '@aws-sdk/client-dynamodb';
import type { Wire, WireItem } from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import { conditionPaths, type Condition, type Path } from '../expressions/ast.js';
import { validationError, type ExpressionAttributes } from '../expressions/attributes.js';
import { evaluateCondition } from '../expressions/evaluate.js';
import { planKeyCondition, type SortKeyCondition } from '../expressions/key-condition.js';
import { parseCondition } from '../expressions/parser.js';
import { projectItem } from '../expressions/projection.js';
import { encodeKeyValue, HASH_SPACE, prefixEnd } from '../key-codec.js';
import type { PartitionRange, SortKeyBound, StoredItem, TableRecord } from '../store.js';
import {
  checkEnum,
  checkKey,
  checkLimit,
  checkTableName,
  consumedCapacity,
  expressionAttributes,
  keyAttributes,
  keyOf,
  optionalString,
  refuseLegacyParameters,
  requireTable,
  serializationError,
  storedItem,
} from './common.js';
import { projection } from './items.js';

/**
 * Query and Scan. A page stops after `Limit` items evaluated or 1 MB read, before any filter
 * (as DynamoDB: the filter only thins a page), and then carries LastEvaluatedKey.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
 */

export const PAGE_BYTES = 1024 * 1024;
const SELECT = ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'] as const;

export interface ReadPage {
  items: WireItem[];
  count: number;
  scannedCount: number;
  readBytes: number;
  lastEvaluatedKey?: WireItem;
}

export interface PageOptions {
  limit?: number;
  filter?: Condition;
  projection?: Path[];
  countOnly?: boolean;
}

export function readPage(table: TableRecord, items: Iterable<StoredItem>, options: PageOptions): ReadPage {
  const page: ReadPage = { items: [], count: 0, scannedCount: 0, readBytes: 0 };
  for (const stored of items) {
    page.scannedCount++;
    page.readBytes += stored.size;
    if (!options.filter || evaluateCondition(stored.item, options.filter)) {
      page.count++;
      if (!options.countOnly)
        page.items.push(options.projection ? projectItem(stored.item, options.projection) : stored.item);
    }
    if ((options.limit !== undefined && page.scannedCount >= options.limit) || page.readBytes >= PAGE_BYTES) {
      page.lastEvaluatedKey = keyOf(table, stored.item);
      break;
    }
  }
  return page;
}

function refuseIndex(input: Record<string, unknown>): void {
  const index = optionalString(input.IndexName);
  // The local cloud has no secondary indexes (see README): this is AWS's answer for an index that does not exist.
  if (index !== undefined) throw validationError(`The table does not have the specified index: ${index}`);
}

/** Select and the projection, checked together as DynamoDB does. */
function selection(
  input: Record<string, unknown>,
  attributes: ExpressionAttributes,
): { countOnly: boolean; paths?: Path[] } {
  const select = checkEnum(input.Select, 'select', SELECT);
  const paths = projection(input, attributes);
  if (select === 'ALL_PROJECTED_ATTRIBUTES')
    throw validationError('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'SPECIFIC_ATTRIBUTES' && !paths) {
    throw validationError('Select type SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression');
  }
  if ((select === 'ALL_ATTRIBUTES' || select === 'COUNT') && paths) {
    throw validationError(
      `Cannot specify the ProjectionExpression when choosing to get ${select === 'COUNT' ? 'only the Count' : 'ALL_ATTRIBUTES'}`,
    );
  }
  return { countOnly: select === 'COUNT', ...(paths ? { paths } : {}) };
}

function filterOf(input: Record<string, unknown>, attributes: ExpressionAttributes): Condition | undefined {
  const text = optionalString(input.FilterExpression);
  return text === undefined ? undefined : parseCondition(text, 'FilterExpression', attributes);
}

function pageOutput(name: string, input: Record<string, unknown>, page: ReadPage, countOnly: boolean) {
  const capacity = consumedCapacity(input.ReturnConsumedCapacity, name, {
    readBytes: page.readBytes,
    consistent: input.ConsistentRead === true,
  });
  return {
    ...(countOnly ? {} : { Items: page.items }),
    Count: page.count,
    ScannedCount: page.scannedCount,
    ...(page.lastEvaluatedKey ? { LastEvaluatedKey: page.lastEvaluatedKey } : {}),
    ...(capacity ? { ConsumedCapacity: capacity } : {}),
  };
}

function tighter(a: SortKeyBound | undefined, b: SortKeyBound, direction: 1 | -1): SortKeyBound {
  return !a || Buffer.compare(b.value, a.value) * direction >= 0 ? b : a;
}

/** The sort-key range of a key condition, narrowed past ExclusiveStartKey. */
export function partitionRange(
  sort: SortKeyCondition | undefined,
  forward: boolean,
  startAfter: Buffer | undefined,
): PartitionRange {
  const range: PartitionRange = {};
  if (sort) {
    const [first, second] = sort.values.map(encodeKeyValue) as [Buffer, Buffer | undefined];
    switch (sort.op) {
      case '=':
        range.lower = { value: first, inclusive: true };
        range.upper = { value: first, inclusive: true };
        break;
      case '<':
      case '<=':
        range.upper = { value: first, inclusive: sort.op === '<=' };
        break;
      case '>':
      case '>=':
        range.lower = { value: first, inclusive: sort.op === '>=' };
        break;
      case 'BETWEEN':
        range.lower = { value: first, inclusive: true };
        range.upper = { value: second as Buffer, inclusive: true };
        break;
      case 'begins_with': {
        range.lower = { value: first, inclusive: true };
        const end = prefixEnd(first);
        if (end) range.upper = { value: end, inclusive: false };
        break;
      }
    }
  }
  if (startAfter) {
    if (forward) range.lower = tighter(range.lower, { value: startAfter, inclusive: false }, 1);
    else range.upper = tighter(range.upper, { value: startAfter, inclusive: false }, -1);
  }
  return range;
}

export function Query(context: DynamoDbContext, input: Wire<QueryInput>): Wire<QueryOutput> {
  const request = input as Record<string, unknown>;
  refuseLegacyParameters(request, ['KeyConditions', 'QueryFilter', 'ConditionalOperator']);
  const name = checkTableName(request.TableName);
  refuseIndex(request);
  // AWS words Query's Limit constraint without the value.
  if (typeof request.Limit === 'number' && request.Limit < 1) {
    throw validationError(
      "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  }
  const limit = checkLimit(request.Limit);
  if (request.ScanIndexForward !== undefined && typeof request.ScanIndexForward !== 'boolean')
    throw serializationError();
  const forward = request.ScanIndexForward !== false;
  const attributes = expressionAttributes(request, [
    'KeyConditionExpression',
    'FilterExpression',
    'ProjectionExpression',
  ]);
  const keyText = optionalString(request.KeyConditionExpression);
  if (keyText === undefined)
    throw validationError(
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
  const keyCondition = parseCondition(keyText, 'KeyConditionExpression', attributes);
  const filter = filterOf(request, attributes);
  const { countOnly, paths } = selection(request, attributes);
  attributes.assertAllUsed();
  const table = requireTable(context, name, 'items');
  const plan = planKeyCondition(keyCondition, table.hashKey, table.rangeKey);
  const keyNames = keyAttributes(table).map((key) => key.name);
  const keyInFilter =
    filter && conditionPaths(filter).find((path) => keyNames.includes(path.elements[0] as string));
  if (keyInFilter) {
    throw validationError(
      `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${keyInFilter.elements[0] as string}`,
    );
  }
  const partition = encodeKeyValue(plan.partitionValue);
  let startAfter: Buffer | undefined;
  if (request.ExclusiveStartKey !== undefined && request.ExclusiveStartKey !== null) {
    const start = storedItem(
      table,
      checkKey(
        table,
        request.ExclusiveStartKey,
        'The provided starting key is invalid: The provided key element does not match the schema',
      ),
    );
    if (!start.pk.equals(partition))
      throw validationError(
        'The provided starting key is outside query boundaries based on provided conditions',
      );
    startAfter = table.rangeKey ? start.sk : undefined;
    // A table without a sort key has one item per partition: nothing follows it.
    if (!table.rangeKey)
      return pageOutput(name, request, { items: [], count: 0, scannedCount: 0, readBytes: 0 }, countOnly);
  }
  const items = context.store.queryPartition(
    table,
    partition,
    partitionRange(plan.sort, forward, startAfter),
    forward,
  );
  const page = readPage(table, items, { limit, filter, projection: paths, countOnly });
  return pageOutput(name, request, page, countOnly);
}

function checkSegments(input: Record<string, unknown>): { start: number; end: number } {
  const { Segment: segment, TotalSegments: total } = input;
  if (segment === undefined && total === undefined) return { start: 0, end: HASH_SPACE };
  if (total === undefined) {
    throw validationError(
      'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    );
  }
  if (segment === undefined) {
    throw validationError(
      'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
    );
  }
  if (typeof segment !== 'number' || typeof total !== 'number') throw serializationError();
  if (total < 1 || total > 1_000_000 || segment < 0) {
    throw validationError(
      `1 validation error detected: Value '${total}' at 'totalSegments' failed to satisfy constraint: Member must have value between 1 and 1000000`,
    );
  }
  if (segment >= total) {
    throw validationError(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`,
    );
  }
  // Segments split the partition-hash space evenly, as DynamoDB's parallel scan splits partitions.
  return {
    start: Math.floor((segment * HASH_SPACE) / total),
    end: Math.floor(((segment + 1) * HASH_SPACE) / total),
  };
}

export function Scan(context: DynamoDbContext, input: Wire<ScanInput>): Wire<ScanOutput> {
  const request = input as Record<string, unknown>;
  refuseLegacyParameters(request, ['ScanFilter', 'ConditionalOperator']);
  const name = checkTableName(request.TableName);
  refuseIndex(request);
  const limit = checkLimit(request.Limit);
  const segments = checkSegments(request);
  const attributes = expressionAttributes(request, ['FilterExpression', 'ProjectionExpression']);
  const filter = filterOf(request, attributes);
  const { countOnly, paths } = selection(request, attributes);
  attributes.assertAllUsed();
  const table = requireTable(context, name, 'items');
  const start =
    request.ExclusiveStartKey === undefined || request.ExclusiveStartKey === null
      ? undefined
      : storedItem(
          table,
          checkKey(
            table,
            request.ExclusiveStartKey,
            'The provided starting key is invalid: The provided key element does not match the schema',
          ),
        );
  const items = context.store.scan(table, start, segments.start, segments.end);
  const page = readPage(table, items, { limit, filter, projection: paths, countOnly });
  return pageOutput(name, request, page, countOnly);
}
