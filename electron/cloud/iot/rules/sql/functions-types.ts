/** The shape of a built-in function. */
import type { Env, Runtime } from './env.js';
import type { SqlValue } from './values.js';

export interface FunctionSpec {
  /** Argument counts outside [min, max] make the call Undefined ("wrong number of arguments"). */
  readonly min: number;
  readonly max: number;
  /** "Supported by SQL version 2016-03-23 and later": a parse error under 2015-10-08. */
  readonly since2016?: true;
  impl(args: readonly SqlValue[], env: Env, rt: Runtime): SqlValue;
}

export type FunctionTable = Readonly<Record<string, FunctionSpec>>;
