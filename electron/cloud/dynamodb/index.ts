import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ServiceEndpoint } from '../gateway/types.js';
import { isAwsError, type AwsError } from '../protocols/aws-error.js';
import { createAwsJsonService, type JsonOperation } from '../protocols/aws-json.js';
import type { LabStorage } from '../storage/index.js';
import { normalizeItem, toSdkItem } from './attribute-values.js';
import type { DynamoDbContext } from './context.js';
import { BatchGetItem, BatchWriteItem } from './operations/batch.js';
import { checkItemToWrite, checkKey, requireTable, storedItem } from './operations/common.js';
import { ExecuteStatement } from './operations/execute-statement.js';
import { DeleteItem, GetItem, PutItem, UpdateItem } from './operations/items.js';
import { Query, Scan } from './operations/reads.js';
import { CreateTable, DeleteTable, DescribeTable, ListTables } from './operations/tables.js';
import { openDynamoDbStore } from './store.js';

export { toAttributeValue, toItem } from './attribute-values.js';

export interface DynamoDbServiceOptions {
  /** How long a new table stays CREATING (default 500 ms); item operations on it fail until then, as on AWS. */
  tableActivationMs?: number;
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/**
 * DynamoDB for the other parts of the local cloud: the IoT rules engine's `dynamoDBv2` and
 * `dynamoDB` actions, lesson checks. Same validation and the same `AwsError`s as the HTTP API
 * (ResourceNotFoundException, ValidationException…), synchronous, no HTTP, no SigV4.
 */
export interface LocalDynamoDb {
  /** The awsJson1_0 endpoint for the gateway. */
  endpoint: ServiceEndpoint;
  /**
   * PutItem without conditions or return values, as the rules engine needs it: one prepared
   * statement, thousands per second. Throws AwsError (ResourceNotFoundException for a missing or
   * still CREATING table, ValidationException for a missing key or a bad value).
   */
  putItem(tableName: string, item: Record<string, AttributeValue>): void;
  /**
   * Several putItem calls in one SQLite transaction: one commit instead of one per item, two to
   * three times faster for a caller that holds a batch (e.g. the rule matches of one broker tick). Each
   * entry succeeds or fails alone; the result has, per entry, undefined or the AwsError it got.
   */
  putItems(
    entries: readonly { tableName: string; item: Record<string, AttributeValue> }[],
  ): (AwsError | undefined)[];
  /** GetItem by key; undefined when there is no such item. Throws AwsError like putItem. */
  getItem(tableName: string, key: Record<string, AttributeValue>): Record<string, AttributeValue> | undefined;
}

const DEFAULT_TABLE_ACTIVATION_MS = 500;

/** The local cloud's DynamoDB: awsJson1_0, `X-Amz-Target: DynamoDB_20120810.<Operation>`, signing name `dynamodb`. */
export function createDynamoDbService(
  storage: LabStorage,
  options: DynamoDbServiceOptions = {},
): LocalDynamoDb {
  const context: DynamoDbContext = {
    store: openDynamoDbStore(storage),
    identity: storage.identity,
    now: options.now ?? Date.now,
    tableActivationMs: options.tableActivationMs ?? DEFAULT_TABLE_ACTIVATION_MS,
  };
  // The codec hands over parsed JSON; each operation checks its input itself, as DynamoDB's request model does.
  const bind =
    <I, O>(operation: (context: DynamoDbContext, input: I) => O): JsonOperation =>
    (input) =>
      operation(context, input as I);
  const operations: Record<string, JsonOperation> = {
    CreateTable: bind(CreateTable),
    DescribeTable: bind(DescribeTable),
    ListTables: bind(ListTables),
    DeleteTable: bind(DeleteTable),
    PutItem: bind(PutItem),
    GetItem: bind(GetItem),
    DeleteItem: bind(DeleteItem),
    UpdateItem: bind(UpdateItem),
    Query: bind(Query),
    Scan: bind(Scan),
    BatchWriteItem: bind(BatchWriteItem),
    BatchGetItem: bind(BatchGetItem),
    ExecuteStatement: bind(ExecuteStatement),
  };

  const endpoint = createAwsJsonService({
    signingNames: ['dynamodb'],
    targetPrefix: 'DynamoDB_20120810',
    version: '1.0',
    operations,
  });
  const putItem = (tableName: string, item: Record<string, AttributeValue>): void => {
    const table = requireTable(context, tableName, 'items');
    context.store.putItem(table, checkItemToWrite(table, normalizeItem(item)));
  };
  return {
    endpoint,
    putItem,
    putItems(entries) {
      return context.store.transaction(() =>
        entries.map(({ tableName, item }) => {
          try {
            putItem(tableName, item);
            return undefined;
          } catch (error) {
            if (isAwsError(error)) return error;
            throw error;
          }
        }),
      );
    },
    getItem(tableName, key) {
      const table = requireTable(context, tableName, 'items');
      const { pk, sk } = storedItem(table, checkKey(table, key));
      const found = context.store.getItem(table, pk, sk);
      return found && toSdkItem(found.item);
    },
  };
}
