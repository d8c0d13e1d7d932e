import { describe, expect, it } from 'vitest';
import type { WireValue } from '../attribute-values.js';
import { evaluateCondition } from './evaluate.js';
import { parseSelect } from './partiql.js';
import { LAB_ITEM, validationMessage } from './test-support.js';

function where(statement: string, parameters: WireValue[] = []): boolean {
  const { where: condition } = parseSelect(statement, parameters);
  return condition ? evaluateCondition(LAB_ITEM, condition) : true;
}

describe('PartiQL SELECT', () => {
  // Source: ql-reference.select and ql-operators.
  it('reads the table, the optional index, the projection and the WHERE clause', () => {
    expect(parseSelect('SELECT * FROM "weather"', [])).toEqual({ table: 'weather' });
    expect(
      parseSelect('select weather_station, "time", sky_cover_condition[0].cloud_type from weather', []),
    ).toMatchObject({
      table: 'weather',
      projection: [
        { elements: ['weather_station'] },
        { elements: ['time'] },
        { elements: ['sky_cover_condition', 0, 'cloud_type'] },
      ],
    });
    expect(parseSelect('SELECT * FROM "weather"."by_time"', [])).toMatchObject({
      table: 'weather',
      index: 'by_time',
    });
  });

  it.each([
    [`SELECT * FROM weather WHERE weather_station = '713060'`, true],
    [
      `SELECT * FROM weather WHERE weather_station = '713060' AND "time" BETWEEN '2022-01-01' AND '2022-02-01'`,
      true,
    ],
    [`SELECT * FROM weather WHERE air_temperature_value < -5 AND wind_speed_value >= 4.1`, true],
    [`SELECT * FROM weather WHERE air_temperature_value > -5 OR elevation = 25`, true],
    [`SELECT * FROM weather WHERE NOT (elevation <> 25)`, true],
    [`SELECT * FROM weather WHERE elevation != 25`, false],
    [`SELECT * FROM weather WHERE begins_with(sky_cover_condition[0].cloud_type, 'Strato')`, true],
    [`SELECT * FROM weather WHERE contains(tags, 'arctic')`, true],
    [`SELECT * FROM weather WHERE weather_station IN ['030910', '713060']`, true],
    [`SELECT * FROM weather WHERE weather_station NOT IN ('030910', '062800')`, true],
    [`SELECT * FROM weather WHERE dew_point IS MISSING`, true],
    [`SELECT * FROM weather WHERE note IS NULL AND elevation IS NOT NULL`, true],
    [`SELECT * FROM weather WHERE flagged = false`, true],
    [`SELECT * FROM weather WHERE air_temperature_quality = 'it''s'`, false],
  ])('%s → %s', (statement, expected) => {
    expect(where(statement)).toBe(expected);
  });

  it('takes ? from the Parameters in order', () => {
    expect(
      where('SELECT * FROM weather WHERE weather_station = ? AND elevation > ?', [
        { S: '713060' },
        { N: '20' },
      ]),
    ).toBe(true);
  });

  it.each<[string, WireValue[], string]>([
    ['SELECT * FROM', [], "Statement wasn't well formed, can't be processed: Unexpected end of statement"],
    [
      'SELECT * FROM "weather',
      [],
      "Statement wasn't well formed, can't be processed: Unterminated quoted text",
    ],
    ['SELECT * weather', [], "Statement wasn't well formed, can't be processed: Unexpected token weather"],
    ['SELECT * FROM weather WHERE a = ?', [], "Number of parameters in request and statement don't match."],
    [
      'SELECT * FROM weather WHERE a = 1',
      [{ S: 'x' }],
      "Number of parameters in request and statement don't match.",
    ],
    ['SELECT * FROM "t"."i"."x"', [], 'A path may contain at most 2 components in the FROM clause'],
    ['SELECT * FROM ""', [], 'Path component cannot be an empty string'],
    [
      'SELECT pk FROM t WHERE pk = 1 AND val < ?',
      [{ BOOL: true }],
      'Incorrect operand type for operator or function; operator or function: <, operand type: BOOL',
    ],
  ])('%s is refused', (statement, parameters, message) => {
    expect(validationMessage(() => parseSelect(statement, parameters))).toBe(message);
  });
});
