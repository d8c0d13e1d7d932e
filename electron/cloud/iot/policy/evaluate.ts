import type { PolicyCondition, PolicyDocument, PolicyStatement, PolicyVersion } from './document.js';

/**
 * How AWS IoT Core decides whether a device may do something.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html —
 * an explicit Deny in any policy wins, then any Allow, else the default (implicit) deny.
 */

export type IotAction = 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive';

/**
 * Values of the policy variables for one request, by name without `${}`: `iot:ClientId`,
 * `iot:Connection.Thing.ThingName`, `iot:Connection.Thing.Attributes[serial]`, ... A name that is
 * absent cannot be resolved.
 */
export type PolicyVariables = Readonly<Record<string, string | undefined>>;

export interface NamedPolicyDocument {
  policyName: string;
  document: PolicyDocument;
}

export interface PolicyDecision {
  allowed: boolean;
  reason: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The policy and statement that decided, for explicit decisions (to show the student why). */
  policyName?: string;
  sid?: string;
}

/** A resolved pattern: literal text and the two IAM wildcards. */
type PatternPart = string | { wildcard: '*' | '?' };

/**
 * Substitutes policy variables and marks wildcards. Undefined when a variable cannot be resolved.
 * AWS: `${*}`, `${?}` and `${$}` stand for the literal characters; `+` and `#` are never wildcards in policies.
 */
function resolvePattern(
  template: string,
  variables: PolicyVariables,
  version: PolicyVersion,
  wildcards: boolean,
): PatternPart[] | undefined {
  const parts: PatternPart[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '$' && template[i + 1] === '{' && version === '2012-10-17') {
      const end = template.indexOf('}', i + 2);
      if (end !== -1) {
        const name = template.slice(i + 2, end);
        const value = name === '*' || name === '?' || name === '$' ? name : variables[name];
        if (value === undefined) return undefined;
        literal += value;
        i = end;
        continue;
      }
    }
    if (wildcards && (char === '*' || char === '?')) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ wildcard: char });
    } else {
      literal += char;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 10_000;

function patternRegExp(parts: PatternPart[], ignoreCase: boolean): RegExp {
  const source = parts
    .map((part) =>
      typeof part === 'string'
        ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : part.wildcard === '*'
          ? '.*'
          : '.',
    )
    .join('');
  const key = `${ignoreCase ? 'i' : 's'}${source}`;
  let regexp = compiledPatterns.get(key);
  if (!regexp) {
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    regexp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    compiledPatterns.set(key, regexp);
  }
  return regexp;
}

/**
 * Whether `value` matches a pattern (with IAM wildcards unless `exact`); undefined when the pattern
 * holds an unresolvable variable.
 */
function matchesPattern(
  pattern: string,
  value: string,
  variables: PolicyVariables,
  version: PolicyVersion,
  { ignoreCase = false, exact = false } = {},
): boolean | undefined {
  const parts = resolvePattern(pattern, variables, version, !exact);
  if (!parts) return undefined;
  if (parts.length === 1 && typeof parts[0] === 'string') {
    return ignoreCase ? parts[0].toLowerCase() === value.toLowerCase() : parts[0] === value;
  }
  return patternRegExp(parts, ignoreCase).test(value);
}

// AWS: action names are case-insensitive, resource ARNs case-sensitive.
function actionMatches(statement: PolicyStatement, action: string): boolean {
  const listed = (patterns: string[]) =>
    patterns.some((p) => matchesPattern(p, action, {}, '2008-10-17', { ignoreCase: true }) === true);
  return statement.actions ? listed(statement.actions) : !listed(statement.notActions ?? []);
}

function resourceMatches(
  statement: PolicyStatement,
  resource: string,
  variables: PolicyVariables,
  version: PolicyVersion,
): boolean {
  if (statement.resources) {
    return statement.resources.some((p) => matchesPattern(p, resource, variables, version) === true);
  }
  const results = (statement.notResources ?? []).map((p) => matchesPattern(p, resource, variables, version));
  // An unresolvable variable makes the whole statement inapplicable, never a broader grant.
  if (results.includes(undefined)) return false;
  return !results.includes(true);
}

const NEGATED_OPERATORS = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
]);

function valueMatches(
  condition: PolicyCondition,
  actual: string,
  expected: string,
  variables: PolicyVariables,
  version: PolicyVersion,
): boolean {
  switch (condition.operator) {
    case 'StringEquals':
    case 'StringNotEquals':
      return matchesPattern(expected, actual, variables, version, { exact: true }) === true;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return matchesPattern(expected, actual, variables, version, { exact: true, ignoreCase: true }) === true;
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnEquals':
    case 'ArnNotEquals':
    case 'ArnLike':
    case 'ArnNotLike':
      return matchesPattern(expected, actual, variables, version) === true;
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default: {
      const a = Number(actual);
      const e = Number(expected);
      if (Number.isNaN(a) || Number.isNaN(e)) return false;
      if (condition.operator === 'NumericEquals' || condition.operator === 'NumericNotEquals') return a === e;
      if (condition.operator === 'NumericLessThan') return a < e;
      if (condition.operator === 'NumericLessThanEquals') return a <= e;
      if (condition.operator === 'NumericGreaterThan') return a > e;
      return a >= e;
    }
  }
}

/** AWS: a missing key fails a condition, except the negated operators, `...IfExists` and `Null`. */
function conditionHolds(
  condition: PolicyCondition,
  variables: PolicyVariables,
  version: PolicyVersion,
): boolean {
  const actual = variables[condition.key];
  if (condition.operator === 'Null') {
    return condition.values.some((value) => (value.toLowerCase() === 'true') === (actual === undefined));
  }
  if (actual === undefined) return condition.ifExists || NEGATED_OPERATORS.has(condition.operator);
  const anyMatch = condition.values.some((expected) =>
    valueMatches(condition, actual, expected, variables, version),
  );
  return NEGATED_OPERATORS.has(condition.operator) ? !anyMatch : anyMatch;
}

function statementApplies(
  statement: PolicyStatement,
  version: PolicyVersion,
  action: string,
  resource: string,
  variables: PolicyVariables,
): boolean {
  return (
    actionMatches(statement, action) &&
    resourceMatches(statement, resource, variables, version) &&
    statement.conditions.every((condition) => conditionHolds(condition, variables, version))
  );
}

function named(policy: PolicyDocument | NamedPolicyDocument): NamedPolicyDocument {
  return 'document' in policy ? policy : { policyName: '', document: policy };
}

/** Decides `action` on `resourceArn` under every policy that applies to the principal. */
export function evaluatePolicies(
  policies: readonly (PolicyDocument | NamedPolicyDocument)[],
  action: IotAction | string,
  resourceArn: string,
  variables: PolicyVariables = {},
): PolicyDecision {
  let allow: PolicyDecision | undefined;
  for (const policy of policies.map(named)) {
    const { version, statements } = policy.document;
    for (const statement of statements) {
      if (!statementApplies(statement, version, action, resourceArn, variables)) continue;
      const decision = { policyName: policy.policyName || undefined, sid: statement.sid };
      if (statement.effect === 'Deny') return { allowed: false, reason: 'ExplicitDeny', ...decision };
      allow ??= { allowed: true, reason: 'Allow', ...decision };
    }
  }
  return allow ?? { allowed: false, reason: 'ImplicitDeny' };
}
