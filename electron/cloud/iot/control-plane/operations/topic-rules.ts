import type {
  Action,
  CreateTopicRuleRequest,
  DeleteTopicRuleRequest,
  DisableTopicRuleRequest,
  EnableTopicRuleRequest,
  GetTopicRuleRequest,
  GetTopicRuleResponse,
  ListTopicRulesRequest,
  ListTopicRulesResponse,
  ReplaceTopicRuleRequest,
  TopicRule,
} from '@aws-sdk/client-iot';
import { LAB_ROLE_NAME } from '../../../iam/index.js';
import { AwsError } from '../../../protocols/aws-error.js';
import { RuleDefinitionError, compileTopicRule } from '../../rules/engine/index.js';
import { DEFAULT_SQL_VERSION, SQL_VERSIONS, isSqlParseError, type SqlVersion } from '../../rules/sql/index.js';
import { topicRuleArn, type IotContext } from '../context.js';
import { alreadyExists, invalidRequest, missingMember, requireName, validationError } from '../errors.js';
import { paginate } from '../pagination.js';
import type { TopicRuleRecord } from '../store/index.js';

// The IoT model: ruleName `^[a-zA-Z0-9_]+$`, 1–128; at most 10 actions.
const RULE_NAME = /[a-zA-Z0-9_]+/;
const MAX_ACTIONS = 10;

type EmptyResponse = Record<string, never>;

/**
 * AWS answers a rule that does not exist as one the caller may not see: "UnauthorizedException ...
 * Access to topic rule 'x' was denied" (quoted in terraform-provider-aws's topic rule finder) [V].
 */
function ruleNotFound(name: string): AwsError {
  return new AwsError('UnauthorizedException', `Access to topic rule '${name}' was denied`, 401);
}

function requireRule(context: IotContext, name: unknown): TopicRuleRecord {
  const ruleName = requireName(name, 'ruleName', RULE_NAME);
  const rule = context.store.getTopicRule(ruleName);
  if (!rule) throw ruleNotFound(ruleName);
  return rule;
}

function roleArnsOf(actions: readonly Action[]): string[] {
  return actions.flatMap((action) =>
    Object.values(action as Record<string, { roleArn?: unknown } | undefined>).flatMap((member) =>
      typeof member?.roleArn === 'string' ? [member.roleArn] : [],
    ),
  );
}

/**
 * AWS assumes every action's role when the rule is created or replaced, enabled or not, and refuses
 * the rule when it cannot (ministack#1417 measured the message). AWS Academy has one role, LabRole.
 */
function checkRoles(context: IotContext, actions: readonly Action[]): void {
  const labRole = `arn:aws:iam::${context.identity.accountId}:role/${LAB_ROLE_NAME}`;
  for (const roleArn of roleArnsOf(actions)) {
    if (roleArn !== labRole) {
      throw invalidRequest(
        `AWS IoT (iot.amazonaws.com) is unable to assume role (sts:AssumeRole) on resource: ${roleArn}.  ` +
          `If the role was just created or updated, please try again in a few seconds. (In this lab the role is ${labRole}.)`,
      );
    }
  }
}

/** Validates a TopicRulePayload as AWS does: the SQL parses, the actions are well formed, roles can be assumed. */
function checkPayload(
  context: IotContext,
  name: string,
  payload: unknown,
): Omit<TopicRuleRecord, 'name' | 'createdAt' | 'updatedAt'> {
  if (typeof payload !== 'object' || payload === null) throw missingMember('topicRulePayload');
  const input = payload as Record<string, unknown>;
  const { sql, actions, errorAction, description, ruleDisabled } = input;
  if (typeof sql !== 'string' || sql === '') throw missingMember('topicRulePayload.sql');
  if (!Array.isArray(actions)) throw missingMember('topicRulePayload.actions');
  if (actions.length > MAX_ACTIONS) {
    throw validationError('topicRulePayload.actions', `[${actions.length} actions]`, `Member must have length less than or equal to ${MAX_ACTIONS}`);
  }
  const version = input.awsIotSqlVersion ?? DEFAULT_SQL_VERSION;
  if (typeof version !== 'string' || !SQL_VERSIONS.includes(version as SqlVersion)) {
    throw invalidRequest(`Unsupported awsIotSqlVersion '${String(version)}': use one of ${SQL_VERSIONS.join(', ')}.`);
  }
  if (description !== undefined && description !== null && typeof description !== 'string') {
    throw validationError('topicRulePayload.description', description, 'Member must be a string');
  }
  if (ruleDisabled !== undefined && ruleDisabled !== null && typeof ruleDisabled !== 'boolean') {
    throw validationError('topicRulePayload.ruleDisabled', ruleDisabled, 'Member must be a boolean');
  }
  const definition = {
    name,
    sql,
    awsIotSqlVersion: version,
    actions: actions as Action[],
    ...(errorAction !== undefined && errorAction !== null ? { errorAction: errorAction as Action } : {}),
  };
  let topicPattern: string | undefined;
  try {
    topicPattern = compileTopicRule(definition).topicFilter;
  } catch (error) {
    if (isSqlParseError(error)) throw new AwsError('SqlParseException', error.message, 400);
    if (error instanceof RuleDefinitionError) throw invalidRequest(error.message);
    throw error;
  }
  checkRoles(context, definition.errorAction ? [...definition.actions, definition.errorAction] : definition.actions);
  return {
    ...definition,
    ...(typeof description === 'string' ? { description } : {}),
    ...(topicPattern !== undefined ? { topicPattern } : {}),
    disabled: ruleDisabled === true,
  };
}

