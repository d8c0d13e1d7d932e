/**
 * AWS IoT SQL `Decimal`: "a Decimal with a precision of 34 digits, with a minimum non-zero magnitude
 * of 1E-999 and a maximum magnitude 9.999…E999" (AWS: iot-sql-data-types). That is Java's
 * `BigDecimal` under `MathContext.DECIMAL128` (34 digits, HALF_EVEN), so the value is an unscaled
 * integer and a scale, and its text form follows `BigDecimal.toString()`.
 *
 * Numbers read from a payload keep their source text and are only turned into bigints when an
 * operator needs them: most payload numbers are just copied to the output.
 */

export const DECIMAL_PRECISION = 34;
/** AWS: magnitudes from 1E-999 to 9.999…E999; results outside are Undefined. */
const MAX_ADJUSTED_EXPONENT = 999;
const MIN_ADJUSTED_EXPONENT = -999;

const POW10: bigint[] = [1n];
export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push((POW10[i - 1] ?? 1n) * 10n);
  return POW10[n] ?? 1n;
}

function digitCount(u: bigint): number {
  return (u < 0n ? -u : u).toString().length;
}

function absBig(u: bigint): bigint {
  return u < 0n ? -u : u;
}

/** Scale and exponent facts of a number text, read without building a bigint. */
interface TextShape {
  negative: boolean;
  intDigits: string;
  fracDigits: string;
  exponent: number;
}

function shapeOf(text: string): TextShape {
  let i = 0;
  const negative = text.charCodeAt(0) === 45; /* - */
  if (negative) i = 1;
  const ePos = text.search(/[eE]/);
  const mantissa = ePos < 0 ? text.slice(i) : text.slice(i, ePos);
  const exponent = ePos < 0 ? 0 : Number(text.slice(ePos + 1));
  const dot = mantissa.indexOf('.');
  return {
    negative,
    intDigits: dot < 0 ? mantissa : mantissa.slice(0, dot),
    fracDigits: dot < 0 ? '' : mantissa.slice(dot + 1),
    exponent,
  };
}

export class Decimal {
  private u: bigint | undefined;
  private s: number;
  /** Source text without exponent (payload or SQL literal); the bigint form is built on demand. */
  private readonly src: string | undefined;
  /** The source text when `BigDecimal.toString()` would print it unchanged. */
  private readonly printed: string | undefined;

  private constructor(
    u: bigint | undefined,
    s: number,
    src: string | undefined,
    printed: string | undefined,
  ) {
    this.u = u;
    this.s = s;
    this.src = src;
    this.printed = printed;
  }

  /** A value from an unscaled integer and a scale, rounded to 34 digits; undefined when out of range. */
  static of(unscaled: bigint, scale: number, sticky = false): Decimal | undefined {
    const [u, s] = roundToPrecision(unscaled, scale, sticky);
    if (u === 0n) return new Decimal(0n, zeroScale(s), undefined, undefined);
    const adjusted = digitCount(u) - 1 - s;
    if (adjusted > MAX_ADJUSTED_EXPONENT || adjusted < MIN_ADJUSTED_EXPONENT) return undefined;
    return new Decimal(u, s, undefined, undefined);
  }

  static fromBigInt(value: bigint): Decimal {
    return new Decimal(value, 0, undefined, undefined);
  }

  /**
   * A value from number text matching `-?\d+(\.\d+)?([eE][+-]?\d+)?` (JSON numbers and the string
   * form AWS converts, `^-?\d+(\.\d+)?((?i)E-?\d+)?$`). Undefined when out of AWS's range.
   */
  static fromText(text: string): Decimal | undefined {
    // Short texts without exponent are always in range and within precision: defer all parsing.
    if (text.length <= DECIMAL_PRECISION && !/[eE]/.test(text)) {
      return new Decimal(undefined, 0, text, isCanonicalText(text) ? text : undefined);
    }
    const shape = shapeOf(text);
    if (!Number.isFinite(shape.exponent)) return undefined;
    const digits = (shape.intDigits + shape.fracDigits).replace(/^0+(?=\d)/, '');
    const scale = shape.fracDigits.length - shape.exponent;
    if (digits.length > DECIMAL_PRECISION || /^0+$/.test(digits)) {
      if (/^0+$/.test(digits)) return new Decimal(0n, zeroScale(scale), undefined, undefined);
      return Decimal.of(BigInt((shape.negative ? '-' : '') + digits), scale);
    }
    const adjusted = digits.length - 1 - scale;
    if (adjusted > MAX_ADJUSTED_EXPONENT || adjusted < MIN_ADJUSTED_EXPONENT) return undefined;
    return new Decimal(BigInt((shape.negative ? '-' : '') + digits), scale, undefined, undefined);
  }

