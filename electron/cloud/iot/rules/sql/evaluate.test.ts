import { describe, expect, it } from 'vitest';
import { evaluateRule, parseRuleSql, prepareMessage } from './index.js';
import { DOC_TIMESTAMP, run, valueOf } from './test-support.js';

const COLOR = { color: 'red', temperature: 50 };

describe('SELECT (iot-sql-select, iot-sql-reference)', () => {
  it.each([
    ["SELECT * FROM 'a/b'", COLOR, '{"color":"red","temperature":50}'],
    ["SELECT color FROM 'a/b'", COLOR, '{"color":"red"}'],
    ["SELECT color AS my_color FROM 'a/b'", COLOR, '{"my_color":"red"}'],
    [
      "SELECT color as my_color, temperature as fahrenheit FROM 'a/b'",
      COLOR,
      '{"my_color":"red","fahrenheit":50}',
    ],
    ["SELECT *, 15 as speed FROM 'a/b'", COLOR, '{"color":"red","temperature":50,"speed":15}'],
    ["SELECT VALUE color FROM 'a/b'", COLOR, '"red"'],
    [
      "SELECT color.red as red_value FROM 'a/b'",
      { color: { red: 255, green: 0, blue: 0 }, temperature: 50 },
      '{"red_value":255}',
    ],
    [
      "SELECT (temperature - 32) * 5 / 9 AS celsius, upper(color) as my_color FROM 'a/b'",
      COLOR,
      '{"celsius":10,"my_color":"RED"}',
    ],
    [
      "SELECT color AS rgb FROM 'topic/subtopic' WHERE temperature > 50",
      { color: 'red', temperature: 100 },
      '{"rgb":"red"}',
    ],
    // "Attribute names with spaces … will, however, be passed through … if you use a wildcard (*)."
    ["SELECT * FROM 'a/b'", '{"my key": 1}', '{"my key":1}'],
    // iot-sql-data-types: SELECT NULL AS n; {"foo":null} keeps foo, the missing bar is left out.
    ["SELECT NULL AS n FROM 'a/b'", {}, '{"n":null}'],
    ["SELECT foo, bar FROM 'a/b'", '{"foo": null}', '{"foo":null}'],
  ])('%s on %j gives %s', (sql, payload, expected) => {
    expect(run(sql, payload)).toBe(expected);
  });

  it('names unaliased items by their last attribute or their function [E ministack#1252; V]', () => {
    expect(run("SELECT a.b.c, a.b.d[1], timestamp() FROM 'a/b'", { a: { b: { c: 1, d: [5, 6] } } })).toBe(
      `{"c":1,"d":6,"timestamp":${DOC_TIMESTAMP}}`,
    );
    expect(run("SELECT 1 + 1, 'x' FROM 'a/b'", {})).toBe('{"_1":2,"_2":"x"}');
  });

  it('reads an attribute named value when VALUE is not the keyword', () => {
    expect(run("SELECT value, value AS v FROM 'a/b'", { value: 3 })).toBe('{"value":3,"v":3}');
    expect(run("SELECT value FROM 'a/b'", { value: 3 })).toBe('{"value":3}');
  });

  it('puts the whole document under one key with * AS name (dynamodb-v2-rule-action)', () => {
    expect(run("SELECT * AS message FROM 'a/b'", COLOR)).toBe('{"message":{"color":"red","temperature":50}}');
  });

  it('nests a dotted alias, as in SELECT foo.bar AS bar.baz (iot-sql-json) [V: output not shown by AWS]', () => {
    expect(run("SELECT foo.bar AS bar.baz FROM 'a/b'", { foo: { bar: 'RED', bar1: 'GREEN' } })).toBe(
      '{"bar":{"baz":"RED"}}',
    );
  });

  it('reads array items with [n] and leaves out what is not there', () => {
    const payload = { a: [10, { b: 'x' }] };
    expect(run("SELECT a[0] AS first, a[1].b AS b, a[5] AS none, a[-1] AS neg FROM 'a/b'", payload)).toBe(
      '{"first":10,"b":"x"}',
    );
  });

  it('keeps key order and duplicate-key semantics of the payload', () => {
    expect(run("SELECT * FROM 'a/b'", '{"b": 1, "0": 2, "a": 3, "b": 4}')).toBe('{"b":4,"0":2,"a":3}');
  });

  it('outputs a top-level array with SELECT VALUE (iot-rule-sql-version)', () => {
    expect(run("SELECT VALUE arr FROM 'topic'", { a: { b: 'c' }, arr: [1, 2, 3, 4] })).toBe('[1,2,3,4]');
  });

  it('gives an empty payload for an Undefined SELECT VALUE ("Undefined is converted to an empty string")', () => {
    const out = evaluateRule(parseRuleSql("SELECT VALUE missing FROM 'a'", '2016-03-23'), {
      topic: 'a',
      payload: Buffer.from('{}'),
      timestamp: 0,
    });
    expect(out.matched && out.payload.length).toBe(0);
    expect(out.matched && out.result).toBeUndefined();
  });

  it('exposes the result as a plain JS value too', () => {
    const out = evaluateRule(parseRuleSql("SELECT *, 15 AS speed FROM 'a/b'", '2016-03-23'), {
      topic: 'a/b',
      payload: Buffer.from('{"color":"red","__proto__":{"x":1}}'),
      timestamp: 0,
    });
    expect(out.matched).toBe(true);
    if (!out.matched) return;
    expect(out.result).toEqual({ color: 'red', ['__proto__']: { x: 1 }, speed: 15 });
    expect(Object.getPrototypeOf(out.result)).toBe(Object.prototype);
  });
});

