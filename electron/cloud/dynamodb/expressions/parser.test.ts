import { describe, expect, it } from 'vitest';
import type { ExpressionKind } from './attributes.js';
import { evaluateCondition } from './evaluate.js';
import { parseCondition, parseProjection } from './parser.js';
import { projectItem } from './projection.js';
import { attributes, LAB_ITEM, validationMessage } from './test-support.js';

const V = {
  ':station': { S: '713060' },
  ':cold': { N: '-5' },
  ':warm': { N: '10' },
  ':snow': { S: 'Snow' },
  ':prefix': { S: 'Strato' },
  ':t': { S: 'N' },
  ':zero': { N: '0' },
  ':two': { N: '2' },
  ':yes': { BOOL: true },
  ':arctic': { S: 'arctic' },
};

describe('FilterExpression / ConditionExpression evaluate as DynamoDB does', () => {
  // Source: Expressions.OperatorsAndFunctions (comparators, functions, precedence NOT > AND > OR).
  it.each([
    ['air_temperature_value < :cold', true],
    ['air_temperature_value > :cold', false],
    ['air_temperature_value <= :cold AND wind_speed_value >= :zero', true],
    ['air_temperature_value BETWEEN :cold AND :warm', false],
    ['elevation BETWEEN :zero AND :warm', false],
    ['latitude BETWEEN :warm AND :warm OR weather_station = :station', true],
    ['weather_station IN (:snow, :station)', true],
    ['weather_station <> :station', false],
    ['missing_attribute <> :station', true],
    ['missing_attribute = :station', false],
    ['begins_with(sky_cover_condition[0].cloud_type, :prefix)', true],
    ['begins_with(sky_cover_condition[1].cloud_type, :prefix)', false],
    ['contains(weather_condition[0].present_weather_condition, :snow)', true],
    ['contains(tags, :arctic)', true],
    ['attribute_exists(sky_cover_condition[1].base_height)', true],
    ['attribute_exists(sky_cover_condition[2])', false],
    ['attribute_not_exists(dew_point)', true],
    ['attribute_type(latitude, :t)', true],
    ['size(sky_cover_condition) = :two', true],
    ['size(weather_station) > :two', true],
    ['size(flagged) > :zero', false],
    ['NOT flagged = :yes', true],
    ['NOT (flagged = :yes OR weather_station = :station)', false],
    ['flagged = :yes OR weather_station = :station AND elevation > :warm', true],
    ['(flagged = :yes OR weather_station = :station) AND elevation > :warm', true],
    ['weather_station = :cold', false],
    ['weather_station < :cold', false],
    ['note = :yes', false],
  ])('%s → %s', (expression, expected) => {
    const values = Object.fromEntries(Object.entries(V).filter(([key]) => expression.includes(key)));
    const condition = parseCondition(expression, 'FilterExpression', attributes(values));
    expect(evaluateCondition(LAB_ITEM, condition)).toBe(expected);
  });

  it('resolves #names, so the reserved word time can be compared', () => {
    const condition = parseCondition(
      '#t >= :v',
      'FilterExpression',
      attributes({ ':v': { S: '2022-01-15' } }, { '#t': 'time' }),
    );
    expect(evaluateCondition(LAB_ITEM, condition)).toBe(true);
  });

  it('compares numbers numerically and strings by UTF-8 bytes', () => {
    const item = { n: { N: '10' }, s: { S: 'é' } };
    expect(
      evaluateCondition(
        item,
        parseCondition('n > :v', 'FilterExpression', attributes({ ':v': { N: '9.99' } })),
      ),
    ).toBe(true);
    // 'é' (U+00E9, C3 A9) sorts after 'z' (7A) by bytes.
    expect(
      evaluateCondition(item, parseCondition('s > :v', 'FilterExpression', attributes({ ':v': { S: 'z' } }))),
    ).toBe(true);
  });
});

