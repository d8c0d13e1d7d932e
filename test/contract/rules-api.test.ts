import {
  CreateTopicRuleCommand,
  DeleteTopicRuleCommand,
  DisableTopicRuleCommand,
  EnableTopicRuleCommand,
  GetTopicRuleCommand,
  ListTopicRulesCommand,
  ReplaceTopicRuleCommand,
  type IoTClient,
  type TopicRulePayload,
} from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { iotClient, labRoleArn, runBoto3 } from './iot-helpers.js';

/** TopicRule CRUD through the SDK v3 and boto3: shapes, defaults and AWS's errors. */

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
let role: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  role = labRoleArn(cloud);
});
afterAll(async () => {
  await cloud.dispose();
});

const LAB_SQL = "SELECT * FROM 'sensor/weather'";
const s3Payload = (bucketName = 'lab-bucket', sql = LAB_SQL): TopicRulePayload => ({
  sql,
  actions: [{ s3: { roleArn: role, bucketName, key: '${topic()}/${timestamp()}' } }],
});

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('CreateTopicRule / GetTopicRule', () => {
  it('stores the lab rule with AWS defaults: 2015-10-08, enabled, its ARN and creation time', async () => {
    const before = Date.now();
    await iot.send(new CreateTopicRuleCommand({ ruleName: 'lab_s3_rule', topicRulePayload: s3Payload() }));
    const got = await iot.send(new GetTopicRuleCommand({ ruleName: 'lab_s3_rule' }));
    expect(got.ruleArn).toBe(`arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:rule/lab_s3_rule`);
    expect(got.rule).toMatchObject({
      ruleName: 'lab_s3_rule',
      sql: LAB_SQL,
      ruleDisabled: false,
      awsIotSqlVersion: '2015-10-08',
      actions: [{ s3: { roleArn: role, bucketName: 'lab-bucket', key: '${topic()}/${timestamp()}' } }],
    });
    expect(got.rule?.createdAt).toBeInstanceOf(Date);
    expect(got.rule!.createdAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses bad SQL with SqlParseException and a message pointing at the problem; nothing is stored', async () => {
    const error = await errorOf(
      iot.send(new CreateTopicRuleCommand({ ruleName: 'bad_sql', topicRulePayload: s3Payload('b', 'SELECT * FROM FROM "sensor/weather"') })),
    );
    expect(error).toMatchObject({ name: 'SqlParseException', status: 400 });
    expect(error.message).toMatch(/^Line 1:15: .*FROM 'sensor\/weather'.*found the keyword FROM/);
    expect((await errorOf(iot.send(new GetTopicRuleCommand({ ruleName: 'bad_sql' })))).name).toBe('UnauthorizedException');
  });

  it.each([
    ['a name outside ^[a-zA-Z0-9_]+$', 'my-rule', {}, /regular expression pattern: \[a-zA-Z0-9_\]\+/],
    ['a role AWS IoT cannot assume', 'other_role', { role: 'arn:aws:iam::123456789012:role/Other' }, /unable to assume role \(sts:AssumeRole\) on resource: arn:aws:iam::123456789012:role\/Other/],
    ['an unknown SQL version', 'bad_version', { awsIotSqlVersion: '2020-01-01' }, /awsIotSqlVersion/],
    ['an action missing its key', 'no_key', { drop: 'key' }, /actions\.1\.member\.s3\.key.*must not be null/],
    ['a broken substitution template', 'bad_template', { key: '${topic(}' }, /substitution template in .*s3\.key/],
    ['an action not available offline', 'lambda_rule', { lambda: true }, /lambda action is not available offline/],
  ])('refuses %s with InvalidRequestException', async (_what, ruleName, change, message) => {
    const c = change as { role?: string; awsIotSqlVersion?: string; drop?: string; key?: string; lambda?: boolean };
    const s3: Record<string, string> = { roleArn: c.role ?? role, bucketName: 'b', key: c.key ?? 'k' };
    if (c.drop) delete s3[c.drop];
    const payload = {
      sql: LAB_SQL,
      awsIotSqlVersion: c.awsIotSqlVersion,
      actions: [c.lambda ? { lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } } : { s3 }],
    } as TopicRulePayload;
    const error = await errorOf(iot.send(new CreateTopicRuleCommand({ ruleName, topicRulePayload: payload })));
    expect(error).toMatchObject({ name: 'InvalidRequestException', status: 400 });
    expect(error.message).toMatch(message);
  });

  it('checks the error action role too, and refuses an existing name with ResourceAlreadyExistsException', async () => {
    const withBadErrorRole = { ...s3Payload(), errorAction: { republish: { roleArn: `${role}X`, topic: 'errors' } } };
    expect((await errorOf(iot.send(new CreateTopicRuleCommand({ ruleName: 'err_role', topicRulePayload: withBadErrorRole })))).name).toBe(
      'InvalidRequestException',
    );
    const error = await errorOf(iot.send(new CreateTopicRuleCommand({ ruleName: 'lab_s3_rule', topicRulePayload: s3Payload('other') })));
    expect(error).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 409 });
    const got = await iot.send(new GetTopicRuleCommand({ ruleName: 'lab_s3_rule' }));
    expect(got.rule?.actions?.[0]?.s3?.bucketName).toBe('lab-bucket');
  });

  it('accepts a rule whose bucket, stream and table do not exist (failures surface when it runs)', async () => {
    await iot.send(
      new CreateTopicRuleCommand({
        ruleName: 'missing_targets',
        topicRulePayload: {
          sql: 'SELECT * FROM \'sensor/#\'',
          awsIotSqlVersion: '2016-03-23',
          actions: [
            { s3: { roleArn: role, bucketName: 'no-such-bucket', key: '${newuuid()}' } },
            { firehose: { roleArn: role, deliveryStreamName: 'no-such-stream', separator: '\n' } },
            { dynamoDBv2: { roleArn: role, putItem: { tableName: 'no_such_table' } } },
          ],
          errorAction: { republish: { roleArn: role, topic: 'errors/${topic()}', qos: 1 } },
        },
      }),
    );
    const got = await iot.send(new GetTopicRuleCommand({ ruleName: 'missing_targets' }));
    expect(got.rule?.awsIotSqlVersion).toBe('2016-03-23');
    expect(got.rule?.errorAction?.republish?.topic).toBe('errors/${topic()}');
  });
});