describe('WHERE and Undefined (iot-sql-where, iot-sql-operators)', () => {
  it.each([
    // iot-sql-where: temperature 40 is not > 50, so no outgoing payload.
    [
      "SELECT color AS my_color FROM 'a/b' WHERE temperature > 50 AND color <> 'red'",
      { color: 'red', temperature: 40 },
      null,
    ],
    ["SELECT color FROM 'a/b' WHERE temperature > 50", { color: 'red' }, null], // missing field: Undefined
    ["SELECT color FROM 'a/b' WHERE temperature = 40", { color: 'red', temperature: 40 }, '{"color":"red"}'],
    // WHERE cannot see SELECT aliases: t is Undefined here.
    ["SELECT temperature AS t FROM 'a/b' WHERE t > 1", { temperature: 40 }, null],
    ["SELECT * FROM 'a/b' WHERE 'yes'", {}, null], // not a Boolean
    ["SELECT * FROM 'a/b' WHERE 1", {}, null],
    ["SELECT * FROM 'a/b' WHERE flag", { flag: true }, '{"flag":true}'],
    ["SELECT * FROM 'a/b' WHERE NOT flag", { flag: false }, '{"flag":false}'],
    ['SELECT * FROM \'a/b\' WHERE "60" > 50', {}, '{}'],
    ["SELECT * FROM 'a/b' WHERE 'abc' > 1 OR true", {}, null], // Undefined OR true is Undefined
    ["SELECT * FROM 'a/b' WHERE 'TRUE' AND 'false' = 'false'", {}, '{}'],
  ])('%s on %j', (sql, payload, expected) => {
    expect(run(sql, payload)).toBe(expected);
  });

  it('runs WHERE before SELECT and never evaluates SELECT for a filtered message', () => {
    let uuids = 0;
    const rule = parseRuleSql("SELECT newuuid() AS id FROM 'a/b' WHERE x = 1", '2016-03-23');
    const message = { topic: 'a/b', timestamp: 0, newUuid: () => `uuid-${++uuids}` };
    expect(evaluateRule(rule, { ...message, payload: Buffer.from('{"x":2}') })).toEqual({ matched: false });
    expect(uuids).toBe(0);
    const out = evaluateRule(rule, { ...message, payload: Buffer.from('{"x":1}') });
    expect(out.matched && out.payload.toString()).toBe('{"id":"uuid-1"}');
  });
});

