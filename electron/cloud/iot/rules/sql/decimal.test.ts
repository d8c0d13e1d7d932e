import { describe, expect, it } from 'vitest';
import {
  Decimal,
  addDecimals,
  divideDecimals,
  multiplyDecimals,
  remainderDecimals,
  subtractDecimals,
} from './decimal.js';

function dec(text: string): Decimal {
  const d = Decimal.fromText(text);
  if (d === undefined) throw new Error(`out of range: ${text}`);
  return d;
}

describe('Decimal follows Java BigDecimal under DECIMAL128 (iot-sql-data-types: 34 digits)', () => {
  it.each([
    ['46.15', '46.15'],
    ['-0.0', '0.0'],
    ['1e2', '1E+2'],
    ['1.5E-3', '0.0015'],
    ['0.0000001', '1E-7'],
    ['0.000001', '0.000001'],
    ['007.50', '7.50'],
    ['123456789012345678901234567890123456789', '1.234567890123456789012345678901235E+38'],
  ])('prints %s as %s', (text, printed) => {
    expect(dec(text).toString()).toBe(printed);
  });

  it('refuses magnitudes outside 1E-999 … 9.999E999', () => {
    expect(Decimal.fromText('1E1000')).toBeUndefined();
    expect(Decimal.fromText('1E-1000')).toBeUndefined();
    expect(Decimal.fromText('9.99E999')?.toString()).toBe('9.99E+999');
    expect(multiplyDecimals(dec('1E900'), dec('1E900'))).toBeUndefined();
    // Zero has no magnitude, so any exponent is in range; its scale is clamped instead.
    expect(dec('0E99999999999999999999').toString()).toBe('0E+999');
    expect(addDecimals(dec('0E-99999999999'), dec('1'))?.toString()).toBe(`1.${'0'.repeat(33)}`); // 34 digits
  });

  it.each([
    [addDecimals, '0.1', '0.2', '0.3'],
    [subtractDecimals, '1.00', '0.5', '0.50'],
    [multiplyDecimals, '-6.7', '1.8', '-12.06'],
    [divideDecimals, '7.0', '2', '3.5'],
    [divideDecimals, '10.0', '2', '5.0'],
    [divideDecimals, '1', '3', '0.3333333333333333333333333333333333'],
    [divideDecimals, '2', '3', '0.6666666666666666666666666666666667'],
    [divideDecimals, '1', '8', '0.125'],
    [remainderDecimals, '-7.5', '2', '-1.5'],
    [remainderDecimals, '7', '2.5', '2.0'],
  ])('%o(%s, %s) = %s', (op, a, b, expected) => {
    expect(op(dec(a), dec(b))?.toString()).toBe(expected);
  });

  it('rounds half to even at the 34th digit', () => {
    expect(addDecimals(dec('1000000000000000000000000000000000'), dec('0.5'))?.toString()).toBe(
      '1000000000000000000000000000000000',
    );
    expect(addDecimals(dec('1000000000000000000000000000000001'), dec('0.5'))?.toString()).toBe(
      '1000000000000000000000000000000002',
    );
  });

  it('reads doubles as Java Double.toString does (power(2, 5) = 32.0)', () => {
    expect(Decimal.fromDouble(32)?.toString()).toBe('32.0');
    expect(Decimal.fromDouble(1.5707963267948966)?.toString()).toBe('1.5707963267948966');
    expect(Decimal.fromDouble(1e7)?.toString()).toBe('1.0E+7');
    expect(Decimal.fromDouble(0.0001)?.toString()).toBe('0.00010');
    expect(Decimal.fromDouble(Number.NaN)).toBeUndefined();
  });

  it('rounds and truncates', () => {
    expect([dec('2.5').roundHalfUp(), dec('-2.5').roundHalfUp(), dec('-2.4').roundHalfUp()]).toEqual([
      3n,
      -3n,
      -2n,
    ]);
    expect([dec('-2.7').floor(), dec('-2.7').ceil(), dec('-2.7').truncate()]).toEqual([-3n, -2n, -2n]);
    expect([dec('10.000').isWhole(), dec('1e3').isWhole(), dec('10.01').isWhole()]).toEqual([
      true,
      true,
      false,
    ]);
    expect([dec('1e33').isIntLike(), dec('1e34').isIntLike(), dec('1e400').isIntLike()]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
