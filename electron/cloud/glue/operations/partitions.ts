import type {
  BatchCreatePartitionResponse,
  BatchDeletePartitionResponse,
  BatchGetPartitionResponse,
  CreatePartitionResponse,
  DeletePartitionResponse,
  GetPartitionResponse,
  GetPartitionsResponse,
  Partition,
  PartitionError,
  PartitionInput,
  PartitionValueList,
  UpdatePartitionResponse,
} from '@aws-sdk/client-glue';
import { isAwsError } from '../../protocols/aws-error.js';
import { partitionNotFound, validationError } from '../errors.js';
import { compilePartitionExpression } from '../partition-expression.js';
import {
  checkCatalogId,
  isRecord,
  optionalInteger,
  optionalString,
  paginate,
  requireName,
  requireStringList,
  requireStructure,
  type GlueContext,
} from './common.js';

interface TableAddress {
  databaseName: string;
  tableName: string;
}

function tableAddress(context: GlueContext, input: Record<string, unknown>): TableAddress {
  checkCatalogId(context, input.CatalogId);
  return { databaseName: requireName(input.DatabaseName, 'databaseName'), tableName: requireName(input.TableName, 'tableName') };
}

function partitionInput(value: unknown, field: string): PartitionInput {
  const input = requireStructure(value, field);
  requireStringList(input.Values, `${field}.values`);
  return input as unknown as PartitionInput;
}

function valueLists(value: unknown, field: string, max: number): PartitionValueList[] {
  if (value === undefined || value === null) throw validationError(field, 'Member must not be null');
  if (!Array.isArray(value) || !value.every(isRecord)) throw validationError(field, 'Member must be a list of PartitionValueList');
  if (value.length > max) throw validationError(field, `Member must have length less than or equal to ${max}`);
  return value.map((item, i) => ({ Values: requireStringList(item.Values, `${field}.${i + 1}.member.values`) }));
}

function failed(values: string[] | undefined, error: unknown): PartitionError {
  if (!isAwsError(error)) throw error;
  return { PartitionValues: values, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } };
}

export function GetPartitions(context: GlueContext, input: Record<string, unknown>): GetPartitionsResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 1000);
  const expression = optionalString(input.Expression, 'expression');
  let partitions: Partition[] = context.catalog.getPartitions(databaseName, tableName);
  if (expression !== undefined && expression.trim() !== '') {
    const table = context.catalog.getTable(databaseName, tableName);
    const matches = compilePartitionExpression(expression, table?.PartitionKeys ?? []);
    partitions = partitions.filter((partition) => matches(partition.Values ?? []));
  }
  const { page, nextToken } = paginate(partitions, input.NextToken, maxResults, 1000);
  return { Partitions: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function GetPartition(context: GlueContext, input: Record<string, unknown>): GetPartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const values = requireStringList(input.PartitionValues, 'partitionValues');
  const partition = context.catalog.getPartition(databaseName, tableName, values);
  if (!partition) throw partitionNotFound();
  return { Partition: partition };
}

export function BatchGetPartition(context: GlueContext, input: Record<string, unknown>): BatchGetPartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const wanted = valueLists(input.PartitionsToGet, 'partitionsToGet', 1000);
  const partitions: Partition[] = [];
  for (const { Values } of wanted) {
    const partition = context.catalog.getPartition(databaseName, tableName, Values ?? []);
    if (partition) partitions.push(partition);
  }
  return { Partitions: partitions, UnprocessedKeys: [] };
}

export function CreatePartition(context: GlueContext, input: Record<string, unknown>): CreatePartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  context.catalog.createPartition(databaseName, tableName, partitionInput(input.PartitionInput, 'partitionInput'));
  return {};
}

/** Creates what it can; a partition that exists or does not fit the table is an entry of Errors. */
export function BatchCreatePartition(context: GlueContext, input: Record<string, unknown>): BatchCreatePartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const list = input.PartitionInputList;
  if (!Array.isArray(list)) throw validationError('partitionInputList', 'Member must not be null');
  if (list.length > 100) throw validationError('partitionInputList', 'Member must have length less than or equal to 100');
  const inputs = list.map((item, i) => partitionInput(item, `partitionInputList.${i + 1}.member`));
  // A missing database or table fails the whole call.
  context.catalog.getPartitions(databaseName, tableName);
  const errors: PartitionError[] = [];
  context.store.transaction(() => {
    for (const partition of inputs) {
      try {
        context.catalog.createPartition(databaseName, tableName, partition);
      } catch (error) {
        errors.push(failed(partition.Values, error));
      }
    }
  });
  return { Errors: errors };
}

export function UpdatePartition(context: GlueContext, input: Record<string, unknown>): UpdatePartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const values = requireStringList(input.PartitionValueList, 'partitionValueList');
  context.catalog.updatePartition(databaseName, tableName, values, partitionInput(input.PartitionInput, 'partitionInput'));
  return {};
}

export function DeletePartition(context: GlueContext, input: Record<string, unknown>): DeletePartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  context.catalog.deletePartition(databaseName, tableName, requireStringList(input.PartitionValues, 'partitionValues'));
  return {};
}

export function BatchDeletePartition(context: GlueContext, input: Record<string, unknown>): BatchDeletePartitionResponse {
  const { databaseName, tableName } = tableAddress(context, input);
  const wanted = valueLists(input.PartitionsToDelete, 'partitionsToDelete', 25);
  context.catalog.getPartitions(databaseName, tableName);
  const errors: PartitionError[] = [];
  for (const { Values } of wanted) {
    try {
      context.catalog.deletePartition(databaseName, tableName, Values ?? []);
    } catch (error) {
      errors.push(failed(Values, error));
    }
  }
  return { Errors: errors };
}