describe('expression errors are worded as DynamoDB words them', () => {
  const cases: [string, ExpressionKind, Record<string, unknown>, Record<string, string>, string][] = [
    [
      '',
      'KeyConditionExpression',
      {},
      {},
      'Invalid KeyConditionExpression: The expression can not be empty;',
    ],
    [
      'time > :v',
      'FilterExpression',
      { ':v': { S: 'x' } },
      {},
      'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: time',
    ],
    [
      '#missing = :v',
      'FilterExpression',
      { ':v': { S: 'x' } },
      {},
      'Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #missing',
    ],
    [
      'a = :v',
      'ConditionExpression',
      {},
      {},
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v',
    ],
    [
      'a = = :v',
      'FilterExpression',
      { ':v': { S: 'x' } },
      {},
      'Invalid FilterExpression: Syntax error; token: "=", near: "= = :v"',
    ],
    ['a =', 'FilterExpression', {}, {}, 'Invalid FilterExpression: Syntax error; token: "<EOF>", near: "="'],
    [
      '!!! INVALID !!!',
      'ProjectionExpression',
      {},
      {},
      'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"',
    ],
    [
      '((attribute_not_exists(pk)))',
      'ConditionExpression',
      {},
      {},
      'Invalid ConditionExpression: The expression has redundant parentheses;',
    ],
    [
      'begins_with(a)',
      'FilterExpression',
      {},
      {},
      'Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
    ],
    [
      'begins_with(a, :n)',
      'FilterExpression',
      { ':n': { N: '1' } },
      {},
      'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    [
      'attribute_exists(:v)',
      'FilterExpression',
      { ':v': { S: 'x' } },
      {},
      'Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists',
    ],
    [
      'contains(#a, #a)',
      'ConditionExpression',
      {},
      { '#a': 'data' },
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator or function: contains, first operand: [data]',
    ],
    [
      'a < :b',
      'FilterExpression',
      { ':b': { BOOL: true } },
      {},
      'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL',
    ],
    [
      'lower(a) = :v',
      'FilterExpression',
      { ':v': { S: 'x' } },
      {},
      'Invalid FilterExpression: Invalid function name; function: lower',
    ],
    [
      'a BETWEEN :hi AND :lo',
      'FilterExpression',
      { ':hi': { N: '10' }, ':lo': { N: '5' } },
      {},
      'Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:5}',
    ],
  ];
  it.each(cases)('%j (%s)', (expression, kind, values, names, message) => {
    expect(validationMessage(() => parseCondition(expression, kind, attributes(values, names)))).toBe(
      message,
    );
  });

  it('refuses unused names and values', () => {
    const unusedName = attributes({ ':v': { S: 'x' } }, { '#unused': 'someattr' });
    parseCondition('pk = :v', 'KeyConditionExpression', unusedName);
    expect(validationMessage(() => unusedName.assertAllUsed())).toBe(
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}',
    );
    const unusedValues = attributes({ ':v': { S: 'x' }, ':a': { S: 'y' }, ':b': { S: 'z' } });
    parseCondition('pk = :v', 'KeyConditionExpression', unusedValues);
    expect(validationMessage(() => unusedValues.assertAllUsed())).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}',
    );
  });

  it.each([
    [{ v: { S: 'x' } }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'],
    [
      { ':v': { SS: [] } },
      'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v',
    ],
  ])('checks ExpressionAttributeValues: %j', (values, message) => {
    expect(validationMessage(() => attributes(values))).toBe(message);
  });
});

describe('ProjectionExpression', () => {
  it('keeps the named paths, nested, with picked list elements in order', () => {
    const paths = parseProjection(
      '#t, sky_cover_condition[1].cloud_type, sky_cover_condition[0].coverage, dew_point',
      attributes({}, { '#t': 'time' }),
    );
    expect(projectItem(LAB_ITEM, paths)).toEqual({
      time: LAB_ITEM.time,
      sky_cover_condition: {
        L: [{ M: { coverage: { N: '2' } } }, { M: { cloud_type: { S: 'Altostratus (As)' } } }],
      },
    });
  });

  it('refuses overlapping paths', () => {
    expect(validationMessage(() => parseProjection('a, a.b', attributes()))).toBe(
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
    );
  });
});
