import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_JSON, readJsonPayload } from './json.js';
import { numberPolicy, serializeJson, type SqlVersion } from './values.js';

/**
 * `compactBytes()` is what `SELECT *` sends: made from the payload's bytes (whitespace dropped, the
 * tokens that print differently replaced) instead of serializing the parsed value. It must be exactly
 * the serialization, whatever the payload.
 */

const VERSIONS: readonly SqlVersion[] = ['2015-10-08', '2016-03-23'];

function both(text: string, version: SqlVersion): { compact: string; serialized: string } {
  const payload = readJsonPayload(Buffer.from(text, 'utf8'), numberPolicy(version));
  if (payload === NOT_JSON) throw new Error(`not JSON: ${text}`);
  return { compact: payload.compactBytes().toString('utf8'), serialized: serializeJson(payload.value) ?? '' };
}

describe('compact JSON of a payload', () => {
  it.each([
    // [payload, 2015-10-08 output, 2016-03-23 output]
    [
      '{"a": 1, "b": [true, false, null]}\n',
      '{"a":1,"b":[true,false,null]}',
      '{"a":1,"b":[true,false,null]}',
    ],
    ['  {"t": 10.0, "u": -5.0, "v": 57.2}', '{"t":10.0,"u":-5.0,"v":57.2}', '{"t":10,"u":-5,"v":57.2}'],
    ['{"z": -0, "y": -0.0, "x": 0.0000001}', '{"z":0,"y":0.0,"x":1E-7}', '{"z":0,"y":0,"x":1E-7}'],
    ['{"e": 1e3, "f": 2.5E-3}', '{"e":1E+3,"f":0.0025}', '{"e":1000,"f":0.0025}'],
    [
      '{"s": "a\\/b", "t\\u0041": "\\u00e9\\n", "q": "x\\"y"}',
      '{"s":"a/b","tA":"é\\n","q":"x\\"y"}',
      '{"s":"a/b","tA":"é\\n","q":"x\\"y"}',
    ],
    ['{"a": 1, "b": 2, "a": 3}', '{"a":3,"b":2}', '{"a":3,"b":2}'],
    ['{"city": "Zürich", "n": 1.0}', '{"city":"Zürich","n":1.0}', '{"city":"Zürich","n":1}'],
    ['[ {"a" : [ ] } , { } ]', '[{"a":[]},{}]', '[{"a":[]},{}]'],
  ])('%s', (text, older, newer) => {
    expect(both(text, '2015-10-08')).toEqual({ compact: older, serialized: older });
    expect(both(text, '2016-03-23')).toEqual({ compact: newer, serialized: newer });
  });

  it('equals the serialization of the parsed value for any JSON document', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(
          'null',
          'true',
          'false',
          '0',
          '-0',
          '10',
          '-5.0',
          '10.0',
          '0.10',
          '-0.0',
          '1e5',
          '1.5E-7',
          '0.0000001',
          '123456789012345678901234567890123456789',
        ),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
        fc.integer().map(String),
        fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
        fc.constantFrom('"\\u0041\\/"', '"\\ud83d\\ude00"', '"tab\\there"'),
        tie('object'),
        tie('array'),
      ),
      object: fc
        .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd\\n', 'é'), tie('value')), { maxLength: 5 })
        .map((members) => `{${members.map(([k, v]) => `"${k}" :${v}`).join(' ,')}}`),
      array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[ ${items.join(', ')} ]`),
    }));
    const document = fc.oneof(json.object, json.array);
    fc.assert(
      fc.property(
        document,
        fc.constantFrom(...VERSIONS),
        fc.constantFrom('', ' ', '\n', '\r\n\t'),
        (text, version, space) => {
          const { compact, serialized } = both(space + text + space, version);
          expect(compact).toBe(serialized);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
