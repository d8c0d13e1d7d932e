import { describe, expect, it } from 'vitest';
import { SqlParseError, parseRuleSql, type SqlVersion } from './index.js';

function parseError(sql: string, version: SqlVersion = '2016-03-23'): SqlParseError {
  try {
    parseRuleSql(sql, version);
  } catch (error) {
    if (error instanceof SqlParseError) return error;
    throw error;
  }
  throw new Error(`expected a SqlParseException for: ${sql}`);
}

describe('parseRuleSql accepts the statements the AWS pages show', () => {
  // Sources: iot-sql-reference, iot-sql-select, iot-sql-from, iot-sql-case, iot-sql-json,
  // iot-sql-functions (parse_time), iot-rule-sql-version, iot-sql-nested-queries.
  it.each([
    ["SELECT color AS rgb FROM 'topic/subtopic' WHERE temperature > 50", 'topic/subtopic'],
    ["SELECT * FROM 'a/b'", 'a/b'],
    ["SELECT *, 15 as speed FROM 'a/b'", 'a/b'],
    ["SELECT VALUE color FROM 'a/b'", 'a/b'],
    ["SELECT (temperature - 32) * 5 / 9 AS celsius, upper(color) as my_color FROM 'a/b'", 'a/b'],
    ["SELECT temperature AS t FROM 'a/#'", 'a/#'],
    ["SELECT temperature AS t FROM 'a/+'", 'a/+'],
    ["SELECT temp, md5(deviceid) AS hashed_id FROM 'topic/#'", 'topic/#'],
    ['SELECT * from \'iot/rules\' WHERE get(get(get(mydata,"item2"),"0"),"my-key") = "myValue"', 'iot/rules'],
    [
      "SELECT CASE color WHEN 'green' THEN 'go' WHEN 'yellow' THEN 'caution' WHEN 'red' THEN 'stop' ELSE 'you are not at a stop light' END as instructions FROM 'a/b'",
      'a/b',
    ],
    [
      'SELECT parse_time("yyyy.MM.dd G \'at\' HH:mm:ss z", 100000000, "America/Belize" ) as ts FROM \'A/B\'',
      'A/B',
    ],
    ["SELECT get((SELECT v FROM e WHERE n = 'temperature'), 0).v as temperature FROM 'topic'", 'topic'],
    ["SELECT * FROM 'a/b' WHERE timestamp() % 12 = 0", 'a/b'],
    ["select * from 'sensor/weather' where wind_speed.value > 20", 'sensor/weather'],
    ["SELECT *\n  FROM 'sensor/weather'\n  WHERE air_temperature.value < -5", 'sensor/weather'],
  ])('%s', (sql, filter) => {
    expect(parseRuleSql(sql, '2016-03-23').topicFilter).toBe(filter);
  });

  it('has no topic filter without FROM (a rule reached only through Basic Ingest, iot-sql-reference)', () => {
    expect(parseRuleSql('SELECT *', '2016-03-23').topicFilter).toBeUndefined();
  });

  it('uses 2015-10-08 when no version is given, as the API does (iot-create-rule)', () => {
    expect(parseRuleSql("SELECT * FROM 'a'").sqlVersion).toBe('2015-10-08');
  });
});

