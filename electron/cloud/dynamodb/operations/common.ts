import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../protocols/aws-error.js';
import {
  itemSize,
  MAX_ITEM_BYTES,
  normalizeItem,
  typeOf,
  valueSize,
  type WireItem,
  type WireValue,
} from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import { ExpressionAttributes, validationError } from '../expressions/attributes.js';
import { encodeKeyValue, NO_SORT_KEY, partitionHash } from '../key-codec.js';
import type { KeyAttribute, StoredItem, TableRecord } from '../store.js';

/**
 * Request checks shared by the operations, worded as DynamoDB words them: the request-model
 * constraints (`1 validation error detected: …`), table lookup, and key validation.
 */

export function constraintErrors(errors: readonly string[]): AwsError {
  return validationError(
    `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
  );
}

function constraint(value: unknown, field: string, rule: string): string {
  return `Value ${value === null || value === undefined ? 'null' : `'${String(value)}'`} at '${field}' failed to satisfy constraint: ${rule}`;
}

export function serializationError(): AwsError {
  return new AwsError('SerializationException', 'Unexpected value type in payload', 400);
}

/** AWS: table names are 3–255 characters of [a-zA-Z0-9_.-]; item operations accept 1 character. */
export function checkTableName(value: unknown, minimum: 1 | 3 = 1, field = 'tableName'): string {
  if (value === undefined || value === null)
    throw constraintErrors([constraint(null, field, 'Member must not be null')]);
  if (typeof value !== 'string') throw serializationError();
  const errors: string[] = [];
  if (value !== '' && !/^[a-zA-Z0-9_.-]+$/.test(value)) {
    errors.push(constraint(value, field, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  }
  if (value.length < minimum)
    errors.push(constraint(value, field, `Member must have length greater than or equal to ${minimum}`));
  if (value.length > 255)
    errors.push(constraint(value, field, 'Member must have length less than or equal to 255'));
  if (errors.length > 0) throw constraintErrors(errors);
  return value;
}

export function checkEnum<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError();
  if (!allowed.includes(value as T)) {
    throw constraintErrors([
      constraint(value, field, `Member must satisfy enum value set: [${allowed.join(', ')}]`),
    ]);
  }
  return value as T;
}

export function checkLimit(value: unknown, field = 'limit'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError();
  if (value < 1)
    throw constraintErrors([constraint(value, field, 'Member must have value greater than or equal to 1')]);
  return value;
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError();
  return value;
}

/** The legacy (pre-expression) parameters the local cloud does not implement: refused, never ignored. */
export function refuseLegacyParameters(input: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    if (input[name] !== undefined && input[name] !== null) {
      throw validationError(
        `The local cloud does not support the legacy parameter ${name}; use the expression parameters (ConditionExpression, FilterExpression, KeyConditionExpression, UpdateExpression, ProjectionExpression) instead`,
      );
    }
  }
}

/** ExpressionAttributeNames/Values, refused when the request has no expression to use them. */
export function expressionAttributes(
  input: Record<string, unknown>,
  expressions: readonly string[],
): ExpressionAttributes {
  const attributes = new ExpressionAttributes(
    input.ExpressionAttributeNames,
    input.ExpressionAttributeValues,
  );
  const used = expressions.some((name) => typeof input[name] === 'string');
  if (!used && attributes.hasNames)
    throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  if (!used && attributes.hasValues)
    throw validationError('ExpressionAttributeValues can only be specified when using expressions');
  return attributes;
}

export function isActive(context: DynamoDbContext, table: TableRecord): boolean {
  return context.now() >= table.activeAt;
}

/**
 * The table an operation names. AWS: item operations say only `Requested resource not found`
 * (also while the table is still CREATING); control-plane operations name the table.
 */
export function requireTable(context: DynamoDbContext, name: string, use: 'items' | 'control'): TableRecord {
  const table = context.store.getTable(name);
  if (use === 'items' && (!table || !isActive(context, table))) {
    throw new AwsError('ResourceNotFoundException', 'Requested resource not found', 400);
  }
  if (!table)
    throw new AwsError(
      'ResourceNotFoundException',
      `Requested resource not found: Table: ${name} not found`,
      400,
    );
  return table;
}

export function keyAttributes(table: TableRecord): KeyAttribute[] {
  return table.rangeKey ? [table.hashKey, table.rangeKey] : [table.hashKey];
}

function checkKeyValue(key: KeyAttribute, value: WireValue): void {
  if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
    throw validationError(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${'S' in value ? 'string' : 'binary'} value. Key: ${key.name}`,
    );
  }
}

