import { describe, expect, it } from 'vitest';
import { iotResourceArn } from './authorizer.js';
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

const cases: Case[] = [
  {
    name: 'default deny without policies',
    policies: [],
    action: 'iot:Connect',
    resource: arn('client', 'a'),
    allowed: false,
    reason: 'ImplicitDeny',
  },
  {
    name: 'iot:* on * allows everything',
    policies: [policy({ Effect: 'Allow', Action: 'iot:*', Resource: '*' })],
    action: 'iot:Publish',
    resource: arn('topic', 'sensor/weather'),
    allowed: true,
    reason: 'Allow',
  },
  {
    name: 'action names are case-insensitive',
    policies: [policy({ Effect: 'Allow', Action: 'IOT:publish', Resource: '*' })],
    action: 'iot:Publish',
    resource: arn('topic', 't'),
    allowed: true,
  },
  {
    name: 'action wildcard ? matches one character',
    policies: [policy({ Effect: 'Allow', Action: 'iot:?ublish', Resource: '*' })],
    action: 'iot:Publish',
    resource: arn('topic', 't'),
    allowed: true,
  },
  {
    name: 'another action is not allowed',
    policies: [policy({ Effect: 'Allow', Action: ['iot:Publish'], Resource: '*' })],
    action: 'iot:Subscribe',
    resource: arn('topicfilter', 't'),
    allowed: false,
    reason: 'ImplicitDeny',
  },
  {
    name: 'explicit Deny beats Allow, across policies',
    policies: [
      policy({ Effect: 'Allow', Action: 'iot:*', Resource: '*' }),
      policy({ Effect: 'Deny', Action: 'iot:Publish', Resource: `${A}:topic/secret/*` }),
    ],
    action: 'iot:Publish',
    resource: arn('topic', 'secret/data'),
    allowed: false,
    reason: 'ExplicitDeny',
  },
  {
    name: 'Deny on another topic leaves the Allow',
    policies: [
      policy(
        { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
        { Effect: 'Deny', Action: 'iot:Publish', Resource: `${A}:topic/secret/*` },
      ),
    ],
    action: 'iot:Publish',
    resource: arn('topic', 'sensor/weather'),
    allowed: true,
  },
  {
    name: 'resource * crosses topic levels',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/sensor/*` })],
    action: 'iot:Publish',
    resource: arn('topic', 'sensor/weather/station/1'),
    allowed: true,
  },
  {
    name: 'resource ? matches exactly one character',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/room?` })],
    action: 'iot:Publish',
    resource: arn('topic', 'room12'),
    allowed: false,
  },
  {
    name: 'resources are case-sensitive',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/Sensor` })],
    action: 'iot:Publish',
    resource: arn('topic', 'sensor'),
    allowed: false,
  },
  {
    name: 'MQTT + is a literal character in policies',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${A}:topicfilter/sensor/+` })],
    action: 'iot:Subscribe',
    resource: arn('topicfilter', 'sensor/weather'),
    allowed: false,
  },
  {
    name: 'MQTT + matches itself in a topicfilter resource',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${A}:topicfilter/sensor/+` })],
    action: 'iot:Subscribe',
    resource: arn('topicfilter', 'sensor/+'),
    allowed: true,
  },
  {
    name: 'another account or region does not match',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: 'arn:aws:iot:eu-west-1:123456789012:client/*',
      }),
    ],
    action: 'iot:Connect',
    resource: arn('client', 'x'),
    allowed: false,
  },
  {
    name: 'NotAction allows every other action',
    policies: [policy({ Effect: 'Allow', NotAction: 'iot:Publish', Resource: '*' })],
    action: 'iot:Subscribe',
    resource: arn('topicfilter', 'a'),
    allowed: true,
  },
  {
    name: 'NotResource excludes the listed resources',
    policies: [policy({ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${A}:topic/admin/*` })],
    action: 'iot:Publish',
    resource: arn('topic', 'admin/reboot'),
    allowed: false,
  },
];

describe('evaluatePolicies', () => {
  it.each(cases)('$name', ({ policies, action, resource, variables, allowed, reason }) => {
    const decision = evaluatePolicies(policies.map(parsePolicyDocument), action, resource, variables);
    expect(decision.allowed).toBe(allowed);
    if (reason) expect(decision.reason).toBe(reason);
  });

  it('names the policy and statement that denied', () => {
    const decision = evaluatePolicies(
      [
        {
          policyName: 'open',
          document: parsePolicyDocument(policy({ Effect: 'Allow', Action: 'iot:*', Resource: '*' })),
        },
        {
          policyName: 'guard',
          document: parsePolicyDocument(
            policy({ Sid: 'NoAdmin', Effect: 'Deny', Action: 'iot:*', Resource: `${A}:topic/admin` }),
          ),
        },
      ],
      'iot:Publish',
      arn('topic', 'admin'),
    );
    expect(decision).toEqual({ allowed: false, reason: 'ExplicitDeny', policyName: 'guard', sid: 'NoAdmin' });
  });
});
