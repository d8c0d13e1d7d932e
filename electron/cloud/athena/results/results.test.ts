import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv.js';
import { javaDouble, javaFloat } from './render.js';

describe('result files', () => {
  it('quotes every value, doubles quotes, leaves NULL empty (AWS-FIDELITY §10.6)', () => {
    expect(csvLine(['weather_station', '_col1'])).toBe('"weather_station","_col1"\n');
    expect(csvLine(['say "hi"', null, '', 'a,b\nc'])).toBe('"say ""hi""",,"","a,b\nc"\n');
  });

  it('reads its own CSV back, NULL and empty string apart', () => {
    const text = csvLine(['a', null, '']) + csvLine([null]) + csvLine(['x "y"', 'multi\nline', null]);
    expect(parseCsv(text)).toEqual([['a', null, ''], [null], ['x "y"', 'multi\nline', null]]);
  });

  it.each([
    [1, '1.0'],
    [-2.5, '-2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e20, '1.0E20'],
    [1.5e-7, '1.5E-7'],
    [12345678.9, '1.23456789E7'],
    [0.001, '0.001'],
    [0, '0.0'],
    [Number.NaN, 'NaN'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('double %d is written %s, as Java writes it', (value, text) => {
    expect(javaDouble(value)).toBe(text);
  });

  it('writes a real with the float digits', () => {
    expect(javaFloat(Math.fround(0.1))).toBe('0.1');
  });
});
