import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../protocols/aws-error.js';
import { itemSize, normalizeValue, toAttributeValue, toItem, toSdkItem } from './attribute-values.js';
import { validationMessage } from './expressions/test-support.js';
import { encodeKeyValue, encodeNumber } from './key-codec.js';
import { addNumbers, compareNumbers, normalizeNumber } from './numbers.js';

describe('numbers', () => {
  // Source: HowItWorks.NamingRulesDataTypes (38 digits, 1E-130 … 9.99E+125), read back in plain notation.
  it.each([
    ['1.50', '1.5'],
    ['0010', '10'],
    ['-0.0', '0'],
    ['1e3', '1000'],
    ['1.25E-2', '0.0125'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['9999.9', '9999.9'],
    ['1E125', `1${'0'.repeat(125)}`],
  ])('%s reads back as %s', (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });

  it.each([
    ['', 'The parameter cannot be converted to a numeric value'],
    ['abc', 'The parameter cannot be converted to a numeric value: abc'],
    ['1e126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    ['1e-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
    [`1.${'1'.repeat(38)}`, 'Attempting to store more than 38 significant digits in a Number'],
  ])('%j is refused', (input, message) => {
    expect(validationMessage(() => normalizeNumber(input))).toBe(message);
  });

  it('adds exactly (no binary floating point)', () => {
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(addNumbers('-31.5', '31.5')).toBe('0');
    expect(addNumbers('12345678901234567890', '1')).toBe('12345678901234567891');
  });

  const decimal = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }))
    .map(([negative, digits, exponent]) => `${negative ? '-' : ''}${digits}e${exponent}`);

  it('encodes numbers so that bytes sort as the numbers do (sort keys of type N)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(Math.sign(Buffer.compare(encodeNumber(a), encodeNumber(b)))).toBe(
          Math.sign(compareNumbers(a, b)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('orders string keys by UTF-8 bytes and binary keys bytewise', () => {
    const strings = ['a', 'Z', 'é', '\u{1F600}', '\uFFFF', ''].map((S) => encodeKeyValue({ S }));
    const sorted = [...strings].sort(Buffer.compare).map((bytes) => bytes.toString('utf8'));
    expect(sorted).toEqual(['', 'Z', 'a', 'é', '\uFFFF', '\u{1F600}']);
    expect(Buffer.compare(encodeKeyValue({ B: 'AQ==' }), encodeKeyValue({ B: '/w==' }))).toBe(-1);
  });
});

describe('attribute values', () => {
  it('maps JSON as the IoT dynamoDBv2 action does', () => {
    expect(
      toItem({
        weather_station: '030910',
        elevation: 69,
        latitude: 57.2,
        ok: true,
        gone: null,
        skip: undefined,
        sky: [{ coverage: 8 }],
      }),
    ).toEqual({
      weather_station: { S: '030910' },
      elevation: { N: '69' },
      latitude: { N: '57.2' },
      ok: { BOOL: true },
      gone: { NULL: true },
      sky: { L: [{ M: { coverage: { N: '8' } } }] },
    });
    expect(toAttributeValue(1e21)).toEqual({ N: '1e+21' });
    expect(normalizeValue(toAttributeValue(1e21))).toEqual({ N: '1000000000000000000000' });
    expect(() => toAttributeValue(Number.NaN)).toThrow(TypeError);
  });

  it('takes SDK bytes in and gives them back', () => {
    const stored = normalizeValue({ B: new Uint8Array([1, 2, 255]) });
    expect(stored).toEqual({ B: 'AQL/' });
    expect(toSdkItem({ b: stored })).toEqual({ b: { B: new Uint8Array([1, 2, 255]) } });
  });

  it.each([
    [{}, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
    [
      { S: 'a', N: '1' },
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    ],
    [{ SS: [] }, 'One or more parameter values were invalid: An string set  may not be empty'],
    [{ NS: [] }, 'One or more parameter values were invalid: An number set  may not be empty'],
    [{ BS: [] }, 'One or more parameter values were invalid: Binary sets should not be empty'],
    [
      { SS: ['a', 'a'] },
      'One or more parameter values were invalid: Input collection [a, a] contains duplicates.',
    ],
    [{ NS: ['1', '1.0'] }, 'Input collection contains duplicates'],
    [{ N: 'x' }, 'The parameter cannot be converted to a numeric value: x'],
  ])('%j is refused', (value, message) => {
    expect(validationMessage(() => normalizeValue(value))).toBe(message);
  });

  it('accepts NULL false as NULL true, and refuses values that are not attribute values', () => {
    expect(normalizeValue({ NULL: false })).toEqual({ NULL: true });
    expect(() => normalizeValue('plain')).toThrow(AwsError);
  });

  it('sizes items as DynamoDB counts them (names + values)', () => {
    expect(itemSize({ weather_station: { S: '030910' } })).toBe(15 + 6);
    expect(itemSize({ n: { N: '123.45' } })).toBe(1 + 4);
    expect(itemSize({ m: { M: { a: { BOOL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });
});
