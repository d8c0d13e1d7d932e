import { QueryFailure } from '../errors.js';
import { translateCastType } from './cast-types.js';
import { FUNCTIONS, SPECIAL_FORMS, UnsupportedCall, type CallArgument } from './functions.js';
import { SqlOutput } from './output.js';
import {
  at,
  closingIndex,
  isName,
  isSymbol,
  isWord,
  nameOf,
  RESERVED,
  SqlSyntaxError,
  type Token,
} from './tokens.js';
import { findUnnestChains, type UnnestChain } from './unnest.js';

/**
 * Athena (Trino) query text → DuckDB query text, token by token: DuckDB already reads most of
 * Trino's syntax (`"db"."table"`, `CROSS JOIN UNNEST(a) AS t(x)`, struct field access, lambdas), so
 * the translator only rewrites what differs — function names and arguments (functions.ts), CAST
 * types, decimal literals (double in Athena, decimal in DuckDB) — names the output columns as
 * Trino does, and refuses DuckDB-only syntax Athena would refuse.
 */

export interface QueryTranslation {
  sql: string;
  /** Maps a position in `sql` back to the student's text. */
  output: SqlOutput;
}

/** Output columns Trino leaves unnamed get this prefix; the engine renames them `_col<N>` (N = position). */
export const UNNAMED_PREFIX = '__athena_expr_';

/** Words DuckDB understands and Trino does not: accepting them would teach SQL that fails on AWS. */
const DUCKDB_ONLY = new Set([
  'ILIKE',
  'GLOB',
  'QUALIFY',
  'PIVOT',
  'UNPIVOT',
  'ASOF',
  'POSITIONAL',
  'ANTI',
  'SEMI',
]);

/** Clause keywords that end a SELECT list. */
const SELECT_LIST_END = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'FETCH',
]);

const mismatched = (token: Token | undefined, end: number, expecting?: string): SqlSyntaxError =>
  new SqlSyntaxError(
    `mismatched input '${token?.text ?? '<EOF>'}'${expecting ? `. Expecting: ${expecting}` : ''}`,
    token?.start ?? end,
  );

/** Indexes of CTE names (`WITH name [(columns)] AS (…)`): `name(` there is not a function call. */
export function cteNameIndexes(tokens: readonly Token[]): Set<number> {
  const names = new Set<number>();
  tokens.forEach((token, index) => {
    if (!isWord(token, 'WITH')) return;
    let i = index + 1;
    if (isWord(tokens[i], 'RECURSIVE')) i++;
    for (;;) {
      if (!isName(tokens[i])) return;
      names.add(i++);
      if (isSymbol(tokens[i], '(')) i = closingIndex(tokens, i) + 1;
      if (!isWord(tokens[i], 'AS') || !isSymbol(tokens[i + 1], '(')) return;
      i = closingIndex(tokens, i + 1) + 1;
      if (i <= 0 || !isSymbol(tokens[i], ',')) return;
      i++;
    }
  });
  return names;
}

type SelectItem = { end: number; alias: string | undefined };

/** The outermost SELECT's items and the alias each needs so that DuckDB names it as Trino would. */
function mainSelectItems(tokens: readonly Token[], sourceEnd: number): SelectItem[] {
  let start = 0;
  if (isWord(tokens[0], 'WITH')) {
    // Past the CTE list: the main query is the first SELECT at depth 0.
    let depth = 0;
    start = tokens.findIndex((token) => {
      if (isSymbol(token, '(')) depth++;
      else if (isSymbol(token, ')')) depth--;
      return depth === 0 && isWord(token, 'SELECT');
    });
  }
  if (!isWord(tokens[start], 'SELECT')) return [];
  let i = start + 1;
  if (isWord(tokens[i], 'DISTINCT', 'ALL')) i++;
  const items: SelectItem[] = [];
  let itemStart = i;
  for (let depth = 0; ; i++) {
    const token = tokens[i];
    const ends =
      token === undefined ||
      (depth === 0 &&
        (isSymbol(token, ',', ')', ';') || (token.kind === 'word' && SELECT_LIST_END.has(token.value))));
    if (ends) {
      if (itemStart === i) {
        throw mismatched(
          token,
          sourceEnd,
          items.length === 0 ? "'*', 'ALL', 'DISTINCT', <expression>" : '<expression>',
        );
      }
      items.push({ end: i - 1, alias: aliasFor(tokens.slice(itemStart, i), items.length) });
      if (!isSymbol(token, ',')) return items;
      itemStart = i + 1;
      continue;
    }
    if (isSymbol(token, '(', '[')) depth++;
    else if (isSymbol(token, ')', ']')) depth--;
  }
}

