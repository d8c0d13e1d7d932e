import type {
  BatchDeleteTableResponse,
  CreateTableResponse,
  DeleteTableResponse,
  GetTableResponse,
  GetTablesResponse,
  TableError,
  TableInput,
  UpdateTableResponse,
} from '@aws-sdk/client-glue';
import { isAwsError } from '../../protocols/aws-error.js';
import { tableNotFound } from '../errors.js';
import {
  checkCatalogId,
  namePattern,
  optionalInteger,
  optionalString,
  paginate,
  requireName,
  requireStringList,
  requireStructure,
  type GlueContext,
} from './common.js';

function tableInput(value: unknown): TableInput {
  const input = requireStructure(value, 'tableInput');
  requireName(input.Name, 'tableInput.name');
  return input as unknown as TableInput;
}

export function CreateTable(context: GlueContext, input: Record<string, unknown>): CreateTableResponse {
  checkCatalogId(context, input.CatalogId);
  const databaseName = requireName(input.DatabaseName, 'databaseName');
  context.catalog.createTable(databaseName, tableInput(input.TableInput));
  return {};
}

export function GetTable(context: GlueContext, input: Record<string, unknown>): GetTableResponse {
  checkCatalogId(context, input.CatalogId);
  const databaseName = requireName(input.DatabaseName, 'databaseName');
  const name = requireName(input.Name, 'name');
  // A missing database is reported as such, before the table.
  context.catalog.getTables(databaseName);
  const table = context.catalog.getTable(databaseName, name);
  if (!table) throw tableNotFound(name);
  return { Table: table };
}

export function GetTables(context: GlueContext, input: Record<string, unknown>): GetTablesResponse {
  checkCatalogId(context, input.CatalogId);
  const databaseName = requireName(input.DatabaseName, 'databaseName');
  const matches = namePattern(optionalString(input.Expression, 'expression'));
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 100);
  const tables = context.catalog.getTables(databaseName).filter((table) => matches(table.Name ?? ''));
  const { page, nextToken } = paginate(tables, input.NextToken, maxResults, 100);
  return { TableList: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function UpdateTable(context: GlueContext, input: Record<string, unknown>): UpdateTableResponse {
  checkCatalogId(context, input.CatalogId);
  const databaseName = requireName(input.DatabaseName, 'databaseName');
  context.catalog.updateTable(databaseName, tableInput(input.TableInput));
  return {};
}

export function DeleteTable(context: GlueContext, input: Record<string, unknown>): DeleteTableResponse {
  checkCatalogId(context, input.CatalogId);
  context.catalog.deleteTable(requireName(input.DatabaseName, 'databaseName'), requireName(input.Name, 'name'));
  return {};
}

/** Deletes what it can; each table it cannot delete is an entry of Errors, never a failed call. */
export function BatchDeleteTable(context: GlueContext, input: Record<string, unknown>): BatchDeleteTableResponse {
  checkCatalogId(context, input.CatalogId);
  const databaseName = requireName(input.DatabaseName, 'databaseName');
  const names = requireStringList(input.TablesToDelete, 'tablesToDelete');
  context.catalog.getTables(databaseName);
  const errors: TableError[] = [];
  for (const name of names) {
    try {
      context.catalog.deleteTable(databaseName, name);
    } catch (error) {
      if (!isAwsError(error)) throw error;
      errors.push({ TableName: name, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } });
    }
  }
  return { Errors: errors };
}
