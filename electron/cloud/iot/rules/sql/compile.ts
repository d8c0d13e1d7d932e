/**
 * Turns the syntax tree into closures once, at CreateTopicRule time, so that a message only pays
 * for the work its rule asks for.
 */
import type { Expr, Query, SelectItem } from './ast.js';
import type { Env, Runtime } from './env.js';
import { castValue } from './functions-math.js';
import { lookupFunction } from './functions.js';
import { arithmetic, compare, logical, negate, not } from './operators.js';
import { Binary, isArray, isObject, sqlEquals, toIntNearest, type SqlValue } from './values.js';

export type Evaluator = (env: Env) => SqlValue;

const UNDEFINED: Evaluator = () => undefined;
const NO_ARGS: readonly SqlValue[] = [];

/** `*` in an expression: the current document, or the raw bytes of a non-JSON payload. */
const star: Evaluator = (env) => (env.root !== undefined ? env.root : new Binary(env.message.raw));

function compilePath(names: readonly string[]): Evaluator {
  const [first, second] = names;
  if (names.length === 1 && first !== undefined) {
    return (env) => {
      const root = env.root;
      return isObject(root) ? root.get(first) : undefined;
    };
  }
  if (names.length === 2 && first !== undefined && second !== undefined) {
    return (env) => {
      const root = env.root;
      if (!isObject(root)) return undefined;
      const inner = root.get(first);
      return isObject(inner) ? inner.get(second) : undefined;
    };
  }
  return (env) => {
    let value = env.root;
    for (const name of names) {
      if (!isObject(value)) return undefined;
      value = value.get(name);
    }
    return value;
  };
}

function compileCall(expr: Extract<Expr, { kind: 'call' }>, rt: Runtime): Evaluator {
  const spec = lookupFunction(expr.name);
  // "Functions called with invalid arguments (… wrong number of arguments …) return Undefined."
  if (spec === undefined || expr.args.length < spec.min || expr.args.length > spec.max) return UNDEFINED;
  const [a0, a1] = expr.args;
  if (expr.name === 'encode' && a0?.kind === 'star' && a1 !== undefined) {
    // AWS: "You can specify * to encode the entire payload, regardless of whether it's in JSON format."
    const scheme = compileExpr(a1, rt);
    return (env) => spec.impl([new Binary(env.message.raw), scheme(env)], env, rt);
  }
  const args = expr.args.map((arg) => compileExpr(arg, rt));
  const [f0, f1] = args;
  if (args.length === 0) return (env) => spec.impl(NO_ARGS, env, rt);
  if (args.length === 1 && f0) return (env) => spec.impl([f0(env)], env, rt);
  if (args.length === 2 && f0 && f1) return (env) => spec.impl([f0(env), f1(env)], env, rt);
  return (env) =>
    spec.impl(
      args.map((f) => f(env)),
      env,
      rt,
    );
}

export function compileExpr(expr: Expr, rt: Runtime): Evaluator {
  switch (expr.kind) {
    case 'literal': {
      const value = expr.value;
      return () => value;
    }
    case 'path':
      return compilePath(expr.names);
    case 'member': {
      const object = compileExpr(expr.object, rt);
      const name = expr.name;
      return (env) => {
        const value = object(env);
        return isObject(value) ? value.get(name) : undefined;
      };
    }
    case 'index': {
      const object = compileExpr(expr.object, rt);
      const index = compileExpr(expr.index, rt);
      return (env) => {
        const value = object(env);
        if (!isArray(value)) return undefined;
        const i = toIntNearest(index(env));
        return i === undefined || i < 0n || i >= BigInt(value.length) ? undefined : value[Number(i)];
      };
    }
    case 'star':
      return star;
    case 'call':
      return compileCall(expr, rt);
    case 'cast': {
      const value = compileExpr(expr.value, rt);
      const type = expr.type;
      return (env) => castValue(type, value(env), rt.policy);
    }
    case 'negate': {
      const operand = compileExpr(expr.operand, rt);
      return (env) => negate(operand(env), rt.policy);
    }
    case 'not': {
      const operand = compileExpr(expr.operand, rt);
      return (env) => not(operand(env));
    }
    case 'arithmetic': {
      const [left, right, op] = [compileExpr(expr.left, rt), compileExpr(expr.right, rt), expr.op];
      return (env) => arithmetic(op, left(env), right(env), rt.policy);
    }
    case 'compare': {
      const [left, right, op] = [compileExpr(expr.left, rt), compileExpr(expr.right, rt), expr.op];
      return (env) => compare(op, left(env), right(env));
    }
    case 'logical': {
      const [left, right, op] = [compileExpr(expr.left, rt), compileExpr(expr.right, rt), expr.op];
      return (env) => logical(op, left(env), right(env));
    }
    case 'case':
      return compileCase(expr, rt);
    case 'array': {
      const items = expr.items.map((item) => compileExpr(item, rt));
      return (env) => items.map((item) => item(env));
    }
    case 'object': {
      const entries = expr.entries.map(({ key, value }) => [key, compileExpr(value, rt)] as const);
      return (env) => new Map(entries.map(([key, value]) => [key, value(env)]));
    }
    case 'query':
      return compileNestedQuery(expr.query, rt);
  }
}