describe('ListTopicRules, ReplaceTopicRule, Enable/Disable, DeleteTopicRule', () => {
  it('lists with topic and ruleDisabled filters, page by page', async () => {
    for (const name of ['list_a', 'list_b', 'list_c']) {
      await iot.send(new CreateTopicRuleCommand({ ruleName: name, topicRulePayload: s3Payload('b', "SELECT * FROM 'list/topic'") }));
    }
    await iot.send(new DisableTopicRuleCommand({ ruleName: 'list_b' }));
    const byTopic = await iot.send(new ListTopicRulesCommand({ topic: 'list/topic' }));
    expect(byTopic.rules?.map((r) => [r.ruleName, r.topicPattern, r.ruleDisabled])).toEqual([
      ['list_a', 'list/topic', false],
      ['list_b', 'list/topic', true],
      ['list_c', 'list/topic', false],
    ]);
    expect(byTopic.rules?.[0]?.ruleArn).toMatch(/:rule\/list_a$/);
    expect(byTopic.rules?.[0]?.createdAt).toBeInstanceOf(Date);
    const disabled = await iot.send(new ListTopicRulesCommand({ topic: 'list/topic', ruleDisabled: true }));
    expect(disabled.rules?.map((r) => r.ruleName)).toEqual(['list_b']);
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await iot.send(new ListTopicRulesCommand({ topic: 'list/topic', maxResults: 2, nextToken }));
      expect(page.rules!.length).toBeLessThanOrEqual(2);
      names.push(...page.rules!.map((r) => r.ruleName!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(['list_a', 'list_b', 'list_c']);
    await iot.send(new EnableTopicRuleCommand({ ruleName: 'list_b' }));
    expect((await iot.send(new GetTopicRuleCommand({ ruleName: 'list_b' }))).rule?.ruleDisabled).toBe(false);
  });

  it('replaces a rule whole, keeps it when the new SQL is bad, and deletes it', async () => {
    const created = (await iot.send(new GetTopicRuleCommand({ ruleName: 'list_a' }))).rule!;
    const bad = await errorOf(iot.send(new ReplaceTopicRuleCommand({ ruleName: 'list_a', topicRulePayload: s3Payload('b', 'SELECT FROM') })));
    expect(bad.name).toBe('SqlParseException');
    expect((await iot.send(new GetTopicRuleCommand({ ruleName: 'list_a' }))).rule?.sql).toBe("SELECT * FROM 'list/topic'");

    await iot.send(
      new ReplaceTopicRuleCommand({
        ruleName: 'list_a',
        topicRulePayload: { ...s3Payload('replaced', "SELECT * FROM 'other/topic'"), awsIotSqlVersion: '2016-03-23', description: 'new' },
      }),
    );
    const replaced = (await iot.send(new GetTopicRuleCommand({ ruleName: 'list_a' }))).rule!;
    expect(replaced).toMatchObject({ sql: "SELECT * FROM 'other/topic'", description: 'new', awsIotSqlVersion: '2016-03-23' });
    expect(replaced.createdAt).toEqual(created.createdAt);

    await iot.send(new DeleteTopicRuleCommand({ ruleName: 'list_a' }));
    const gone = await errorOf(iot.send(new GetTopicRuleCommand({ ruleName: 'list_a' })));
    expect(gone).toMatchObject({ name: 'UnauthorizedException', status: 401 });
    expect(gone.message).toBe("Access to topic rule 'list_a' was denied");
    expect((await errorOf(iot.send(new DeleteTopicRuleCommand({ ruleName: 'list_a' })))).name).toBe('UnauthorizedException');
  });
});

const boto3 = outsideTool('boto3');
describe.skipIf(!boto3.available)('TopicRule through boto3 (the lab’s Python scripts)', () => {
  it('creates, reads and lists a rule, and gets SqlParseException for bad SQL', async () => {
    const result = await runBoto3(
      boto3.command,
      cloud,
      `
role = ${JSON.stringify(role)}
payload = {'sql': "SELECT * FROM 'sensor/weather'", 'awsIotSqlVersion': '2016-03-23', 'ruleDisabled': False,
           'actions': [{'firehose': {'roleArn': role, 'deliveryStreamName': 'weather-stream', 'separator': '\\n'}}]}
iot.create_topic_rule(ruleName='boto3_rule', topicRulePayload=payload)
got = iot.get_topic_rule(ruleName='boto3_rule')
out = {'arn': got['ruleArn'], 'rule': got['rule'],
       'listed': [r['ruleName'] for r in iot.list_topic_rules(topic='sensor/weather')['rules']],
       'bad': error_of(lambda: iot.create_topic_rule(ruleName='boto3_bad', topicRulePayload={**payload, 'sql': 'SELECT * FROM FROM "sensor/weather"'}))}
print(json.dumps(out, default=str))
`,
    );
    expect(result.arn).toMatch(/:rule\/boto3_rule$/);
    expect(result.rule).toMatchObject({
      ruleName: 'boto3_rule',
      awsIotSqlVersion: '2016-03-23',
      actions: [{ firehose: { deliveryStreamName: 'weather-stream', separator: '\n' } }],
    });
    expect(result.listed).toContain('boto3_rule');
    expect(result.bad).toMatchObject({ code: 'SqlParseException', status: 400 });
  });
});
