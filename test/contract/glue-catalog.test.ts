import {
  AlreadyExistsException,
  BatchCreatePartitionCommand,
  BatchDeleteTableCommand,
  BatchGetPartitionCommand,
  CreateDatabaseCommand,
  CreatePartitionCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeletePartitionCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
  UpdateTableCommand,
  type TableInput,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliEnv, sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { failure, run } from './firehose-helpers.js';

const boto3 = outsideTool('boto3');

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let glue: GlueClient;
beforeAll(async () => {
  cloud = await startTestCloud();
  glue = new GlueClient(sdkConfig(cloud));
});
afterAll(async () => {
  glue.destroy();
  await cloud.dispose();
});

const telemetryTable = (name: string): TableInput => ({
  Name: name,
  TableType: 'EXTERNAL_TABLE',
  StorageDescriptor: {
    Columns: [
      { Name: 'weather_station', Type: 'string' },
      { Name: 'air_temperature', Type: 'struct<value:double,quality:string>' },
    ],
    Location: 's3://lake/telemetry/',
    InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
  },
  PartitionKeys: [
    { Name: 'partition_0', Type: 'string' },
    { Name: 'partition_1', Type: 'string' },
  ],
  Parameters: { classification: 'json' },
});

describe('Glue Data Catalog through the SDK', () => {
  it('creates, reads, lists and deletes databases, with Glue errors', async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'WeatherDB', Description: 'lab' } }));
    const { Database } = await glue.send(new GetDatabaseCommand({ Name: 'weatherdb' }));
    expect(Database).toMatchObject({ Name: 'weatherdb', Description: 'lab', CatalogId: cloud.endpoints.accountId });
    expect(Database?.CreateTime).toBeInstanceOf(Date);

    const duplicate = await failure(glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'weatherdb' } })));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe('Database already exists.');
    expect(duplicate.$metadata?.httpStatusCode).toBe(400);

    const missing = await failure(glue.send(new GetDatabaseCommand({ Name: 'nope' })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe('Database nope not found.');

    const { DatabaseList } = await glue.send(new GetDatabasesCommand({}));
    expect(DatabaseList?.map((database) => database.Name)).toContain('weatherdb');
  });

  it('creates, gets, lists with Expression, updates and deletes tables', async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'tables_db' } }));
    await glue.send(new CreateTableCommand({ DatabaseName: 'tables_db', TableInput: telemetryTable('Telemetry') }));
    await glue.send(new CreateTableCommand({ DatabaseName: 'tables_db', TableInput: telemetryTable('other') }));

    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'tables_db', Name: 'telemetry' }));
    expect(Table).toMatchObject({
      Name: 'telemetry',
      DatabaseName: 'tables_db',
      TableType: 'EXTERNAL_TABLE',
      Retention: 0,
      StorageDescriptor: { Location: 's3://lake/telemetry/', Columns: [{ Name: 'weather_station', Type: 'string' }, { Name: 'air_temperature' }] },
      PartitionKeys: [{ Name: 'partition_0' }, { Name: 'partition_1' }],
      Parameters: { classification: 'json' },
    });
    expect(Table?.CreateTime).toBeInstanceOf(Date);

    const duplicate = await failure(glue.send(new CreateTableCommand({ DatabaseName: 'tables_db', TableInput: telemetryTable('telemetry') })));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe('Table already exists.');
    const noDatabase = await failure(glue.send(new CreateTableCommand({ DatabaseName: 'ghost', TableInput: telemetryTable('t') })));
    expect(noDatabase.message).toBe('Database ghost not found.');
    const noTable = await failure(glue.send(new GetTableCommand({ DatabaseName: 'tables_db', Name: 'ghost' })));
    expect(noTable).toBeInstanceOf(EntityNotFoundException);
    expect(noTable.message).toBe('Table ghost not found.');

    const matching = await glue.send(new GetTablesCommand({ DatabaseName: 'tables_db', Expression: 'tele*' }));
    expect(matching.TableList?.map((table) => table.Name)).toEqual(['telemetry']);
    const all = await glue.send(new GetTablesCommand({ DatabaseName: 'tables_db' }));
    expect(all.TableList?.map((table) => table.Name)).toEqual(['other', 'telemetry']);
    const paged = await glue.send(new GetTablesCommand({ DatabaseName: 'tables_db', MaxResults: 1 }));
    expect(paged.TableList).toHaveLength(1);
    const next = await glue.send(new GetTablesCommand({ DatabaseName: 'tables_db', MaxResults: 1, NextToken: paged.NextToken }));
    expect(next.TableList?.map((table) => table.Name)).toEqual(['telemetry']);
    expect(next.NextToken).toBeUndefined();

    await glue.send(
      new UpdateTableCommand({ DatabaseName: 'tables_db', TableInput: { ...telemetryTable('telemetry'), Parameters: { classification: 'json', note: 'x' } } }),
    );
    const updated = await glue.send(new GetTableCommand({ DatabaseName: 'tables_db', Name: 'telemetry' }));
    expect(updated.Table?.Parameters).toEqual({ classification: 'json', note: 'x' });
    expect(updated.Table?.VersionId).toBe('1');

    const batch = await glue.send(new BatchDeleteTableCommand({ DatabaseName: 'tables_db', TablesToDelete: ['other', 'ghost'] }));
    expect(batch.Errors).toEqual([{ TableName: 'ghost', ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Table ghost not found.' } }]);
    await glue.send(new DeleteTableCommand({ DatabaseName: 'tables_db', Name: 'telemetry' }));
    expect((await glue.send(new GetTablesCommand({ DatabaseName: 'tables_db' }))).TableList).toEqual([]);
  });

  it('creates and reads partitions, filters them with an Expression, and deletes them with their table', async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'parts_db' } }));
    await glue.send(new CreateTableCommand({ DatabaseName: 'parts_db', TableInput: telemetryTable('telemetry') }));
    const partition = (values: string[]) => ({
      Values: values,
      StorageDescriptor: { Columns: [{ Name: 'weather_station', Type: 'string' }], Location: `s3://lake/telemetry/${values.join('/')}/` },
    });
    await glue.send(new CreatePartitionCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', PartitionInput: partition(['2022', '01']) }));
    const batch = await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: 'parts_db',
        TableName: 'telemetry',
        PartitionInputList: [partition(['2022', '02']), partition(['2022', '01']), partition(['2023'])],
      }),
    );
    expect(batch.Errors?.map((error) => [error.PartitionValues, error.ErrorDetail?.ErrorCode])).toEqual([
      [['2022', '01'], 'AlreadyExistsException'],
      [['2023'], 'InvalidInputException'],
    ]);

    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: 'parts_db', TableName: 'telemetry' }));
    expect(Partitions?.map((p) => p.Values)).toEqual([
      ['2022', '01'],
      ['2022', '02'],
    ]);
    expect(Partitions?.[0]).toMatchObject({ DatabaseName: 'parts_db', TableName: 'telemetry', StorageDescriptor: { Location: 's3://lake/telemetry/2022/01/' } });
    const filtered = await glue.send(new GetPartitionsCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', Expression: "partition_1 > '01' AND partition_0 = '2022'" }));
    expect(filtered.Partitions?.map((p) => p.Values)).toEqual([['2022', '02']]);

    const single = await glue.send(new GetPartitionCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', PartitionValues: ['2022', '02'] }));
    expect(single.Partition?.Values).toEqual(['2022', '02']);
    const missing = await failure(glue.send(new GetPartitionCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', PartitionValues: ['1999', '01'] })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    const got = await glue.send(
      new BatchGetPartitionCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', PartitionsToGet: [{ Values: ['2022', '01'] }, { Values: ['1999', '01'] }] }),
    );
    expect(got.Partitions?.map((p) => p.Values)).toEqual([['2022', '01']]);

    await glue.send(new DeletePartitionCommand({ DatabaseName: 'parts_db', TableName: 'telemetry', PartitionValues: ['2022', '01'] }));
    expect(cloud.glue.getPartitions('parts_db', 'telemetry')).toHaveLength(1);

    // DeleteDatabase takes its tables and their partitions with it.
    await glue.send(new DeleteDatabaseCommand({ Name: 'parts_db' }));
    expect(cloud.glue.getDatabase('parts_db')).toBeUndefined();
    expect(cloud.glue.getTable('parts_db', 'telemetry')).toBeUndefined();
    const gone = await failure(glue.send(new GetTablesCommand({ DatabaseName: 'parts_db' })));
    expect(gone.message).toBe('Database parts_db not found.');
  });

  it('serves the same catalog in process, as Athena reads it', async () => {
    cloud.glue.createDatabase({ Name: 'inproc' });
    cloud.glue.createTable('inproc', telemetryTable('from_athena'));
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'inproc', Name: 'from_athena' }));
    expect(Table?.StorageDescriptor?.Location).toBe('s3://lake/telemetry/');
    expect(() => cloud.glue.createTable('inproc', telemetryTable('from_athena'))).toThrow('Table already exists.');
    cloud.glue.deleteTable('inproc', 'from_athena');
    expect(cloud.glue.getTables('inproc')).toEqual([]);
  });
});