describe('operators (iot-sql-operators)', () => {
  it.each([
    // AND, OR, NOT: Booleans or case-insensitive "true"/"false"; anything else Undefined.
    ['true AND true', 'true'],
    ['true AND "FALSE"', 'false'],
    ['false OR "True"', 'true'],
    ['true AND 1', ''],
    ['false AND missing', ''],
    ['NOT false', 'true'],
    ['NOT "TRUE"', 'false'],
    ['NOT 0', ''],
    // > >= < <=: both sides converted to Decimal.
    ['5 > 4.5', 'true'],
    ['"60" > 50', 'true'],
    ['"6E1" >= 60', 'true'],
    ['"abc" > 1', ''],
    ['true > false', ''],
    ['null < 1', ''],
    ['1 <= 1.0', 'true'],
    // = and <>: mismatched types are unequal; Undefined stays Undefined; Int = Decimal numerically.
    ['1 = 1.0', 'true'],
    ['"1" = 1', 'false'],
    ['"1" <> 1', 'true'],
    ['null = null', 'true'],
    ['null <> null', 'false'],
    ['missing = 1', ''],
    ['1 <> missing', ''],
    ['[1, 2] = [1, 2]', 'true'],
    ['[1, 2] = [2, 1]', 'false'],
    ["{'a': 1, 'b': 2} = {'b': 2, 'a': 1}", 'true'],
    ["{'a': 1} <> {'a': 2}", 'true'],
    ['2 != 3', 'true'],
    // + : String with anything concatenates; Int + Int is Int; any Decimal makes a Decimal.
    ['"a" + 1', '"a1"'],
    ['1 + "a"', '"1a"'],
    ['"5" + 1', '"51"'],
    ['"a" + null', ''],
    ['"a" + [1, "b"]', '"a[1,\\"b\\"]"'],
    ['1 + 2', '3'],
    ['1 + 2.5', '3.5'],
    ['0.1 + 0.2', '0.3'],
    ['true + 1', ''],
    // - * / %: numeric Strings become Decimals.
    ['7 - 2', '5'],
    ['"7" - 2', '5'],
    ['"7.5" - "2"', '5.5'],
    ['"x" - 2', ''],
    ['6 * 7', '42'],
    ['-6.7 * 9 / 5 + 32', '19.94'],
    ['7 / 2', '3'],
    ['-7 / 2', '-3'],
    ['7.5 / 2', '3.75'],
    ['1 / 3.5', '0.2857142857142857142857142857142857'],
    ['1 / 0', ''],
    ['7 % 3', '1'],
    ['-7 % 3', '-1'],
    ['7.5 % 2', '1.5'],
    ['7 % 0', ''],
    ['-(3)', '-3'],
    ['-"2.5"', '-2.5'],
    ['-"x"', ''],
  ])('%s = %s', (expression, expected) => {
    expect(valueOf(expression, { present: 1 })).toBe(expected);
  });
});

describe('SQL versions (iot-rule-sql-version, iot-sql-data-types, cast)', () => {
  // "With SQL V2 (2016-03-23), numeric values that are whole numbers, such as 10.0, are processed as
  // an Int value (10) instead of the expected Decimal value (10.0)."
  it.each([
    ['10.0', '10.0', '10'],
    ['cast(10 AS Double)', '10.0', '10'],
    ['power(2, 5)', '32.0', '32'],
    ['sqrt(9)', '3.0', '3'],
    ['10.0 / 4', '2.5', '2'], // [V] 10.0 is an Int under 2016-03-23, so this is Int division
    ['10.50 * 2', '21.00', '21'],
    ['1.5 + 1.5', '3.0', '3'],
    ['-0.0', '0.0', '0'],
    ['1.25', '1.25', '1.25'],
  ])('%s is %s under 2015-10-08 and %s under 2016-03-23', (expression, v2015, v2016) => {
    expect(valueOf(expression, {}, { version: '2015-10-08' })).toBe(v2015);
    expect(valueOf(expression, {}, { version: '2016-03-23' })).toBe(v2016);
    expect(valueOf(expression, {}, { version: 'beta' })).toBe(v2016);
  });

  it('reads whole decimals of the payload the same way', () => {
    const payload = '{"a": 10.0, "b": [1.0, 2.50], "c": {"d": -8.0}, "e": 1e2, "f": 0.0000001}';
    expect(run("SELECT * FROM 'a'", payload, { version: '2015-10-08' })).toBe(
      '{"a":10.0,"b":[1.0,2.50],"c":{"d":-8.0},"e":1E+2,"f":1E-7}',
    );
    expect(run("SELECT * FROM 'a'", payload, { version: '2016-03-23' })).toBe(
      '{"a":10,"b":[1,2.50],"c":{"d":-8},"e":100,"f":1E-7}',
    );
  });
});

