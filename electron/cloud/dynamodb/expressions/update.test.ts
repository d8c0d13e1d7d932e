import { describe, expect, it } from 'vitest';
import type { WireItem, WireValue } from '../attribute-values.js';
import { applyUpdate, checkUpdatedKeys } from './update.js';
import { parseUpdate } from './update-parser.js';
import { attributes, LAB_ITEM, validationMessage } from './test-support.js';

const SKY = (LAB_ITEM.sky_cover_condition as { L: WireValue[] }).L;

function update(
  expression: string,
  values: Record<string, unknown> = {},
  item: WireItem = LAB_ITEM,
  names: Record<string, string> = {},
): WireItem {
  return applyUpdate(item, parseUpdate(expression, attributes(values, names)));
}

describe('UpdateExpression', () => {
  // Source: Expressions.UpdateExpressions (SET, arithmetic, if_not_exists, list_append, REMOVE, ADD, DELETE).
  it.each<[string, Record<string, unknown>, WireItem]>([
    ['SET air_temperature_quality = :q', { ':q': { S: '5' } }, { air_temperature_quality: { S: '5' } }],
    ['SET elevation = elevation + :d', { ':d': { N: '0.5' } }, { elevation: { N: '25.5' } }],
    [
      'SET wind_speed_value = wind_speed_value - :d',
      { ':d': { N: '5.1' } },
      { wind_speed_value: { N: '-1' } },
    ],
    [
      'SET readings = if_not_exists(readings, :zero) + :one',
      { ':zero': { N: '0' }, ':one': { N: '1' } },
      { readings: { N: '1' } },
    ],
    ['SET elevation = if_not_exists(elevation, :zero)', { ':zero': { N: '0' } }, { elevation: { N: '25' } }],
    [
      'SET weather_condition = list_append(weather_condition, :more)',
      { ':more': { L: [{ M: { present_weather_condition: { S: 'Fog' } } }] } },
      {
        weather_condition: {
          L: [
            { M: { present_weather_condition: { S: 'Snow' } } },
            { M: { present_weather_condition: { S: 'Fog' } } },
          ],
        },
      },
    ],
    [
      'SET sky_cover_condition[1].coverage = :c',
      { ':c': { N: '7' } },
      {
        sky_cover_condition: {
          L: [
            SKY[0] as WireValue,
            {
              M: { coverage: { N: '7' }, base_height: { N: '2100' }, cloud_type: { S: 'Altostratus (As)' } },
            },
          ],
        },
      },
    ],
    [
      'ADD tags :t',
      { ':t': { SS: ['tundra', 'arctic'] } },
      { tags: { SS: ['arctic', 'coastal', 'tundra'] } },
    ],
    ['ADD observations :one', { ':one': { N: '1' } }, { observations: { N: '1' } }],
    ['DELETE tags :t', { ':t': { SS: ['coastal'] } }, { tags: { SS: ['arctic'] } }],
  ])('%s', (expression, values, expected) => {
    expect(update(expression, values)).toMatchObject(expected);
  });

  it('REMOVE deletes attributes and list elements (shifting the rest), and DELETE of the last member drops the set', () => {
    const updated = update('REMOVE note, sky_cover_condition[0] DELETE tags :all', {
      ':all': { SS: ['arctic', 'coastal'] },
    });
    expect(updated.note).toBeUndefined();
    expect(updated.tags).toBeUndefined();
    expect(updated.sky_cover_condition).toEqual({ L: [SKY[1]] });
  });

  it('evaluates every right-hand side against the item before the update', () => {
    const updated = update('SET a = b, b = a', {}, { a: { N: '1' }, b: { N: '2' } });
    expect(updated).toEqual({ a: { N: '2' }, b: { N: '1' } });
  });

  it('leaves the original item untouched', () => {
    const original = structuredClone(LAB_ITEM);
    update('SET elevation = :e REMOVE tags', { ':e': { N: '1' } });
    expect(LAB_ITEM).toEqual(original);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'SET a = :v SET b = :v',
      { ':v': { S: 'x' } },
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    ],
    [
      'SET a = :v, a = :v',
      { ':v': { S: 'x' } },
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    ],
    [
      'ADD hits : incr',
      { ':incr': { N: '1' } },
      'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"',
    ],
    [
      'INVALID SYNTAX HERE',
      {},
      'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"',
    ],
    [
      'SET status = :v',
      { ':v': { S: 'x' } },
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status',
    ],
    [
      'SET a = size(b)',
      {},
      'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: size',
    ],
  ])('parse error: %s', (expression, values, message) => {
    expect(validationMessage(() => parseUpdate(expression, attributes(values)))).toBe(message);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'SET weather_station = weather_station + :one',
      { ':one': { N: '1' } },
      'An operand in the update expression has an incorrect data type',
    ],
    [
      'SET x = nothing_here',
      {},
      'The provided expression refers to an attribute that does not exist in the item',
    ],
    [
      'SET nothing_here.x = :one',
      { ':one': { N: '1' } },
      'The document path provided in the update expression is invalid for update',
    ],
    [
      'SET l = list_append(sky_cover_condition[0], :l)',
      { ':l': { L: [] } },
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M',
    ],
    [
      'ADD air_temperature_quality :s',
      { ':s': { S: 'x' } },
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
    ],
    ['ADD tags :n', { ':n': { N: '1' } }, 'An operand in the update expression has an incorrect data type'],
    [
      'DELETE tags :s',
      { ':s': { S: 'arctic' } },
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING',
    ],
  ])('evaluation error: %s', (expression, values, message) => {
    expect(validationMessage(() => update(expression, values))).toBe(message);
  });

  it('refuses to change a key attribute', () => {
    const actions = parseUpdate('SET #t = :v', attributes({ ':v': { S: 'x' } }, { '#t': 'time' }));
    expect(validationMessage(() => checkUpdatedKeys(actions, ['weather_station', 'time']))).toBe(
      'One or more parameter values were invalid: Cannot update attribute time. This attribute is part of the key',
    );
  });
});
