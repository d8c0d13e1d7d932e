import { describe, expect, it } from 'vitest';
import { connectionVariables, createDeviceAuthorizer, iotResourceArn } from './authorizer.js';
import { parsePolicyDocument } from './document.js';
import { evaluatePolicies, type IotAction, type PolicyVariables } from './evaluate.js';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const arn = (kind: 'client' | 'topic' | 'topicfilter', name: string) => iotResourceArn(scope, kind, name);
const A = 'arn:aws:iot:us-east-1:123456789012';

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

interface Case {
  name: string;
  policies: string[];
  action: IotAction;
  resource: string;
  variables?: PolicyVariables;
  allowed: boolean;
  reason?: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
}

const weatherThing = connectionVariables({
  clientId: 'weather-station_1',
  things: [
    { thingName: 'weather-station_1', thingTypeName: 'sensor', attributes: { thingId: '1', version: 'v1' } },
  ],
  certificateSubject: 'CN=AWS IoT Certificate',
});

const cases: Case[] = [
  {
    name: '${iot:ClientId} is substituted',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Connect', Resource: `${A}:client/\${iot:ClientId}` })],
    action: 'iot:Connect',
    resource: arn('client', 'weather-station_1'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: 'thing name variable allows the thing’s own client id',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${A}:client/\${iot:Connection.Thing.ThingName}`,
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'weather-station_1'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: 'thing name variable is unresolvable for a client id that is not an attached thing',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${A}:client/\${iot:Connection.Thing.ThingName}`,
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'intruder'),
    variables: connectionVariables({
      clientId: 'intruder',
      things: [{ thingName: 'weather-station_1', attributes: {} }],
    }),
    allowed: false,
    reason: 'ImplicitDeny',
  },
  {
    name: 'an unresolvable variable in a Deny does not deny',
    policies: [
      policy(
        { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'iot:Publish',
          Resource: `${A}:topic/\${iot:Connection.Thing.ThingName}/*`,
        },
      ),
    ],
    action: 'iot:Publish',
    resource: arn('topic', 'anything/x'),
    variables: { 'iot:ClientId': 'x' },
    allowed: true,
  },
  {
    name: 'thing type and attribute variables',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: `${A}:topic/\${iot:Connection.Thing.ThingTypeName}/\${iot:Connection.Thing.Attributes[thingId]}`,
      }),
    ],
    action: 'iot:Publish',
    resource: arn('topic', 'sensor/1'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: 'a missing attribute does not resolve',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: `${A}:topic/\${iot:Connection.Thing.Attributes[room]}`,
      }),
    ],
    action: 'iot:Publish',
    resource: arn('topic', ''),
    variables: weatherThing,
    allowed: false,
  },
  {
    name: 'variables are literal text in a 2008-10-17 document',
    policies: [
      JSON.stringify({
        Version: '2008-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: `${A}:client/\${iot:ClientId}` }],
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', '${iot:ClientId}'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: '${*} is a literal asterisk, not a wildcard',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/a\${*}` })],
    action: 'iot:Publish',
    resource: arn('topic', 'abc'),
    allowed: false,
  },
  {
    name: 'IsAttached condition (Bool) allows an attached thing',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'weather-station_1'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: 'IsAttached condition refuses a certificate not attached to the client’s thing',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': ['true'] } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'other'),
    variables: connectionVariables({ clientId: 'other', things: [] }),
    allowed: false,
  },
  {
    name: 'StringLike condition with a variable-free pattern',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringLike: { 'iot:ClientId': 'weather-*' } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'weather-station_1'),
    variables: weatherThing,
    allowed: true,
  },
  {
    name: 'StringNotEquals on a missing key holds (IAM negated operators)',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringNotEquals: { 'iot:Connection.Thing.ThingTypeName': 'camera' } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'x'),
    variables: { 'iot:ClientId': 'x' },
    allowed: true,
  },
  {
    name: 'StringEquals on a missing key fails',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringEquals: { 'iot:Connection.Thing.ThingTypeName': 'sensor' } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'x'),
    variables: { 'iot:ClientId': 'x' },
    allowed: false,
  },
  {
    name: 'StringEqualsIfExists on a missing key holds',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: { StringEqualsIfExists: { 'iot:Connection.Thing.ThingTypeName': 'sensor' } },
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'x'),
    variables: { 'iot:ClientId': 'x' },
    allowed: true,
  },
  {
    name: 'the lab policy: connect as the thing, publish to sensor/weather',
    policies: [
      policy(
        {
          Effect: 'Allow',
          Action: 'iot:Connect',
          Resource: `${A}:client/\${iot:Connection.Thing.ThingName}`,
        },
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${A}:topic/sensor/weather` },
      ),
    ],
    action: 'iot:Receive',
    resource: arn('topic', 'sensor/weather'),
    variables: weatherThing,
    allowed: true,
  },
];

describe('policy variables and conditions', () => {
  it.each(cases)('$name', ({ policies, action, resource, variables, allowed, reason }) => {
    const decision = evaluatePolicies(policies.map(parsePolicyDocument), action, resource, variables);
    expect(decision.allowed).toBe(allowed);
    if (reason) expect(decision.reason).toBe(reason);
  });
});

describe('connectionVariables', () => {
  it('resolves thing variables only when the client id is an attached thing', () => {
    expect(weatherThing).toMatchObject({
      'iot:ClientId': 'weather-station_1',
      'iot:Connection.Thing.ThingName': 'weather-station_1',
      'iot:Connection.Thing.ThingTypeName': 'sensor',
      'iot:Connection.Thing.Attributes[thingId]': '1',
      'iot:Connection.Thing.IsAttached': 'true',
      'iot:Certificate.Subject.CommonName': 'AWS IoT Certificate',
    });
    const stranger = connectionVariables({
      clientId: 'x',
      things: [{ thingName: 'weather-station_1', attributes: {} }],
    });
    expect(stranger['iot:Connection.Thing.ThingName']).toBeUndefined();
    expect(stranger['iot:Connection.Thing.IsAttached']).toBe('false');
  });
});

describe('createDeviceAuthorizer', () => {
  it('answers like evaluatePolicies and remembers the answer', () => {
    const documents = [
      {
        policyName: 'p',
        document: parsePolicyDocument(
          policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/sensor/*` }),
        ),
      },
    ];
    const authorizer = createDeviceAuthorizer(documents, weatherThing);
    expect(authorizer.allows('iot:Publish', arn('topic', 'sensor/weather'))).toBe(true);
    expect(authorizer.allows('iot:Publish', arn('topic', 'sensor/weather'))).toBe(true);
    expect(authorizer.decide('iot:Subscribe', arn('topicfilter', 'sensor/weather'))).toEqual({
      allowed: false,
      reason: 'ImplicitDeny',
    });
  });
});
