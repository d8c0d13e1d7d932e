/** Operators, each following its table in AWS: iot-sql-operators. */
import {
  Decimal,
  addDecimals,
  divideDecimals,
  multiplyDecimals,
  remainderDecimals,
  subtractDecimals,
} from './decimal.js';
import {
  asDecimal,
  compareNumbers,
  sqlEquals,
  toBoolean,
  toNumeric,
  toSqlString,
  type NumberPolicy,
  type SqlNumber,
  type SqlValue,
} from './values.js';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

const INT_OPS: Record<ArithmeticOp, (a: bigint, b: bigint) => bigint | undefined> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  // Int / Int is an Int: 7 / 2 = 3 (truncated, as Java's BigInteger divides). Division by zero is Undefined.
  '/': (a, b) => (b === 0n ? undefined : a / b),
  '%': (a, b) => (b === 0n ? undefined : a % b),
};

const DECIMAL_OPS: Record<ArithmeticOp, (a: Decimal, b: Decimal) => Decimal | undefined> = {
  '+': addDecimals,
  '-': subtractDecimals,
  '*': multiplyDecimals,
  '/': divideDecimals,
  '%': remainderDecimals,
};

/**
 * `+ - * / %`: Int with Int gives an Int, any Decimal makes a Decimal. `+` with a String on either
 * side concatenates (the other side converted to String); the other operators convert numeric
 * Strings to Decimal. Anything else is Undefined.
 */
export function arithmetic(op: ArithmeticOp, a: SqlValue, b: SqlValue, policy: NumberPolicy): SqlValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') return INT_OPS[op](a, b);
  let x: SqlNumber | undefined;
  let y: SqlNumber | undefined;
  if (op === '+') {
    if (typeof a === 'string' || typeof b === 'string') {
      const left = toSqlString(a);
      const right = toSqlString(b);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    // "Int/Decimal + Int/Decimal": no String conversion for +, since Strings concatenate.
    x = typeof a === 'bigint' || a instanceof Decimal ? a : undefined;
    y = typeof b === 'bigint' || b instanceof Decimal ? b : undefined;
  } else {
    x = toNumeric(a);
    y = toNumeric(b);
  }
  if (x === undefined || y === undefined) return undefined;
  const result = DECIMAL_OPS[op](asDecimal(x), asDecimal(y));
  return result === undefined ? undefined : policy(result);
}

export function negate(a: SqlValue, policy: NumberPolicy): SqlValue {
  if (typeof a === 'bigint') return -a;
  const n = toNumeric(a);
  if (n === undefined) return undefined;
  return typeof n === 'bigint' ? -n : policy(n.negate());
}

/**
 * Comparisons. `< <= > >=` convert both sides to Decimal (numeric Strings included) and are
 * Undefined otherwise; `=` and `<>` compare any types (mismatched types are simply unequal);
 * Undefined on either side is always Undefined.
 */
export function compare(op: ComparisonOp, a: SqlValue, b: SqlValue): boolean | undefined {
  if (op === '=') return sqlEquals(a, b);
  if (op === '<>' || op === '!=') {
    const eq = sqlEquals(a, b);
    return eq === undefined ? undefined : !eq;
  }
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (x === undefined || y === undefined) return undefined;
  const c = compareNumbers(x, y);
  if (op === '<') return c < 0;
  if (op === '<=') return c <= 0;
  if (op === '>') return c > 0;
  return c >= 0;
}

/** AND / OR take Booleans or "true"/"false" Strings; any other operand makes the result Undefined. */
export function logical(op: 'AND' | 'OR', a: SqlValue, b: SqlValue): boolean | undefined {
  const x = toBoolean(a);
  const y = toBoolean(b);
  if (x === undefined || y === undefined) return undefined;
  return op === 'AND' ? x && y : x || y;
}

export function not(a: SqlValue): boolean | undefined {
  const x = toBoolean(a);
  return x === undefined ? undefined : !x;
}
