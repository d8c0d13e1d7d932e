/**
 * A lexer for Athena SQL (Trino's lexical rules, as far as the lab needs them): words, "quoted"
 * and `backquoted` identifiers, 'strings' with '' escapes, numbers, comments, operators. Every token
 * keeps its offset in the submitted text, so errors can say `line L:C` as Athena does (1-based line
 * and column of the offending token, columns counted in UTF-16 units).
 */

export type TokenKind =
  'word' | 'quoted' | 'backquoted' | 'string' | 'number' | 'symbol' | 'space' | 'comment';

export interface Token {
  kind: TokenKind;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  /**
   * word: upper-cased (to compare with keywords); quoted/backquoted: the name inside, lower-cased
   * (Athena folds every identifier to lower case); string: the content with '' unescaped;
   * otherwise the text.
   */
  value: string;
}

/** A syntax error: StartQueryExecution refuses the query (MALFORMED_QUERY) with `line L:C: <message>`. */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the submitted text of the offending token. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}

const SYMBOLS = [
  '<>',
  '!=',
  '<=',
  '>=',
  '||',
  '->',
  '=>',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  ';',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '<',
  '>',
  '?',
  ':',
];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string): void => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, start: i, end, value: value ?? text });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const rest = sql.slice(i);
    if (/\s/.test(c)) {
      push('space', i + (/^\s+/.exec(rest)?.[0].length ?? 1));
    } else if (rest.startsWith('--')) {
      const newline = sql.indexOf('\n', i);
      push('comment', newline === -1 ? sql.length : newline);
    } else if (rest.startsWith('/*')) {
      const close = sql.indexOf('*/', i + 2);
      if (close === -1) throw new SqlSyntaxError(`mismatched input '<EOF>'. Expecting: '*/'`, sql.length);
      push('comment', close + 2);
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i, c);
      const inner = sql.slice(i + 1, end - 1).replaceAll(c + c, c);
      if (c === "'") push('string', end, inner);
      else push(c === '"' ? 'quoted' : 'backquoted', end, inner.toLowerCase());
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
      const length = match?.[0].length ?? 1;
      if (/[A-Za-z_]/.test(sql[i + length] ?? '')) {
        throw new SqlSyntaxError(
          'identifiers must not start with a digit; surround the identifier with double quotes',
          i,
        );
      }
      push('number', i + length);
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? c;
      push('word', i + word.length, word.toUpperCase());
    } else {
      const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
      if (!symbol) throw new SqlSyntaxError(`token recognition error at: '${c}'`, i);
      push('symbol', i + symbol.length);
    }
  }
  return tokens;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next === -1) {
      throw new SqlSyntaxError(`token recognition error at: '${sql.slice(start, start + 20)}'`, start);
    }
    if (sql[next + 1] === quote) i = next + 2;
    else return next + 1;
  }
}

/** 1-based line and column of an offset, as Athena prints them (`line 1:15`). */
export function lineColumn(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, Math.min(offset, sql.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** `line L:C` for an offset. */
export function at(sql: string, offset: number): string {
  const { line, column } = lineColumn(sql, offset);
  return `line ${line}:${column}`;
}

export const isSignificant = (token: Token): boolean => token.kind !== 'space' && token.kind !== 'comment';

/** A word or an identifier in quotes: what can name a column, a table or a database. */
export const isName = (token: Token | undefined): token is Token =>
  token !== undefined && (token.kind === 'word' || token.kind === 'quoted' || token.kind === 'backquoted');

/** The name a word or quoted identifier stands for (lower case: Athena folds identifiers). */
export const nameOf = (token: Token): string =>
  token.kind === 'word' ? token.text.toLowerCase() : token.value;

export const isWord = (token: Token | undefined, ...words: string[]): boolean =>
  token?.kind === 'word' && words.includes(token.value);

export const isSymbol = (token: Token | undefined, ...symbols: string[]): boolean =>
  token?.kind === 'symbol' && symbols.includes(token.text);

/**
 * Trino's reserved words (docs: language/reserved). They cannot be used unquoted as names, and a
 * reserved word followed by `(` is syntax (`IN (`, `EXISTS (`), never a function call.
 */
export const RESERVED = new Set(
  `ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_CATALOG CURRENT_DATE CURRENT_PATH
  CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE DELETE DESCRIBE DISTINCT DROP
  ELSE END ESCAPE EXCEPT EXECUTE EXISTS EXTRACT FALSE FOR FROM FULL GROUP GROUPING HAVING IN INNER INSERT INTERSECT
  INTO IS JOIN JSON_ARRAY JSON_EXISTS JSON_OBJECT JSON_QUERY JSON_TABLE JSON_VALUE LEFT LIKE LISTAGG LOCALTIME
  LOCALTIMESTAMP NATURAL NORMALIZE NOT NULL ON OR ORDER OUTER PREPARE RECURSIVE RIGHT ROLLUP SELECT SKIP TABLE THEN
  TRIM TRUE UESCAPE UNION UNNEST USING VALUES WHEN WHERE WITH`.split(/\s+/),
);

/** Significant tokens with their index in the full list (whitespace and comments dropped). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter(isSignificant);
}

/** Index of the `)` (or `]`) that closes the bracket at `open` in a list of significant tokens; -1 if none. */
export function closingIndex(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i];
    if (isSymbol(token, '(', '[')) depth++;
    else if (isSymbol(token, ')', ']') && --depth === 0) return i;
  }
  return -1;
}
