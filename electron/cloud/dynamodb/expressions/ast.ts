import type { WireValue } from '../attribute-values.js';

/** A document path: attribute names (already resolved from `#placeholders`) and list indexes. */
export interface Path {
  kind: 'path';
  elements: (string | number)[];
}

export interface ValueOperand {
  kind: 'value';
  value: WireValue;
}

export interface SizeOperand {
  kind: 'size';
  path: Path;
}

export type Operand = Path | ValueOperand | SizeOperand;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionFunction =
  'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; subject: Operand; low: Operand; high: Operand }
  | { kind: 'in'; subject: Operand; options: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'function'; name: ConditionFunction; args: Operand[] };

/** The right-hand side of a SET action. */
export type SetValue =
  | Path
  | ValueOperand
  | { kind: 'if_not_exists'; path: Path; fallback: SetValue }
  | { kind: 'list_append'; left: SetValue; right: SetValue }
  | { kind: 'arithmetic'; op: '+' | '-'; left: SetValue; right: SetValue };

export interface UpdateActions {
  set: { path: Path; value: SetValue }[];
  remove: Path[];
  add: { path: Path; value: WireValue }[];
  delete: { path: Path; value: WireValue }[];
}

/** `[a, b, [0]]`: how DynamoDB prints a path in its messages. */
export function describePath(path: Path): string {
  return `[${path.elements.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join(', ')}]`;
}

function operandPaths(operand: Operand): Path[] {
  if (operand.kind === 'path') return [operand];
  return operand.kind === 'size' ? [operand.path] : [];
}

/** Every document path a condition reads. */
export function conditionPaths(condition: Condition): Path[] {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...conditionPaths(condition.left), ...conditionPaths(condition.right)];
    case 'not':
      return conditionPaths(condition.condition);
    case 'compare':
      return [...operandPaths(condition.left), ...operandPaths(condition.right)];
    case 'between':
      return [condition.subject, condition.low, condition.high].flatMap(operandPaths);
    case 'in':
      return [condition.subject, ...condition.options].flatMap(operandPaths);
    case 'function':
      return condition.args.flatMap(operandPaths);
  }
}
