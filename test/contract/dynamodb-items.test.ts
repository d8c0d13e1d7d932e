import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { STATIONS, createWeatherTable, labItem, labTime } from './dynamodb-lab.js';

const TABLE = 'weather_items';
let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let ddb: DynamoDBClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  ddb = new DynamoDBClient(sdkConfig(cloud));
  await createWeatherTable(ddb, TABLE);
});
afterAll(async () => {
  ddb.destroy();
  await cloud.dispose();
});

const key = (station: { id: string }, time: string): Record<string, AttributeValue> => ({
  weather_station: { S: station.id },
  time: { S: time },
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

async function validation(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error.name).toBe('ValidationException');
  return error.message;
}

describe('items through the SDK', () => {
  it('stores a lab reading with nested maps and lists of maps and reads it back as written', async () => {
    const item = labItem(STATIONS.inukjuak, labTime(0), -31.5, { snow: true, layers: 3 });
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: TABLE, Key: key(STATIONS.inukjuak, labTime(0)), ConsistentRead: true }),
    );
    expect(Item).toEqual(item);
    expect(Item?.sky_cover_condition?.L?.[2]?.M?.cloud_type).toEqual({ S: 'Cirrus (Ci)' });
  });

  it('reads numbers back normalized, as DynamoDB stores them', async () => {
    const item = {
      ...key(STATIONS.aberdeen, labTime(1)),
      air_temperature_value: { N: '10.0' },
      sea_level_pressure: { N: '09999.90' },
    };
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: TABLE, Key: key(STATIONS.aberdeen, labTime(1)) }),
    );
    expect(Item?.air_temperature_value).toEqual({ N: '10' });
    expect(Item?.sea_level_pressure).toEqual({ N: '9999.9' });
  });

  it('overwrites an item that shares the key (the lab data has duplicate times), returning the old one', async () => {
    const first = labItem(STATIONS.inukjuak, labTime(30), -12);
    const second = labItem(STATIONS.inukjuak, labTime(30), -13, { wind: 9.8 });
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: first }));
    const { Attributes } = await ddb.send(
      new PutItemCommand({ TableName: TABLE, Item: second, ReturnValues: 'ALL_OLD' }),
    );
    expect(Attributes).toEqual(first);
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: TABLE, Key: key(STATIONS.inukjuak, labTime(30)) }),
    );
    expect(Item).toEqual(second);
  });

  it('projects attributes, with #names for the reserved word time', async () => {
    const { Item } = await ddb.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: key(STATIONS.inukjuak, labTime(0)),
        ProjectionExpression: '#t, air_temperature_value, sky_cover_condition[0].cloud_type',
        ExpressionAttributeNames: { '#t': 'time' },
      }),
    );
    expect(Item).toEqual({
      time: { S: labTime(0) },
      air_temperature_value: { N: '-31.5' },
      sky_cover_condition: { L: [{ M: { cloud_type: { S: 'Stratocumulus (Sc)' } } }] },
    });
  });

  it('puts only when the item is new with attribute_not_exists, else ConditionalCheckFailedException', async () => {
    const item = labItem(STATIONS.skrydstrup, labTime(60), -6);
    const onlyNew = { ConditionExpression: 'attribute_not_exists(weather_station)' };
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: item, ...onlyNew }));
    const error = await rejection(ddb.send(new PutItemCommand({ TableName: TABLE, Item: item, ...onlyNew })));
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(error.message).toBe('The conditional request failed');
  });

  it('deletes an item and returns it', async () => {
    const item = labItem(STATIONS.landOLakes, labTime(90), -8);
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    const { Attributes } = await ddb.send(
      new DeleteItemCommand({
        TableName: TABLE,
        Key: key(STATIONS.landOLakes, labTime(90)),
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(Attributes).toEqual(item);
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: TABLE, Key: key(STATIONS.landOLakes, labTime(90)) }),
    );
    expect(Item).toBeUndefined();
  });
});

describe('UpdateItem', () => {
  const station = STATIONS.landOLakes;
  const time = labTime(120);

  it('SETs, adds, appends and removes, and answers UPDATED_NEW / ALL_OLD', async () => {
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: labItem(station, time, -7.5) }));
    const { Attributes } = await ddb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key(station, time),
        UpdateExpression:
          'SET air_temperature_value = air_temperature_value - :drop, readings = if_not_exists(readings, :zero) + :one, weather_condition = list_append(weather_condition, :fog) REMOVE sky_cover_condition[1]',
        ExpressionAttributeValues: {
          ':drop': { N: '0.5' },
          ':zero': { N: '0' },
          ':one': { N: '1' },
          ':fog': { L: [{ M: { present_weather_condition: { S: 'Fog' } } }] },
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(Attributes?.air_temperature_value).toEqual({ N: '-8' });
    expect(Attributes?.readings).toEqual({ N: '1' });
    expect(Attributes?.weather_condition?.L).toHaveLength(2);
    const { Item } = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: key(station, time) }));
    expect(Item?.sky_cover_condition?.L).toHaveLength(1);

    const { Attributes: old } = await ddb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key(station, time),
        UpdateExpression: 'SET readings = readings + :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(old?.readings).toEqual({ N: '1' });
  });

  it('creates the item when it does not exist, and checks conditions first', async () => {
    const fresh = key(station, labTime(150));
    await ddb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: fresh,
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': { S: 'manual' } },
      }),
    );
    const { Item } = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: fresh }));
    expect(Item).toEqual({ ...fresh, note: { S: 'manual' } });
    const error = await rejection(
      ddb.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: fresh,
          UpdateExpression: 'SET note = :n',
          ConditionExpression: 'note <> :n',
          ExpressionAttributeValues: { ':n': { S: 'manual' } },
        }),
      ),
    );
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('refuses to change the key, and a syntax error, with AWS words', async () => {
    expect(
      await validation(
        ddb.send(
          new UpdateItemCommand({
            TableName: TABLE,
            Key: key(station, time),
            UpdateExpression: 'SET #t = :v',
            ExpressionAttributeNames: { '#t': 'time' },
            ExpressionAttributeValues: { ':v': { S: 'x' } },
          }),
        ),
      ),
    ).toBe(
      'One or more parameter values were invalid: Cannot update attribute time. This attribute is part of the key',
    );
    expect(
      await validation(
        ddb.send(
          new UpdateItemCommand({
            TableName: TABLE,
            Key: key(station, time),
            UpdateExpression: 'SET a = :v,',
            ExpressionAttributeValues: { ':v': { S: 'x' } },
          }),
        ),
      ),
    ).toBe('Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","');
  });
});

