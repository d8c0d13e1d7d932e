import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeObjectBody, scanJsonRecords } from './json-records.js';
import { typeString } from './schema.js';

const LAB_RECORD =
  '{"weather_station": "030910", "latitude": 57.2, "elevation": 69, "time": "2022-01-01T00:00:00+00:00", ' +
  '"air_temperature": {"value": 6.3, "quality": "1"}, "wind_direction": {"value": "190", "quality": "1"}, ' +
  '"weather_condition": [{"present_weather_condition": "Rain (not freezing)"}]}';

describe('scanJsonRecords', () => {
  const cases: { name: string; text: string; records: number; failed: number; schema?: string }[] = [
    { name: 'one record per line', text: '{"a": 1}\n{"a": 2}\n{"a": 3}\n', records: 3, failed: 0, schema: 'struct<a:int>' },
    { name: 'CRLF lines', text: '{"a": 1}\r\n{"a": 2}\r\n', records: 2, failed: 0, schema: 'struct<a:int>' },
    { name: 'concatenated with no separator (Firehose)', text: '{"a": 1}{"a": 2.5}{"b": "x"}', records: 3, failed: 0, schema: 'struct<a:double,b:string>' },
    { name: 'concatenated with spaces', text: '{"a": 1} {"a": 2}\t{"a": 3}', records: 3, failed: 0, schema: 'struct<a:int>' },
    { name: 'a pretty-printed record', text: '{\n  "a": {\n    "b": [1, 2]\n  }\n}\n', records: 1, failed: 0, schema: 'struct<a:struct<b:array<int>>>' },
    { name: 'empty text', text: '', records: 0, failed: 0 },
    { name: 'whitespace only', text: ' \n\n ', records: 0, failed: 0 },
    { name: 'the original lab bare NaN on one line', text: '{"a": 1}\n{"a": NaN}\n{"a": 2}\n', records: 2, failed: 1, schema: 'struct<a:int>' },
    { name: 'NaN in concatenated records', text: '{"a": 1}{"a": NaN}{"a": 2}', records: 2, failed: 1, schema: 'struct<a:int>' },
    { name: 'a truncated last record', text: '{"a": 1}\n{"a": ', records: 1, failed: 1, schema: 'struct<a:int>' },
    { name: 'a truncated record followed by a good line', text: '{"a": 1\n{"a": 2}\n', records: 1, failed: 1, schema: 'struct<a:int>' },
    { name: 'a non-object record', text: '[1, 2]\n{"a": 1}\n', records: 1, failed: 1, schema: 'struct<a:int>' },
    { name: 'text that is not JSON at all', text: 'station,time\n030910,2022\n', records: 0, failed: 2 },
    { name: 'escaped quotes in strings', text: '{"a": "say \\"hi\\"", "b": "\\\\"}\n', records: 1, failed: 0, schema: 'struct<a:string,b:string>' },
    { name: 'uppercase keys are lowercased', text: '{"Temp": 1}{"temp": 2.5}', records: 2, failed: 0, schema: 'struct<temp:double>' },
  ];
  it.each(cases)('$name', ({ text, records, failed, schema }) => {
    const scan = scanJsonRecords(text);
    expect(scan.records).toBe(records);
    expect(scan.failedRecords).toBe(failed);
    expect(scan.schema === undefined ? undefined : typeString(scan.schema)).toBe(schema);
  });

  it('reports where a record failed (line and message)', () => {
    const scan = scanJsonRecords('{"a": 1}\n{"a": 2}\n{"air_temperature": {"value": NaN}}\n');
    expect(scan.failures).toEqual([{ offset: 48, line: 3, message: "Unexpected character 'N'" }]);
  });

  it('gives each record its span', () => {
    const spans: [number, number][] = [];
    scanJsonRecords('{"a":1}{"b":2}\n{"c":3}', (start, end) => spans.push([start, end]));
    expect(spans).toEqual([
      [0, 7],
      [7, 14],
      [15, 22],
    ]);
  });

  it('types a lab payload as Glue does', () => {
    const scan = scanJsonRecords(`${LAB_RECORD}\n`);
    expect(scan.schema && typeString(scan.schema)).toBe(
      'struct<weather_station:string,latitude:double,elevation:int,time:string,air_temperature:struct<value:double,quality:string>,' +
        'wind_direction:struct<value:string,quality:string>,weather_condition:array<struct<present_weather_condition:string>>>',
    );
    expect(scan.recordChars).toBe(LAB_RECORD.length);
  });
});

describe('decodeObjectBody', () => {
  it('reads plain text as is', () => {
    expect(decodeObjectBody(Buffer.from('{"a":1}'))).toEqual({ text: '{"a":1}', compression: 'none' });
  });
  it('gunzips a body that starts with the gzip magic bytes, whatever its name', () => {
    expect(decodeObjectBody(gzipSync('{"a":1}\n{"a":2}'))).toEqual({ text: '{"a":1}\n{"a":2}', compression: 'gzip' });
  });
});
