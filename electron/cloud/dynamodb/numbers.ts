import { AwsError } from '../protocols/aws-error.js';

/**
 * DynamoDB numbers: decimal, up to 38 significant digits, magnitude between 1E-130 and
 * 9.99…E+125, stored and returned in plain notation without leading or trailing zeros
 * (`"1.50"` is read back as `"1.5"`, `"1e3"` as `"1000"`).
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
 */
export interface Decimal {
  negative: boolean;
  /** Significant digits, no leading or trailing zero; empty for zero. */
  digits: string;
  /** value = 0.<digits> × 10^exponent (meaningless for zero). */
  exponent: number;
}

const NUMBER_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
// 0.1E-129 = 1E-130 is the smallest magnitude, 0.99…E126 the largest.
const MIN_EXPONENT = -129;
const MAX_EXPONENT = 126;

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

/** Parses a DynamoDB `N` string; throws AWS's ValidationException for what DynamoDB refuses. */
export function parseDecimal(text: string): Decimal {
  // AWS: an empty N has no value in the message, a malformed one shows it.
  if (text === '') throw validation('The parameter cannot be converted to a numeric value');
  const match = NUMBER_PATTERN.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) {
    throw validation(`The parameter cannot be converted to a numeric value: ${text}`);
  }
  const all = whole + fraction;
  const firstNonZero = all.search(/[1-9]/);
  if (firstNonZero === -1) return { negative: false, digits: '', exponent: 0 };
  const lastNonZero = all.length - 1 - [...all].reverse().join('').search(/[1-9]/);
  const digits = all.slice(firstNonZero, lastNonZero + 1);
  const exponentPart = Number(match[4] ?? '0');
  const exponent = whole.length - firstNonZero + exponentPart;
  if (digits.length > MAX_DIGITS)
    throw validation('Attempting to store more than 38 significant digits in a Number');
  if (exponent > MAX_EXPONENT) {
    throw validation(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  }
  if (exponent < MIN_EXPONENT) {
    throw validation(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  }
  return { negative: match[1] === '-', digits, exponent };
}

/** Plain notation, as DynamoDB returns numbers. */
export function formatDecimal(value: Decimal): string {
  const { digits, exponent } = value;
  if (digits === '') return '0';
  let body: string;
  if (exponent >= digits.length) body = digits + '0'.repeat(exponent - digits.length);
  else if (exponent > 0) body = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  else body = `0.${'0'.repeat(-exponent)}${digits}`;
  return value.negative ? `-${body}` : body;
}

/** Validates and normalizes an `N` string. */
export function normalizeNumber(text: string): string {
  return formatDecimal(parseDecimal(text));
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.exponent !== b.exponent) return a.exponent < b.exponent ? -1 : 1;
  if (a.digits === b.digits) return 0;
  // Same exponent: digit strings compare lexicographically ("12" < "123" as 0.12 < 0.123).
  return a.digits < b.digits ? -1 : 1;
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const signA = a.digits === '' ? 0 : a.negative ? -1 : 1;
  const signB = b.digits === '' ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const magnitude = compareMagnitude(a, b);
  return signA > 0 ? magnitude : -magnitude;
}

export function compareNumbers(a: string, b: string): number {
  return compareDecimals(parseDecimal(a), parseDecimal(b));
}

/** value = coefficient × 10^scale */
function toScaled(value: Decimal): { coefficient: bigint; scale: number } {
  if (value.digits === '') return { coefficient: 0n, scale: 0 };
  const coefficient = BigInt(value.digits);
  return {
    coefficient: value.negative ? -coefficient : coefficient,
    scale: value.exponent - value.digits.length,
  };
}

/** Exact decimal addition, for `SET n = n + :d` and `ADD n :d`; the result obeys DynamoDB's limits. */
export function addNumbers(a: string, b: string): string {
  const x = toScaled(parseDecimal(a));
  const y = toScaled(parseDecimal(b));
  const scale = Math.min(x.scale, y.scale);
  const sum = x.coefficient * 10n ** BigInt(x.scale - scale) + y.coefficient * 10n ** BigInt(y.scale - scale);
  const negative = sum < 0n;
  const magnitude = (negative ? -sum : sum).toString();
  if (sum === 0n) return '0';
  const text = `${negative ? '-' : ''}${magnitude}e${scale}`;
  return normalizeNumber(text);
}

export function negateNumber(text: string): string {
  const value = parseDecimal(text);
  return formatDecimal({ ...value, negative: !value.negative });
}

/**
 * Significant digits of a normalized number (plain notation, as stored), for the item size:
 * 1 byte per two digits, plus one.
 */
export function significantDigits(normalized: string): number {
  const digits = normalized.replace(/[-.]/g, '');
  let start = 0;
  let end = digits.length;
  while (start < end && digits.charCodeAt(start) === 48) start++;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  return end - start;
}
