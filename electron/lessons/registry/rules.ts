import {
  CreateTopicRuleCommand,
  GetTopicRuleCommand,
  ReplaceTopicRuleCommand,
  type Action,
  type CannedAccessControlList,
  type TopicRule,
  type TopicRulePayload,
} from '@aws-sdk/client-iot';
import { z } from 'zod';
import { topicMatchesFilter } from '../../cloud/iot/rules/sql/index.js';
import { errorMessage, errorName, fail, pass, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';
import { compareRuleBehaviour, parseStudentRule } from './rule-behaviour.js';

/** Lessons 03–05: IoT rules that route `sensor/weather` to S3, Firehose and DynamoDB. */

const ruleName = z.string().regex(/^[a-zA-Z0-9_]{1,128}$/);
const sqlVersion = z.enum(['2015-10-08', '2016-03-23']);

const actionSpec = z.union([
  z.strictObject({
    s3: z.strictObject({
      bucketName: z.string().min(3),
      key: z.string().min(1),
      cannedAcl: z.string().optional(),
    }),
  }),
  z.strictObject({
    firehose: z.strictObject({ deliveryStreamName: z.string().min(1), separator: z.string().optional() }),
  }),
  z.strictObject({ dynamoDBv2: z.strictObject({ tableName: z.string().min(1) }) }),
]);
type ActionSpec = z.infer<typeof actionSpec>;
type ActionType = 's3' | 'firehose' | 'dynamoDBv2';

const ACTION_LABELS: Record<ActionType, string> = {
  s3: 'S3',
  firehose: 'Firehose',
  dynamoDBv2: 'DynamoDBv2',
};

const ruleParams = z.object({
  ruleName,
  /** The reference SQL: what "Do it for me" writes, and what the student's rule must behave like. */
  sql: z.string().min(1),
  /** When set, the student's rule must use this SQL version too. */
  sqlVersion: sqlVersion.optional(),
  actions: z.array(actionSpec).min(1),
  /** Actions the rule must no longer have (the S3 action, once Firehose replaces it). */
  forbidActions: z.array(z.enum(['s3', 'firehose', 'dynamoDBv2'])).optional(),
  description: z.string().optional(),
});

const typeOf = (spec: ActionSpec): ActionType =>
  's3' in spec ? 's3' : 'firehose' in spec ? 'firehose' : 'dynamoDBv2';

/** What the separator looks like in a hint: `\n`, or "none". */
const showSeparator = (separator: string | undefined): string =>
  separator === undefined || separator === '' ? 'none' : JSON.stringify(separator).slice(1, -1);

const normalize = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** JSON with sorted keys and without undefined members: two actions compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

export async function getRule(context: StepContext, name: string): Promise<TopicRule | undefined> {
  try {
    return (await context.clients.iot().send(new GetTopicRuleCommand({ ruleName: name }))).rule;
  } catch (error) {
    // AWS answers a rule that does not exist as one the caller may not see.
    if (['UnauthorizedException', 'ResourceNotFoundException'].includes(errorName(error) ?? ''))
      return undefined;
    throw error;
  }
}

function checkActions(rule: TopicRule, params: z.output<typeof ruleParams>) {
  const name = params.ruleName;
  const actions = rule.actions ?? [];
  for (const forbidden of params.forbidActions ?? []) {
    if (actions.some((action) => action[forbidden] !== undefined))
      return fail('rule-action-left', { rule: name, action: ACTION_LABELS[forbidden] });
  }
  for (const spec of params.actions) {
    const type = typeOf(spec);
    const candidates = actions.filter((action) => action[type] !== undefined);
    if (candidates.length === 0)
      return fail('rule-action-missing', { rule: name, action: ACTION_LABELS[type] });
    if ('s3' in spec) {
      const found =
        candidates.find((action) => action.s3?.bucketName === spec.s3.bucketName) ?? candidates[0];
      const s3 = found?.s3;
      if (s3?.bucketName !== spec.s3.bucketName)
        return fail('rule-s3-bucket', {
          rule: name,
          bucket: s3?.bucketName ?? '—',
          expected: spec.s3.bucketName,
        });
      if (normalize(s3.key ?? '').replace(/\s/g, '') !== spec.s3.key.replace(/\s/g, ''))
        return fail('rule-s3-key', { rule: name, key: s3.key ?? '—', expected: spec.s3.key });
    } else if ('firehose' in spec) {
      const found =
        candidates.find(
          (action) => action.firehose?.deliveryStreamName === spec.firehose.deliveryStreamName,
        ) ?? candidates[0];
      const firehose = found?.firehose;
      if (firehose?.deliveryStreamName !== spec.firehose.deliveryStreamName)
        return fail('rule-firehose-stream', {
          rule: name,
          stream: firehose?.deliveryStreamName ?? '—',
          expected: spec.firehose.deliveryStreamName,
        });
      if ((firehose.separator ?? '') !== (spec.firehose.separator ?? ''))
        return fail('rule-firehose-separator', {
          rule: name,
          separator: showSeparator(firehose.separator),
          expected: showSeparator(spec.firehose.separator),
        });
    } else {
      const found =
        candidates.find((action) => action.dynamoDBv2?.putItem?.tableName === spec.dynamoDBv2.tableName) ??
        candidates[0];
      const table = found?.dynamoDBv2?.putItem?.tableName;
      if (table !== spec.dynamoDBv2.tableName)
        return fail('rule-dynamodb-table', {
          rule: name,
          table: table ?? '—',
          expected: spec.dynamoDBv2.tableName,
        });
    }
  }
  return undefined;
}

export const topicRuleCheck = defineCheck({
  name: 'topic-rule',
  summary:
    "The rule `ruleName` exists, is enabled, reads the reference SQL's topic, behaves like the reference SQL on real lab messages, and has the expected actions (and none of `forbidActions`).",
  params: ruleParams,
  async run(context, params) {
    const name = params.ruleName;
    const rule = await getRule(context, name);
    if (!rule) return fail('rule-missing', { rule: name });
    if (rule.ruleDisabled) return fail('rule-disabled', { rule: name });
    const reference = parseStudentRule(params.sql, params.sqlVersion ?? '2016-03-23');
    let student;
    try {
      student = parseStudentRule(rule.sql ?? '', rule.awsIotSqlVersion);
    } catch (error) {
      return fail('rule-sql-unreadable', { rule: name, message: errorMessage(error) });
    }
    const expectedTopic = reference.topicFilter ?? '';
    if (!student.topicFilter || !topicMatchesFilter(expectedTopic, student.topicFilter))
      return fail('rule-wrong-topic', {
        rule: name,
        topic: student.topicFilter ?? '—',
        expected: expectedTopic,
      });
    if (params.sqlVersion && rule.awsIotSqlVersion !== params.sqlVersion)
      return fail('rule-sql-version', {
        rule: name,
        version: rule.awsIotSqlVersion ?? '2015-10-08',
        expected: params.sqlVersion,
      });
    return compareRuleBehaviour(name, student, reference) ?? checkActions(rule, params) ?? pass();
  },
});

function toSdkAction(spec: ActionSpec, roleArn: string): Action {
  if ('s3' in spec)
    return {
      s3: { ...spec.s3, cannedAcl: spec.s3.cannedAcl as CannedAccessControlList | undefined, roleArn },
    };
  if ('firehose' in spec) return { firehose: { ...spec.firehose, roleArn } };
  return { dynamoDBv2: { putItem: { tableName: spec.dynamoDBv2.tableName }, roleArn } };
}

/** The parts of a stored rule that ReplaceTopicRule takes back. */
function payloadOf(rule: TopicRule): TopicRulePayload {
  return {
    sql: rule.sql ?? '',
    awsIotSqlVersion: rule.awsIotSqlVersion,
    description: rule.description,
    ruleDisabled: rule.ruleDisabled ?? false,
    actions: rule.actions ?? [],
    errorAction: rule.errorAction,
  };
}

export const putTopicRule = defineAutomation({
  name: 'put-topic-rule',
  summary:
    'Creates the rule `ruleName` with the reference SQL, its version and actions (role LabRole); an existing rule that differs is replaced, and a reset puts it back.',
  params: ruleParams,
  async run(context, params) {
    const roleArn = `arn:aws:iam::${context.accountId}:role/LabRole`;
    const payload: TopicRulePayload = {
      sql: params.sql,
      awsIotSqlVersion: params.sqlVersion ?? '2016-03-23',
      description: params.description,
      ruleDisabled: false,
      actions: params.actions.map((spec) => toSdkAction(spec, roleArn)),
    };
    const resource = { kind: 'topic-rule' as const, name: params.ruleName };
    const existing = await getRule(context, params.ruleName);
    if (!existing) {
      context.progress('create', resource);
      await context.clients
        .iot()
        .send(new CreateTopicRuleCommand({ ruleName: params.ruleName, topicRulePayload: payload }));
      return context.created(resource);
    }
    const current = payloadOf(existing);
    const same =
      normalize(current.sql ?? '') === normalize(params.sql) &&
      current.awsIotSqlVersion === payload.awsIotSqlVersion &&
      !current.ruleDisabled &&
      canonical(current.actions) === canonical(payload.actions);
    if (same) return context.reused(resource);
    context.progress('update', resource);
    await context.clients
      .iot()
      .send(new ReplaceTopicRuleCommand({ ruleName: params.ruleName, topicRulePayload: payload }));
    context.updated({ ...resource, data: { previous: current } });
  },
});