/** undefined when the item already names its column (an alias, a star) as DuckDB will. */
function aliasFor(item: readonly Token[], index: number): string | undefined {
  const last = item.at(-1);
  const previous = item.at(-2);
  if (isSymbol(last, '*')) return undefined;
  const nameToken = (token: Token | undefined): boolean =>
    token !== undefined && (token.kind === 'quoted' || (token.kind === 'word' && !RESERVED.has(token.value)));
  if (item.length >= 2 && nameToken(last)) {
    if (isWord(previous, 'AS')) return undefined;
    const endsExpression =
      previous !== undefined &&
      (isSymbol(previous, ')', ']') ||
        previous.kind === 'string' ||
        previous.kind === 'number' ||
        nameToken(previous)) &&
      !isWord(item.at(-3), 'INTERVAL');
    if (endsExpression) return undefined;
  }
  // A column or a field: `a`, `t.a`, `"db"."t".a`, `air_temperature.value` → its last name.
  const dereference = item.every((token, i) => (i % 2 === 0 ? nameToken(token) : isSymbol(token, '.')));
  if (dereference && item.length % 2 === 1 && last) return nameOf(last);
  return `${UNNAMED_PREFIX}${index}`;
}

/** Splits `(a, b, c)` (the call's parenthesis at `open`, its match at `close`) into argument ranges. */
function argumentRanges(tokens: readonly Token[], open: number, close: number): [number, number][] {
  const ranges: [number, number][] = [];
  if (close === open + 1) return ranges;
  let start = open + 1;
  for (let i = open + 1, depth = 0; i <= close; i++) {
    const token = tokens[i];
    if (i === close || (depth === 0 && isSymbol(token, ','))) {
      ranges.push([start, i]);
      start = i + 1;
    } else if (isSymbol(token, '(', '[')) depth++;
    else if (isSymbol(token, ')', ']')) depth--;
  }
  return ranges;
}