describe('CASE (iot-sql-case)', () => {
  const sql =
    "SELECT CASE color WHEN 'green' THEN 'go' WHEN 'yellow' THEN 'caution' WHEN 'red' THEN 'stop' ELSE 'you are not at a stop light' END as instructions FROM 'a/b'";
  it.each([
    [{ color: 'yellow' }, '{"instructions":"caution"}'],
    [{ color: 'blue' }, '{"instructions":"you are not at a stop light"}'],
    [{}, '{}'], // v Undefined: the CASE is Undefined
  ])('%j', (payload, expected) => {
    expect(run(sql, payload)).toBe(expected);
  });

  it('is Undefined without a match and without ELSE; the first match wins', () => {
    expect(run("SELECT CASE x WHEN 1 THEN 'a' END AS r FROM 'a/b'", { x: 2 })).toBe('{}');
    expect(run("SELECT CASE x WHEN 1 THEN 'a' WHEN 1 THEN 'b' END AS r FROM 'a/b'", { x: 1 })).toBe(
      '{"r":"a"}',
    );
    expect(run("SELECT CASE true WHEN x > 5 THEN 'big' ELSE 'small' END AS r FROM 'a/b'", { x: 9 })).toBe(
      '{"r":"big"}',
    );
  });
});

describe('literals (iot-sql-literals, 2016-03-23)', () => {
  it('builds objects and arrays', () => {
    expect(
      run(
        "SELECT {'latitude': get(lat_long, 0),'longitude':get(lat_long, 1)} as lat_long FROM 'topic/subtopic'",
        {
          lat_long: [47.606, -122.332],
        },
      ),
    ).toBe('{"lat_long":{"latitude":47.606,"longitude":-122.332}}');
    // The page's input says 47.696 and its output 47.606; the input value is what comes out.
    expect(run("SELECT [lat,long] as lat_long FROM 'topic/subtopic'", { lat: 47.696, long: -122.332 })).toBe(
      '{"lat_long":[47.696,-122.332]}',
    );
  });
});

describe('JSON extensions (iot-sql-json)', () => {
  const device = {
    deviceid: 'iot123',
    temp: 54.98,
    humidity: 32.43,
    coords: { latitude: 47.615694, longitude: -122.3359976 },
  };
  it('applies a function to an attribute', () => {
    expect(run("SELECT temp, md5(deviceid) AS hashed_id FROM 'topic/#'", device)).toBe(
      '{"temp":54.98,"hashed_id":"e37f81fb397e595c4aeb5645b8cbbbd1"}',
    );
  });
  it('reaches keys with a hyphen or a leading digit through get()', () => {
    const payload = { mydata: { item2: { '0': { 'my-key': 'myValue' } } } };
    expect(
      run(
        'SELECT * from \'iot/rules\' WHERE get(get(get(mydata,"item2"),"0"),"my-key") = "myValue"',
        payload,
      ),
    ).toBe(JSON.stringify(payload));
  });
});

describe('nested object queries (iot-sql-nested-queries, 2016-03-23)', () => {
  const e = {
    e: [
      { n: 'temperature', u: 'Cel', t: 1234, v: 22.5 },
      { n: 'light', u: 'lm', t: 1235, v: 135 },
      { n: 'acidity', u: 'pH', t: 1235, v: 7 },
    ],
  };
  it.each([
    [
      "SELECT (SELECT VALUE n FROM e) as sensors FROM 'my/topic'",
      '{"sensors":["temperature","light","acidity"]}',
    ],
    [
      "SELECT (SELECT v FROM e WHERE n = 'temperature') as temperature FROM 'my/topic'",
      '{"temperature":[{"v":22.5}]}',
    ],
    [
      "SELECT get((SELECT v FROM e WHERE n = 'temperature'), 0).v as temperature FROM 'topic'",
      '{"temperature":22.5}',
    ],
  ])('%s', (sql, expected) => {
    expect(run(sql, e)).toBe(expected);
  });
});