describe.skipIf(!boto3.available)('Glue Data Catalog through boto3', () => {
  it('runs databases, tables and errors', async () => {
    const script = `
import json, sys, boto3
from botocore.exceptions import ClientError
glue = boto3.client('glue', endpoint_url=sys.argv[1])
glue.create_database(DatabaseInput={'Name': 'boto_db'})
glue.create_table(DatabaseName='boto_db', TableInput={'Name': 'readings', 'StorageDescriptor': {'Columns': [{'Name': 'time', 'Type': 'string'}], 'Location': 's3://lake/'}})
def code(call):
    try:
        call()
    except ClientError as error:
        return [error.response['Error']['Code'], error.response['Error']['Message']]
table = glue.get_table(DatabaseName='boto_db', Name='readings')['Table']
print(json.dumps({
  'name': table['Name'],
  'created': type(table['CreateTime']).__name__,
  'tables': [t['Name'] for t in glue.get_tables(DatabaseName='boto_db')['TableList']],
  'missing': code(lambda: glue.get_table(DatabaseName='boto_db', Name='nope')),
  'duplicate': code(lambda: glue.create_database(DatabaseInput={'Name': 'boto_db'})),
}))
`;
    const { stdout } = await run(boto3.command, ['-c', script, cloud.endpoints.endpoint], { env: awsCliEnv(cloud) });
    expect(JSON.parse(stdout)).toEqual({
      name: 'readings',
      created: 'datetime',
      tables: ['readings'],
      missing: ['EntityNotFoundException', 'Table nope not found.'],
      duplicate: ['AlreadyExistsException', 'Database already exists.'],
    });
  });
});
