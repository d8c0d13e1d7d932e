import { DynamoDBClient, GetItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliEnv, sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { STATIONS, createWeatherTable, labItem, labTime } from './dynamodb-lab.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);

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

const boto3 = outsideTool('boto3');
describe.skipIf(!boto3.available)('DynamoDB through boto3 (the lab scripts)', () => {
  const script = String.raw`
import boto3, json, os
from decimal import Decimal
from boto3.dynamodb.conditions import Key, Attr
from botocore.exceptions import ClientError

endpoint, name = os.environ['ENDPOINT'], os.environ['TABLE']
client = boto3.client('dynamodb', endpoint_url=endpoint)
table = boto3.resource('dynamodb', endpoint_url=endpoint).Table(name)
table.wait_until_exists()
out = {}
table.put_item(Item={
    'weather_station': '713060', 'time': '2022-01-01T00:00:00+00:00', 'latitude': Decimal('58.467'),
    'air_temperature_value': Decimal('-31.5'), 'air_temperature_quality': '1',
    'weather_condition': [{'present_weather_condition': 'Snow'}],
    'sky_cover_condition': [{'coverage': Decimal(2), 'base_height': Decimal(457), 'cloud_type': 'Stratocumulus (Sc)'}],
})
with table.batch_writer() as batch:
    for i in range(60):
        batch.put_item(Item={'weather_station': '713060', 'time': '2022-01-02T%02d:%02d:00+00:00' % (i // 2, (i % 2) * 30),
                             'air_temperature_value': Decimal(-10 - i)})
out['get'] = table.get_item(Key={'weather_station': '713060', 'time': '2022-01-01T00:00:00+00:00'})['Item']
out['query'] = table.query(KeyConditionExpression=Key('weather_station').eq('713060') & Key('time').between(
    '2022-01-02T00:00:00+00:00', '2022-01-02T05:00:00+00:00'))['Count']
pages = list(client.get_paginator('scan').paginate(TableName=name, PaginationConfig={'PageSize': 7}))
out['scan'] = {'pages': len(pages), 'items': sum(len(p['Items']) for p in pages)}
out['filter'] = table.scan(FilterExpression=Attr('air_temperature_value').lt(-60) & Attr('time').begins_with('2022-01-02'))['Count']
out['update'] = table.update_item(Key={'weather_station': '713060', 'time': '2022-01-01T00:00:00+00:00'},
    UpdateExpression='SET readings = if_not_exists(readings, :z) + :o', ExpressionAttributeValues={':z': 0, ':o': 1},
    ReturnValues='UPDATED_NEW')['Attributes']
out['partiql'] = len(client.execute_statement(Statement='SELECT * FROM "%s" WHERE weather_station = ? AND "time" < ?' % name,
    Parameters=[{'S': '713060'}, {'S': '2022-01-02'}])['Items'])
try:
    client.put_item(TableName=name, Item={'weather_station': {'S': '713060'}})
except ClientError as e:
    out['error'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
try:
    boto3.resource('dynamodb', endpoint_url=endpoint).Table('no_such_table').get_item(Key={'weather_station': 'x', 'time': 'y'})
except ClientError as e:
    out['missing'] = [e.response['Error']['Code'], e.response['Error']['Message']]
print(json.dumps(out, default=str))
`;

  it('runs the lab-style script: resource API, batch_writer, conditions, paginator, PartiQL, errors', async () => {
    await createWeatherTable(ddb, 'weather_boto3');
    const { stdout } = await run(boto3.command, ['-c', script], {
      env: { ...awsCliEnv(cloud), ENDPOINT: cloud.endpoints.endpoint, TABLE: 'weather_boto3' },
    });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out.get).toEqual({
      weather_station: '713060',
      time: '2022-01-01T00:00:00+00:00',
      latitude: '58.467',
      air_temperature_value: '-31.5',
      air_temperature_quality: '1',
      weather_condition: [{ present_weather_condition: 'Snow' }],
      sky_cover_condition: [{ coverage: '2', base_height: '457', cloud_type: 'Stratocumulus (Sc)' }],
    });
    expect(out.query).toBe(11);
    expect(out.scan).toEqual({ pages: 9, items: 61 });
    expect(out.filter).toBe(9);
    expect(out.update).toEqual({ readings: '1' });
    expect(out.partiql).toBe(1);
    expect(out.error).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Missing the key time in the item',
      400,
    ]);
    expect(out.missing).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
  });
});

