import type { SQLNamespace } from '@codemirror/lang-sql';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-provider';
import { errorInfoOf, sendOrThrow, useCloudQuery, type CloudOutput } from '../../api/cloud-sdk';
import type { ApiErrorInfo, LabBridge } from '../../api/contract';

/** What the schema browser and the editor's completion know of a target: tables and their columns. */
export interface CatalogColumn {
  name: string;
  type: string;
  /** Athena: a partition column; DynamoDB: a key attribute (`HASH`, `RANGE`). */
  role?: 'partition' | 'HASH' | 'RANGE';
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
}

export interface CatalogState {
  tables: CatalogTable[] | undefined;
  error: ApiErrorInfo | undefined;
  loading: boolean;
  reload(): void;
}

export const DATA_CATALOG = 'AwsDataCatalog';

type TableMetadata = NonNullable<CloudOutput<'athena', 'ListTableMetadata'>['TableMetadataList']>[number];

function fromAthena(table: TableMetadata): CatalogTable {
  return {
    name: table.Name ?? '',
    columns: [
      ...(table.Columns ?? []).map((column) => ({ name: column.Name ?? '', type: column.Type ?? '' })),
      ...(table.PartitionKeys ?? []).map((column) => ({
        name: column.Name ?? '',
        type: column.Type ?? '',
        role: 'partition' as const,
      })),
    ],
  };
}

/** Every table of an Athena database, with columns: ListTableMetadata, all pages. */
async function athenaTables(bridge: LabBridge, database: string): Promise<CatalogTable[]> {
  const tables: CatalogTable[] = [];
  let token: string | undefined;
  do {
    const page = await sendOrThrow(bridge, 'athena', 'ListTableMetadata', {
      CatalogName: DATA_CATALOG,
      DatabaseName: database,
      MaxResults: 50,
      ...(token ? { NextToken: token } : {}),
    });
    tables.push(...(page.TableMetadataList ?? []).map(fromAthena));
    token = page.NextToken;
  } while (token);
  return tables.sort((a, b) => a.name.localeCompare(b.name));
}

/** DynamoDB tables and their key attributes (the only attributes a table declares). */
async function dynamodbTables(bridge: LabBridge): Promise<CatalogTable[]> {
  const { TableNames = [] } = await sendOrThrow(bridge, 'dynamodb', 'ListTables', { Limit: 100 });
  return Promise.all(
    TableNames.map(async (name) => {
      const { Table } = await sendOrThrow(bridge, 'dynamodb', 'DescribeTable', { TableName: name });
      const types = new Map(
        (Table?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]),
      );
      return {
        name,
        columns: (Table?.KeySchema ?? []).map((key) => ({
          name: key.AttributeName ?? '',
          type: types.get(key.AttributeName) ?? '',
          role: key.KeyType === 'RANGE' ? ('RANGE' as const) : ('HASH' as const),
        })),
      };
    }),
  );
}

/** The tables of the chosen target: an Athena database, or DynamoDB (`database` undefined). */
export function useCatalogTables(engine: 'athena' | 'dynamodb', database: string | undefined): CatalogState {
  const { bridge } = useApi();
  const [generation, setGeneration] = useState(0);
  const key = `${engine}#${database ?? ''}#${generation}`;
  const [answer, setAnswer] = useState<{ key: string; tables?: CatalogTable[]; error?: ApiErrorInfo }>({
    key: '',
  });
  useEffect(() => {
    if (engine === 'athena' && !database) return;
    let current = true;
    const load = engine === 'athena' && database ? athenaTables(bridge, database) : dynamodbTables(bridge);
    load.then(
      (tables) => current && setAnswer({ key, tables }),
      (error: unknown) => current && setAnswer({ key, error: errorInfoOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [bridge, engine, database, key]);
  const fresh = answer.key === key;
  return {
    tables: fresh || answer.key.startsWith(`${engine}#${database ?? ''}#`) ? answer.tables : undefined,
    error: fresh ? answer.error : undefined,
    loading: !fresh && (engine === 'dynamodb' || Boolean(database)),
    reload: () => setGeneration((value) => value + 1),
  };
}

/** Athena's databases in the AwsDataCatalog (names), sorted. */
export function useDatabases() {
  const query = useCloudQuery('athena', 'ListDatabases', { CatalogName: DATA_CATALOG, MaxResults: 50 });
  const names = useMemo(
    () => (query.data?.DatabaseList ?? []).map((database) => database.Name ?? '').sort(),
    [query.data],
  );
  return { ...query, names };
}

/**
 * The completion's schema: every database by name, the chosen one with its tables and their columns
 * (completion after `"db".` offers tables, after `table.` its columns).
 */
export function completionSchema(
  databases: readonly string[],
  database: string | undefined,
  tables: readonly CatalogTable[] | undefined,
): SQLNamespace {
  const chosen: SQLNamespace = Object.fromEntries(
    (tables ?? []).map((table) => [table.name, table.columns.map((column) => column.name)]),
  );
  if (database === undefined) return chosen;
  return Object.fromEntries(databases.map((name) => [name, name === database ? chosen : {}]));
}