describe('batches', () => {
  it('writes puts and deletes together, with no unprocessed items, and reads them back in one BatchGetItem', async () => {
    const puts = Array.from({ length: 24 }, (_, i) => ({
      PutRequest: { Item: labItem(STATIONS.aberdeen, labTime(1000 + i), -6 - i / 10) },
    }));
    await ddb.send(
      new PutItemCommand({ TableName: TABLE, Item: labItem(STATIONS.aberdeen, labTime(999), -6) }),
    );
    const result = await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [TABLE]: [...puts, { DeleteRequest: { Key: key(STATIONS.aberdeen, labTime(999)) } }],
        },
      }),
    );
    expect(result.UnprocessedItems).toEqual({});
    const keys = [999, 1000, 1023].map((minute) => key(STATIONS.aberdeen, labTime(minute)));
    const { Responses, UnprocessedKeys } = await ddb.send(
      new BatchGetItemCommand({
        RequestItems: {
          [TABLE]: { Keys: keys, ProjectionExpression: '#t', ExpressionAttributeNames: { '#t': 'time' } },
        },
      }),
    );
    expect(UnprocessedKeys).toEqual({});
    expect(Responses?.[TABLE]?.map((item) => item.time?.S).sort()).toEqual([labTime(1000), labTime(1023)]);
  });

  it('refuses more than 25 writes and duplicate keys', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({
      PutRequest: { Item: labItem(STATIONS.aberdeen, labTime(2000 + i), -6) },
    }));
    expect(
      await validation(ddb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: many } }))),
    ).toMatch(
      /^1 validation error detected: Value '\{weather_items=\[.+\]\}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\]$/s,
    );
    const twice = { PutRequest: { Item: labItem(STATIONS.aberdeen, labTime(3000), -6) } };
    expect(
      await validation(ddb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [twice, twice] } }))),
    ).toBe('Provided list of item keys contains duplicates');
  });
});

describe('validation errors and missing tables, as AWS words them', () => {
  it.each<[string, Record<string, AttributeValue>, string]>([
    [
      'without the sort key',
      { weather_station: { S: '030910' } },
      'One or more parameter values were invalid: Missing the key time in the item',
    ],
    [
      'with a number for the time',
      { weather_station: { S: '030910' }, time: { N: '1' } },
      'One or more parameter values were invalid: Type mismatch for key time expected: S actual: N',
    ],
    [
      'with an empty station',
      { weather_station: { S: '' }, time: { S: 'x' } },
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: weather_station',
    ],
    [
      'with an empty string set',
      { ...key(STATIONS.aberdeen, 'x'), tags: { SS: [] } },
      'One or more parameter values were invalid: An string set  may not be empty',
    ],
    [
      'over 400 KB',
      { ...key(STATIONS.aberdeen, 'x'), blob: { S: 'x'.repeat(410_000) } },
      'Item size has exceeded the maximum allowed size',
    ],
  ])('PutItem %s', async (_, item, message) => {
    expect(await validation(ddb.send(new PutItemCommand({ TableName: TABLE, Item: item })))).toBe(message);
  });

  it('GetItem with a key that is not the schema', async () => {
    expect(
      await validation(
        ddb.send(new GetItemCommand({ TableName: TABLE, Key: { weather_station: { S: '030910' } } })),
      ),
    ).toBe('The provided key element does not match the schema');
  });

  it('unused expression values and a reserved word in a condition', async () => {
    const item = labItem(STATIONS.aberdeen, labTime(5000), -6);
    expect(
      await validation(
        ddb.send(
          new PutItemCommand({
            TableName: TABLE,
            Item: item,
            ConditionExpression: 'attribute_not_exists(weather_station)',
            ExpressionAttributeValues: { ':x': { S: 'x' } },
          }),
        ),
      ),
    ).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}');
    expect(
      await validation(
        ddb.send(
          new PutItemCommand({
            TableName: TABLE,
            Item: item,
            ConditionExpression: 'attribute_not_exists(time)',
          }),
        ),
      ),
    ).toBe('Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: time');
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    for (const call of [
      ddb.send(
        new PutItemCommand({ TableName: 'no_such_table', Item: labItem(STATIONS.aberdeen, labTime(0), -6) }),
      ),
      ddb.send(new GetItemCommand({ TableName: 'no_such_table', Key: key(STATIONS.aberdeen, labTime(0)) })),
      ddb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            no_such_table: [{ PutRequest: { Item: labItem(STATIONS.aberdeen, labTime(0), -6) } }],
          },
        }),
      ),
    ]) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toBe('Requested resource not found');
    }
  });
});
