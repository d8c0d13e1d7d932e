/** Numeric functions (AWS: iot-sql-functions). Wrong argument types give Undefined, never an error. */
import { Decimal, pow10 } from './decimal.js';
import type { FunctionTable } from './functions-types.js';
import { arithmetic } from './operators.js';
import {
  toBoolean,
  toIntFloor,
  toNumeric,
  toSqlString,
  type NumberPolicy,
  type SqlNumber,
  type SqlValue,
} from './values.js';

/** "Decimal arguments are rounded to double precision before function application." */
function double(v: SqlValue): number | undefined {
  const n = toNumeric(v);
  if (n === undefined) return undefined;
  return typeof n === 'bigint' ? Number(n) : n.toNumber();
}

/** A double result as a Decimal ("Decimal (with double precision)"); NaN and infinities are Undefined. */
function fromDouble(d: number | undefined, policy: NumberPolicy): SqlValue {
  if (d === undefined) return undefined;
  const dec = Decimal.fromDouble(d);
  return dec === undefined ? undefined : policy(dec);
}

function unaryDouble(fn: (x: number) => number): FunctionTable[string] {
  return {
    min: 1,
    max: 1,
    impl: ([x], _env, rt) => {
      const d = double(x);
      return d === undefined ? undefined : fromDouble(fn(d), rt.policy);
    },
  };
}

function toInt(n: SqlNumber, round: (d: Decimal) => bigint): bigint {
  return typeof n === 'bigint' ? n : round(n);
}

function rounding(round: (d: Decimal) => bigint): FunctionTable[string] {
  return {
    min: 1,
    max: 1,
    impl: ([x]) => {
      const n = toNumeric(x);
      return n === undefined ? undefined : toInt(n, round);
    },
  };
}

function bitwise(op: (a: bigint, b: bigint) => bigint): FunctionTable[string] {
  return {
    min: 2,
    max: 2,
    impl: ([a, b]) => {
      const x = toIntFloor(a);
      const y = toIntFloor(b);
      return x === undefined || y === undefined ? undefined : op(x, y);
    },
  };
}

const remainder: FunctionTable[string] = {
  min: 2,
  max: 2,
  impl: ([a, b], _env, rt) => arithmetic('%', a, b, rt.policy),
};

