import {
  BatchWriteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { STATIONS, createWeatherTable, labItem, labTime, type Station } from './dynamodb-lab.js';

const TABLE = 'weather_reads';
const PER_STATION = 625;
// 4 stations × 625 half-hourly readings = 2,500 items.
const DATA = Object.values(STATIONS).flatMap((station, s) =>
  Array.from({ length: PER_STATION }, (_, i) => ({
    station,
    time: labTime(i * 30),
    temperature: Math.round(((i * 37 + s * 11) % 400) - 200) / 10,
    snow: i % 3 === 0,
    layers: i % 4,
  })),
);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let ddb: DynamoDBClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  ddb = new DynamoDBClient(sdkConfig(cloud));
  await createWeatherTable(ddb, TABLE);
  const batches: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < DATA.length; i += 25) {
    batches.push(
      DATA.slice(i, i + 25).map((d) =>
        labItem(d.station, d.time, d.temperature, { snow: d.snow, layers: d.layers }),
      ),
    );
  }
  for (let i = 0; i < batches.length; i += 10) {
    await Promise.all(
      batches.slice(i, i + 10).map(async (batch) => {
        const { UnprocessedItems } = await ddb.send(
          new BatchWriteItemCommand({
            RequestItems: { [TABLE]: batch.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        expect(UnprocessedItems).toEqual({});
      }),
    );
  }
});
afterAll(async () => {
  ddb.destroy();
  await cloud.dispose();
});

const id = (item: Record<string, AttributeValue>): string => `${item.weather_station?.S}|${item.time?.S}`;

async function queryAll(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Record<string, AttributeValue>[]; pages: number }> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  let pages = 0;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: TABLE, ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
    pages++;
  } while (ExclusiveStartKey);
  return { items, pages };
}

async function scanAll(
  input: Omit<ScanCommandInput, 'TableName'> & { TableName?: string },
): Promise<{ items: Record<string, AttributeValue>[]; pages: number; scanned: number }> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  let pages = 0;
  let scanned = 0;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: TABLE, ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    scanned += page.ScannedCount ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
    pages++;
  } while (ExclusiveStartKey);
  return { items, pages, scanned };
}

const station = (s: Station) => ({ ':s': { S: s.id } });
const TIME = { '#t': 'time' };

describe('Query by station and time range', () => {
  it('returns one station between two times, in time order, both ways', async () => {
    const input = {
      KeyConditionExpression: 'weather_station = :s AND #t BETWEEN :from AND :to',
      ExpressionAttributeNames: TIME,
      ExpressionAttributeValues: {
        ...station(STATIONS.inukjuak),
        ':from': { S: labTime(600) },
        ':to': { S: labTime(1200) },
      },
    };
    const expected = DATA.filter(
      (d) => d.station === STATIONS.inukjuak && d.time >= labTime(600) && d.time <= labTime(1200),
    ).map((d) => d.time);
    const { Items, Count } = await ddb.send(new QueryCommand({ TableName: TABLE, ...input }));
    expect(Count).toBe(21);
    expect(Items?.map((item) => item.time?.S)).toEqual(expected);
    const backwards = await ddb.send(
      new QueryCommand({ TableName: TABLE, ...input, ScanIndexForward: false }),
    );
    expect(backwards.Items?.map((item) => item.time?.S)).toEqual([...expected].reverse());
  });

  it('pages a whole station with Limit and ExclusiveStartKey, every reading once and in order', async () => {
    const { items, pages } = await queryAll({
      KeyConditionExpression: 'weather_station = :s',
      ExpressionAttributeValues: station(STATIONS.aberdeen),
      Limit: 50,
    });
    expect(pages).toBeGreaterThanOrEqual(13);
    expect(items.map((item) => item.time?.S)).toEqual(
      DATA.filter((d) => d.station === STATIONS.aberdeen).map((d) => d.time),
    );
  });

  it('finds a day with begins_with and < / >= on the time', async () => {
    const day = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'weather_station = :s AND begins_with(#t, :day)',
        ExpressionAttributeNames: TIME,
        ExpressionAttributeValues: { ...station(STATIONS.skrydstrup), ':day': { S: '2022-01-02' } },
      }),
    );
    expect(day.Count).toBe(48);
    const before = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'weather_station = :s AND #t < :at',
        ExpressionAttributeNames: TIME,
        ExpressionAttributeValues: { ...station(STATIONS.skrydstrup), ':at': { S: labTime(300) } },
        Select: 'COUNT',
      }),
    );
    expect(before).toMatchObject({ Count: 10, ScannedCount: 10 });
    expect(before.Items).toBeUndefined();
  });

  it('filters after reading: Count below ScannedCount, and refuses a filter on the key', async () => {
    const { Items, Count, ScannedCount } = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'weather_station = :s',
        FilterExpression: 'air_temperature_value < :cold',
        ExpressionAttributeValues: { ...station(STATIONS.inukjuak), ':cold': { N: '-5' } },
      }),
    );
    expect(ScannedCount).toBe(PER_STATION);
    expect(Count).toBe(DATA.filter((d) => d.station === STATIONS.inukjuak && d.temperature < -5).length);
    expect(Items?.every((item) => Number(item.air_temperature_value?.N) < -5)).toBe(true);
    await expect(
      ddb.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'weather_station = :s',
          FilterExpression: '#t > :x',
          ExpressionAttributeNames: TIME,
          ExpressionAttributeValues: { ...station(STATIONS.inukjuak), ':x': { S: 'x' } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Filter Expression can only contain non-primary key attributes: Primary key attribute: time',
    });
  });
});

