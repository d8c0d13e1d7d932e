/** Tokens of AWS IoT SQL. Keywords are case-insensitive; JSON names stay case-sensitive. */
import { END_TOKEN, SqlParseError } from './errors.js';

export type TokenKind = 'word' | 'number' | 'string' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** As written in the source. */
  readonly text: string;
  /** Words: upper-cased; strings: the unescaped contents; others: the text. */
  readonly value: string;
  /** The quote of a string literal. */
  readonly quote?: "'" | '"';
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

const OPERATORS = [
  '<>',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
];

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

function matchAt(pattern: RegExp, source: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0] ?? source.charAt(at);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Characters students paste from documents and PDFs, with what they meant. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2013': "'-' (this is an en dash)",
  '\u2014': "'-' (this is an em dash)",
  '\u2018': "a straight single quote ' (this is a curly quote)",
  '\u2019': "a straight single quote ' (this is a curly quote)",
  '\u201c': 'a straight double quote " (this is a curly quote)',
  '\u201d': 'a straight double quote " (this is a curly quote)',
};

/** Positions are reported relative to `base` (templates lex a slice of an action field). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export function positionAt(
  source: string,
  offset: number,
  base: SourcePosition = { line: 1, column: 1 },
): SourcePosition {
  let line = base.line;
  let column = base.column;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

export function tokenize(source: string, base?: SourcePosition): Token[] {
  const tokens: Token[] = [];
  let line = base?.line ?? 1;
  let column = base?.column ?? 1;
  let i = 0;

  const fail = (detail: string, text: string): never => {
    throw new SqlParseError(detail, line, column, text);
  };
  const push = (kind: TokenKind, text: string, value: string, quote?: "'" | '"'): void => {
    tokens.push({ kind, text, value, offset: i, line, column, ...(quote ? { quote } : {}) });
  };
  const advance = (text: string): void => {
    for (const ch of text) {
      if (ch === '\n') {
        line++;
        column = 1;
      } else column += ch.length;
    }
    i += text.length;
  };

  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      advance(ch);
      continue;
    }
    const rest = source.slice(i, i + 2);
    // AWS: "Comments are not currently supported in AWS IoT SQL syntax" (iot-sql-reference).
    if (rest === '--' || rest === '/*') fail('comments are not supported in AWS IoT SQL', rest);
    if (/[A-Za-z_]/.test(ch)) {
      const word = matchAt(WORD, source, i);
      push('word', word, word.toUpperCase());
      advance(word);
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const num = matchAt(NUMBER, source, i);
      push('number', num, num);
      advance(num);
      continue;
    }
    if (ch === "'" || ch === '"') {
      const [text, value] = readString(source, i, ch, () =>
        fail(`unterminated string literal; close it with ${ch}`, ch),
      );
      push('string', text, value, ch);
      advance(text);
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op !== undefined) {
      push('op', op, op);
      advance(op);
      continue;
    }
    const point = String.fromCodePoint(source.codePointAt(i) ?? 0);
    if (point === '$') fail('variables ($name) and the SET clause are not supported here', point);
    if (point === '#')
      fail("'#' is only valid inside a topic filter in single quotes, e.g. FROM 'sensor/#'", point);
    if (point === ';') fail("a rule statement does not end with ';'", point);
    const lookalike = LOOKALIKES[point];
    if (lookalike !== undefined) fail(`unexpected character; did you mean ${lookalike}?`, point);
    fail('unexpected character', point);
  }
  tokens.push({ kind: 'eof', text: END_TOKEN, value: '', offset: i, line, column });
  return tokens;
}

function readString(
  source: string,
  start: number,
  quote: string,
  onUnterminated: () => never,
): [string, string] {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === quote) return [source.slice(start, i + 1), value];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      const simple = ESCAPES[next];
      const hex = source.slice(i + 2, i + 6);
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        // Unknown escapes stay as written, so regular expressions such as "\d+" survive [V].
        value += ch + next;
        i += next === '' ? 1 : 2;
      }
      continue;
    }
    value += ch;
    i++;
  }
  return onUnterminated();
}
