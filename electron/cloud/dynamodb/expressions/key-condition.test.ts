import { describe, expect, it } from 'vitest';
import type { KeyAttribute } from '../store.js';
import { planKeyCondition } from './key-condition.js';
import { parseCondition } from './parser.js';
import { attributes, validationMessage } from './test-support.js';

const STATION: KeyAttribute = { name: 'weather_station', type: 'S' };
const TIME: KeyAttribute = { name: 'time', type: 'S' };
const NAMES = { '#t': 'time', '#s': 'weather_station', '#x': 'elevation' };
const VALUES = { ':s': { S: '713060' }, ':a': { S: '2022-01' }, ':b': { S: '2022-02' }, ':n': { N: '1' } };

function plan(expression: string, hashKey = STATION, rangeKey: KeyAttribute | undefined = TIME) {
  const names = Object.fromEntries(Object.entries(NAMES).filter(([key]) => expression.includes(key)));
  const values = Object.fromEntries(Object.entries(VALUES).filter(([key]) => expression.includes(key)));
  return planKeyCondition(
    parseCondition(expression, 'KeyConditionExpression', attributes(values, names)),
    hashKey,
    rangeKey,
  );
}

describe('KeyConditionExpression', () => {
  // Source: Query.KeyConditionExpressions.
  it.each([
    ['weather_station = :s', undefined],
    ['#s = :s', undefined],
    ['weather_station = :s AND #t = :a', { op: '=', values: [VALUES[':a']] }],
    ['weather_station = :s AND #t < :a', { op: '<', values: [VALUES[':a']] }],
    ['weather_station = :s AND #t <= :a', { op: '<=', values: [VALUES[':a']] }],
    ['weather_station = :s AND #t > :a', { op: '>', values: [VALUES[':a']] }],
    ['weather_station = :s AND #t >= :a', { op: '>=', values: [VALUES[':a']] }],
    [
      'weather_station = :s AND #t BETWEEN :a AND :b',
      { op: 'BETWEEN', values: [VALUES[':a'], VALUES[':b']] },
    ],
    ['weather_station = :s AND begins_with(#t, :a)', { op: 'begins_with', values: [VALUES[':a']] }],
    ['#t >= :a AND weather_station = :s', { op: '>=', values: [VALUES[':a']] }],
    ['(weather_station = :s) AND (:a <= #t)', { op: '>=', values: [VALUES[':a']] }],
  ])('%s', (expression, sort) => {
    expect(plan(expression)).toEqual({ partitionValue: VALUES[':s'], ...(sort ? { sort } : {}) });
  });

  it.each([
    ['#t = :a', 'Query condition missed key schema element: weather_station'],
    ['#x = :n', 'Query condition missed key schema element: weather_station'],
    ['weather_station = :s AND #x = :n', 'Query condition missed key schema element: time'],
    ['weather_station > :s', 'Query key condition not supported'],
    ['weather_station = :s OR #t = :a', 'Invalid operator used in KeyConditionExpression: OR'],
    [
      'weather_station = :s AND attribute_exists(#t)',
      'Invalid operator used in KeyConditionExpression: attribute_exists',
    ],
    ['weather_station = :s AND #t > :a AND #t < :b', 'Conditions can be of length 1 or 2 only'],
    [
      'weather_station = :s AND weather_station = :s',
      'KeyConditionExpressions must only contain one condition per key',
    ],
    [
      'weather_station = :n',
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
    ],
    [
      'weather_station = :s AND time > :a',
      'Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: time',
    ],
    [
      'weather_station = :s AND #t BETWEEN :b AND :a',
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:2022-02}, upper bound operand: AttributeValue: {S:2022-01}',
    ],
  ])('%s is refused', (expression, message) => {
    expect(validationMessage(() => plan(expression))).toBe(message);
  });
});
