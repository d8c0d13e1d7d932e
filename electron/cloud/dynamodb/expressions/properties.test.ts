import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../protocols/aws-error.js';
import { ExpressionAttributes, type ExpressionKind } from './attributes.js';
import { evaluateCondition } from './evaluate.js';
import { planKeyCondition } from './key-condition.js';
import { parseSelect } from './partiql.js';
import { parseCondition, parseProjection } from './parser.js';
import { projectItem } from './projection.js';
import { applyUpdate } from './update.js';
import { parseUpdate } from './update-parser.js';
import { LAB_ITEM } from './test-support.js';

/**
 * No expression string crashes the parsers: each either parses or throws a ValidationException,
 * and what parses evaluates without throwing anything else either.
 */

const NAMES = { '#t': 'time', '#s': 'weather_station', '#n': 'sky_cover_condition' };
const VALUES = {
  ':s': { S: '713060' },
  ':n': { N: '-5' },
  ':l': { L: [{ S: 'x' }] },
  ':set': { SS: ['arctic'] },
  ':b': { BOOL: true },
  ':empty': { S: '' },
};

const TOKENS = [
  'a',
  'b.c',
  'd[0]',
  'd[1].e',
  '#t',
  '#s',
  '#n',
  '#undefined',
  ':s',
  ':n',
  ':l',
  ':set',
  ':b',
  ':empty',
  ':nope',
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  'SET',
  'REMOVE',
  'ADD',
  'DELETE',
  'size',
  'begins_with',
  'contains',
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'if_not_exists',
  'list_append',
  'time',
  'weather_station',
  '0',
  '12',
  '!',
  '"',
  "'",
  '#',
  ':',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((tokens) => tokens.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  tokenSoup,
);

function onlyValidationErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof AwsError) || error.code !== 'ValidationException') throw error;
  }
}

const attributes = (): ExpressionAttributes => new ExpressionAttributes(NAMES, VALUES);
const KINDS: ExpressionKind[] = ['ConditionExpression', 'FilterExpression', 'KeyConditionExpression'];

describe('expression parsers never crash', () => {
  it('conditions and key conditions', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...KINDS), (text, kind) => {
        onlyValidationErrors(() => {
          const condition = parseCondition(text, kind, attributes());
          evaluateCondition(LAB_ITEM, condition);
          planKeyCondition(condition, { name: 'weather_station', type: 'S' }, { name: 'time', type: 'S' });
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('update expressions', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        onlyValidationErrors(() => applyUpdate(LAB_ITEM, parseUpdate(text, attributes())));
      }),
      { numRuns: 3000 },
    );
  });

  it('projection expressions', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        onlyValidationErrors(() => projectItem(LAB_ITEM, parseProjection(text, attributes())));
      }),
      { numRuns: 2000 },
    );
  });

  it('PartiQL statements', () => {
    const partiqlTokens = fc
      .array(
        fc.constantFrom(
          'SELECT',
          '*',
          'FROM',
          '"weather"',
          'weather',
          'WHERE',
          'a',
          '=',
          '<',
          "'x'",
          '12',
          '-',
          '?',
          'AND',
          'OR',
          'NOT',
          'IN',
          '[',
          ']',
          '(',
          ')',
          ',',
          '.',
          'IS',
          'MISSING',
          'NULL',
          'BETWEEN',
          'begins_with',
          '"',
        ),
        { maxLength: 20 },
      )
      .map((tokens) => tokens.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), partiqlTokens), (statement) => {
        onlyValidationErrors(() => {
          const select = parseSelect(statement, [{ S: 'x' }]);
          if (select.where) evaluateCondition(LAB_ITEM, select.where);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the well-formed expressions in the soup too (the property is not vacuous)', () => {
    expect(() => parseCondition('a = :s AND NOT #t < :n', 'FilterExpression', attributes())).not.toThrow();
    expect(() => parseUpdate('SET a = :n REMOVE b.c', attributes())).not.toThrow();
  });
});