/** AWS (iot-sql-case): the first WHEN equal to the subject wins; no match and no ELSE, or an Undefined subject, is Undefined. */
function compileCase(expr: Extract<Expr, { kind: 'case' }>, rt: Runtime): Evaluator {
  const subject = compileExpr(expr.subject, rt);
  const branches = expr.branches.map(
    ({ when, then }) => [compileExpr(when, rt), compileExpr(then, rt)] as const,
  );
  const otherwise = expr.otherwise === undefined ? UNDEFINED : compileExpr(expr.otherwise, rt);
  return (env) => {
    const value = subject(env);
    if (value === undefined) return undefined;
    for (const [when, then] of branches) {
      if (sqlEquals(value, when(env)) === true) return then(env);
    }
    return otherwise(env);
  };
}

type ItemWriter = (env: Env, out: Map<string, SqlValue>) => void;

/** Writes `value` under a dotted alias (`AS bar.baz` nests) [V: AWS's example shows the syntax, not the output]. */
function setPath(out: Map<string, SqlValue>, names: readonly string[], value: SqlValue): void {
  let target = out;
  for (let i = 0; i < names.length - 1; i++) {
    const name = names[i] ?? '';
    const existing = target.get(name);
    const inner = new Map<string, SqlValue>(isObject(existing) ? existing : []);
    target.set(name, inner);
    target = inner;
  }
  target.set(names[names.length - 1] ?? '', value);
}

function compileItem(item: SelectItem, rt: Runtime): ItemWriter {
  if (item.kind === 'star') {
    const alias = item.alias;
    if (alias !== undefined) return (env, out) => setPath(out, alias, env.root);
    // `SELECT *, 15 AS speed`: every attribute of the document, then the others.
    return (env, out) => {
      const root = env.root;
      if (isObject(root)) for (const [key, value] of root) out.set(key, value);
    };
  }
  const value = compileExpr(item.expr, rt);
  const names = item.alias ?? [item.name];
  const [only] = names;
  if (names.length === 1 && only !== undefined) {
    return (env, out) => {
      const v = value(env);
      // Undefined is left out of the output ({"foo":null, "bar":undefined} → {"foo":null}).
      if (v !== undefined) out.set(only, v);
    };
  }
  return (env, out) => {
    const v = value(env);
    if (v !== undefined) setPath(out, names, v);
  };
}

/** The SELECT list: its value for one document. */
export function compileSelect(query: Query, rt: Runtime): Evaluator {
  const [first] = query.items;
  if (query.value && first !== undefined) return first.kind === 'star' ? star : compileExpr(first.expr, rt);
  // `SELECT *` alone: the document itself, or the payload bytes unchanged when it is not JSON.
  if (query.items.length === 1 && first?.kind === 'star' && first.alias === undefined) return star;
  const writers = query.items.map((item) => compileItem(item, rt));
  return (env) => {
    const out = new Map<string, SqlValue>();
    for (const write of writers) write(env, out);
    return out;
  };
}

export function compileWhere(query: Query, rt: Runtime): Evaluator | undefined {
  return query.where === undefined ? undefined : compileExpr(query.where, rt);
}

/**
 * A nested object query (AWS: iot-sql-nested-queries): over an Array, one result per element that
 * passes WHERE; over an Object, the one result for it; over anything else, Undefined.
 */
function compileNestedQuery(query: Query, rt: Runtime): Evaluator {
  const source = query.from?.kind === 'expr' ? compileExpr(query.from.expr, rt) : UNDEFINED;
  const where = compileWhere(query, rt);
  const select = compileSelect(query, rt);
  return (env) => {
    const from = source(env);
    if (isArray(from)) {
      const out: SqlValue[] = [];
      for (const element of from) {
        const inner: Env = { root: element, message: env.message };
        if (where !== undefined && where(inner) !== true) continue;
        const value = select(inner);
        if (value !== undefined) out.push(value);
      }
      return out;
    }
    if (!isObject(from)) return undefined;
    const inner: Env = { root: from, message: env.message };
    return where !== undefined && where(inner) !== true ? undefined : select(inner);
  };
}