describe('SqlParseException points at the offending token', () => {
  it('explains the original lab\'s slip, SELECT * FROM FROM "sensor/weather"', () => {
    const error = parseError('SELECT * FROM FROM "sensor/weather" WHERE wind_speed > 20');
    expect(error.code).toBe('SqlParseException');
    expect([error.line, error.column, error.token]).toEqual([1, 15, 'FROM']);
    expect(error.message).toBe(
      "Line 1:15: expected the topic filter in single quotes after FROM, e.g. FROM 'sensor/weather'; found the keyword FROM (at 'FROM')",
    );
  });

  it.each([
    // [sql, line, column, token, part of the message]
    [
      'SELECT * FROM "sensor/weather"',
      1,
      15,
      '"sensor/weather"',
      "FROM 'sensor/weather' (double quotes make a string",
    ],
    ['SELECT * FROM sensor/weather WHERE x > 1', 1, 15, 'sensor', "FROM 'sensor/weather'"],
    ['SELECT * FROM sensor/#', 1, 22, '#', "single quotes, e.g. FROM 'sensor/#'"],
    ["SELECT FROM 'a/b'", 1, 8, 'FROM', 'expected what to SELECT'],
    ["SELECT a, FROM 'a/b'", 1, 11, 'FROM', "another item after ','"],
    ["SELECT * FROM 'a/b' -- all of it", 1, 21, '--', 'comments are not supported'],
    ["SELECT (a FROM 'a/b'", 1, 11, 'FROM', "expected ')'"],
    ["SELECT * FROM 'a/b' WHERE", 1, 26, '<end of statement>', 'expected an expression'],
    ["SELECT foo(1) FROM 'a/b'", 1, 8, 'foo', 'unknown function foo()'],
    [
      'SELECT aws_lambda("arn:aws:lambda:us-east-1:1:function:f", *) AS o FROM \'a/b\'',
      1,
      8,
      'aws_lambda',
      'not available in the local cloud',
    ],
    ["SELECT * FROM 'a/#/b'", 1, 15, "'a/#/b'", "'#' must be the whole last level"],
    ["SELECT * FROM 'a/b+'", 1, 15, "'a/b+'", "'+' must be a whole level"],
    ["SELECT * FROM ''", 1, 15, "''", 'the topic filter is empty'],
    ["SELECT * FROM 'a/b' WHERE x > 1 LIMIT 1", 1, 33, 'LIMIT', 'after the end of the statement'],
    ["SELECT * FROM 'a/b';", 1, 20, ';', "does not end with ';'"],
    // AWS's own SELECT page prints an en dash in (temperature – 32).
    ["SELECT (temperature \u2013 32) * 5 / 9 AS celsius FROM 'a/b'", 1, 21, '\u2013', "did you mean '-'"],
    ['SELECT * FROM \u2018a/b\u2019', 1, 15, '\u2018', 'straight single quote'],
    ["DELETE FROM 'a/b'", 1, 1, 'DELETE', 'starts with SELECT'],
    ["SELECT cast(x AS Float) FROM 'a/b'", 1, 18, 'Float', 'unknown cast type'],
    ["SELECT CASE WHEN x > 1 THEN 'a' END FROM 'a/b'", 1, 13, 'WHEN', 'CASE true WHEN <condition>'],
    ["SELECT 'abc FROM 'a/b'", 1, 22, "'", 'unterminated string'],
    ["SELECT VALUE a, b FROM 'a/b'", 1, 15, ',', 'exactly one item'],
    ["SELECT $device FROM 'a/b'", 1, 8, '$', 'SET clause'],
    ["SELECT a.1 FROM 'a/b'", 1, 10, '1', 'need get()'],
    ["SELECT * FROM 'a/b' FROM 'c/d'", 1, 21, 'FROM', 'already has this clause'],
    ["SELECT *\nFROM FROM 'a/b'", 2, 6, 'FROM', 'single quotes'],
  ])('%s', (sql, line, column, token, fragment) => {
    const error = parseError(sql);
    expect({ line: error.line, column: error.column, token: error.token }).toEqual({ line, column, token });
    expect(error.message).toContain(fragment);
    expect(error.message).toMatch(new RegExp(`^Line ${line}:${column}: `));
  });

  it('refuses absurd nesting with a SqlParseException, not a stack overflow', () => {
    expect(parseError(`SELECT ${'('.repeat(5000)}1${')'.repeat(5000)} FROM 'a'`).detail).toContain(
      'nested too deeply',
    );
    expect(parseError(`SELECT ${'- '.repeat(5000)}a FROM 'a'`).detail).toContain('nested too deeply');
  });
});

describe('2016-03-23 features are SqlParseExceptions under 2015-10-08 (iot-rule-sql-version, iot-sql-literals, iot-sql-functions)', () => {
  it.each([
    [
      "SELECT encode(*, 'base64') AS data, timestamp() AS ts FROM 'a/b'",
      'function encode() require SQL version 2016-03-23',
    ],
    ["SELECT * FROM 'a/b' WHERE isUndefined(GetSchedEventRequest) = false", 'function isundefined()'],
    ["SELECT [lat,long] as lat_long FROM 'topic/subtopic'", 'array literals require SQL version 2016-03-23'],
    ["SELECT {'latitude': get(lat_long, 0)} as lat_long FROM 'topic/subtopic'", 'object literals'],
    ["SELECT (SELECT VALUE n FROM e) as sensors FROM 'my/topic'", 'nested object queries'],
    ["SELECT cast(x AS Decimal) AS d FROM 'a/b'", 'cast to Decimal'],
    ["SELECT parse_time('yyyy', timestamp()) AS y FROM 'a/b'", 'function parse_time()'],
    ["SELECT length(name) AS n FROM 'a/b'", 'function length()'],
  ])('%s', (sql, fragment) => {
    expect(parseError(sql, '2015-10-08').message).toContain(`${fragment}`);
    expect(parseError(sql, '2015-10-08').message).toContain('(this rule uses 2015-10-08)');
    expect(() => parseRuleSql(sql, '2016-03-23')).not.toThrow();
    expect(() => parseRuleSql(sql, 'beta')).not.toThrow();
  });
});