export const MATH_FUNCTIONS: FunctionTable = {
  abs: {
    min: 1,
    max: 1,
    impl: ([x], _env, rt) => {
      const n = toNumeric(x);
      if (n === undefined) return undefined;
      if (typeof n === 'bigint') return n < 0n ? -n : n;
      return rt.policy(n.abs());
    },
  },
  // AWS examples: round(1.5) = 2, round(-1.5) = -2, round(-1.1) = -1 (halves away from zero).
  round: rounding((d) => d.roundHalfUp()),
  floor: rounding((d) => d.floor()),
  ceil: rounding((d) => d.ceil()),
  sign: {
    min: 1,
    max: 1,
    impl: ([x]) => {
      const n = toNumeric(x);
      if (n === undefined) return undefined;
      return BigInt(typeof n === 'bigint' ? (n === 0n ? 0 : n < 0n ? -1 : 1) : n.signum());
    },
  },
  mod: remainder,
  remainder,
  // trunc(2.3123, 2) = 2.31, trunc(2.00, 5) = 2: truncates, then strips trailing zeros.
  trunc: {
    min: 2,
    max: 2,
    impl: ([x, places], _env, rt) => {
      const n = toNumeric(x);
      const p = toIntFloor(places);
      if (n === undefined || p === undefined) return undefined;
      if (typeof n === 'bigint') return n;
      const keep = Number(p < 0n ? 0n : p > 34n ? 34n : p);
      let u = n.unscaled;
      let s = n.scale;
      if (s > keep) {
        u /= pow10(s - keep);
        s = keep;
      }
      while (s > 0 && u % 10n === 0n) {
        u /= 10n;
        s--;
      }
      const d = Decimal.of(u, s);
      return d === undefined ? undefined : rt.policy(d);
    },
  },
  power: {
    min: 2,
    max: 2,
    impl: ([a, b], _env, rt) => {
      const x = double(a);
      const y = double(b);
      return x === undefined || y === undefined ? undefined : fromDouble(x ** y, rt.policy);
    },
  },
  sqrt: unaryDouble(Math.sqrt),
  exp: unaryDouble(Math.exp),
  ln: unaryDouble(Math.log),
  log: unaryDouble(Math.log10),
  sin: unaryDouble(Math.sin),
  cos: unaryDouble(Math.cos),
  tan: unaryDouble(Math.tan),
  asin: unaryDouble(Math.asin),
  acos: unaryDouble(Math.acos),
  atan: unaryDouble(Math.atan),
  sinh: unaryDouble(Math.sinh),
  cosh: unaryDouble(Math.cosh),
  tanh: unaryDouble(Math.tanh),
  atan2: {
    min: 2,
    max: 2,
    impl: ([a, b], _env, rt) => {
      const y = double(a);
      const x = double(b);
      return y === undefined || x === undefined ? undefined : fromDouble(Math.atan2(y, x), rt.policy);
    },
  },
  rand: { min: 0, max: 0, impl: (_args, _env, rt) => fromDouble(Math.random(), rt.policy) },
  bitand: bitwise((a, b) => a & b),
  bitor: bitwise((a, b) => a | b),
  bitxor: bitwise((a, b) => a ^ b),
  // Two's complement, as Java's ~ (the AWS page's example bitnot(13) = 2 does not match any Int NOT).
  bitnot: {
    min: 1,
    max: 1,
    impl: ([a]) => {
      const x = toIntFloor(a);
      return x === undefined ? undefined : ~x;
    },
  },
  nanvl: { min: 2, max: 2, impl: ([a, b]) => (a === undefined || a === null ? b : a) },
  chr: {
    min: 1,
    max: 1,
    impl: ([x]) => {
      const n = toIntFloor(x);
      return n === undefined || n < 0n || n > 127n ? undefined : String.fromCharCode(Number(n));
    },
  },
};

/** `cast(value AS type)` (AWS: iot-sql-functions, cast). */
export type CastType = 'string' | 'int' | 'double' | 'decimal' | 'boolean';

export const CAST_TYPES: Readonly<Record<string, { type: CastType; since2016?: true }>> = {
  STRING: { type: 'string' },
  NVARCHAR: { type: 'string' },
  TEXT: { type: 'string' },
  NTEXT: { type: 'string' },
  VARCHAR: { type: 'string' },
  INT: { type: 'int' },
  INTEGER: { type: 'int' },
  DOUBLE: { type: 'double' },
  DECIMAL: { type: 'decimal', since2016: true },
  BOOL: { type: 'boolean', since2016: true },
  BOOLEAN: { type: 'boolean', since2016: true },
};

function castNumber(v: SqlValue): SqlNumber | undefined {
  if (typeof v === 'boolean') return v ? 1n : 0n; // cast(true as Int) = 1
  return toNumeric(v);
}

export function castValue(type: CastType, v: SqlValue, policy: NumberPolicy): SqlValue {
  switch (type) {
    case 'string':
      return toSqlString(v);
    case 'int': {
      // "Decimal: the source value, rounded down to the nearest Int" [V: floor, not toward zero].
      const n = castNumber(v);
      return n === undefined ? undefined : toInt(n, (d) => d.floor());
    }
    case 'double': {
      const n = castNumber(v);
      return n === undefined
        ? undefined
        : fromDouble(typeof n === 'bigint' ? Number(n) : n.toNumber(), policy);
    }
    case 'decimal': {
      if (typeof v === 'boolean') return policy(Decimal.of(v ? 10n : 0n, 1) ?? Decimal.fromBigInt(0n));
      const n = toNumeric(v);
      return n === undefined ? undefined : policy(typeof n === 'bigint' ? Decimal.fromBigInt(n) : n);
    }
    case 'boolean': {
      if (typeof v === 'bigint') return v !== 0n;
      if (v instanceof Decimal) return v.signum() !== 0;
      return toBoolean(v);
    }
  }
}
