import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { STATIONS, labItem, labTime, weatherTableInput } from './dynamodb-lab.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let ddb: DynamoDBClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  ddb = new DynamoDBClient(sdkConfig(cloud));
});
afterAll(async () => {
  ddb.destroy();
  await cloud.dispose();
});

async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('DynamoDB tables through the SDK', () => {
  it('creates the lab table CREATING, then ACTIVE, with its ARN, and refuses items until then', async () => {
    const { TableDescription } = await ddb.send(
      new CreateTableCommand(weatherTableInput('weather_lifecycle')),
    );
    expect(TableDescription).toMatchObject({
      TableName: 'weather_lifecycle',
      TableStatus: 'CREATING',
      TableArn: `arn:aws:dynamodb:${cloud.endpoints.region}:${cloud.endpoints.accountId}:table/weather_lifecycle`,
      KeySchema: [
        { AttributeName: 'weather_station', KeyType: 'HASH' },
        { AttributeName: 'time', KeyType: 'RANGE' },
      ],
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      ItemCount: 0,
      TableSizeBytes: 0,
    });
    expect(TableDescription?.CreationDateTime).toBeInstanceOf(Date);
    expect(Math.abs((TableDescription?.CreationDateTime?.getTime() ?? 0) - Date.now())).toBeLessThan(10_000);
    expect(TableDescription?.TableId).toMatch(/^[0-9a-f-]{36}$/);

    // AWS: writing to a table that is still CREATING fails as if it did not exist.
    const early = await rejection(
      ddb.send(
        new PutItemCommand({
          TableName: 'weather_lifecycle',
          Item: labItem(STATIONS.inukjuak, labTime(0), -20),
        }),
      ),
    );
    expect(early).toBeInstanceOf(ResourceNotFoundException);

    const waited = await waitUntilTableExists(
      { client: ddb, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { TableName: 'weather_lifecycle' },
    );
    expect(waited.state).toBe('SUCCESS');
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'weather_lifecycle' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    await ddb.send(
      new PutItemCommand({
        TableName: 'weather_lifecycle',
        Item: labItem(STATIONS.inukjuak, labTime(0), -20),
      }),
    );
    const counted = await ddb.send(new DescribeTableCommand({ TableName: 'weather_lifecycle' }));
    expect(counted.Table?.ItemCount).toBe(1);
    expect(counted.Table?.TableSizeBytes).toBeGreaterThan(100);
  });

  it('refuses a second table of the same name with ResourceInUseException', async () => {
    await ddb.send(new CreateTableCommand(weatherTableInput('weather_twice')));
    const error = await rejection(ddb.send(new CreateTableCommand(weatherTableInput('weather_twice'))));
    expect(error).toBeInstanceOf(ResourceInUseException);
    expect(error.message).toBe('Table already exists: weather_twice');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('keeps provisioned throughput and refuses a PROVISIONED table without it', async () => {
    const { TableDescription } = await ddb.send(
      new CreateTableCommand({
        TableName: 'provisioned_table',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
      }),
    );
    expect(TableDescription?.ProvisionedThroughput).toMatchObject({
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 2,
    });
    expect(TableDescription?.BillingModeSummary).toBeUndefined();
    const error = await rejection(
      ddb.send(new CreateTableCommand({ ...weatherTableInput('no_throughput'), BillingMode: undefined })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  });

  it.each([
    [
      'a key attribute without a definition',
      {
        ...weatherTableInput('bad_definitions'),
        AttributeDefinitions: [{ AttributeName: 'weather_station', AttributeType: 'S' as const }],
      },
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [time], AttributeDefinitions: [weather_station]',
    ],
    [
      'a definition that is not a key',
      {
        ...weatherTableInput('extra_definition'),
        AttributeDefinitions: [
          ...weatherTableInput('x').AttributeDefinitions,
          { AttributeName: 'elevation', AttributeType: 'N' as const },
        ],
      },
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    ],
    [
      'a RANGE key first',
      { ...weatherTableInput('range_first'), KeySchema: [...weatherTableInput('x').KeySchema].reverse() },
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    ],
    [
      'a two-character name',
      weatherTableInput('ab'),
      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    ],
  ])('refuses %s with AWS words', async (_, input, message) => {
    const error = await rejection(ddb.send(new CreateTableCommand(input)));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(message);
  });

  it('lists tables in name order, a page at a time', async () => {
    for (const name of ['list_c', 'list_a', 'list_b'])
      await ddb.send(new CreateTableCommand(weatherTableInput(name)));
    const first = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'list', Limit: 2 }));
    expect(first.TableNames).toEqual(['list_a', 'list_b']);
    expect(first.LastEvaluatedTableName).toBe('list_b');
    const second = await ddb.send(
      new ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName, Limit: 2 }),
    );
    expect(second.TableNames?.[0]).toBe('list_c');
    const all = await ddb.send(new ListTablesCommand({}));
    expect(all.TableNames).toEqual([...(all.TableNames ?? [])].sort());
    expect(all.LastEvaluatedTableName).toBeUndefined();
  });

  it('deletes a table once ACTIVE: DELETING, then gone, with the named ResourceNotFoundException', async () => {
    await ddb.send(new CreateTableCommand(weatherTableInput('weather_deleted')));
    const early = await rejection(ddb.send(new DeleteTableCommand({ TableName: 'weather_deleted' })));
    expect(early).toBeInstanceOf(ResourceInUseException);
    expect(early.message).toBe(
      'Attempt to change a resource which is still in use: Table is being created: weather_deleted',
    );
    await waitUntilTableExists(
      { client: ddb, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { TableName: 'weather_deleted' },
    );
    const { TableDescription } = await ddb.send(new DeleteTableCommand({ TableName: 'weather_deleted' }));
    expect(TableDescription?.TableStatus).toBe('DELETING');
    await waitUntilTableNotExists(
      { client: ddb, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { TableName: 'weather_deleted' },
    );
    const error = await rejection(ddb.send(new DescribeTableCommand({ TableName: 'weather_deleted' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('Requested resource not found: Table: weather_deleted not found');
    const again = await rejection(ddb.send(new DeleteTableCommand({ TableName: 'weather_deleted' })));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses what the local cloud does not emulate instead of ignoring it', async () => {
    const error = await rejection(
      ddb.send(
        new CreateTableCommand({
          ...weatherTableInput('with_gsi'),
          AttributeDefinitions: [
            ...weatherTableInput('x').AttributeDefinitions,
            { AttributeName: 'elevation', AttributeType: 'N' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'by_elevation',
              KeySchema: [{ AttributeName: 'elevation', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('GlobalSecondaryIndexes');
  });
});
