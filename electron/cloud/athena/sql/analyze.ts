import { cteNameIndexes } from './translate.js';
import { isName, isSymbol, isWord, nameOf, RESERVED, SqlSyntaxError, type Token } from './tokens.js';

/**
 * What a query reads, found from its tokens: the tables it names (to resolve them in the Glue
 * catalog and list their files), the WHERE conditions on partition columns that let whole
 * partitions be skipped before any file is read, whether it selects `*`, and every name it uses.
 * Conservative by design: a condition it does not understand prunes nothing.
 */

export interface RelationReference {
  /** The name as written, lower-cased, 1 to 3 parts (`t`, `db.t`, `awsdatacatalog.db.t`). */
  parts: string[];
  /** Offset of the name in the submitted text. */
  start: number;
  /** What the query calls it: its alias, else its table name. */
  alias: string;
  /** The SELECT (or UNION branch) it belongs to. */
  scope: number;
}

export type Literal = string | number;

export interface PartitionPredicate {
  scope: number;
  qualifier: string | undefined;
  column: string;
  operator: '=' | '<>' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'between';
  values: Literal[];
}

export interface QueryAnalysis {
  references: RelationReference[];
  predicates: PartitionPredicate[];
  /** Every identifier the query mentions, lower-cased. */
  names: Set<string>;
  selectsStar: boolean;
}

