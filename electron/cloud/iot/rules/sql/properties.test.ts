import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SqlParseError,
  compileSubstitutionTemplate,
  evaluateRule,
  parseRuleSql,
  prepareMessage,
  renderSubstitutionTemplate,
  topicMatchesFilter,
  type ParsedRule,
  type SqlVersion,
} from './index.js';

const VERSIONS: readonly SqlVersion[] = ['2015-10-08', '2016-03-23', 'beta'];

/** Pieces of AWS IoT SQL, so that random statements get past the lexer and deep into the parser. */
const TOKENS = [
  'SELECT',
  'VALUE',
  'FROM',
  'WHERE',
  'AS',
  'AND',
  'OR',
  'NOT',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'NULL',
  'true',
  'false',
  '*',
  ',',
  '.',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  '+',
  '-',
  '/',
  '%',
  '=',
  '<>',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  "'sensor/weather'",
  "'a/#'",
  "'+/x'",
  '"str"',
  "'it''s'",
  '0',
  '1',
  '-5',
  '10.0',
  '1e3',
  '2.5E-3',
  '99999999999999999999999999999999999999',
  'a',
  'b',
  'air_temperature',
  'value',
  'e',
  'n',
  'topic',
  'timestamp',
  'abs',
  'round',
  'cast',
  'Int',
  'Decimal',
  'String',
  'Boolean',
  'concat',
  'substring',
  'get',
  'encode',
  'decode',
  'parse_time',
  'isUndefined',
  'transform',
  'upper',
  'newuuid',
  'nosuch',
  'aws_lambda',
  '--',
  ';',
  '$x',
  '#',
  '\u2013',
  '\n',
  ' ',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  tokenSoup,
);

function parseOrUndefined(sql: string, version: SqlVersion): ParsedRule | undefined {
  try {
    return parseRuleSql(sql, version);
  } catch (error) {
    if (error instanceof SqlParseError) return undefined;
    throw error;
  }
}