function announce(context: IotContext, ruleName: string): void {
  context.events.emit('topicRulesChanged', { ruleName });
}

/** `POST /rules/{ruleName}`; the body is the TopicRulePayload itself. Tags (x-amz-tagging) are not kept. */
export function CreateTopicRule(context: IotContext, input: CreateTopicRuleRequest): EmptyResponse {
  const name = requireName(input.ruleName, 'ruleName', RULE_NAME);
  const checked = checkPayload(context, name, input.topicRulePayload);
  if (context.store.getTopicRule(name)) {
    throw alreadyExists(`Rule ${name} already exists in account`, name, topicRuleArn(context, name));
  }
  const now = context.now().getTime();
  context.store.putTopicRule({ ...checked, name, createdAt: now, updatedAt: now });
  announce(context, name);
  return {};
}

export function GetTopicRule(context: IotContext, input: GetTopicRuleRequest): GetTopicRuleResponse {
  const rule = requireRule(context, input.ruleName);
  const output: TopicRule = {
    ruleName: rule.name,
    sql: rule.sql,
    createdAt: new Date(rule.createdAt),
    actions: rule.actions,
    ruleDisabled: rule.disabled,
    awsIotSqlVersion: rule.awsIotSqlVersion,
  };
  if (rule.description !== undefined) output.description = rule.description;
  if (rule.errorAction !== undefined) output.errorAction = rule.errorAction;
  return { ruleArn: topicRuleArn(context, rule.name), rule: output };
}

/** `topic` keeps the rules whose FROM filter is exactly that text [V: AWS does not say more]. */
export function ListTopicRules(
  context: IotContext,
  input: ListTopicRulesRequest & { maxResults: number },
): ListTopicRulesResponse {
  const rules = context.store
    .listTopicRules()
    .filter((rule) => input.topic === undefined || rule.topicPattern === input.topic)
    .filter((rule) => input.ruleDisabled === undefined || rule.disabled === input.ruleDisabled);
  const page = paginate(rules, (rule) => rule.name, { token: input.nextToken, limit: input.maxResults });
  const output: ListTopicRulesResponse = {
    rules: page.items.map((rule) => ({
      ruleArn: topicRuleArn(context, rule.name),
      ruleName: rule.name,
      topicPattern: rule.topicPattern,
      createdAt: new Date(rule.createdAt),
      ruleDisabled: rule.disabled,
    })),
  };
  if (page.next) output.nextToken = page.next;
  return output;
}

/** `PATCH /rules/{ruleName}`: the whole rule is replaced (an omitted ruleDisabled enables it); bad SQL keeps the old one. */
export function ReplaceTopicRule(context: IotContext, input: ReplaceTopicRuleRequest): EmptyResponse {
  const existing = requireRule(context, input.ruleName);
  const checked = checkPayload(context, existing.name, input.topicRulePayload);
  context.store.putTopicRule({
    ...checked,
    name: existing.name,
    createdAt: existing.createdAt,
    updatedAt: context.now().getTime(),
  });
  announce(context, existing.name);
  return {};
}

export function DeleteTopicRule(context: IotContext, input: DeleteTopicRuleRequest): EmptyResponse {
  const rule = requireRule(context, input.ruleName);
  context.store.deleteTopicRule(rule.name);
  announce(context, rule.name);
  return {};
}

function setDisabled(context: IotContext, ruleName: unknown, disabled: boolean): EmptyResponse {
  const rule = requireRule(context, ruleName);
  context.store.setTopicRuleDisabled(rule.name, disabled, context.now().getTime());
  announce(context, rule.name);
  return {};
}

export const EnableTopicRule = (context: IotContext, input: EnableTopicRuleRequest): EmptyResponse =>
  setDisabled(context, input.ruleName, false);

export const DisableTopicRule = (context: IotContext, input: DisableTopicRuleRequest): EmptyResponse =>
  setDisabled(context, input.ruleName, true);
