import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './document.js';

const valid = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('parsePolicyDocument', () => {
  it('reads a single statement object or a list, strings or lists', () => {
    const document = parsePolicyDocument(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'iot:*', Resource: ['*'] },
      }),
    );
    expect(document).toEqual({
      version: '2012-10-17',
      statements: [{ effect: 'Allow', actions: ['iot:*'], resources: ['*'], conditions: [] }],
    });
  });

  it('defaults the version to 2008-10-17 as IAM does', () => {
    expect(
      parsePolicyDocument(
        JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'iot:Publish', Resource: '*' }] }),
      ).version,
    ).toBe('2008-10-17');
  });

  it('reads conditions with IfExists and set qualifiers', () => {
    const document = parsePolicyDocument(
      valid({
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: '*',
        Condition: {
          'ForAnyValue:StringLikeIfExists': { 'iot:ClientId': ['a*', 'b*'] },
          Bool: { 'iot:Connection.Thing.IsAttached': true },
        },
      }),
    );
    expect(document.statements[0]?.conditions).toEqual([
      { operator: 'StringLike', ifExists: true, key: 'iot:ClientId', values: ['a*', 'b*'] },
      { operator: 'Bool', ifExists: false, key: 'iot:Connection.Thing.IsAttached', values: ['true'] },
    ]);
  });

  it.each([
    ['not JSON', '{"Version":'],
    ['not an object', '[]'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
    ['an empty Statement list', JSON.stringify({ Version: '2012-10-17', Statement: [] })],
    [
      'an unknown version',
      JSON.stringify({
        Version: '2020-01-01',
        Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
      }),
    ],
    ['an unknown top-level element', JSON.stringify({ Version: '2012-10-17', Statement: [], Extra: 1 })],
    ['a bad Effect', valid({ Effect: 'allow', Action: 'iot:*', Resource: '*' })],
    ['no Action', valid({ Effect: 'Allow', Resource: '*' })],
    [
      'both Action and NotAction',
      valid({ Effect: 'Allow', Action: 'iot:*', NotAction: 'iot:Publish', Resource: '*' }),
    ],
    ['no Resource', valid({ Effect: 'Allow', Action: 'iot:*' })],
    ['an empty Action list', valid({ Effect: 'Allow', Action: [], Resource: '*' })],
    ['an action without a service', valid({ Effect: 'Allow', Action: 'Publish', Resource: '*' })],
    ['a resource that is not an ARN', valid({ Effect: 'Allow', Action: 'iot:*', Resource: 'topic/a' })],
    [
      'an unknown statement element',
      valid({ Effect: 'Allow', Action: 'iot:*', Resource: '*', Principal: '*' }),
    ],
    [
      'an unknown condition operator',
      valid({ Effect: 'Allow', Action: 'iot:*', Resource: '*', Condition: { StringSortOf: { a: 'b' } } }),
    ],
  ])('rejects %s with MalformedPolicyException', (_name, text) => {
    expect(() => parsePolicyDocument(text)).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyException', status: 400 }),
    );
    expect(() => parsePolicyDocument(text)).toThrow(/^Policy document is Malformed: /);
  });

  it('lists the invalid resources as AWS does', () => {
    expect(() =>
      parsePolicyDocument(valid({ Effect: 'Allow', Action: 'iot:*', Resource: ['*', 'nope'] })),
    ).toThrow('Policy document is Malformed: The following resources are invalid : nope');
  });
});
