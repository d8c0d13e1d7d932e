/**
 * The checks the editor runs as you type, before AWS runs its own (MalformedPolicyException): the
 * text is JSON, has a Statement, and each statement has an Effect, iot: actions and resources.
 */
export type PolicyProblem =
  | { kind: 'json'; message: string }
  | { kind: 'notObject' }
  | { kind: 'noStatement' }
  | { kind: 'version'; version: string }
  | { kind: 'effect'; index: number }
  | { kind: 'action'; index: number }
  | { kind: 'actionPrefix'; index: number; action: string }
  | { kind: 'resource'; index: number };

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
    return value;
  return undefined;
}

export function checkPolicyDocument(text: string): PolicyProblem[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return [{ kind: 'json', message: error instanceof Error ? error.message : String(error) }];
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return [{ kind: 'notObject' }];
  const { Version: version, Statement: statement } = document as Record<string, unknown>;
  const problems: PolicyProblem[] = [];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17')
    problems.push({ kind: 'version', version: String(version) });
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (statements.length === 0) problems.push({ kind: 'noStatement' });
  statements.forEach((item: unknown, index) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (entry.Effect !== 'Allow' && entry.Effect !== 'Deny') problems.push({ kind: 'effect', index });
    const actions = stringList(entry.Action);
    if (!actions) problems.push({ kind: 'action', index });
    for (const action of actions ?? []) {
      if (action !== '*' && !/^iot:[A-Za-z*]+$/.test(action))
        problems.push({ kind: 'actionPrefix', index, action });
    }
    if (!stringList(entry.Resource)) problems.push({ kind: 'resource', index });
  });
  return problems;
}

/** A starting document: the four MQTT actions for things connecting with their own name as client id. */
export function policyTemplate(region: string, accountId: string): string {
  const arn = `arn:aws:iot:${region}:${accountId}`;
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Connect',
          Resource: `${arn}:client/\${iot:Connection.Thing.ThingName}`,
        },
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${arn}:topic/sensor/*` },
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${arn}:topicfilter/sensor/*` },
      ],
    },
    null,
    2,
  );
}
