import { AwsError } from '../../protocols/aws-error.js';

/**
 * AWS IoT Core policy documents: the IAM policy grammar restricted to what IoT evaluates.
 * AWS: https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html
 */

export type PolicyEffect = 'Allow' | 'Deny';

/** AWS: policy variables are substituted only in documents whose Version is 2012-10-17. */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export interface PolicyCondition {
  /** The operator without its `IfExists` suffix or `ForAnyValue:`/`ForAllValues:` qualifier, e.g. `StringLike`. */
  operator: ConditionOperator;
  ifExists: boolean;
  key: string;
  values: string[];
}

export interface PolicyStatement {
  sid?: string;
  effect: PolicyEffect;
  /** Exactly one of `actions` / `notActions` is set, and one of `resources` / `notResources`. */
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: PolicyCondition[];
}

export interface PolicyDocument {
  version: PolicyVersion;
  statements: PolicyStatement[];
}

export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'Bool',
  'Null',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
// AWS: an action is `<service>:<name>` where the name may hold `*` and `?` wildcards, or `*` alone.
const ACTION_PATTERN = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

/** AWS's wording for every rejected document: `Policy document is Malformed: <reason>` (the reason text is ours). */
function malformed(reason: string): AwsError {
  return new AwsError('MalformedPolicyException', `Policy document is Malformed: ${reason}`, 400);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IAM grammar: a string or a non-empty array of strings. */
function stringList(value: unknown, element: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (
    list.length === 0 ||
    !list.every((item): item is string => typeof item === 'string' && item.length > 0)
  ) {
    throw malformed(`${element} must be a non-empty string or a non-empty list of strings.`);
  }
  return list;
}

function parseConditions(value: unknown): PolicyCondition[] {
  if (value === undefined) return [];
  if (!isRecord(value)) throw malformed('Condition must be an object.');
  const conditions: PolicyCondition[] = [];
  for (const [rawOperator, block] of Object.entries(value)) {
    const withoutQualifier = rawOperator.replace(/^(ForAnyValue|ForAllValues):/, '');
    const ifExists = withoutQualifier.endsWith('IfExists');
    const operator = ifExists ? withoutQualifier.slice(0, -'IfExists'.length) : withoutQualifier;
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) {
      throw malformed(`Unsupported condition operator: ${rawOperator}`);
    }
    if (!isRecord(block)) throw malformed(`The condition block of ${rawOperator} must be an object.`);
    for (const [key, rawValues] of Object.entries(block)) {
      const values = (Array.isArray(rawValues) ? rawValues : [rawValues]).map((item) => {
        if (typeof item === 'string') return item;
        if (typeof item === 'number' || typeof item === 'boolean') return String(item);
        throw malformed(`Condition values of ${key} must be strings, numbers or booleans.`);
      });
      conditions.push({ operator: operator as ConditionOperator, ifExists, key, values });
    }
  }
  return conditions;
}

function parseStatement(value: unknown): PolicyStatement {
  if (!isRecord(value)) throw malformed('Invalid policy syntax.');
  for (const key of Object.keys(value)) {
    if (!STATEMENT_KEYS.has(key)) throw malformed(`Unsupported policy element: ${key}`);
  }
  const { Sid, Effect, Action, NotAction, Resource, NotResource, Condition } = value;
  if (Effect !== 'Allow' && Effect !== 'Deny') throw malformed('Effect must be Allow or Deny.');
  if ((Action === undefined) === (NotAction === undefined)) {
    throw malformed('Each statement needs exactly one of Action or NotAction.');
  }
  if ((Resource === undefined) === (NotResource === undefined)) {
    throw malformed('Each statement needs exactly one of Resource or NotResource.');
  }
  if (Sid !== undefined && typeof Sid !== 'string') throw malformed('Sid must be a string.');
  const statement: PolicyStatement = { effect: Effect, conditions: parseConditions(Condition) };
  if (Sid !== undefined) statement.sid = Sid;
  const actions = stringList(Action ?? NotAction, Action !== undefined ? 'Action' : 'NotAction');
  const badActions = actions.filter((action) => !ACTION_PATTERN.test(action));
  if (badActions.length > 0) throw malformed(`The following actions are invalid : ${badActions.join(', ')}`);
  if (Action !== undefined) statement.actions = actions;
  else statement.notActions = actions;
  const resources = stringList(Resource ?? NotResource, Resource !== undefined ? 'Resource' : 'NotResource');
  const badResources = resources.filter((resource) => resource !== '*' && !resource.startsWith('arn:'));
  if (badResources.length > 0)
    throw malformed(`The following resources are invalid : ${badResources.join(', ')}`);
  if (Resource !== undefined) statement.resources = resources;
  else statement.notResources = resources;
  return statement;
}

/** Parses and validates a policy document as CreatePolicy receives it (a JSON string); MalformedPolicyException otherwise. */
export function parsePolicyDocument(text: string): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed('Invalid policy syntax.');
  }
  if (!isRecord(json)) throw malformed('Invalid policy syntax.');
  for (const key of Object.keys(json)) {
    if (!DOCUMENT_KEYS.has(key)) throw malformed(`Unsupported policy element: ${key}`);
  }
  const version = json.Version ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') {
    throw malformed(`Version ${String(version)} is not supported; use 2012-10-17.`);
  }
  const statements = json.Statement;
  if (statements === undefined) throw malformed('Missing required field Statement.');
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length === 0) throw malformed('Statement must not be empty.');
  return { version, statements: list.map(parseStatement) };
}
