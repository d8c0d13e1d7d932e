import {
  BatchGetNamedQueryCommand,
  CreateNamedQueryCommand,
  GetWorkGroupCommand,
  paginateListNamedQueries,
  paginateListWorkGroups,
} from '@aws-sdk/client-athena';
import { CreateTableCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { CreateDeliveryStreamCommand, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  CreateTableCommand as CreateGlueTableCommand,
  paginateGetCrawlers,
  paginateGetDatabases,
  paginateGetTables,
} from '@aws-sdk/client-glue';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  CreateTopicRuleCommand,
  paginateListCertificates,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  paginateListThings,
  paginateListThingTypes,
  paginateListTopicRules,
} from '@aws-sdk/client-iot';
import {
  CreateBucketCommand,
  paginateListBuckets,
  paginateListObjectsV2,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { ResetClients } from '../../electron/reset/index.js';
import { collect } from '../../electron/reset/inventory.js';
import type { LessonLab } from '../lessons/harness.js';

/**
 * A lab populated as a class leaves it: every lesson's "Do it for me" with real readings flowing
 * through the rules, Firehose, the crawler and Athena; and resources of "another class" that the
 * reset must never touch.
 */

const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
});

/** Lessons 00–08 done for me, with readings replayed through the S3 rule, then Firehose and DynamoDB. */
export async function populateWithLessons(lab: LessonLab, noaaIsdDir: string): Promise<void> {
  const run = async (lessonId: string, stepId: string) => {
    const done = await lab.automate(lessonId, stepId);
    expect(done.outcome, `${lessonId}/${stepId}: ${JSON.stringify(done.outcome)}`).toMatchObject({
      ok: true,
    });
  };
  await run('00-setup', 'buckets');
  for (const step of ['create-thing', 'certificate', 'policy', 'attach-policy'])
    await run('01-first-thing', step);
  await run('02-fleet', 'register');
  await lab.fetchReadings(noaaIsdDir);
  await run('03-s3-rule', 's3-rule');
  await lab.replayBurst(200);
  await run('04-firehose', 'stream');
  await run('04-firehose', 'rule-to-firehose');
  await run('05-dynamodb', 'table');
  await run('05-dynamodb', 'rule');
  await lab.replayBurst(2000);
  lab.cloud.firehose.flushAll();
  for (const step of ['database', 'crawler', 'run']) await run('06-glue', step);
  await run('07-athena', 'results');
  await run('07-athena', 'preview');
  await run('08-flatten', 'ctas');
}

/** What another class (or another course) keeps in the same account: none of it matches a scope. */
export async function populateOtherClass(clients: ResetClients, accountId: string): Promise<void> {
  const iot = clients.iot();
  await iot.send(new CreateThingTypeCommand({ thingTypeName: 'greenhouse' }));
  await iot.send(new CreateThingCommand({ thingName: 'greenhouse_0', thingTypeName: 'greenhouse' }));
  await iot.send(new CreatePolicyCommand({ policyName: 'greenhouse_policy', policyDocument: ALLOW_ALL }));
  const certificate = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  await iot.send(
    new AttachThingPrincipalCommand({ thingName: 'greenhouse_0', principal: certificate.certificateArn }),
  );
  await iot.send(
    new AttachPolicyCommand({ policyName: 'greenhouse_policy', target: certificate.certificateArn }),
  );
  await iot.send(
    new CreateTopicRuleCommand({
      ruleName: 'greenhouse_to_s3',
      topicRulePayload: {
        sql: "SELECT * FROM 'greenhouse/+'",
        actions: [
          {
            s3: {
              bucketName: `greenhouse-data-${accountId}`,
              key: '${topic()}',
              roleArn: `arn:aws:iam::${accountId}:role/LabRole`,
            },
          },
        ],
      },
    }),
  );
  const bucket = `greenhouse-data-${accountId}`;
  await clients.s3().send(new CreateBucketCommand({ Bucket: bucket }));
  await clients
    .s3()
    .send(new PutObjectCommand({ Bucket: bucket, Key: 'readings/1.json', Body: '{"t":21}\n' }));
  await clients.firehose().send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'greenhouse_stream',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: `arn:aws:s3:::${bucket}`,
        RoleARN: `arn:aws:iam::${accountId}:role/LabRole`,
      },
    }),
  );
  await clients.dynamodb().send(
    new CreateTableCommand({
      TableName: 'greenhouse_readings',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await clients.glue().send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'greenhouse_db' } }));
  await clients.glue().send(
    new CreateGlueTableCommand({
      DatabaseName: 'greenhouse_db',
      TableInput: {
        Name: 'readings',
        StorageDescriptor: { Columns: [{ Name: 't', Type: 'double' }], Location: `s3://${bucket}/readings/` },
      },
    }),
  );
  await clients.glue().send(
    new CreateCrawlerCommand({
      Name: 'greenhouse_crawler',
      Role: 'LabRole',
      DatabaseName: 'greenhouse_db',
      Targets: { S3Targets: [{ Path: `s3://${bucket}/readings/` }] },
    }),
  );
  await clients
    .athena()
    .send(
      new CreateNamedQueryCommand({
        Name: 'greenhouse average',
        Database: 'greenhouse_db',
        QueryString: 'SELECT avg(t) FROM readings',
      }),
    );
}

