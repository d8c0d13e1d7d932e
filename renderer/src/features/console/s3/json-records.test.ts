import { describe, expect, it } from 'vitest';
import { splitJsonRecords } from './json-records';

describe('splitJsonRecords', () => {
  it('reads JSON lines', () => {
    const result = splitJsonRecords('{"a":1}\n{"a":2}\n', 10, false);
    expect(result.records.map((r) => (r.ok ? r.value : r.text))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(result.total).toBe(2);
  });

  it("reads Firehose's records back to back, braces inside strings included", () => {
    const result = splitJsonRecords('{"t":"}{"}{"t":"x\\"}"}[1,2]', 10, false);
    expect(result.records.map((r) => (r.ok ? r.value : r.text))).toEqual([{ t: '}{' }, { t: 'x"}' }, [1, 2]]);
  });

  it('keeps records that do not parse, with the reason', () => {
    const result = splitJsonRecords('{"coverage": NaN}\n{"ok": true}', 10, false);
    expect(result.invalid).toBe(1);
    expect(result.records[0]).toMatchObject({ ok: false, text: '{"coverage": NaN}' });
    expect(result.records[1]).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('stops at the cut of a truncated preview and counts beyond the limit', () => {
    const result = splitJsonRecords('{"a":1}{"a":2}{"a":3}{"a"', 2, true);
    expect(result.records).toHaveLength(2);
    expect(result.total).toBe(3);
    expect(result.incompleteTail).toBe(true);
  });
});