describe('non-JSON payloads (binary-payloads, iot-sql-where)', () => {
  const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7b]);

  it('passes the bytes through SELECT * unchanged', () => {
    const out = evaluateRule(parseRuleSql("SELECT * FROM 'a/b'", '2016-03-23'), {
      topic: 'a/b',
      payload: binary,
      timestamp: 0,
    });
    expect(out.matched && out.payload.equals(binary)).toBe(true);
    expect(out.matched && Buffer.isBuffer(out.result) && out.result.equals(binary)).toBe(true);
  });

  it('base64-encodes * with encode(), alongside functions', () => {
    expect(run("SELECT encode(*, 'base64') AS data, timestamp() AS ts FROM 'a/b'", binary)).toBe(
      `{"data":"AP8QgHs=","ts":${DOC_TIMESTAMP}}`,
    );
  });

  it('finds no fields in a non-JSON payload, so a WHERE on one does not fire', () => {
    expect(run("SELECT * FROM 'a/b' WHERE device_type = 'thermostat'", binary)).toBeNull();
    expect(run("SELECT a FROM 'a/b'", 'not json')).toBe('{}');
  });

  it('fires WHERE timestamp() % 12 = 0 on the message time alone', () => {
    expect(run("SELECT * FROM 'a/b' WHERE timestamp() % 12 = 0", binary, { timestamp: 1_200 })).toBe(
      binary.toString('utf8'),
    );
    expect(run("SELECT * FROM 'a/b' WHERE timestamp() % 12 = 0", binary, { timestamp: 1_201 })).toBeNull();
  });

  it('decodes the non-JSON payload 80 into a number (iot-sql-where example)', () => {
    const sql =
      "SELECT decode(encode(*, 'base64'), 'base64') AS value FROM 'topic/subtopic' WHERE decode(encode(*, 'base64'), 'base64') > 50";
    expect(run(sql, '80')).toBe('{"value":80}');
  });

  it('adds data to an empty payload (binary-payloads)', () => {
    expect(
      run("SELECT *, principal() as principal, timestamp() as time FROM 'topic/subtopic'", '', {
        principal: 'ab12',
      }),
    ).toBe(`{"principal":"ab12","time":${DOC_TIMESTAMP}}`);
  });

  it('treats the lab lines carrying a bare NaN as non-JSON', () => {
    const line =
      '{"weather_station": "713060", "sky_cover_condition": [{"coverage": NaN, "base_height": 800.0}]}';
    expect(run("SELECT * FROM 'sensor/weather'", line)).toBe(line);
    expect(run("SELECT weather_station FROM 'sensor/weather'", line)).toBe('{}');
  });
});

describe('message functions', () => {
  it('reads topic, client id, principal, trace id and account from the message', () => {
    const sql =
      "SELECT topic() AS t, topic(2) AS t2, topic(9) AS t9, clientid() AS c, principal() AS p, traceid() AS tr, accountid() AS a FROM '#'";
    expect(
      run(
        sql,
        {},
        {
          topic: 'things/myThings/thingOne',
          clientId: 'weather-station_0',
          principal: 'ba67',
          traceId: 't-1',
          accountId: '123456789012',
        },
      ),
    ).toBe(
      '{"t":"things/myThings/thingOne","t2":"myThings","c":"weather-station_0","p":"ba67","tr":"t-1","a":"123456789012"}',
    );
    // Over HTTP: clientid() is "n/a", traceid() Undefined (iot-sql-functions).
    expect(run("SELECT clientid() AS c, traceid() AS tr FROM '#'", {})).toBe('{"c":"n/a"}');
  });

  it('hides the Basic Ingest prefix from topic() (iot-sql-functions, topic)', () => {
    const topic = '$aws/rules/BuildingManager/Buildings/Building5/Floor2/Room201/Lights';
    expect(run("SELECT topic() AS t, topic(3) AS floor FROM 'x'", {}, { topic })).toBe(
      '{"t":"Buildings/Building5/Floor2/Room201/Lights","floor":"Floor2"}',
    );
  });

  it('parses a payload once for several rules and templates of the same version', () => {
    const message = prepareMessage({ topic: 'a', payload: Buffer.from('{"x": 1}'), timestamp: 0 });
    const ctx = message.context('2016-03-23');
    expect(message.context('beta')).toBe(ctx);
    expect(message.context('2015-10-08')).not.toBe(ctx);
  });
});