/**
 * Near misses: TP resources that are not this lab's exact names (another student's suffix, a thing
 * named by hand). `lab` leaves them; `all-tp` takes them.
 */
export async function populateOtherTpNames(clients: ResetClients): Promise<void> {
  await clients.s3().send(new CreateBucketCommand({ Bucket: 'iot-tutorial-datalake-otherclass' }));
  await clients
    .s3()
    .send(new PutObjectCommand({ Bucket: 'iot-tutorial-datalake-otherclass', Key: 'a.json', Body: '{}' }));
  await clients.iot().send(new CreateThingCommand({ thingName: 'weather-station-b_0' }));
}

/** A student's saved query on the lab's database. */
export async function saveNamedQuery(clients: ResetClients): Promise<void> {
  await clients.athena().send(
    new CreateNamedQueryCommand({
      Name: 'cold stations',
      Database: 'weather_station_db',
      QueryString: 'SELECT weather_station, min(air_temperature.value) FROM weather_station_db.t GROUP BY 1',
    }),
  );
}

/** Everything in the account, read with plain SDK listings (not the reset's code): `service:kind:name` → detail. */
export async function snapshotAccount(clients: ResetClients): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  const iot = clients.iot();
  for (const thing of await collect(paginateListThings({ client: iot }, {}), (page) => page.things)) {
    snapshot.set(`iot:thing:${thing.thingName}`, thing.thingTypeName ?? '');
  }
  for (const type of await collect(paginateListThingTypes({ client: iot }, {}), (page) => page.thingTypes)) {
    snapshot.set(
      `iot:thing-type:${type.thingTypeName}`,
      type.thingTypeMetadata?.deprecated ? 'deprecated' : 'active',
    );
  }
  for (const certificate of await collect(
    paginateListCertificates({ client: iot }, {}),
    (page) => page.certificates,
  )) {
    snapshot.set(`iot:certificate:${certificate.certificateId}`, certificate.status ?? '');
  }
  for (const policy of await collect(paginateListPolicies({ client: iot }, {}), (page) => page.policies)) {
    const targets = await collect(
      paginateListTargetsForPolicy({ client: iot }, { policyName: policy.policyName }),
      (page) => page.targets,
    );
    snapshot.set(`iot:policy:${policy.policyName}`, targets.sort().join(','));
  }
  for (const rule of await collect(paginateListTopicRules({ client: iot }, {}), (page) => page.rules)) {
    snapshot.set(`iot:rule:${rule.ruleName}`, '');
  }
  const streams = await clients.firehose().send(new ListDeliveryStreamsCommand({}));
  for (const name of streams.DeliveryStreamNames ?? []) snapshot.set(`firehose:stream:${name}`, '');
  for (const name of await collect(
    paginateListTables({ client: clients.dynamodb() }, {}),
    (page) => page.TableNames,
  )) {
    snapshot.set(`dynamodb:table:${name}`, '');
  }
  const glue = clients.glue();
  for (const database of await collect(
    paginateGetDatabases({ client: glue }, {}),
    (page) => page.DatabaseList,
  )) {
    snapshot.set(`glue:database:${database.Name}`, '');
    const tables = await collect(
      paginateGetTables({ client: glue }, { DatabaseName: database.Name }),
      (page) => page.TableList,
    );
    for (const table of tables) snapshot.set(`glue:table:${database.Name}.${table.Name}`, '');
  }
  for (const crawler of await collect(paginateGetCrawlers({ client: glue }, {}), (page) => page.Crawlers)) {
    snapshot.set(`glue:crawler:${crawler.Name}`, '');
  }
  const athena = clients.athena();
  for (const group of await collect(
    paginateListWorkGroups({ client: athena }, {}),
    (page) => page.WorkGroups,
  )) {
    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: group.Name }));
    snapshot.set(
      `athena:workgroup:${group.Name}`,
      WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation ?? '',
    );
    const ids = await collect(
      paginateListNamedQueries({ client: athena }, { WorkGroup: group.Name }),
      (page) => page.NamedQueryIds,
    );
    if (ids.length === 0) continue;
    const { NamedQueries } = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
    for (const query of NamedQueries ?? [])
      snapshot.set(`athena:named-query:${query.Name}`, query.Database ?? '');
  }
  const s3 = clients.s3();
  for (const bucket of await collect(paginateListBuckets({ client: s3 }, {}), (page) => page.Buckets)) {
    const objects = await collect(
      paginateListObjectsV2({ client: s3 }, { Bucket: bucket.Name }),
      (page) => page.Contents,
    );
    snapshot.set(`s3:bucket:${bucket.Name}`, String(objects.length));
  }
  return snapshot;
}

/** The entries of a snapshot whose key matches. */
export function entriesMatching(
  snapshot: Map<string, string>,
  test: (key: string) => boolean,
): Array<[string, string]> {
  return [...snapshot].filter(([key]) => test(key)).sort();
}