describe('Scan', () => {
  it('pages over all 2,500 items with Limit, each exactly once', async () => {
    const { items, pages, scanned } = await scanAll({ Limit: 300 });
    expect(pages).toBeGreaterThanOrEqual(9);
    expect(scanned).toBe(2500);
    const ids = items.map(id);
    expect(new Set(ids).size).toBe(2500);
    expect(ids.sort()).toEqual(DATA.map((d) => `${d.station.id}|${d.time}`).sort());
  });

  it('returns each partition whole and in sort-key order, partitions in hash order rather than by key', async () => {
    const { Items } = await ddb.send(
      new ScanCommand({
        TableName: TABLE,
        Limit: 2500,
        ProjectionExpression: 'weather_station, #t',
        ExpressionAttributeNames: TIME,
      }),
    );
    const blocks: string[] = [];
    for (const item of Items ?? [])
      if (blocks[blocks.length - 1] !== item.weather_station?.S) blocks.push(item.weather_station?.S ?? '');
    expect([...blocks].sort()).toEqual(
      Object.values(STATIONS)
        .map((s) => s.id)
        .sort(),
    );
    expect(blocks).not.toEqual([...blocks].sort());
    const times = (Items ?? [])
      .filter((item) => item.weather_station?.S === STATIONS.inukjuak.id)
      .map((item) => item.time?.S);
    expect(times).toEqual([...times].sort());
  });

  it('splits into parallel segments that together hold every item once', async () => {
    const segments = await Promise.all(
      [0, 1, 2, 3].map((Segment) =>
        scanAll({
          Segment,
          TotalSegments: 4,
          ProjectionExpression: 'weather_station, #t',
          ExpressionAttributeNames: TIME,
        }),
      ),
    );
    const ids = segments.flatMap((segment) => segment.items.map(id));
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
  });

  it('stops a page at 1 MB without a Limit', async () => {
    const big = 'weather_big';
    await createWeatherTable(ddb, big);
    for (let i = 0; i < 30; i++) {
      await ddb.send(
        new PutItemCommand({
          TableName: big,
          Item: { ...labItem(STATIONS.aberdeen, labTime(i), -6), padding: { S: 'x'.repeat(60_000) } },
        }),
      );
    }
    const { items, pages } = await scanAll({
      TableName: big,
      ProjectionExpression: '#t',
      ExpressionAttributeNames: TIME,
    });
    expect(pages).toBe(2);
    expect(new Set(items.map((item) => item.time?.S)).size).toBe(30);
  });

  it.each<[string, string, Record<string, AttributeValue>, (d: (typeof DATA)[number]) => boolean]>([
    [
      'comparison and contains',
      'air_temperature_value < :cold AND contains(weather_condition[0].present_weather_condition, :snow)',
      { ':cold': { N: '-5' }, ':snow': { S: 'Snow' } },
      (d) => d.temperature < -5 && d.snow,
    ],
    [
      'begins_with on a nested string',
      'begins_with(sky_cover_condition[1].cloud_type, :alto)',
      { ':alto': { S: 'Alto' } },
      (d) => d.layers >= 2,
    ],
    [
      'attribute_exists / attribute_not_exists',
      'attribute_exists(sky_cover_condition[2]) OR attribute_not_exists(sky_cover_condition[0])',
      {},
      (d) => d.layers >= 3 || d.layers === 0,
    ],
    ['size', 'size(sky_cover_condition) >= :two', { ':two': { N: '2' } }, (d) => d.layers >= 2],
    [
      'IN',
      'weather_station IN (:a, :b)',
      { ':a': { S: STATIONS.aberdeen.id }, ':b': { S: STATIONS.landOLakes.id } },
      (d) => d.station === STATIONS.aberdeen || d.station === STATIONS.landOLakes,
    ],
    [
      'NOT BETWEEN',
      'NOT (air_temperature_value BETWEEN :lo AND :hi)',
      { ':lo': { N: '-10' }, ':hi': { N: '10' } },
      (d) => d.temperature < -10 || d.temperature > 10,
    ],
    [
      'parentheses over OR',
      '(weather_station = :a OR weather_station = :b) AND air_temperature_value > :warm',
      { ':a': { S: STATIONS.aberdeen.id }, ':b': { S: STATIONS.inukjuak.id }, ':warm': { N: '15' } },
      (d) => (d.station === STATIONS.aberdeen || d.station === STATIONS.inukjuak) && d.temperature > 15,
    ],
  ])('filters with %s', async (_, FilterExpression, values, predicate) => {
    const input = {
      FilterExpression,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    };
    const { items, scanned } = await scanAll(input);
    expect(scanned).toBe(2500);
    expect(items.map(id).sort()).toEqual(
      DATA.filter(predicate)
        .map((d) => `${d.station.id}|${d.time}`)
        .sort(),
    );
    const count = await ddb.send(new ScanCommand({ TableName: TABLE, ...input, Select: 'COUNT' }));
    expect(count.Count).toBe(DATA.filter(predicate).length);
  });

  it('counts the table in DescribeTable', async () => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.ItemCount).toBe(2500);
  });
});

