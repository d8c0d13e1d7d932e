import type {
  AttributeDefinition,
  CreateTableInput,
  CreateTableOutput,
  DeleteTableInput,
  DeleteTableOutput,
  DescribeTableInput,
  DescribeTableOutput,
  KeySchemaElement,
  ListTablesInput,
  ListTablesOutput,
  TableDescription,
  TableStatus,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocols/aws-error.js';
import type { Wire } from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import { validationError } from '../expressions/attributes.js';
import type { TableRecord } from '../store.js';
import {
  checkEnum,
  checkLimit,
  checkTableName,
  constraintErrors,
  isActive,
  isRecord,
  requireTable,
  serializationError,
} from './common.js';

/** AWS: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html */
function describeTable(context: DynamoDbContext, table: TableRecord, status?: TableStatus): TableDescription {
  const { itemCount, sizeBytes } = context.store.stats(table);
  const created = new Date(table.createdAt);
  return {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: table.keySchema,
    TableStatus: status ?? (isActive(context, table) ? 'ACTIVE' : 'CREATING'),
    CreationDateTime: created,
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ...table.provisionedThroughput },
    // AWS refreshes these about every six hours; the local cloud counts live (see README).
    TableSizeBytes: sizeBytes,
    ItemCount: itemCount,
    TableArn: `arn:aws:dynamodb:${context.identity.region}:${context.identity.accountId}:table/${table.name}`,
    TableId: table.tableId,
    ...(table.billingMode === 'PAY_PER_REQUEST'
      ? { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: created } }
      : {}),
    DeletionProtectionEnabled: false,
  };
}

function requiredParameter(input: Record<string, unknown>, name: string): unknown {
  const value = input[name];
  if (value === undefined || value === null) {
    throw validationError(`The parameter '${name}' is required but was not present in the request`);
  }
  return value;
}

