import { AwsError } from '../../protocols/aws-error.js';
import type {
  GetDatabaseOutput,
  GetDataCatalogOutput,
  GetTableMetadataOutput,
  ListDatabasesOutput,
  ListDataCatalogsOutput,
  ListTableMetadataOutput,
  TableMetadata,
} from '@aws-sdk/client-athena';
import type { Column, Table } from '@aws-sdk/client-glue';
import { AWS_DATA_CATALOG } from '../context.js';
import {
  decodeToken,
  optionalInteger,
  optionalString,
  page,
  requiredString,
  type Input,
  type OperationsContext,
} from './common.js';

/**
 * Athena's views of the Glue Data Catalog (the console's left panel): the one data catalog,
 * its databases, and their tables' metadata.
 */

function requireCatalog(name: string): void {
  if (name.toLowerCase() !== AWS_DATA_CATALOG.toLowerCase())
    throw new AwsError('MetadataException', `Catalog ${name} does not exist`);
}

function requireDatabase(context: OperationsContext, name: string): void {
  if (!context.catalog.getDatabase(name))
    throw new AwsError('MetadataException', `Database ${name} not found.`);
}

const toColumn = (column: Column) => ({
  Name: column.Name ?? '',
  Type: column.Type ?? 'string',
  ...(column.Comment ? { Comment: column.Comment } : {}),
});

function toTableMetadata(table: Table): TableMetadata {
  const descriptor = table.StorageDescriptor ?? {};
  const serdeParameters = Object.fromEntries(
    Object.entries(descriptor.SerdeInfo?.Parameters ?? {}).map(([key, value]) => [
      `serde.param.${key}`,
      value,
    ]),
  );
  return {
    Name: table.Name ?? '',
    ...(table.CreateTime ? { CreateTime: table.CreateTime } : {}),
    ...(table.LastAccessTime ? { LastAccessTime: table.LastAccessTime } : {}),
    TableType: table.TableType ?? 'EXTERNAL_TABLE',
    Columns: (descriptor.Columns ?? []).map(toColumn),
    PartitionKeys: (table.PartitionKeys ?? []).map(toColumn),
    Parameters: {
      ...(descriptor.Location ? { location: descriptor.Location } : {}),
      ...(descriptor.InputFormat ? { inputformat: descriptor.InputFormat } : {}),
      ...(descriptor.OutputFormat ? { outputformat: descriptor.OutputFormat } : {}),
      ...(descriptor.SerdeInfo?.SerializationLibrary
        ? { 'serde.serialization.lib': descriptor.SerdeInfo.SerializationLibrary }
        : {}),
      ...serdeParameters,
      ...table.Parameters,
    },
  };
}

export function ListDataCatalogs(): ListDataCatalogsOutput {
  return { DataCatalogsSummary: [{ CatalogName: AWS_DATA_CATALOG, Type: 'GLUE' }] };
}

export function GetDataCatalog(context: OperationsContext, input: Input): GetDataCatalogOutput {
  const name = requiredString(input, 'Name', 1, 256);
  requireCatalog(name);
  return {
    DataCatalog: {
      Name: AWS_DATA_CATALOG,
      Description: 'AWS Glue Data Catalog',
      Type: 'GLUE',
      Parameters: { 'catalog-id': context.identity.accountId },
    },
  };
}

export function ListDatabases(context: OperationsContext, input: Input): ListDatabasesOutput {
  requireCatalog(requiredString(input, 'CatalogName', 1, 256));
  const limit = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const after = decodeToken(optionalString(input, 'NextToken', 1, 1024));
  const all = context.catalog.getDatabases();
  const start = after === undefined ? 0 : all.findIndex((database) => database.Name === after) + 1;
  const { items, nextToken } = page(all.slice(start), limit, (database) => database.Name ?? '');
  return {
    DatabaseList: items.map((database) => ({
      Name: database.Name ?? '',
      ...(database.Description ? { Description: database.Description } : {}),
      ...(database.Parameters ? { Parameters: database.Parameters } : {}),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function GetDatabase(context: OperationsContext, input: Input): GetDatabaseOutput {
  requireCatalog(requiredString(input, 'CatalogName', 1, 256));
  const name = requiredString(input, 'DatabaseName', 1, 128);
  const database = context.catalog.getDatabase(name);
  if (!database) throw new AwsError('MetadataException', `Database ${name} not found.`);
  return {
    Database: {
      Name: database.Name ?? name,
      ...(database.Description ? { Description: database.Description } : {}),
      ...(database.Parameters ? { Parameters: database.Parameters } : {}),
    },
  };
}

export function ListTableMetadata(context: OperationsContext, input: Input): ListTableMetadataOutput {
  requireCatalog(requiredString(input, 'CatalogName', 1, 256));
  const database = requiredString(input, 'DatabaseName', 1, 128);
  const expression = optionalString(input, 'Expression', 0, 256);
  const limit = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const after = decodeToken(optionalString(input, 'NextToken', 1, 1024));
  requireDatabase(context, database);
  // The Expression is Hive's SHOW TABLES pattern: `*` any characters, `|` alternatives.
  const pattern = expression
    ? new RegExp(
        `^(?:${expression
          .split('|')
          .map((part) => part.replace(/[.+?^${}()[\]\\]/g, '\\$&').replaceAll('*', '.*'))
          .join('|')})$`,
        'i',
      )
    : undefined;
  const all = context.catalog
    .getTables(database)
    .filter((table) => !pattern || pattern.test(table.Name ?? ''));
  const start = after === undefined ? 0 : all.findIndex((table) => table.Name === after) + 1;
  const { items, nextToken } = page(all.slice(start), limit, (table) => table.Name ?? '');
  return { TableMetadataList: items.map(toTableMetadata), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function GetTableMetadata(context: OperationsContext, input: Input): GetTableMetadataOutput {
  requireCatalog(requiredString(input, 'CatalogName', 1, 256));
  const database = requiredString(input, 'DatabaseName', 1, 128);
  const name = requiredString(input, 'TableName', 1, 128);
  requireDatabase(context, database);
  const table = context.catalog.getTable(database, name);
  if (!table) throw new AwsError('MetadataException', `Table ${name} not found.`);
  return { TableMetadata: toTableMetadata(table) };
}
