import type { Column } from '@aws-sdk/client-glue';
import { invalidInput } from './errors.js';

/**
 * GetPartitions `Expression`: a SQL-like filter on partition keys (AWS Glue API docs,
 * GetPartitions): `=`, `<>`/`!=`, `<`, `<=`, `>`, `>=`, `BETWEEN … AND …`, `IN (…)`, `LIKE`, `AND`,
 * `OR`, `NOT` and parentheses. Keys of an integer type compare as numbers, others as strings.
 */
export type PartitionFilter = (values: readonly string[]) => boolean;

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(<=|>=|<>|!=|[=<>(),])|([A-Za-z_][A-Za-z0-9_]*)|(\S))/y;
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'int', 'integer', 'bigint']);

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < expression.length && (match = TOKEN.exec(expression))) {
    const [, number, string, symbol, word, other] = match;
    if (other !== undefined) throw invalidInput(`Unsupported expression: unexpected '${other}'`);
    if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (string !== undefined) tokens.push({ kind: 'string', text: string.replace(/''/g, "'") });
    else if (symbol !== undefined) tokens.push({ kind: 'symbol', text: symbol });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word });
    if (expression.slice(TOKEN.lastIndex).trim() === '') break;
  }
  return tokens;
}

export function compilePartitionExpression(expression: string, keys: readonly Column[]): PartitionFilter {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isWord = (word: string): boolean => peek()?.kind === 'word' && peek()?.text.toUpperCase() === word;
  const expect = (text: string): void => {
    const token = tokens[position++];
    if (token?.text.toUpperCase() !== text) throw invalidInput(`Unsupported expression: expected ${text} in ${expression}`);
  };

  const literal = (): string => {
    const token = tokens[position++];
    if (token?.kind !== 'string' && token?.kind !== 'number') throw invalidInput(`Unsupported expression: expected a value in ${expression}`);
    return token.text;
  };

  const comparison = (): PartitionFilter => {
    const keyToken = tokens[position++];
    const index = keys.findIndex((key) => key.Name?.toLowerCase() === keyToken?.text.toLowerCase());
    if (keyToken?.kind !== 'word' || index < 0) throw invalidInput(`Unknown partition key ${keyToken?.text ?? ''} in expression ${expression}`);
    const numeric = INTEGER_TYPES.has((keys[index]?.Type ?? 'string').toLowerCase());
    const compare = (left: string, right: string): number =>
      numeric ? Number(left) - Number(right) : left < right ? -1 : left > right ? 1 : 0;
    const value = (values: readonly string[]): string => values[index] ?? '';
    const negated = isWord('NOT') ? (position++, true) : false;
    let test: PartitionFilter;
    if (isWord('BETWEEN')) {
      position++;
      const low = literal();
      expect('AND');
      const high = literal();
      test = (values) => compare(value(values), low) >= 0 && compare(value(values), high) <= 0;
    } else if (isWord('IN')) {
      position++;
      expect('(');
      const options = [literal()];
      while (peek()?.text === ',') {
        position++;
        options.push(literal());
      }
      expect(')');
      test = (values) => options.some((option) => compare(value(values), option) === 0);
    } else if (isWord('LIKE')) {
      position++;
      const pattern = literal();
      const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
      test = (values) => regex.test(value(values));
    } else {
      const operator = tokens[position++]?.text ?? '';
      const right = literal();
      const tests: Record<string, (order: number) => boolean> = {
        '=': (order) => order === 0,
        '<>': (order) => order !== 0,
        '!=': (order) => order !== 0,
        '<': (order) => order < 0,
        '<=': (order) => order <= 0,
        '>': (order) => order > 0,
        '>=': (order) => order >= 0,
      };
      const accept = tests[operator];
      if (!accept) throw invalidInput(`Unsupported expression: unknown operator '${operator}' in ${expression}`);
      test = (values) => accept(compare(value(values), right));
    }
    return negated ? (values) => !test(values) : test;
  };

  const primary = (): PartitionFilter => {
    if (isWord('NOT')) {
      position++;
      const inner = primary();
      return (values) => !inner(values);
    }
    if (peek()?.text === '(') {
      position++;
      const inner = disjunction();
      expect(')');
      return inner;
    }
    return comparison();
  };

  const conjunction = (): PartitionFilter => {
    let left = primary();
    while (isWord('AND')) {
      position++;
      const [a, b] = [left, primary()];
      left = (values) => a(values) && b(values);
    }
    return left;
  };

  function disjunction(): PartitionFilter {
    let left = conjunction();
    while (isWord('OR')) {
      position++;
      const [a, b] = [left, conjunction()];
      left = (values) => a(values) || b(values);
    }
    return left;
  }

  const filter = disjunction();
  if (position < tokens.length) throw invalidInput(`Unsupported expression: unexpected '${tokens[position]?.text ?? ''}' in ${expression}`);
  return filter;
}
