import { describe, expect, it } from 'vitest';
import { analyzeQuery, partitionMatches, type PartitionPredicate } from './analyze.js';
import { significant, tokenize } from './tokens.js';

const analyze = (sql: string) => analyzeQuery(significant(tokenize(sql)));
const predicates = (sql: string) =>
  analyze(sql).predicates.map(({ qualifier, column, operator, values }) => ({
    qualifier,
    column,
    operator,
    values,
  }));

describe('what a query reads', () => {
  it('finds the tables it names, with their aliases, not its CTEs or UNNEST aliases', () => {
    const { references } = analyze(
      'WITH recent AS (SELECT * FROM "db"."lake" WHERE partition_3 = \'01\') SELECT * FROM recent r JOIN awsdatacatalog.db.stations s ON r.id = s.id, other CROSS JOIN UNNEST(a) AS t(x)',
    );
    expect(references.map(({ parts, alias }) => ({ parts, alias }))).toEqual([
      { parts: ['db', 'lake'], alias: 'lake' },
      { parts: ['awsdatacatalog', 'db', 'stations'], alias: 's' },
      { parts: ['other'], alias: 'other' },
    ]);
  });

  it('tells a SELECT * from count(*)', () => {
    expect(analyze('SELECT count(*) FROM t').selectsStar).toBe(false);
    expect(analyze('SELECT a, t.* FROM t').selectsStar).toBe(true);
  });

  it.each([
    [
      "SELECT * FROM t WHERE partition_0 = '2022' AND partition_1 IN ('01', '02')",
      [
        { qualifier: undefined, column: 'partition_0', operator: '=', values: ['2022'] },
        { qualifier: undefined, column: 'partition_1', operator: 'in', values: ['01', '02'] },
      ],
    ],
    [
      "SELECT * FROM t x WHERE '05' <= x.partition_2 AND (partition_3 BETWEEN '01' AND '03') GROUP BY 1",
      [
        { qualifier: 'x', column: 'partition_2', operator: '>=', values: ['05'] },
        { qualifier: undefined, column: 'partition_3', operator: 'between', values: ['01', '03'] },
      ],
    ],
    [
      'SELECT * FROM t WHERE year = 2022 AND month NOT IN (1, -2)',
      [
        { qualifier: undefined, column: 'year', operator: '=', values: [2022] },
        { qualifier: undefined, column: 'month', operator: 'not in', values: [1, -2] },
      ],
    ],
    // A disjunction, or a condition on an expression, prunes nothing.
    ["SELECT * FROM t WHERE partition_0 = '2022' OR partition_1 = '01'", []],
    ["SELECT * FROM t WHERE lower(partition_0) = '2022'", []],
  ])('%s', (sql, expected) => {
    expect(predicates(sql)).toEqual(expected);
  });

  it('keeps each UNION branch in its own scope', () => {
    const { references, predicates: found } = analyze(
      "SELECT a FROM t WHERE partition_0 = '1' UNION ALL SELECT a FROM t",
    );
    expect(references[0]?.scope).toBe(found[0]?.scope);
    expect(references[1]?.scope).not.toBe(found[0]?.scope);
  });

  it.each<[PartitionPredicate['operator'], (string | number)[], string, boolean, boolean]>([
    ['=', ['01'], '01', false, true],
    ['=', ['01'], '02', false, false],
    ['<', ['05'], '04', false, true],
    ['between', ['01', '03'], '04', false, false],
    ['in', [1, 2], '02', true, true],
    // A number against a string column (or the reverse) decides nothing: the partition is kept.
    ['=', [1], '02', false, true],
  ])('%s %j keeps %s (numeric %s): %s', (operator, values, value, numeric, kept) => {
    expect(
      partitionMatches({ scope: 0, qualifier: undefined, column: 'p', operator, values }, value, numeric),
    ).toBe(kept);
  });
});