  /**
   * A JSON number without exponent and at most 34 characters (the JSON reader checks both), with
   * `canonical` telling whether BigDecimal would print it unchanged.
   */
  static fromJsonText(text: string, canonical: boolean): Decimal {
    return new Decimal(undefined, 0, text, canonical ? text : undefined);
  }

  /**
   * A double-precision result ("Decimal (with double precision)"): Java's BigDecimal.valueOf(double),
   * which goes through Double.toString, so `power(2, 5)` is `32.0` and `1e7` is `1.0E+7`.
   */
  static fromDouble(d: number): Decimal | undefined {
    if (!Number.isFinite(d)) return undefined;
    if (d === 0) return new Decimal(0n, 1, undefined, undefined);
    const [mant = '0', expText = '0'] = d.toExponential().split('e');
    const exp = Number(expText);
    const negative = mant.startsWith('-');
    let digits = mant.replace('-', '').replace('.', '');
    const abs = Math.abs(d);
    let scale: number;
    if (abs >= 1e-3 && abs < 1e7) {
      // Double.toString plain form: at least one digit after the point.
      const frac = digits.length - 1 - exp;
      if (frac <= 0) {
        digits += '0'.repeat(-frac + 1);
        scale = 1;
      } else scale = frac;
    } else {
      // Double.toString "computerized scientific notation": d.ddd…E±n, at least one fraction digit.
      if (digits.length === 1) digits += '0';
      scale = digits.length - 1 - exp;
    }
    return Decimal.of(BigInt((negative ? '-' : '') + digits), scale);
  }

  get unscaled(): bigint {
    if (this.u === undefined) {
      const shape = shapeOf(this.src ?? '0');
      this.u = BigInt((shape.negative ? '-' : '') + (shape.intDigits + shape.fracDigits));
      this.s = shape.fracDigits.length - shape.exponent;
    }
    return this.u;
  }

  get scale(): number {
    if (this.u === undefined) void this.unscaled;
    return this.s;
  }

  signum(): -1 | 0 | 1 {
    const u = this.unscaled;
    return u === 0n ? 0 : u < 0n ? -1 : 1;
  }

  /** True for whole numbers such as `10.0`, which SQL 2016-03-23 turns into Ints. */
  isWhole(): boolean {
    if (this.u === undefined && this.src !== undefined) {
      const dot = this.src.indexOf('.');
      return dot < 0 || /^0*$/.test(this.src.slice(dot + 1));
    }
    const s = this.scale;
    return s <= 0 || this.unscaled % pow10(s) === 0n;
  }

  /** Whole and within an Int's 34 digits ("A discrete Int. 34 digits maximum."). */
  isIntLike(): boolean {
    if (!this.isWhole()) return false;
    if (this.u === undefined) return true; // short source text: at most 33 digits
    return this.u === 0n || digitCount(this.u) - this.s <= DECIMAL_PRECISION;
  }

  /** Truncates toward zero. */
  truncate(): bigint {
    if (this.u === undefined && this.src !== undefined) {
      const dot = this.src.indexOf('.');
      const intPart = dot < 0 ? this.src : this.src.slice(0, dot);
      return intPart.length <= 15 ? BigInt(Number(intPart)) : BigInt(intPart);
    }
    const s = this.scale;
    return s <= 0 ? this.unscaled * pow10(-s) : this.unscaled / pow10(s);
  }

  floor(): bigint {
    const t = this.truncate();
    return this.signum() < 0 && !this.isWhole() ? t - 1n : t;
  }

  ceil(): bigint {
    const t = this.truncate();
    return this.signum() > 0 && !this.isWhole() ? t + 1n : t;
  }

  /** Nearest integer, halves away from zero (`round(1.5)` = 2, `round(-1.5)` = -2). */
  roundHalfUp(): bigint {
    const s = this.scale;
    if (s <= 0) return this.truncate();
    const divisor = pow10(s);
    const u = this.unscaled;
    const q = u / divisor;
    const r = absBig(u % divisor);
    return r * 2n >= divisor ? q + (u < 0n ? -1n : 1n) : q;
  }