function checkKeySchema(raw: unknown): KeySchemaElement[] {
  if (!Array.isArray(raw) || !raw.every(isRecord)) throw serializationError();
  const elements = raw as Record<string, unknown>[];
  if (elements.length === 0 || elements.length > 2) {
    const shown = elements.map(
      (e) => `KeySchemaElement(attributeName=${String(e.AttributeName)}, keyType=${String(e.KeyType)})`,
    );
    const rule =
      elements.length === 0
        ? 'Member must have length greater than or equal to 1'
        : 'Member must have length less than or equal to 2';
    throw constraintErrors([
      `Value '[${shown.join(', ')}]' at 'keySchema' failed to satisfy constraint: ${rule}`,
    ]);
  }
  elements.forEach((element, i) =>
    checkEnum(element.KeyType, `keySchema.${i + 1}.member.keyType`, ['HASH', 'RANGE']),
  );
  const schema = elements.map((e) => ({
    AttributeName: String(e.AttributeName ?? ''),
    KeyType: e.KeyType as 'HASH' | 'RANGE',
  }));
  if (schema[0]?.KeyType !== 'HASH')
    throw validationError('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (schema.length === 2 && schema[0].AttributeName === schema[1]?.AttributeName) {
    throw validationError('Invalid KeySchema: Some index key attribute have no definition');
  }
  if (schema.length === 2 && schema[1]?.KeyType !== 'RANGE') {
    throw validationError('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
  return schema;
}

function checkAttributeDefinitions(raw: unknown, schema: readonly KeySchemaElement[]): AttributeDefinition[] {
  if (!Array.isArray(raw) || !raw.every(isRecord)) throw serializationError();
  const definitions = (raw as Record<string, unknown>[]).map((d, i) => ({
    AttributeName: String(d.AttributeName ?? ''),
    AttributeType:
      checkEnum(d.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, ['B', 'N', 'S']) ??
      'S',
  }));
  const defined = definitions.map((d) => d.AttributeName);
  const missing = schema.filter((element) => !defined.includes(element.AttributeName as string));
  if (missing.length > 0) {
    throw validationError(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.map((m) => m.AttributeName).join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`,
    );
  }
  if (definitions.length !== schema.length) {
    throw validationError(
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  }
  return definitions;
}

function checkThroughput(input: Record<string, unknown>): {
  billingMode: TableRecord['billingMode'];
  read: number;
  write: number;
} {
  // AWS: BillingMode defaults to PROVISIONED.
  const billingMode =
    checkEnum(input.BillingMode, 'billingMode', ['PROVISIONED', 'PAY_PER_REQUEST']) ?? 'PROVISIONED';
  const throughput = input.ProvisionedThroughput;
  if (throughput !== undefined && throughput !== null && !isRecord(throughput)) throw serializationError();
  const read = throughput?.ReadCapacityUnits;
  const write = throughput?.WriteCapacityUnits;
  if (billingMode === 'PAY_PER_REQUEST') {
    if (throughput) {
      throw validationError(
        'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    }
    return { billingMode, read: 0, write: 0 };
  }
  if (typeof read !== 'number' || typeof write !== 'number') {
    throw validationError(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  }
  const errors: string[] = [];
  for (const [field, value] of [
    ['readCapacityUnits', read],
    ['writeCapacityUnits', write],
  ] as const) {
    if (value < 1)
      errors.push(
        `Value '${value}' at 'provisionedThroughput.${field}' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
  }
  if (errors.length > 0) throw constraintErrors(errors);
  return { billingMode, read, write };
}

/** What the local cloud does not emulate is refused, not silently ignored. */
function refuseUnsupported(input: Record<string, unknown>): void {
  const unsupported: [string, boolean][] = [
    [
      'GlobalSecondaryIndexes',
      Array.isArray(input.GlobalSecondaryIndexes) && input.GlobalSecondaryIndexes.length > 0,
    ],
    [
      'LocalSecondaryIndexes',
      Array.isArray(input.LocalSecondaryIndexes) && input.LocalSecondaryIndexes.length > 0,
    ],
    [
      'StreamSpecification',
      isRecord(input.StreamSpecification) && input.StreamSpecification.StreamEnabled === true,
    ],
    ['DeletionProtectionEnabled', input.DeletionProtectionEnabled === true],
  ];
  for (const [name, used] of unsupported) {
    if (used)
      throw validationError(`The local cloud does not support ${name} yet; create the table without it`);
  }
}

export function CreateTable(
  context: DynamoDbContext,
  input: Wire<CreateTableInput>,
): Wire<CreateTableOutput> {
  const request = input as Record<string, unknown>;
  const name = checkTableName(requiredParameter(request, 'TableName'), 3);
  refuseUnsupported(request);
  const keySchema = checkKeySchema(requiredParameter(request, 'KeySchema'));
  const attributeDefinitions = checkAttributeDefinitions(
    requiredParameter(request, 'AttributeDefinitions'),
    keySchema,
  );
  const { billingMode, read, write } = checkThroughput(request);
  if (context.store.getTable(name))
    throw new AwsError('ResourceInUseException', `Table already exists: ${name}`, 400);
  const now = context.now();
  const table = context.store.createTable({
    name,
    tableId: randomUUID(),
    keySchema,
    attributeDefinitions,
    billingMode,
    provisionedThroughput: { ReadCapacityUnits: read, WriteCapacityUnits: write },
    createdAt: now,
    activeAt: now + context.tableActivationMs,
  });
  return {
    TableDescription: describeTable(context, table, context.tableActivationMs > 0 ? 'CREATING' : 'ACTIVE'),
  };
}

export function DescribeTable(
  context: DynamoDbContext,
  input: Wire<DescribeTableInput>,
): Wire<DescribeTableOutput> {
  const table = requireTable(context, checkTableName(input.TableName), 'control');
  return { Table: describeTable(context, table) };
}

export function DeleteTable(
  context: DynamoDbContext,
  input: Wire<DeleteTableInput>,
): Wire<DeleteTableOutput> {
  const table = requireTable(context, checkTableName(input.TableName), 'control');
  if (!isActive(context, table)) {
    throw new AwsError(
      'ResourceInUseException',
      `Attempt to change a resource which is still in use: Table is being created: ${table.name}`,
      400,
    );
  }
  const description = describeTable(context, table, 'DELETING');
  context.store.deleteTable(table);
  return { TableDescription: description };
}

export function ListTables(context: DynamoDbContext, input: Wire<ListTablesInput>): Wire<ListTablesOutput> {
  const limit = checkLimit(input.Limit) ?? 100;
  if (limit > 100)
    throw constraintErrors([
      `Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`,
    ]);
  const start =
    input.ExclusiveStartTableName === undefined
      ? undefined
      : checkTableName(input.ExclusiveStartTableName, 3, 'exclusiveStartTableName');
  // AWS: names in ascending order, paged after ExclusiveStartTableName.
  const names = context.store.listTableNames().filter((name) => start === undefined || name > start);
  const page = names.slice(0, limit);
  return {
    TableNames: page,
    ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}),
  };
}