const aws = outsideTool('aws');
describe.skipIf(!aws.available)('DynamoDB through the AWS CLI', () => {
  const cli = async (...args: string[]): Promise<unknown> =>
    JSON.parse(
      (
        await run(
          aws.command,
          ['--endpoint-url', cloud.endpoints.endpoint, '--output', 'json', 'dynamodb', ...args],
          { env: awsCliEnv(cloud) },
        )
      ).stdout || '{}',
    );
  const cliError = async (...args: string[]): Promise<string> => {
    try {
      await cli(...args);
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
    throw new Error('expected the AWS CLI to fail');
  };
  const TABLE = 'weather_cli';
  const names = JSON.stringify({ '#t': 'time' });

  it('creates the table, writes, reads, queries, scans page by page, updates and selects', async () => {
    const created = (await cli(
      'create-table',
      '--table-name',
      TABLE,
      '--billing-mode',
      'PAY_PER_REQUEST',
      '--attribute-definitions',
      'AttributeName=weather_station,AttributeType=S',
      'AttributeName=time,AttributeType=S',
      '--key-schema',
      'AttributeName=weather_station,KeyType=HASH',
      'AttributeName=time,KeyType=RANGE',
    )) as { TableDescription: { TableStatus: string; TableArn: string } };
    expect(created.TableDescription.TableStatus).toBe('CREATING');
    expect(created.TableDescription.TableArn).toBe(
      `arn:aws:dynamodb:${cloud.endpoints.region}:${cloud.endpoints.accountId}:table/${TABLE}`,
    );
    await waitUntilTableExists(
      { client: ddb, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { TableName: TABLE },
    );

    const item = labItem(STATIONS.aberdeen, labTime(0), -6.5, { snow: true });
    await cli('put-item', '--table-name', TABLE, '--item', JSON.stringify(item));
    const requests = Array.from({ length: 20 }, (_, i) => ({
      PutRequest: { Item: labItem(STATIONS.aberdeen, labTime(30 * (i + 1)), -7 - i) },
    }));
    const file = path.join(cloud.dir, 'batch.json');
    writeFileSync(file, JSON.stringify({ [TABLE]: requests }));
    expect(await cli('batch-write-item', '--request-items', `file://${file}`)).toEqual({
      UnprocessedItems: {},
    });

    const key = JSON.stringify({ weather_station: { S: STATIONS.aberdeen.id }, time: { S: labTime(0) } });
    expect(((await cli('get-item', '--table-name', TABLE, '--key', key)) as { Item: unknown }).Item).toEqual(
      item,
    );

    const query = (await cli(
      'query',
      '--table-name',
      TABLE,
      '--key-condition-expression',
      'weather_station = :s AND #t >= :from',
      '--expression-attribute-names',
      names,
      '--expression-attribute-values',
      JSON.stringify({ ':s': { S: STATIONS.aberdeen.id }, ':from': { S: labTime(300) } }),
    )) as { Count: number };
    expect(query.Count).toBe(11);

    // The CLI follows LastEvaluatedKey itself: 21 items in pages of 4.
    const scan = (await cli(
      'scan',
      '--table-name',
      TABLE,
      '--page-size',
      '4',
      '--filter-expression',
      'air_temperature_value < :cold',
      '--expression-attribute-values',
      JSON.stringify({ ':cold': { N: '-20' } }),
    )) as { Items: unknown[]; Count: number; ScannedCount: number };
    expect(scan.ScannedCount).toBe(21);
    expect(scan.Count).toBe(6);

    const updated = (await cli(
      'update-item',
      '--table-name',
      TABLE,
      '--key',
      key,
      '--update-expression',
      'SET air_temperature_quality = :q',
      '--expression-attribute-values',
      JSON.stringify({ ':q': { S: '5' } }),
      '--return-values',
      'ALL_NEW',
    )) as { Attributes: Record<string, unknown> };
    expect(updated.Attributes.air_temperature_quality).toEqual({ S: '5' });
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: TABLE, Key: JSON.parse(key) as Record<string, { S: string }> }),
    );
    expect(Item?.air_temperature_quality).toEqual({ S: '5' });

    const selected = (await cli(
      'execute-statement',
      '--statement',
      `SELECT "time" FROM "${TABLE}" WHERE weather_station = '${STATIONS.aberdeen.id}' AND "time" < '${labTime(60)}'`,
    )) as { Items: unknown[] };
    expect(selected.Items).toEqual([{ time: { S: labTime(0) } }, { time: { S: labTime(30) } }]);
  });

  it('prints AWS errors as the CLI does against AWS', async () => {
    expect(
      await cliError(
        'put-item',
        '--table-name',
        TABLE,
        '--item',
        JSON.stringify({ weather_station: { S: '030910' } }),
      ),
    ).toContain(
      'An error occurred (ValidationException) when calling the PutItem operation: One or more parameter values were invalid: Missing the key time in the item',
    );
    expect(await cliError('describe-table', '--table-name', 'no_such_table')).toContain(
      'An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Requested resource not found: Table: no_such_table not found',
    );
    expect(
      await cliError(
        'query',
        '--table-name',
        TABLE,
        '--key-condition-expression',
        'weather_station = :s AND time > :t',
        '--expression-attribute-values',
        JSON.stringify({ ':s': { S: 'x' }, ':t': { S: 'y' } }),
      ),
    ).toContain(
      'Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: time',
    );
  });
});