  toNumber(): number {
    return Number(this.src ?? this.toString());
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale, undefined, undefined);
  }

  abs(): Decimal {
    return this.signum() < 0 ? this.negate() : this;
  }

  /** Java `BigDecimal.toString()`: plain unless the exponent is large or very negative. */
  toString(): string {
    if (this.printed !== undefined) return this.printed;
    const u = this.unscaled;
    const s = this.s;
    const coeff = absBig(u).toString();
    const sign = u < 0n ? '-' : '';
    const adjusted = coeff.length - 1 - s;
    if (s >= 0 && adjusted >= -6) {
      if (s === 0) return sign + coeff;
      if (coeff.length > s)
        return `${sign}${coeff.slice(0, coeff.length - s)}.${coeff.slice(coeff.length - s)}`;
      return `${sign}0.${'0'.repeat(s - coeff.length)}${coeff}`;
    }
    const mantissa = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
    return `${sign}${mantissa}E${adjusted > 0 ? '+' : ''}${adjusted}`;
  }
}

/** A zero keeps its scale only within the range values have (`0E+99999999` would make alignments explode). */
function zeroScale(scale: number): number {
  return Math.min(Math.max(scale, -MAX_ADJUSTED_EXPONENT), -MIN_ADJUSTED_EXPONENT + DECIMAL_PRECISION);
}

/** Source text that `BigDecimal.toString()` would print unchanged. */
function isCanonicalText(text: string): boolean {
  if (/[eE]/.test(text)) return false;
  const body = text.charCodeAt(0) === 45 ? text.slice(1) : text;
  if (body.length > 1 && body[0] === '0' && body[1] !== '.') return false; // leading zeros
  if (body.startsWith('0.000000')) return false; // adjusted exponent below -6, or zero with big scale
  if (body.length - (body.includes('.') ? 1 : 0) > DECIMAL_PRECISION) return false;
  if (text !== body && /^[0.]+$/.test(body)) return false; // BigDecimal has no negative zero
  return true;
}

/** Rounds to 34 significant digits, HALF_EVEN; `sticky` says discarded non-zero digits lie further right. */
function roundToPrecision(u: bigint, s: number, sticky: boolean): [bigint, number] {
  let digits = digitCount(u);
  if (digits <= DECIMAL_PRECISION) return [u, s];
  const drop = digits - DECIMAL_PRECISION;
  const divisor = pow10(drop);
  let q = u / divisor;
  const r = absBig(u % divisor);
  const twice = r * 2n;
  const odd = (q < 0n ? -q : q) % 2n === 1n;
  if (twice > divisor || (twice === divisor && (sticky || odd))) q += u < 0n ? -1n : 1n;
  let scale = s - drop;
  digits = digitCount(q);
  if (digits > DECIMAL_PRECISION) {
    q /= 10n;
    scale -= 1;
  }
  return [q, scale];
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const sa = a.signum();
  const sb = b.signum();
  if (sa !== sb) return sa < sb ? -1 : 1;
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.unscaled * pow10(s - a.scale), b.unscaled * pow10(s - b.scale), s];
}

export function addDecimals(a: Decimal, b: Decimal): Decimal | undefined {
  const [x, y, s] = align(a, b);
  return Decimal.of(x + y, s);
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal | undefined {
  const [x, y, s] = align(a, b);
  return Decimal.of(x - y, s);
}

export function multiplyDecimals(a: Decimal, b: Decimal): Decimal | undefined {
  return Decimal.of(a.unscaled * b.unscaled, a.scale + b.scale);
}

/**
 * `BigDecimal.divide(divisor, DECIMAL128)`: an exact quotient keeps the preferred scale
 * (dividend scale minus divisor scale) where it can; an inexact one has 34 digits.
 */
export function divideDecimals(a: Decimal, b: Decimal): Decimal | undefined {
  if (b.signum() === 0) return undefined;
  const preferred = a.scale - b.scale;
  if (a.signum() === 0) return Decimal.of(0n, Math.max(preferred, 0));
  const na = digitCount(a.unscaled);
  const nb = digitCount(b.unscaled);
  const shift = Math.max(0, DECIMAL_PRECISION + 2 - na + nb);
  const numerator = a.unscaled * pow10(shift);
  let q = numerator / b.unscaled;
  const r = numerator % b.unscaled;
  let scale = preferred + shift;
  if (r !== 0n) return Decimal.of(q, scale, true);
  while (scale > preferred && q % 10n === 0n) {
    q /= 10n;
    scale -= 1;
  }
  return Decimal.of(q, scale);
}

/** Remainder with the sign of the dividend (`BigDecimal.remainder`). */
export function remainderDecimals(a: Decimal, b: Decimal): Decimal | undefined {
  if (b.signum() === 0) return undefined;
  const [x, y, s] = align(a, b);
  return Decimal.of(x % y, s);
}
