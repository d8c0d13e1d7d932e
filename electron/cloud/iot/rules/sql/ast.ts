/** The syntax tree of an AWS IoT SQL statement. */
import type { ArithmeticOp, ComparisonOp } from './operators.js';
import type { CastType } from './functions-math.js';
import type { SqlValue } from './values.js';

export type Expr =
  | { readonly kind: 'literal'; readonly value: SqlValue }
  /** A chain of attribute names from the current document: `air_temperature.value`. */
  | { readonly kind: 'path'; readonly names: readonly string[] }
  /** `.name` applied to any other expression: `get(e, 0).v`. */
  | { readonly kind: 'member'; readonly object: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly object: Expr; readonly index: Expr }
  /** `*` as an argument: `encode(*, 'base64')`. */
  | { readonly kind: 'star' }
  /** `name` is lower-cased for lookup; `written` keeps the spelling (it names unaliased output). */
  | { readonly kind: 'call'; readonly name: string; readonly written: string; readonly args: readonly Expr[] }
  | { readonly kind: 'cast'; readonly value: Expr; readonly type: CastType }
  | { readonly kind: 'negate'; readonly operand: Expr }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'arithmetic'; readonly op: ArithmeticOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'compare'; readonly op: ComparisonOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'logical'; readonly op: 'AND' | 'OR'; readonly left: Expr; readonly right: Expr }
  | {
      readonly kind: 'case';
      readonly subject: Expr;
      readonly branches: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly otherwise: Expr | undefined;
    }
  | { readonly kind: 'array'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly entries: readonly { readonly key: string; readonly value: Expr }[] }
  /** A nested object query (2016-03-23): `(SELECT VALUE n FROM e)`. */
  | { readonly kind: 'query'; readonly query: Query };

export type SelectItem =
  /** `*`: every attribute of the document; `* AS name` puts the document under one key. */
  | { readonly kind: 'star'; readonly alias: readonly string[] | undefined }
  /** `alias` is the AS name, split on dots (`AS bar.baz` nests); `name` is the key used without one. */
  | {
      readonly kind: 'expr';
      readonly expr: Expr;
      readonly alias: readonly string[] | undefined;
      readonly name: string;
    };

export interface Query {
  /** `SELECT VALUE expr`: the output is the value itself, not an object. */
  readonly value: boolean;
  readonly items: readonly SelectItem[];
  /** The top-level statement reads a topic filter; a nested query reads an expression. */
  readonly from:
    | { readonly kind: 'topic'; readonly filter: string }
    | { readonly kind: 'expr'; readonly expr: Expr }
    | undefined;
  readonly where: Expr | undefined;
}