/** Words that end a relation in a FROM list (so they are no alias). */
const AFTER_RELATION = new Set([
  'LIMIT',
  'OFFSET',
  'WINDOW',
  'FETCH',
  'TABLESAMPLE',
  'CROSS',
  'LEFT',
  'RIGHT',
  'FULL',
  'INNER',
  'NATURAL',
  'JOIN',
  'ON',
  'USING',
]);
const CLAUSE_END = new Set(['GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'WINDOW', 'FETCH']);
const SET_OPERATORS = new Set(['UNION', 'INTERSECT', 'EXCEPT']);

interface Group {
  scope: number;
  isQuery: boolean;
  clause: 'none' | 'select' | 'from' | 'where' | 'other';
  where: [number, number] | undefined;
}

export function analyzeQuery(tokens: readonly Token[]): QueryAnalysis {
  const cteNames = new Set([...cteNameIndexes(tokens)].map((index) => nameOf(tokens[index] as Token)));
  const references: RelationReference[] = [];
  const predicates: PartitionPredicate[] = [];
  const names = new Set<string>();
  let selectsStar = false;
  let nextScope = 0;
  const stack: Group[] = [{ scope: nextScope++, isQuery: false, clause: 'none', where: undefined }];
  const closeWhere = (group: Group, end: number): void => {
    if (group.where && group.where[1] === -1) {
      group.where[1] = end;
      predicates.push(...conjunctPredicates(tokens, group.where[0], end, group.scope));
    }
  };

  const readRelation = (k: number, group: Group): void => {
    const first = tokens[k];
    if (!isName(first) || (first.kind === 'word' && RESERVED.has(first.value))) return;
    const parts = [nameOf(first)];
    let j = k + 1;
    while (isSymbol(tokens[j], '.') && isName(tokens[j + 1])) {
      parts.push(nameOf(tokens[j + 1] as Token));
      j += 2;
    }
    if (isSymbol(tokens[j], '('))
      throw new SqlSyntaxError("mismatched input '('", (tokens[j] as Token).start);
    let alias = parts.at(-1) ?? '';
    const aliasToken = isWord(tokens[j], 'AS') ? tokens[j + 1] : tokens[j];
    const isAlias =
      isName(aliasToken) &&
      !(
        aliasToken.kind === 'word' &&
        (RESERVED.has(aliasToken.value) || AFTER_RELATION.has(aliasToken.value))
      );
    if (isAlias) alias = nameOf(aliasToken);
    if (parts.length === 1 && cteNames.has(parts[0] ?? '')) return;
    references.push({ parts, start: first.start, alias, scope: group.scope });
  };

  tokens.forEach((token, i) => {
    const group = stack.at(-1) as Group;
    if (isName(token)) names.add(nameOf(token));
    if (isSymbol(token, '(')) {
      stack.push({ scope: nextScope++, isQuery: false, clause: 'none', where: undefined });
      return;
    }
    if (isSymbol(token, ')')) {
      closeWhere(group, i);
      if (stack.length > 1) stack.pop();
      return;
    }
    if (isSymbol(token, '*')) {
      const previous = tokens[i - 1];
      if (
        isWord(previous, 'SELECT', 'DISTINCT', 'ALL') ||
        isSymbol(previous, '.') ||
        (isSymbol(previous, ',') && group.clause === 'select')
      ) {
        selectsStar = true;
      }
      return;
    }
    if (isSymbol(token, ',') && group.clause === 'from') {
      readRelation(i + 1, group);
      return;
    }
    if (token.kind !== 'word') return;
    if (token.value === 'SELECT') {
      group.isQuery = true;
      group.clause = 'select';
    } else if (!group.isQuery) {
      return;
    } else if (token.value === 'FROM' && group.clause === 'select') {
      group.clause = 'from';
      readRelation(i + 1, group);
    } else if (token.value === 'JOIN' && group.clause === 'from') {
      readRelation(i + 1, group);
    } else if (token.value === 'WHERE' && group.clause === 'from') {
      group.clause = 'where';
      group.where = [i + 1, -1];
    } else if (CLAUSE_END.has(token.value)) {
      closeWhere(group, i);
      group.clause = 'other';
    } else if (SET_OPERATORS.has(token.value)) {
      closeWhere(group, i);
      // Each branch of a UNION is its own scope: a WHERE prunes only its own branch's tables.
      group.scope = nextScope++;
      group.clause = 'none';
      group.where = undefined;
    }
  });
  stack.forEach((group) => closeWhere(group, tokens.length));
  return { references, predicates, names, selectsStar };
}

/** The partition-pruning conditions among the top-level AND-ed conjuncts of a WHERE. */
function conjunctPredicates(
  tokens: readonly Token[],
  from: number,
  to: number,
  scope: number,
): PartitionPredicate[] {
  const conjuncts: [number, number][] = [];
  let start = from;
  let depth = 0;
  let between = false;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (isSymbol(token, '(')) depth++;
    else if (isSymbol(token, ')')) depth--;
    else if (depth > 0) continue;
    else if (isWord(token, 'OR'))
      return []; // a disjunction: nothing is certain
    else if (isWord(token, 'BETWEEN')) between = true;
    else if (isWord(token, 'AND')) {
      if (between) between = false;
      else {
        conjuncts.push([start, i]);
        start = i + 1;
      }
    }
  }
  conjuncts.push([start, to]);
  return conjuncts.flatMap(([s, e]) => {
    // `(a AND b)` as a whole conjunct: look inside.
    if (
      isSymbol(tokens[s], '(') &&
      isSymbol(tokens[e - 1], ')') &&
      matchingParenthesis(tokens, s) === e - 1
    ) {
      return conjunctPredicates(tokens, s + 1, e - 1, scope);
    }
    const predicate = readPredicate(tokens.slice(s, e));
    return predicate ? [{ ...predicate, scope }] : [];
  });
}

function matchingParenthesis(tokens: readonly Token[], open: number): number {
  for (let i = open, depth = 0; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const FLIPPED: Record<string, PartitionPredicate['operator']> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

type Column = { qualifier: string | undefined; column: string; length: number };

function readColumn(tokens: readonly Token[], at: number): Column | undefined {
  const first = tokens[at];
  if (!isName(first)) return undefined;
  if (isSymbol(tokens[at + 1], '.') && isName(tokens[at + 2])) {
    if (isSymbol(tokens[at + 3], '.')) return undefined;
    return { qualifier: nameOf(first), column: nameOf(tokens[at + 2] as Token), length: 3 };
  }
  return { qualifier: undefined, column: nameOf(first), length: 1 };
}

function readLiteral(tokens: readonly Token[], at: number): { value: Literal; length: number } | undefined {
  const token = tokens[at];
  if (token?.kind === 'string') return { value: token.value, length: 1 };
  if (token?.kind === 'number') return { value: Number(token.text), length: 1 };
  if (isSymbol(token, '-') && tokens[at + 1]?.kind === 'number')
    return { value: -Number(tokens[at + 1]?.text), length: 2 };
  return undefined;
}

function readPredicate(tokens: readonly Token[]): Omit<PartitionPredicate, 'scope'> | undefined {
  const column = readColumn(tokens, 0);
  if (column) {
    const rest = tokens.slice(column.length);
    const operator = rest[0];
    if (operator?.kind === 'symbol' && COMPARISONS.has(operator.text)) {
      const literal = readLiteral(rest, 1);
      if (literal && literal.length + 1 === rest.length) {
        return {
          qualifier: column.qualifier,
          column: column.column,
          operator: (operator.text === '!=' ? '<>' : operator.text) as PartitionPredicate['operator'],
          values: [literal.value],
        };
      }
    }
    const negated = isWord(rest[0], 'NOT');
    const inAt = negated ? 1 : 0;
    if (isWord(rest[inAt], 'IN') && isSymbol(rest[inAt + 1], '(') && isSymbol(rest.at(-1), ')')) {
      const values: Literal[] = [];
      for (let i = inAt + 2; i < rest.length - 1; i++) {
        const literal = readLiteral(rest, i);
        if (!literal) return undefined;
        values.push(literal.value);
        i += literal.length;
        if (i < rest.length - 1 && !isSymbol(rest[i], ',')) return undefined;
      }
      return {
        qualifier: column.qualifier,
        column: column.column,
        operator: negated ? 'not in' : 'in',
        values,
      };
    }
    if (isWord(rest[0], 'BETWEEN')) {
      const low = readLiteral(rest, 1);
      const high = low && isWord(rest[1 + low.length], 'AND') ? readLiteral(rest, 2 + low.length) : undefined;
      if (low && high && 2 + low.length + high.length === rest.length) {
        return {
          qualifier: column.qualifier,
          column: column.column,
          operator: 'between',
          values: [low.value, high.value],
        };
      }
    }
    return undefined;
  }
  // literal OP column
  const literal = readLiteral(tokens, 0);
  const operator = literal ? tokens[literal.length] : undefined;
  if (!literal || operator?.kind !== 'symbol' || !COMPARISONS.has(operator.text)) return undefined;
  const right = readColumn(tokens, literal.length + 1);
  if (!right || literal.length + 1 + right.length !== tokens.length) return undefined;
  return {
    qualifier: right.qualifier,
    column: right.column,
    operator: FLIPPED[operator.text] ?? '=',
    values: [literal.value],
  };
}

/** Whether a partition value passes a predicate; true whenever it cannot tell (types differ). */
export function partitionMatches(predicate: PartitionPredicate, value: string, numeric: boolean): boolean {
  const compare = (literal: Literal): number | undefined => {
    if (typeof literal === 'number') {
      if (!numeric || value.trim() === '' || Number.isNaN(Number(value))) return undefined;
      return Number(value) - literal;
    }
    if (numeric) return undefined;
    return value < literal ? -1 : value > literal ? 1 : 0;
  };
  const results = predicate.values.map(compare);
  if (results.some((result) => result === undefined)) return true;
  const [first = 0, second = 0] = results as number[];
  switch (predicate.operator) {
    case '=':
      return first === 0;
    case '<>':
      return first !== 0;
    case '<':
      return first < 0;
    case '<=':
      return first <= 0;
    case '>':
      return first > 0;
    case '>=':
      return first >= 0;
    case 'in':
      return (results as number[]).some((result) => result === 0);
    case 'not in':
      return (results as number[]).every((result) => result !== 0);
    case 'between':
      return first >= 0 && second <= 0;
  }
}
