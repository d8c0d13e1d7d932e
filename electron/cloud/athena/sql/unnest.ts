import { closingIndex, isName, isSymbol, isWord, nameOf, RESERVED, type Token } from './tokens.js';

/**
 * The lab's `FROM t CROSS JOIN UNNEST(a) AS u(x) [CROSS JOIN UNNEST(b) AS v(y) …]` runs as a
 * lateral join in DuckDB, several times slower than DuckDB's own form, `SELECT *, unnest(a) AS x
 * FROM t` (measured on 1,000,000 lab records: 2.1 s against 0.6 s from JSON, 3.5 s against 0.3 s from
 * Parquet; test/bench/athena.bench.ts). Both
 * give one row per element and drop rows whose array is empty or NULL, so the translator writes
 * the chain as nested subqueries — one per UNNEST, each named as the table was, so `t.col` still
 * resolves. Only the plain shape is rewritten (one table, one column alias per UNNEST, nothing
 * joined after, the UNNEST aliases never used as qualifiers); anything else runs as written.
 */

export interface UnnestChain {
  /** Token range of the table and its alias, right after FROM. */
  relation: [number, number];
  /** What the query calls the table. */
  alias: string;
  unnests: { expression: [number, number]; column: Token }[];
  /** Index of the first token after the chain. */
  end: number;
}

const CHAIN_END = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'OFFSET',
  'FETCH',
  'WINDOW',
]);
const NOT_ALIAS = new Set([
  'CROSS',
  'LEFT',
  'RIGHT',
  'FULL',
  'INNER',
  'NATURAL',
  'JOIN',
  'TABLESAMPLE',
  'LIMIT',
  'OFFSET',
  'WINDOW',
  'FETCH',
]);

const isAlias = (token: Token | undefined): token is Token =>
  isName(token) && !(token.kind === 'word' && (RESERVED.has(token.value) || NOT_ALIAS.has(token.value)));

/** Whether `name .` appears in the query outside [from, to). */
function usedAsQualifier(tokens: readonly Token[], name: string, from = 0, to = 0): boolean {
  return tokens.some(
    (token, i) =>
      (i < from || i >= to) && isName(token) && nameOf(token) === name && isSymbol(tokens[i + 1], '.'),
  );
}

function chainAt(tokens: readonly Token[], from: number): UnnestChain | undefined {
  let i = from;
  const parts: string[] = [];
  while (isName(tokens[i])) {
    parts.push(nameOf(tokens[i] as Token));
    if (!isSymbol(tokens[i + 1], '.')) break;
    i += 2;
  }
  if (!parts.length || (tokens[from]?.kind === 'word' && RESERVED.has(tokens[from]?.value ?? '')))
    return undefined;
  i++;
  let alias = parts.at(-1) ?? '';
  if (isWord(tokens[i], 'AS') && isAlias(tokens[i + 1])) {
    alias = nameOf(tokens[i + 1] as Token);
    i += 2;
  } else if (isAlias(tokens[i])) {
    alias = nameOf(tokens[i] as Token);
    i++;
  }
  const relation: [number, number] = [from, i];
  const unnests: UnnestChain['unnests'] = [];
  while (
    isWord(tokens[i], 'CROSS') &&
    isWord(tokens[i + 1], 'JOIN') &&
    isWord(tokens[i + 2], 'UNNEST') &&
    isSymbol(tokens[i + 3], '(')
  ) {
    const close = closingIndex(tokens, i + 3);
    if (close === -1) return undefined;
    let k = close + 1;
    if (isWord(tokens[k], 'AS')) k++;
    const tableAlias = tokens[k];
    const column = tokens[k + 2];
    if (
      !isAlias(tableAlias) ||
      !isSymbol(tokens[k + 1], '(') ||
      !isName(column) ||
      !isSymbol(tokens[k + 3], ')')
    )
      return undefined;
    if (usedAsQualifier(tokens, nameOf(tableAlias))) return undefined;
    unnests.push({ expression: [i + 4, close], column });
    i = k + 4;
  }
  const next = tokens[i];
  const ends =
    next === undefined || isSymbol(next, ')', ';') || (next.kind === 'word' && CHAIN_END.has(next.value));
  if (!unnests.length || !ends) return undefined;
  // `"db"."t".col` cannot name the subquery: keep such queries as written.
  if (
    parts.length > 1 &&
    tokens.some(
      (token, k) =>
        isName(token) &&
        nameOf(token) === parts.at(-2) &&
        isSymbol(tokens[k + 1], '.') &&
        isName(tokens[k + 2]) &&
        nameOf(tokens[k + 2] as Token) === parts.at(-1) &&
        isSymbol(tokens[k + 3], '.'),
    )
  ) {
    return undefined;
  }
  return { relation, alias, unnests, end: i };
}

/** The rewritable chains, by the index of the token right after their FROM. */
export function findUnnestChains(tokens: readonly Token[]): Map<number, UnnestChain> {
  const chains = new Map<number, UnnestChain>();
  tokens.forEach((token, i) => {
    if (!isWord(token, 'FROM')) return;
    const chain = chainAt(tokens, i + 1);
    if (chain) chains.set(i + 1, chain);
  });
  return chains;
}
