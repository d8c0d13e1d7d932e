import type {
  CreateDatabaseResponse,
  DatabaseInput,
  DeleteDatabaseResponse,
  GetDatabaseResponse,
  GetDatabasesResponse,
  UpdateDatabaseResponse,
} from '@aws-sdk/client-glue';
import { databaseNotFound } from '../errors.js';
import { checkCatalogId, optionalInteger, paginate, requireName, requireStructure, type GlueContext } from './common.js';

function databaseInput(value: unknown): DatabaseInput {
  const input = requireStructure(value, 'databaseInput');
  requireName(input.Name, 'databaseInput.name');
  return input as unknown as DatabaseInput;
}

export function CreateDatabase(context: GlueContext, input: Record<string, unknown>): CreateDatabaseResponse {
  checkCatalogId(context, input.CatalogId);
  context.catalog.createDatabase(databaseInput(input.DatabaseInput));
  return {};
}

export function GetDatabase(context: GlueContext, input: Record<string, unknown>): GetDatabaseResponse {
  checkCatalogId(context, input.CatalogId);
  const name = requireName(input.Name, 'name');
  const database = context.catalog.getDatabase(name);
  if (!database) throw databaseNotFound(name);
  return { Database: database };
}

export function GetDatabases(context: GlueContext, input: Record<string, unknown>): GetDatabasesResponse {
  checkCatalogId(context, input.CatalogId);
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 100);
  const { page, nextToken } = paginate(context.catalog.getDatabases(), input.NextToken, maxResults, 100);
  return { DatabaseList: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function UpdateDatabase(context: GlueContext, input: Record<string, unknown>): UpdateDatabaseResponse {
  checkCatalogId(context, input.CatalogId);
  context.catalog.updateDatabase(requireName(input.Name, 'name'), databaseInput(input.DatabaseInput));
  return {};
}

/** AWS: deleting a database also deletes all its tables (and their partitions). */
export function DeleteDatabase(context: GlueContext, input: Record<string, unknown>): DeleteDatabaseResponse {
  checkCatalogId(context, input.CatalogId);
  context.catalog.deleteDatabase(requireName(input.Name, 'name'));
  return {};
}
