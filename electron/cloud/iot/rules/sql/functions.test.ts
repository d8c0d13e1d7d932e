import { describe, expect, it } from 'vitest';
import { DOC_TIMESTAMP, run, valueOf } from './test-support.js';

const q = (s: string): string => JSON.stringify(s);

/**
 * Every example of AWS: iot-sql-functions, as `expression → outgoing JSON` ("" is Undefined).
 * Decimal results are shown the way the page prints them (`32.0`), which is 2015-10-08's output.
 */
describe('function examples under 2015-10-08 (iot-sql-functions)', () => {
  it.each([
    ['abs(-5)', '5'],
    ['abs("-5.123")', '5.123'], // iot-sql-data-types, Conversions
    ['abs(true)', ''],
    ['abs(null)', ''],
    ['acos(0)', '1.5707963267948966'],
    ['asin(0)', '0.0'],
    ['atan(0)', '0.0'],
    ['atan2(1, 0)', '1.5707963267948966'],
    ['bitand(13, 5)', '5'],
    ['bitor(8, 5)', '13'],
    ['bitxor(13, 5)', '8'],
    ['cast(true as Int)', '1'],
    ['cast(2.7 AS Int)', '2'],
    ['cast("12.9" AS Integer)', '12'],
    ['cast(5 AS String)', q('5')],
    ['cast(null AS String)', ''],
    ['cast(1.5 AS Double)', '1.5'],
    ['ceil(1.2)', '2'],
    ['ceil(-1.2)', '-1'],
    ['chr(65)', q('A')],
    ['chr(49)', q('1')],
    ['chr(300)', ''],
    ['concat()', ''],
    ['concat(1)', q('1')],
    ['concat("con", "cat")', q('concat')],
    ['concat(1, "hello")', q('1hello')],
    ['concat("he","is","man")', q('heisman')],
    ['cos(0)', '1.0'],
    ['cosh(2.3)', '5.037220649268761'],
    ['endswith("cat","at")', 'true'],
    ['endswith("cat", null)', ''],
    ['exp(1)', '2.718281828459045'],
    ['floor(1.2)', '1'],
    ['floor(-1.2)', '-2'],
    ['get("abc", 1)', q('b')], // the page says "a", against its own 0-based table
    ['md5("hello")', q('5d41402abc4b2a76b9719d911017c592')],
    ['isNull(5)', 'false'],
    ['isNull(Null)', 'true'],
    ['isNull(missing)', 'false'],
    ['ln(exp(1))', '1.0'],
    ['log(100)', '2.0'],
    ['lower("HELLO")', q('hello')],
    ['lpad("hello", 2)', q('  hello')],
    ['lpad(1, 3)', q('   1')],
    ['Ltrim(" h i ")', q('h i ')], // the page prints "hi ", which would remove an inner space
    ['mod(8, 3)', '2'],
    ['Nanvl(8, 3)', '8'],
    ['nanvl(missing, 3)', '3'],
    ['power(2, 5)', '32.0'],
    ['regexp_matches("aaaa", "a{2,}")', 'true'],
    ['regexp_matches("aaaa", "b")', 'false'],
    ['regexp_matches("aaaa", "(")', ''],
    ['regexp_replace("abcd", "bc", "x")', q('axd')],
    ['regexp_replace("abcd", "b(.*)d", "$1")', q('ac')],
    ['regexp_substr("hihihello", "hi")', q('hi')],
    ['regexp_substr("hihihello", "(hi)*")', q('hihi')],
    ['remainder(8, 3)', '2'],
    ['replace("abcd", "bc", "x")', q('axd')],
    ['replace("abcdabcd", "b", "x")', q('axcdaxcd')],
    ['rpad("hello", 2)', q('hello  ')],
    ['rpad(1, 3)', q('1   ')],
    ['Round(1.2)', '1'],
    ['Round(1.5)', '2'],
    ['Round(1.7)', '2'],
    ['Round(-1.1)', '-1'],
    ['Round(-1.5)', '-2'],
    ['rtrim(" h i ")', q(' h i')],
    ['sign(-7)', '-1'],
    ['sign(0)', '0'],
    ['sign(13)', '1'],
    ['sin(0)', '0.0'],
    ['sinh(2.3)', '4.936961805545957'],
    ['sql_version()', q('2015-10-08')],
    ['sqrt(9)', '3.0'],
    ['sqrt(-1)', ''],
    ['startswith("ranger","ran")', 'true'],
    ['tan(3)', '-0.1425465430742778'],
    ['tanh(2.3)', '0.9800963962661914'],
    ['Trim(" hi ")', q('hi')],
    ['trunc(2.3, 0)', '2'],
    ['trunc(2.3123, 2)', '2.31'],
    ['trunc(2.888, 2)', '2.88'],
    ['trunc(2.00, 5)', '2'],
    ['upper("hello")', q('HELLO')],
    ['substring("012345", 0)', q('012345')],
    ['substring("012345", 2)', q('2345')],
    ['substring("012345", 2.745)', q('2345')],
    ['substring(123, 2)', q('3')],
    ['substring("012345", -1)', q('012345')],
    ['substring(true, 1.2)', q('rue')],
    ['substring(false, -2.411E247)', q('false')],
    ['substring("012345", 1, 3)', q('12')],
    ['substring("012345", -50, 50)', q('012345')],
    ['substring("012345", 3, 1)', q('')],
    ['topic()', q('things/myThings/thingOne')],
    ['topic(1)', q('things')],
    ['timestamp()', String(DOC_TIMESTAMP)],
  ])('%s = %s', (expression, expected) => {
    expect(valueOf(expression, {}, { version: '2015-10-08', topic: 'things/myThings/thingOne' })).toBe(
      expected,
    );
  });

  it('newuuid() is a fresh random UUID each call', () => {
    const out = run("SELECT newuuid() AS a, newuuid() AS b FROM '#'", {}, { version: '2015-10-08' }) ?? '';
    const { a, b } = JSON.parse(out) as { a: string; b: string };
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('rand() is a double between 0.0 and 1.0', () => {
    const r = Number(valueOf('rand()', {}, { version: '2015-10-08' }));
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
  });

  it('turns wrong argument counts into Undefined rather than an error (iot-sql-data-types)', () => {
    expect(valueOf('abs(1, 2)', {}, { version: '2015-10-08' })).toBe('');
    expect(valueOf('upper()', {}, { version: '2015-10-08' })).toBe('');
  });
});

describe('function examples that need 2016-03-23 (iot-sql-functions)', () => {
  it.each([
    ['concat([1, 2, 3], 4)', '[1,2,3,4]'],
    ['concat([1, 2, 3], "hello")', '[1,2,3,"hello"]'],
    ['concat([1, 2, 3], "hello", [4, 5, 6])', '[1,2,3,"hello",4,5,6]'],
    ['get(["a", "b", "c"], 1)', q('b')],
    ['get(["a", "b", "c"], 3)', ''],
    ['get({"a":"b"}, "a")', q('b')],
    ['indexof("abcd", "bc")', '1'],
    ['isUndefined(5)', 'false'],
    ['isUndefined(floor([1,2,3]))', 'true'],
    ['length("hi")', '2'],
    ['length(false)', '5'],
    ['lower(["HELLO"])', q('["hello"]')],
    ['upper(["hello"])', q('["HELLO"]')],
    ['numbytes("hi")', '2'],
    ['numbytes("€")', '3'],
    ['sql_version()', q('2016-03-23')],
    ['cast(0 AS Boolean)', 'false'],
    ['cast(2.5 AS Bool)', 'true'],
    ['cast("TRUE" AS Boolean)', 'true'],
    ['cast(true AS Decimal)', '1'],
    ['cast("2.50" AS Decimal)', '2.50'],
    ['encode("hello", "base64")', q('aGVsbG8=')],
    ['decode("aGVsbG8=", "base64")', q('hello')],
    ['decode("not base64!", "base64")', 'null'],
    [
      'parse_time("yyyy.MM.dd G \'at\' HH:mm:ss z", 100000000, "America/Belize" )',
      q('1970.01.01 AD at 21:46:40 CST'),
    ],
    ['parse_time("yyyy.MM.dd G \'at\' HH:mm:ss z", timestamp() )', q('2016.12.15 AD at 18:07:31 UTC')],
    [
      'parse_time("yyyy-MM-dd\'T\'HH:mm:ss.SSSZZ", 1641362100000, "Europe/Paris")',
      q('2022-01-05T06:55:00.000+01:00'),
    ],
    ['parse_time("yyyy", timestamp(), "Not/AZone")', ''],
    ['time_to_epoch("2020-04-03 09:45:18 UTC+01:00", "yyyy-MM-dd HH:mm:ss VV")', '1585903518000'],
    ['time_to_epoch("18 December 2015", "dd MMMM yyyy")', '1450396800000'],
    [
      'time_to_epoch("2007-12-03 10:15:30.592 America/Los_Angeles", "yyyy-MM-dd HH:mm:ss.SSS z")',
      '1196705730592',
    ],
    ['time_to_epoch("yesterday", "yyyy")', ''],
  ])('%s = %s', (expression, expected) => {
    expect(valueOf(expression, {}, { version: '2016-03-23' })).toBe(expected);
  });

  it('decodes an encoded JSON document into an addressable object', () => {
    expect(
      run('SELECT decode(encoded_temp,"base64").temperature AS temp from \'topic/subtopic\'', {
        encoded_temp: 'eyAidGVtcGVyYXR1cmUiOiAzMyB9Cg==',
      }),
    ).toBe('{"temp":33}');
  });

  describe('transform (examples 1 to 3)', () => {
    const payload = { attributes: { data1: 1, data2: 2 }, values: [{ a: 3 }, { b: 4 }, { c: 5 }] };
    it.each([
      [
        'select value transform("enrichArray", attributes, values) from \'A/B\'',
        payload,
        [
          { a: 3, data1: 1, data2: 2 },
          { b: 4, data1: 1, data2: 2 },
          { c: 5, data1: 1, data2: 2 },
        ],
      ],
      [
        'select value transform("enrichArray", {"key": attributes.data1}, values) from \'A/B\'',
        payload,
        [
          { a: 3, key: 1 },
          { b: 4, key: 1 },
          { c: 5, key: 1 },
        ],
      ],
      [
        "select value transform('enrichArray', (select a, b from data2), (select value c from data2)) from 'A/B'",
        {
          data1: 'example',
          data2: {
            a: 'first attribute',
            b: 'second attribute',
            c: [
              { x: { someInt: 5, someString: 'hello' }, y: true },
              { x: { someInt: 10, someString: 'world' }, y: false },
            ],
          },
        },
        [
          { x: { someInt: 5, someString: 'hello' }, y: true, a: 'first attribute', b: 'second attribute' },
          { x: { someInt: 10, someString: 'world' }, y: false, a: 'first attribute', b: 'second attribute' },
        ],
      ],
    ])('%s', (sql, input, expected) => {
      expect(run(sql, input)).toBe(JSON.stringify(expected));
    });
  });
});
