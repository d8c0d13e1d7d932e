import {
  CreateTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { errorName, fail, pass, waitForCheck, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';

/** Lesson 05: a DynamoDB table keyed by station and time, filled by a rule with a WHERE clause. */

const tableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/);
const keyName = z.string().min(1).max(255);

async function describeTable(context: StepContext, name: string): Promise<TableDescription | undefined> {
  try {
    return (await context.clients.dynamodb().send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

const tableParams = z.object({ tableName, partitionKey: keyName, sortKey: keyName });

export const dynamodbTable = defineCheck({
  name: 'dynamodb-table',
  summary:
    'The table exists, is ACTIVE, and its key is `partitionKey` (HASH, String) + `sortKey` (RANGE, String).',
  params: tableParams,
  async run(context, params) {
    const table = await describeTable(context, params.tableName);
    if (!table) return fail('table-missing', { table: params.tableName });
    const typeOf = (name: string) =>
      table.AttributeDefinitions?.find((definition) => definition.AttributeName === name)?.AttributeType;
    for (const [role, expected] of [
      ['HASH', params.partitionKey],
      ['RANGE', params.sortKey],
    ] as const) {
      const actual = table.KeySchema?.find((key) => key.KeyType === role)?.AttributeName;
      const type = actual ? typeOf(actual) : undefined;
      if (actual !== expected || type !== 'S')
        return fail(role === 'HASH' ? 'table-partition-key' : 'table-sort-key', {
          table: params.tableName,
          key: actual ? `${actual} (${type ?? '?'})` : '—',
          expected: `${expected} (S)`,
        });
    }
    if (table.TableStatus !== 'ACTIVE')
      return fail('table-not-active', { table: params.tableName, status: table.TableStatus ?? '—' });
    return pass();
  },
});

export const createDynamodbTable = defineAutomation({
  name: 'create-dynamodb-table',
  summary:
    'Creates the table (partition key and sort key, both String, on-demand capacity) and waits until it is ACTIVE.',
  params: tableParams,
  async run(context, params) {
    const resource = { kind: 'dynamodb-table' as const, name: params.tableName };
    if (await describeTable(context, params.tableName)) {
      // A table's key cannot change, and the table is not ours to delete: say what to do.
      const keyed = await dynamodbTable.run(context, { ...params });
      if (!keyed.ok && (keyed.hint.key === 'table-partition-key' || keyed.hint.key === 'table-sort-key'))
        throw new Error(
          `The table ${params.tableName} exists with another key (${String(keyed.hint.values.key)}): a key cannot be changed. Delete that table, then press "Do it for me" again.`,
        );
      context.reused(resource);
    } else {
      context.progress('create', resource);
      await context.clients.dynamodb().send(
        new CreateTableCommand({
          TableName: params.tableName,
          AttributeDefinitions: [
            { AttributeName: params.partitionKey, AttributeType: 'S' },
            { AttributeName: params.sortKey, AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: params.partitionKey, KeyType: 'HASH' },
            { AttributeName: params.sortKey, KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      context.created(resource);
    }
    context.progress('wait', resource);
    const deadline = context.now() + 120_000;
    for (;;) {
      const status = (await describeTable(context, params.tableName))?.TableStatus;
      if (status === 'ACTIVE') return;
      if (context.now() > deadline)
        throw new Error(`The table ${params.tableName} is ${status ?? 'gone'}, not ACTIVE.`);
      await context.sleep(1000);
    }
  },
});

const numberOf = (value: AttributeValue | undefined): number | undefined =>
  value?.N === undefined ? undefined : Number(value.N);

export const dynamodbItems = defineCheck({
  name: 'dynamodb-items',
  summary:
    'The table holds items (waiting up to `waitSeconds`), each with the attributes of `fields`, and `below.field` < `below.value` in every one.',
  params: z.object({
    tableName,
    fields: z.array(z.string().min(1)).min(1),
    below: z.object({ field: z.string().min(1), value: z.number() }),
    waitSeconds: z.number().int().min(0).max(300),
  }),
  async run(context, params) {
    if (!(await describeTable(context, params.tableName)))
      return fail('table-missing', { table: params.tableName });
    let items: Array<Record<string, AttributeValue>> = [];
    const arrived = await waitForCheck(context, params.waitSeconds, async () => {
      items =
        (await context.clients.dynamodb().send(new ScanCommand({ TableName: params.tableName, Limit: 200 })))
          .Items ?? [];
      return items.length > 0 ? pass() : fail('no-items', { table: params.tableName });
    });
    if (!arrived.ok) return arrived;
    for (const item of items) {
      for (const field of params.fields)
        if (!(field in item)) return fail('item-missing-field', { table: params.tableName, field });
      const value = numberOf(item[params.below.field]);
      if (value === undefined || value >= params.below.value)
        return fail('item-too-warm', {
          table: params.tableName,
          station: item.weather_station?.S ?? '—',
          time: item.time?.S ?? '—',
          value: value ?? '—',
          limit: params.below.value,
        });
    }
    return pass();
  },
});