/** The stored form of an item: its key bytes, scan hash and size. */
export function storedItem(table: TableRecord, item: WireItem): StoredItem {
  const pk = encodeKeyValue(item[table.hashKey.name] as WireValue);
  const sk = table.rangeKey ? encodeKeyValue(item[table.rangeKey.name] as WireValue) : NO_SORT_KEY;
  return { pk, sk, hash: partitionHash(pk), size: itemSize(item), item };
}

/**
 * Checks an item to be written: its key attributes (present, of the declared type, not empty)
 * and its size. `batch`: BatchWriteItem words a wrong key type as a schema mismatch.
 */
export function checkItemToWrite(
  table: TableRecord,
  item: WireItem,
  mode: 'put' | 'batch' | 'update' = 'put',
): StoredItem {
  for (const [i, key] of keyAttributes(table).entries()) {
    const value = item[key.name];
    if (value === undefined)
      throw validationError(
        `One or more parameter values were invalid: Missing the key ${key.name} in the item`,
      );
    if (typeOf(value) !== key.type) {
      throw validationError(
        mode === 'batch'
          ? 'The provided key element does not match the schema'
          : `One or more parameter values were invalid: Type mismatch for key ${key.name} expected: ${key.type} actual: ${typeOf(value)}`,
      );
    }
    checkKeyValue(key, value);
    if (i === 0 && valueSize(value) > 2048) {
      throw validationError(
        'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
      );
    }
    if (i === 1 && valueSize(value) > 1024) {
      throw validationError(
        'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
      );
    }
  }
  const stored = storedItem(table, item);
  if (stored.size > MAX_ITEM_BYTES) {
    throw validationError(
      mode === 'update'
        ? 'Item size to update has exceeded the maximum allowed size'
        : 'Item size has exceeded the maximum allowed size',
    );
  }
  return stored;
}

/** A `Key` parameter: exactly the table's key attributes, of the declared types. */
export function checkKey(
  table: TableRecord,
  raw: unknown,
  message = 'The provided key element does not match the schema',
): WireItem {
  if (raw === undefined || raw === null)
    throw constraintErrors([constraint(null, 'key', 'Member must not be null')]);
  const key = normalizeItem(raw);
  const attributes = keyAttributes(table);
  if (Object.keys(key).length !== attributes.length) throw validationError(message);
  for (const attribute of attributes) {
    const value = key[attribute.name];
    if (value === undefined || typeOf(value) !== attribute.type) throw validationError(message);
    checkKeyValue(attribute, value);
  }
  return key;
}

/** The key attributes of an item (LastEvaluatedKey, BatchWriteItem duplicate detection). */
export function keyOf(table: TableRecord, item: WireItem): WireItem {
  const key: WireItem = {};
  for (const attribute of keyAttributes(table)) key[attribute.name] = item[attribute.name] as WireValue;
  return key;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * ConsumedCapacity when asked for: 1 WCU per started KB written, 1 RCU per started 4 KB read
 * (half for eventually consistent reads). Informational: capacity is never enforced offline.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
export function consumedCapacity(
  mode: unknown,
  tableName: string,
  use: { writeBytes?: number; readBytes?: number; consistent?: boolean },
): ConsumedCapacity | undefined {
  const checked = checkEnum(mode, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
  if (!checked || checked === 'NONE') return undefined;
  const units =
    use.writeBytes !== undefined
      ? Math.max(1, Math.ceil(use.writeBytes / 1024))
      : Math.max(1, Math.ceil((use.readBytes ?? 0) / 4096)) * (use.consistent ? 1 : 0.5);
  const capacity: ConsumedCapacity = { TableName: tableName, CapacityUnits: units };
  if (checked === 'INDEXES') capacity.Table = { CapacityUnits: units };
  return capacity;
}
