import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt, statementToRun } from './statements';

describe('splitStatements', () => {
  it.each([
    ['one statement', 'SELECT 1', ['SELECT 1']],
    ['trailing semicolon', 'SELECT 1;', ['SELECT 1']],
    ['two statements', 'SELECT 1;\nSELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['blank statements', ';; SELECT 1 ;\n\n;', ['SELECT 1']],
    ['semicolon in a string', "SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", 'SELECT 2']],
    ['doubled quote in a string', "SELECT 'it''s; ok'; SELECT 2", ["SELECT 'it''s; ok'", 'SELECT 2']],
    ['semicolon in a quoted name', 'SELECT "a;b" FROM t; SELECT 2', ['SELECT "a;b" FROM t', 'SELECT 2']],
    ['line comment', 'SELECT 1 -- not; here\n; SELECT 2', ['SELECT 1 -- not; here', 'SELECT 2']],
    ['block comment', 'SELECT /* ; */ 1; SELECT 2', ['SELECT /* ; */ 1', 'SELECT 2']],
    ['only comments are no statement', '-- note;\n/* x */;SELECT 3', ['SELECT 3']],
    ['unclosed string runs to the end', "SELECT 'a; b", ["SELECT 'a; b"]],
    ['empty text', '   ', []],
  ])('%s', (_name, text, expected) => {
    expect(splitStatements(text).map((statement) => statement.text)).toEqual(expected);
  });

  it('gives offsets into the text', () => {
    const text = '  SELECT 1 ;\n SELECT 2';
    for (const statement of splitStatements(text))
      expect(text.slice(statement.from, statement.to)).toBe(statement.text);
  });
});

describe('statementAt', () => {
  const text = 'SELECT 1;\n\nSELECT 2;\nSELECT 3';
  it.each([
    ['start of text', 0, 'SELECT 1'],
    ['inside the first', 4, 'SELECT 1'],
    ['right after the first semicolon', 9, 'SELECT 1'],
    ['blank line after the first', 10, 'SELECT 1'],
    ['start of the second', 11, 'SELECT 2'],
    ['end of text', text.length, 'SELECT 3'],
  ])('%s', (_name, cursor, expected) => {
    expect(statementAt(text, cursor)?.text).toBe(expected);
  });

  it('before the first statement, the first', () => {
    expect(statementAt('\n\n  SELECT 1; SELECT 2', 0)?.text).toBe('SELECT 1');
  });
  it('no statement in blank text', () => {
    expect(statementAt('  \n', 1)).toBeUndefined();
  });
});

describe('statementToRun', () => {
  const text = 'SELECT 1;\nSELECT 2;';
  it.each([
    ['cursor only: the statement there', { from: 12, to: 12 }, 'SELECT 2'],
    ['a selection: exactly it', { from: 0, to: 8 }, 'SELECT 1'],
    ['a selection with its semicolon', { from: 0, to: 9 }, 'SELECT 1'],
    ['a backwards selection', { from: 8, to: 0 }, 'SELECT 1'],
    ['a blank selection: the statement at the cursor', { from: 9, to: 10 }, 'SELECT 1'],
    ['a selection of two statements: both', { from: 0, to: text.length }, 'SELECT 1;\nSELECT 2'],
  ])('%s', (_name, selection, expected) => {
    expect(statementToRun(text, selection)?.text).toBe(expected);
  });
});
