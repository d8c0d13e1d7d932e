import { describe, expect, it } from 'vitest';
import { QueryFailure } from '../errors.js';
import { parseStatement } from './statement.js';
import { at, SqlSyntaxError } from './tokens.js';
import { translateQuery } from './translate.js';

/** Translates the query part of a statement (the SELECT of a CTAS). */
function translate(sql: string, parameters: string[] = []): string {
  const statement = parseStatement(sql);
  if (statement.kind !== 'query' && statement.kind !== 'ctas')
    throw new Error(`not a query: ${statement.kind}`);
  return translateQuery(sql, statement.query, parameters).sql;
}

/** The error a query's translation raises, as `<line:col>: <message>`. */
function failure(sql: string): string {
  try {
    translate(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return `${at(sql, error.offset)}: ${error.message}`;
    if (error instanceof QueryFailure) return error.message;
    throw error;
  }
  return 'no error';
}

describe('Athena → DuckDB translation', () => {
  it.each([
    // The lab's queries: names, struct fields and UNNEST are DuckDB syntax already.
    ['SELECT * FROM "weather"."lake" LIMIT 10', 'SELECT * FROM "weather"."lake" LIMIT 10'],
    [
      'SELECT weather_station, avg(air_temperature.value) FROM lake GROUP BY weather_station',
      'SELECT weather_station AS "weather_station", avg(air_temperature.value) AS "__athena_expr_1" FROM lake GROUP BY weather_station',
    ],
    // CROSS JOIN UNNEST chains run as DuckDB's own unnest (unnest.ts), one subquery per UNNEST.
    [
      'SELECT wc.present_weather_condition AS c FROM t CROSS JOIN UNNEST(weather_condition) AS t(wc)',
      'SELECT wc.present_weather_condition AS c FROM (SELECT *, unnest(weather_condition) AS wc FROM t) AS "t"',
    ],
    [
      'SELECT l.weather_station, x FROM "db"."lake" l CROSS JOIN UNNEST(l.a) u(x) CROSS JOIN UNNEST(b) AS v(y) WHERE y > 1',
      'SELECT l.weather_station AS "weather_station", x AS "x" FROM (SELECT *, unnest(b) AS y FROM (SELECT *, unnest(l.a) AS x FROM "db"."lake" l) AS "l") AS "l" WHERE y > 1',
    ],
    // Shapes left as written: the UNNEST alias used as a qualifier, a join after the chain, ORDINALITY.
    [
      'SELECT u.x FROM t CROSS JOIN UNNEST(a) AS u(x)',
      'SELECT u.x AS "x" FROM t CROSS JOIN UNNEST(a) AS u(x)',
    ],
    [
      'SELECT x FROM t CROSS JOIN UNNEST(a) AS u(x) JOIN v ON true',
      'SELECT x AS "x" FROM t CROSS JOIN UNNEST(a) AS u(x) JOIN v ON true',
    ],
    [
      'SELECT x, i FROM t CROSS JOIN UNNEST(a) WITH ORDINALITY AS u(x, i)',
      'SELECT x AS "x", i AS "i" FROM t CROSS JOIN UNNEST(a) WITH ORDINALITY AS u(x, i)',
    ],
    ['SELECT t.x, "db"."t"."y" FROM db.t', 'SELECT t.x AS "x", "db"."t"."y" AS "y" FROM db.t'],
    ['SELECT count(*) c FROM t', 'SELECT count(*) c FROM t'],
    // Athena's decimal literals are doubles.
    ['SELECT a FROM t WHERE a <> 999.9', 'SELECT a AS "a" FROM t WHERE a <> CAST(999.9 AS DOUBLE)'],
    ['SELECT 1e3, 10', 'SELECT 1e3 AS "__athena_expr_0", 10 AS "__athena_expr_1"'],
    // Functions that differ.
    ["SELECT regexp_like(s, 'a')", `SELECT regexp_matches(s, 'a') AS "__athena_expr_0"`],
    [
      "SELECT date_parse(time, '%Y-%m-%dT%H:%i:%s')",
      `SELECT strptime(time, '%Y-%m-%dT%H:%M:%S') AS "__athena_expr_0"`,
    ],
    [
      "SELECT date_format(ts, '%Y-%m-%d %H:%i')",
      `SELECT strftime(ts, '%Y-%m-%d %H:%M') AS "__athena_expr_0"`,
    ],
    [
      "SELECT format_datetime(ts, 'yyyy-MM-dd HH:mm')",
      `SELECT strftime(ts, '%Y-%m-%d %H:%M') AS "__athena_expr_0"`,
    ],
    ['SELECT from_iso8601_timestamp(time)', 'SELECT CAST(time AS TIMESTAMPTZ) AS "__athena_expr_0"'],
    ["SELECT date_trunc('hour', ts)", `SELECT date_trunc('hour', ts) AS "__athena_expr_0"`],
    ["SELECT date_add('day', 2, ts)", 'SELECT (ts + to_days(CAST(2 AS INTEGER))) AS "__athena_expr_0"'],
    ["SELECT date_diff('hour', a, b)", `SELECT date_sub('hour', a, b) AS "__athena_expr_0"`],
    [
      'SELECT approx_percentile(v, 0.5)',
      'SELECT approx_quantile(v, CAST(CAST(0.5 AS DOUBLE) AS FLOAT)) AS "__athena_expr_0"',
    ],
    [
      'SELECT approx_percentile(v, ARRAY[0.5, 0.9])',
      'SELECT approx_quantile(v, CAST(ARRAY[CAST(0.5 AS DOUBLE), CAST(0.9 AS DOUBLE)] AS FLOAT[])) AS "__athena_expr_0"',
    ],
    ['SELECT approx_distinct(v)', 'SELECT approx_count_distinct(v) AS "__athena_expr_0"'],
    [
      'SELECT element_at(a, 1), cardinality(a)',
      'SELECT (a)[1] AS "__athena_expr_0", len(a) AS "__athena_expr_1"',
    ],
    [
      'SELECT from_unixtime(n), to_unixtime(ts)',
      'SELECT to_timestamp(n) AS "__athena_expr_0", epoch(ts) AS "__athena_expr_1"',
    ],
    [
      "SELECT regexp_replace(s, '(a)', '$1-')",
      `SELECT regexp_replace(s, '(a)', '\\1-', 'g') AS "__athena_expr_0"`,
    ],
    [
      "SELECT regexp_extract(s, 'a+')",
      `SELECT CASE WHEN regexp_matches(s, 'a+') THEN regexp_extract(s, 'a+') END AS "__athena_expr_0"`,
    ],
    ["SELECT concat(a, 'x', b)", `SELECT (a || 'x' || b) AS "__athena_expr_0"`],
    [
      'SELECT arbitrary(a), count_if(b)',
      'SELECT any_value(a) AS "__athena_expr_0", count_if(b) AS "__athena_expr_1"',
    ],
    ['SELECT slice(a, 2, 3)', 'SELECT list_slice(a, 2, (2) + (3) - 1) AS "__athena_expr_0"'],
    ['SELECT transform(a, x -> x + 1)', 'SELECT list_transform(a, x -> x + 1) AS "__athena_expr_0"'],
    // CAST and TRY_CAST types.
    [
      'SELECT CAST(a AS varchar), TRY_CAST(b AS integer)',
      'SELECT CAST(a AS VARCHAR) AS "__athena_expr_0", TRY_CAST(b AS INTEGER) AS "__athena_expr_1"',
    ],
    [
      'SELECT CAST(a AS array(row(x double, y varchar)))',
      'SELECT CAST(a AS STRUCT("x" DOUBLE, "y" VARCHAR)[]) AS "__athena_expr_0"',
    ],
    [
      'SELECT CAST(a AS map(varchar, bigint)), CAST(b AS decimal(10,2))',
      'SELECT CAST(a AS MAP(VARCHAR, BIGINT)) AS "__athena_expr_0", CAST(b AS DECIMAL(10, 2)) AS "__athena_expr_1"',
    ],
    ['SELECT CAST(a AS timestamp with time zone)', 'SELECT CAST(a AS TIMESTAMPTZ) AS "__athena_expr_0"'],
    // Not calls: CTE column lists, alias column lists, reserved words.
    ['WITH x(a) AS (SELECT 1) SELECT a FROM x', 'WITH x(a) AS (SELECT 1) SELECT a AS "a" FROM x'],
    [
      'SELECT * FROM t WHERE a IN (1, 2) AND EXISTS (SELECT 1)',
      'SELECT * FROM t WHERE a IN (1, 2) AND EXISTS (SELECT 1)',
    ],
    ['SELECT ARRAY[1, 2][1]', 'SELECT ARRAY[1, 2][1] AS "__athena_expr_0"'],
    ["SELECT INTERVAL '1' DAY", `SELECT INTERVAL '1' DAY AS "__athena_expr_0"`],
    // CTAS: the query after AS.
    [
      'CREATE TABLE IF NOT EXISTS u AS SELECT sky_cov.cloud_type FROM "db"."t" CROSS JOIN UNNEST(sky_cover_condition) AS t(sky_cov)',
      'SELECT sky_cov.cloud_type AS "cloud_type" FROM (SELECT *, unnest(sky_cover_condition) AS sky_cov FROM "db"."t") AS "t"',
    ],
  ])('%s', (sql, expected) => {
    expect(translate(sql)).toBe(expected);
  });

  it('substitutes execution parameters for ?', () => {
    expect(translate('SELECT a FROM t WHERE b = ? AND c = ?', ["'x'", '2'])).toBe(
      `SELECT a AS "a" FROM t WHERE b = 'x' AND c = 2`,
    );
  });

  it.each([
    ['SELECT FROM t', "line 1:8: mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>"],
    ['SELECT a, FROM t', "line 1:11: mismatched input 'FROM'. Expecting: <expression>"],
    [
      'SELEC 1',
      expect.stringMatching(/^line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', .*, <query>$/),
    ],
    [
      'SELECT `a` FROM t',
      'line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers',
    ],
    ['SELECT 1; SELECT 2', 'line 1:9: Only one sql statement is allowed. Got: SELECT 1; SELECT 2'],
    // DuckDB-only syntax Athena refuses.
    ["SELECT * FROM 'lake/*.json'", "line 1:15: mismatched input ''lake/*.json''"],
    ["SELECT * FROM read_json('x')", "line 1:24: mismatched input '('"],
    ['SELECT [1, 2]', "line 1:8: mismatched input '['"],
    ['SELECT x::int FROM t', "line 1:9: token recognition error at: ':'"],
    ["SELECT a FROM t WHERE a ILIKE 'x'", "line 1:25: mismatched input 'ILIKE'"],
    ['SELECT * EXCLUDE (a) FROM t', "line 1:10: mismatched input 'EXCLUDE'"],
    ["SELECT 'abc", "line 1:8: token recognition error at: ''abc'"],
    // Functions: unknown names, and Athena functions the offline engine lacks.
    ['SELECT list_sum(a) FROM t', "FUNCTION_NOT_FOUND: line 1:8: Function 'list_sum' not registered"],
    ['SELECT\n  foo(1)', "FUNCTION_NOT_FOUND: line 2:3: Function 'foo' not registered"],
    [
      'SELECT reduce(a, 0, (s, x) -> s + x, s -> s) FROM t',
      expect.stringMatching(
        /^FUNCTION_NOT_FOUND: line 1:8: Function 'reduce' not registered \(an Athena function/,
      ),
    ],
    [
      'SELECT date_format(ts, f) FROM t',
      'NOT_SUPPORTED: line 1:8: date_format with a non-literal format is not supported by the offline engine',
    ],
    ['SELECT CAST(a AS blob) FROM t', 'TYPE_NOT_FOUND: line 1:18: Unknown type: blob'],
  ])('%s fails', (sql, expected) => {
    expect(failure(sql)).toEqual(expected);
  });
});
