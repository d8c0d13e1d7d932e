import type {
  DeleteItemInput,
  DeleteItemOutput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../protocols/aws-error.js';
import { normalizeItem, type Wire, type WireItem } from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import type { Condition, Path, UpdateActions } from '../expressions/ast.js';
import { validationError, type ExpressionAttributes } from '../expressions/attributes.js';
import { evaluateCondition } from '../expressions/evaluate.js';
import { parseCondition, parseProjection } from '../expressions/parser.js';
import { projectItem } from '../expressions/projection.js';
import { parseUpdate, updatedPaths } from '../expressions/update-parser.js';
import { applyUpdate, checkUpdatedKeys } from '../expressions/update.js';
import type { TableRecord } from '../store.js';
import {
  checkEnum,
  checkItemToWrite,
  checkKey,
  checkTableName,
  constraintErrors,
  consumedCapacity,
  expressionAttributes,
  keyAttributes,
  optionalString,
  refuseLegacyParameters,
  requireTable,
  serializationError,
  storedItem,
} from './common.js';

/** PutItem, GetItem, DeleteItem and UpdateItem. AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html */

const RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

export function conditionalCheckFailed(): AwsError {
  return new AwsError('ConditionalCheckFailedException', 'The conditional request failed', 400);
}

function returnValues(
  input: Record<string, unknown>,
  allowed: readonly (typeof RETURN_VALUES)[number][],
): (typeof RETURN_VALUES)[number] {
  const value = checkEnum(input.ReturnValues, 'returnValues', RETURN_VALUES) ?? 'NONE';
  if (!allowed.includes(value)) throw validationError('Return values set to invalid value');
  checkEnum(input.ReturnValuesOnConditionCheckFailure, 'returnValuesOnConditionCheckFailure', [
    'ALL_OLD',
    'NONE',
  ]);
  return value;
}

function condition(input: Record<string, unknown>, attributes: ExpressionAttributes): Condition | undefined {
  const text = optionalString(input.ConditionExpression);
  return text === undefined ? undefined : parseCondition(text, 'ConditionExpression', attributes);
}

function requiredItem(value: unknown, field: string): WireItem {
  if (value === undefined || value === null) {
    throw constraintErrors([
      `Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    ]);
  }
  return normalizeItem(value);
}

/** ProjectionExpression, or the legacy AttributesToGet (a list of top-level names). */
export function projection(
  input: Record<string, unknown>,
  attributes: ExpressionAttributes,
): Path[] | undefined {
  const expression = optionalString(input.ProjectionExpression);
  const names = input.AttributesToGet;
  if (expression !== undefined && names !== undefined && names !== null) {
    throw validationError(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  }
  if (expression !== undefined) return parseProjection(expression, attributes);
  if (names === undefined || names === null) return undefined;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw serializationError();
  return (names as string[]).map((name) => ({ kind: 'path', elements: [name] }));
}

export function PutItem(context: DynamoDbContext, input: Wire<PutItemInput>): Wire<PutItemOutput> {
  const request = input as Record<string, unknown>;
  refuseLegacyParameters(request, ['Expected', 'ConditionalOperator']);
  const name = checkTableName(request.TableName);
  const returning = returnValues(request, ['NONE', 'ALL_OLD']);
  const attributes = expressionAttributes(request, ['ConditionExpression']);
  const check = condition(request, attributes);
  attributes.assertAllUsed();
  const item = requiredItem(request.Item, 'item');
  const table = requireTable(context, name, 'items');
  const stored = checkItemToWrite(table, item);
  const old =
    check || returning === 'ALL_OLD' ? context.store.getItem(table, stored.pk, stored.sk) : undefined;
  if (check && !evaluateCondition(old?.item ?? {}, check)) throw conditionalCheckFailed();
  context.store.putItem(table, stored);
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, name, {
    writeBytes: Math.max(stored.size, old?.size ?? 0),
  });
  return {
    ...(returning === 'ALL_OLD' && old ? { Attributes: old.item } : {}),
    ...(capacity ? { ConsumedCapacity: capacity } : {}),
  };
}

export function GetItem(context: DynamoDbContext, input: Wire<GetItemInput>): Wire<GetItemOutput> {
  const request = input as Record<string, unknown>;
  const name = checkTableName(request.TableName);
  const attributes = expressionAttributes(request, ['ProjectionExpression']);
  const paths = projection(request, attributes);
  attributes.assertAllUsed();
  const table = requireTable(context, name, 'items');
  const key = storedItem(table, checkKey(table, request.Key));
  const found = context.store.getItem(table, key.pk, key.sk);
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, name, {
    readBytes: found?.size ?? 0,
    consistent: request.ConsistentRead === true,
  });
  const item = found && (paths ? projectItem(found.item, paths) : found.item);
  return { ...(item ? { Item: item } : {}), ...(capacity ? { ConsumedCapacity: capacity } : {}) };
}

export function DeleteItem(context: DynamoDbContext, input: Wire<DeleteItemInput>): Wire<DeleteItemOutput> {
  const request = input as Record<string, unknown>;
  refuseLegacyParameters(request, ['Expected', 'ConditionalOperator']);
  const name = checkTableName(request.TableName);
  const returning = returnValues(request, ['NONE', 'ALL_OLD']);
  const attributes = expressionAttributes(request, ['ConditionExpression']);
  const check = condition(request, attributes);
  attributes.assertAllUsed();
  const table = requireTable(context, name, 'items');
  const key = storedItem(table, checkKey(table, request.Key));
  const old = context.store.getItem(table, key.pk, key.sk);
  if (check && !evaluateCondition(old?.item ?? {}, check)) throw conditionalCheckFailed();
  if (old) context.store.deleteItem(table, key.pk, key.sk);
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, name, { writeBytes: old?.size ?? 0 });
  return {
    ...(returning === 'ALL_OLD' && old ? { Attributes: old.item } : {}),
    ...(capacity ? { ConsumedCapacity: capacity } : {}),
  };
}

function updatedAttributes(
  returning: (typeof RETURN_VALUES)[number],
  actions: UpdateActions,
  before: WireItem | undefined,
  after: WireItem,
): WireItem | undefined {
  switch (returning) {
    case 'NONE':
      return undefined;
    case 'ALL_OLD':
      return before;
    case 'ALL_NEW':
      return after;
    case 'UPDATED_OLD':
      return before && projectItem(before, updatedPaths(actions));
    case 'UPDATED_NEW':
      return projectItem(after, updatedPaths(actions));
  }
}

export function UpdateItem(context: DynamoDbContext, input: Wire<UpdateItemInput>): Wire<UpdateItemOutput> {
  const request = input as Record<string, unknown>;
  refuseLegacyParameters(request, ['AttributeUpdates', 'Expected', 'ConditionalOperator']);
  const name = checkTableName(request.TableName);
  const returning = returnValues(request, RETURN_VALUES);
  const attributes = expressionAttributes(request, ['UpdateExpression', 'ConditionExpression']);
  const updateText = optionalString(request.UpdateExpression);
  const actions: UpdateActions =
    updateText === undefined
      ? { set: [], remove: [], add: [], delete: [] }
      : parseUpdate(updateText, attributes);
  const check = condition(request, attributes);
  attributes.assertAllUsed();
  const table: TableRecord = requireTable(context, name, 'items');
  const key = checkKey(table, request.Key);
  checkUpdatedKeys(
    actions,
    keyAttributes(table).map((attribute) => attribute.name),
  );
  const { pk, sk } = storedItem(table, key);
  const old = context.store.getItem(table, pk, sk);
  if (check && !evaluateCondition(old?.item ?? {}, check)) throw conditionalCheckFailed();
  // AWS: UpdateItem creates the item (with its key) when it does not exist.
  const updated = applyUpdate(old?.item ?? key, actions);
  const stored = checkItemToWrite(table, updated, 'update');
  context.store.putItem(table, stored);
  const returned = updatedAttributes(returning, actions, old?.item, updated);
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, name, {
    writeBytes: Math.max(stored.size, old?.size ?? 0),
  });
  return {
    ...(returned && Object.keys(returned).length > 0 ? { Attributes: returned } : {}),
    ...(capacity ? { ConsumedCapacity: capacity } : {}),
  };
}