describe('ExecuteStatement (PartiQL SELECT for the SQL panel)', () => {
  it('selects one station and a time range, in time order, with a projection', async () => {
    const { Items } = await ddb.send(
      new ExecuteStatementCommand({
        Statement: `SELECT "time", air_temperature_value, sky_cover_condition[0].cloud_type FROM "${TABLE}" WHERE weather_station = ? AND "time" BETWEEN ? AND ?`,
        Parameters: [{ S: STATIONS.landOLakes.id }, { S: labTime(0) }, { S: labTime(90) }],
      }),
    );
    expect(Items?.map((item) => item.time?.S)).toEqual([labTime(0), labTime(30), labTime(60), labTime(90)]);
    expect(Object.keys(Items?.[0] ?? {}).sort()).toEqual(['air_temperature_value', 'time']);
    expect(Items?.[1]?.sky_cover_condition).toEqual({
      L: [{ M: { cloud_type: { S: 'Stratocumulus (Sc)' } } }],
    });
  });

  it('scans with a WHERE on other attributes, page by page with NextToken', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ddb.send(
        new ExecuteStatementCommand({
          Statement: `SELECT * FROM ${TABLE} WHERE air_temperature_value < -15`,
          Limit: 400,
          NextToken,
        }),
      );
      seen.push(...(page.Items ?? []).map(id));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.sort()).toEqual(
      DATA.filter((d) => d.temperature < -15)
        .map((d) => `${d.station.id}|${d.time}`)
        .sort(),
    );
  });

  it('answers a malformed statement with ValidationException and a missing table with ResourceNotFoundException', async () => {
    await expect(
      ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${TABLE}" WHERE` })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Statement wasn't well formed, can't be processed"),
    });
    const error = await ddb
      .send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "no_such_table"' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    const missing = await ddb.send(new ScanCommand({ TableName: 'no_such_table' })).catch((e: unknown) => e);
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found',
    });
  });
});