/** Expressions built from the grammar, valid or not; what parses must then evaluate without error. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'a.b', 'a[0]', 'air_temperature.value', 'e', '*', 'missing', 'value'),
    fc.constantFrom(
      '0',
      '-1',
      '2.50',
      '10.0',
      '1e-3',
      '"12"',
      "'x'",
      'null',
      'true',
      '"true"',
      '9999999999999999999',
    ),
    fc.constantFrom(
      'topic()',
      'topic(2)',
      'timestamp()',
      'clientid()',
      'newuuid()',
      'traceid()',
      'principal()',
      'rand()',
    ),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', '-', '*', '/', '%', '=', '<>', '<', '>=', 'AND', 'OR'),
        tie('expr'),
      )
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('expr').map((e) => `NOT ${e}`),
    tie('expr').map((e) => `-${e}`),
    fc
      .tuple(
        fc.constantFrom(
          'abs',
          'round',
          'floor',
          'ceil',
          'mod',
          'power',
          'sqrt',
          'lower',
          'upper',
          'concat',
          'substring',
          'trim',
          'length',
          'startswith',
          'endswith',
          'isUndefined',
          'isNull',
          'get',
          'encode',
          'decode',
          'parse_time',
          'time_to_epoch',
          'trunc',
          'lpad',
          'regexp_replace',
          'regexp_substr',
          'replace',
          'numbytes',
          'sign',
          'bitnot',
          'chr',
          'indexof',
          'md5',
          'transform',
          'nanvl',
        ),
        fc.array(tie('expr'), { maxLength: 3 }),
      )
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc
      .tuple(tie('expr'), fc.constantFrom('Int', 'Decimal', 'String', 'Boolean', 'Double'))
      .map(([e, t]) => `cast(${e} AS ${t})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    tie('expr').map((e) => `{'k': ${e}}`),
    fc
      .tuple(tie('expr'), tie('expr'), tie('expr'))
      .map(([v, w, t]) => `CASE ${v} WHEN ${w} THEN ${t} ELSE 0 END`),
    tie('expr').map((e) => `(SELECT VALUE ${e} FROM e)`),
    tie('expr').map((e) => `get(${e}, 0).v`),
  ),
})).expr;

const jsonPayload = fc
  .jsonValue({ maxDepth: 4 })
  .map((v) => Buffer.from(JSON.stringify({ a: v, e: [v, { n: 'x', v }], air_temperature: { value: v } })));
const anyPayload = fc.oneof(
  jsonPayload,
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 100 }).map((s) => Buffer.from(s)),
  fc.constant(
    Buffer.from(
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['.repeat(
        100,
      ),
    ),
  ),
  fc.constant(Buffer.from(`{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`)),
  fc.constant(Buffer.from('{"a": 1e999999, "b": -0.0, "c": 1E-400}')),
  fc.constant(
    Buffer.from(
      '{"a": 0e99999999999, "e": [{"n": "x", "v": 0E-99999999}], "air_temperature": {"value": 9.99e999}}',
    ),
  ),
  fc.constant(Buffer.from('{"a": "0e99999999999", "air_temperature": {"value": "-9.99E999"}}')),
);

describe('properties', () => {
  it('the parser throws nothing but SqlParseError, whatever the text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...VERSIONS), (sql, version) => {
        parseOrUndefined(sql, version);
        parseOrUndefined(`SELECT ${sql} FROM 'a'`, version);
        parseOrUndefined(`SELECT * FROM 'a' WHERE ${sql}`, version);
      }),
      { numRuns: 3000 },
    );
  });

  it('template compilation throws nothing but SqlParseError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const template of [text, `\${${text}}`, `x/\${topic()}/${text}`]) {
          try {
            compileSubstitutionTemplate(template, '2016-03-23');
          } catch (error) {
            if (!(error instanceof SqlParseError)) throw error;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  const LAB_RULES = [
    "SELECT * FROM 'sensor/weather'",
    "SELECT weather_station, air_temperature.value as air_temperature_value, wind_speed.value as w FROM 'sensor/weather' WHERE air_temperature.value < -5",
    "SELECT encode(*, 'base64') AS data, timestamp() AS ts FROM 'a/b'",
    "SELECT *, principal() AS p, topic(2) AS t FROM '#' WHERE NOT isNull(a)",
    "SELECT VALUE (SELECT VALUE v FROM e WHERE n = 'x') FROM '#'",
    "SELECT decode(encode(*, 'base64'), 'base64') AS value FROM '#' WHERE decode(encode(*, 'base64'), 'base64') > 50",
  ];

  it('no payload makes the evaluator (or a template) throw or fail', () => {
    const rules = VERSIONS.flatMap((v) =>
      LAB_RULES.map((sql) => parseOrUndefined(sql, v)).filter((r) => r !== undefined),
    );
    expect(rules).toHaveLength(LAB_RULES.length * 3 - 3); // three rules use 2016-03-23 functions
    fc.assert(
      fc.property(anyPayload, fc.string({ maxLength: 30 }), (payload, topic) => {
        const message = prepareMessage({ topic, payload, timestamp: 1_700_000_000_000 });
        for (const rule of rules) {
          const out = evaluateRule(rule, message);
          expect(out.matched ? undefined : out.error).toBeUndefined();
          if (out.matched) expect(Buffer.isBuffer(out.payload)).toBe(true);
        }
        renderSubstitutionTemplate(
          '${topic()}/${timestamp()}/${a}/${air_temperature.value}/${newuuid()}',
          message,
          '2016-03-23',
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('random expressions either fail to parse or evaluate without an internal error', () => {
    fc.assert(
      fc.property(expression, anyPayload, fc.constantFrom(...VERSIONS), (expr, payload, version) => {
        for (const sql of [`SELECT ${expr} AS x FROM '#'`, `SELECT VALUE ${expr} FROM '#' WHERE ${expr}`]) {
          const rule = parseOrUndefined(sql, version);
          if (rule === undefined) continue;
          const out = evaluateRule(rule, { topic: 'a/b/c', payload, timestamp: 1_700_000_000_000 });
          expect(out.matched ? undefined : out.error).toBeUndefined();
          if (out.matched) void out.result;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('SELECT * re-serializes any JSON object to the same value (2015-10-08 keeps every number)', () => {
    const rule = parseRuleSql("SELECT * FROM '#'", '2015-10-08');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const text = JSON.stringify(object);
        const out = evaluateRule(rule, { topic: 't', payload: Buffer.from(text), timestamp: 0 });
        expect(out.matched && JSON.parse(out.payload.toString())).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('a filter without wildcards matches exactly its own topic', () => {
    const level = fc.stringMatching(/^[a-z0-9_-]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 5 }),
        fc.array(level, { minLength: 1, maxLength: 5 }),
        (a, b) => {
          expect(topicMatchesFilter(a.join('/'), b.join('/'))).toBe(
            a.join('/') === b.join('/') && a.join('/') !== '',
          );
          expect(topicMatchesFilter(a.join('/'), `${a[0]}/#`)).toBe(a.length > 1);
        },
      ),
    );
  });
});