export function translateQuery(
  sql: string,
  tokens: readonly Token[],
  parameters: readonly string[] = [],
): QueryTranslation {
  const cteNames = cteNameIndexes(tokens);
  const unnestChains = findUnnestChains(tokens);
  const sourceEnd = tokens.at(-1)?.end ?? sql.length;
  const injections = new Map(
    mainSelectItems(tokens, sourceEnd).flatMap((item) =>
      item.alias ? [[item.end, item.alias] as const] : [],
    ),
  );
  let parameterIndex = 0;

  const isCall = (i: number): boolean => {
    const token = tokens[i];
    if (token?.kind !== 'word' || !isSymbol(tokens[i + 1], '(') || cteNames.has(i)) return false;
    const previous = tokens[i - 1];
    // `AS t(x)`, `UNNEST(a) t(x)`, `table alias(x)`: column aliases, not calls.
    if (isWord(previous, 'AS') || isSymbol(previous, ')')) return false;
    if (
      previous &&
      (previous.kind === 'quoted' || (previous.kind === 'word' && !RESERVED.has(previous.value)))
    )
      return false;
    return true;
  };

  const translateRange = (from: number, to: number, chains = true): SqlOutput => {
    const out = new SqlOutput();
    for (let i = from; i < to;) {
      const token = tokens[i] as Token;
      if (i > from) out.push(sql.slice((tokens[i - 1] as Token).end, token.start), token.start);
      const chain = chains ? unnestChains.get(i) : undefined;
      const next = chain ? translateUnnestChain(chain, out) : translateAt(i, out);
      for (let consumed = i; consumed < next; consumed++) {
        const alias = injections.get(consumed);
        if (alias !== undefined) out.push(` AS "${alias.replaceAll('"', '""')}"`, token.start);
      }
      i = next;
    }
    return out;
  };

  /** `t CROSS JOIN UNNEST(a) AS u(x) …` → `(SELECT *, unnest(a) AS x FROM t) AS "t"` …, nested (see unnest.ts). */
  const translateUnnestChain = (chain: UnnestChain, out: SqlOutput): number => {
    const start = (tokens[chain.relation[0]] as Token).start;
    let inner = translateRange(...chain.relation, false);
    for (const { expression, column } of chain.unnests) {
      inner = new SqlOutput()
        .push('(SELECT *, unnest(', column.start)
        .append(translateRange(...expression))
        .push(`) AS ${column.text} FROM `, column.start)
        .append(inner)
        .push(`) AS "${chain.alias.replaceAll('"', '""')}"`, start);
    }
    out.append(inner);
    return chain.end;
  };

  /** Translates the construct starting at token i into out; returns the index after it. */
  const translateAt = (i: number, out: SqlOutput): number => {
    const token = tokens[i] as Token;
    const previous = tokens[i - 1];
    switch (token.kind) {
      case 'backquoted':
        throw new SqlSyntaxError(
          'backquoted identifiers are not supported; use double quotes to quote identifiers',
          token.start,
        );
      case 'number':
        // Athena types a decimal literal (1.5) as double; DuckDB as decimal.
        out.push(
          /[eE]/.test(token.text) || !token.text.includes('.') ? token.text : `CAST(${token.text} AS DOUBLE)`,
          token.start,
        );
        return i + 1;
      case 'string':
        if (isWord(previous, 'FROM', 'JOIN')) throw mismatched(token, sourceEnd);
        out.push(token.text, token.start);
        return i + 1;
      case 'symbol':
        return translateSymbol(i, out);
      case 'word':
        if (DUCKDB_ONLY.has(token.value)) throw mismatched(token, sourceEnd);
        // `FROM f(…)`: a DuckDB table function (read_json, read_csv…); Athena's grammar has none.
        if (
          isWord(previous, 'FROM', 'JOIN') &&
          isSymbol(tokens[i + 1], '(') &&
          !isWord(token, 'UNNEST', 'LATERAL', 'TABLE')
        ) {
          throw mismatched(tokens[i + 1], sourceEnd);
        }
        if (isCall(i)) return translateCall(i, out);
        out.push(token.text, token.start);
        return i + 1;
      default:
        out.push(token.text, token.start);
        return i + 1;
    }
  };

  const translateSymbol = (i: number, out: SqlOutput): number => {
    const token = tokens[i] as Token;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (token.text === ':') throw new SqlSyntaxError("token recognition error at: ':'", token.start);
    if (token.text === '?') {
      const parameter = parameters[parameterIndex++];
      if (parameter === undefined) {
        throw new QueryFailure(
          'INVALID_PARAMETER_USAGE',
          `${at(sql, token.start)}: Incorrect number of parameters: expected ${parameterIndex} but found ${parameters.length}`,
        );
      }
      out.push(parameter, token.start);
      return i + 1;
    }
    if (token.text === ',' && next?.kind === 'word' && SELECT_LIST_END.has(next.value))
      throw mismatched(next, sourceEnd, '<expression>');
    if (token.text === '*' && isWord(next, 'EXCLUDE', 'REPLACE', 'RENAME')) throw mismatched(next, sourceEnd);
    if (token.text === '[') {
      // `[1, 2]` is a DuckDB list; Trino writes ARRAY[1, 2]. `a[1]` (a subscript) is fine.
      const subscript =
        previous &&
        ((isName(previous) && !(previous.kind === 'word' && RESERVED.has(previous.value))) ||
          isSymbol(previous, ')', ']') ||
          previous.kind === 'string');
      if (!subscript && !isWord(previous, 'ARRAY')) throw mismatched(token, sourceEnd);
    }
    out.push(token.text, token.start);
    return i + 1;
  };

  const translateCall = (i: number, out: SqlOutput): number => {
    const token = tokens[i] as Token;
    const close = closingIndex(tokens, i + 1);
    if (close === -1) throw mismatched(undefined, sourceEnd);
    const inner = (): SqlOutput => (close > i + 2 ? translateRange(i + 2, close) : new SqlOutput());
    const open = `${sql.slice(token.end, (tokens[i + 1] as Token).start)}(`;
    const name = nameOf(token);
    if (RESERVED.has(token.value) && !SPECIAL_FORMS.has(token.value)) {
      out.push(token.text, token.start).push(open, token.start).append(inner()).push(')', token.start);
      return close + 1;
    }
    if (token.value === 'CAST' || token.value === 'TRY_CAST') {
      let depth = 0;
      let as = -1;
      for (let k = i + 2; k < close && as === -1; k++) {
        if (isSymbol(tokens[k], '(', '[')) depth++;
        else if (isSymbol(tokens[k], ')', ']')) depth--;
        else if (depth === 0 && isWord(tokens[k], 'AS')) as = k;
      }
      if (as === -1) throw mismatched(tokens[close], sourceEnd, "'AS'");
      const type = translateCastType(sql, tokens.slice(as + 1, close));
      out
        .push(`${token.value}(`, token.start)
        .append(translateRange(i + 2, as))
        .push(` AS ${type})`, token.start);
      return close + 1;
    }
    if (token.value === 'UNNEST' && argumentRanges(tokens, i + 1, close).length > 1) {
      throw new QueryFailure(
        'NOT_SUPPORTED',
        `${at(sql, token.start)}: UNNEST of several arrays at once is not supported by the offline engine; unnest them one at a time`,
      );
    }
    if (SPECIAL_FORMS.has(token.value)) {
      out.push(token.text, token.start).push(open, token.start).append(inner()).push(')', token.start);
      return close + 1;
    }
    const spec = FUNCTIONS[name];
    if (!spec || spec.kind === 'unsupported') {
      const why = spec ? ' (an Athena function the offline engine does not implement; it works on AWS)' : '';
      throw new QueryFailure(
        'FUNCTION_NOT_FOUND',
        `${at(sql, token.start)}: Function '${name}' not registered${why}`,
      );
    }
    if (spec.kind === 'same' || spec.kind === 'rename') {
      out
        .push(spec.kind === 'rename' ? spec.to : token.text, token.start)
        .push(open, token.start)
        .append(inner())
        .push(')', token.start);
      return close + 1;
    }
    const args: CallArgument[] = argumentRanges(tokens, i + 1, close).map(([from, to]) => ({
      sql: translateRange(from, to),
      tokens: tokens.slice(from, to),
    }));
    try {
      out.pieces(spec.build(args, name), token.start);
    } catch (error) {
      if (!(error instanceof UnsupportedCall)) throw error;
      throw new QueryFailure(
        'NOT_SUPPORTED',
        `${at(sql, token.start)}: ${name} with ${error.message} is not supported by the offline engine`,
      );
    }
    return close + 1;
  };

  const output = translateRange(0, tokens.length);
  return { sql: output.toString(), output };
}
