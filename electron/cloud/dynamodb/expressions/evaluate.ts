import { compareValues, typeOf, valuesEqual, type WireItem, type WireValue } from '../attribute-values.js';
import type { Condition, Operand, Path } from './ast.js';

/**
 * Evaluation of conditions (ConditionExpression, FilterExpression, PartiQL WHERE) against an
 * item. A comparison DynamoDB cannot make (different types, an ordering on BOOL) is false, not an
 * error, and a missing attribute is never equal to anything.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */

export function resolvePath(item: WireItem, path: Path): WireValue | undefined {
  let current: WireValue | undefined;
  for (const [i, element] of path.elements.entries()) {
    if (i === 0) {
      current = item[element as string];
    } else if (typeof element === 'number') {
      current = current && 'L' in current ? current.L[element] : undefined;
    } else {
      current = current && 'M' in current ? current.M[element] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** size(): characters of a string, bytes of a binary, members of a set, list or map. */
export function sizeOf(value: WireValue | undefined): WireValue | undefined {
  if (!value) return undefined;
  let size: number | undefined;
  if ('S' in value) size = value.S.length;
  else if ('B' in value) size = Buffer.byteLength(value.B, 'base64');
  else if ('SS' in value) size = value.SS.length;
  else if ('NS' in value) size = value.NS.length;
  else if ('BS' in value) size = value.BS.length;
  else if ('L' in value) size = value.L.length;
  else if ('M' in value) size = Object.keys(value.M).length;
  return size === undefined ? undefined : { N: String(size) };
}

export function evaluateOperand(item: WireItem, operand: Operand): WireValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return resolvePath(item, operand);
    case 'size':
      return sizeOf(resolvePath(item, operand.path));
  }
}

function beginsWith(value: WireValue | undefined, prefix: WireValue | undefined): boolean {
  if (!value || !prefix) return false;
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if ('B' in value && 'B' in prefix) {
    const bytes = Buffer.from(value.B, 'base64');
    const start = Buffer.from(prefix.B, 'base64');
    return bytes.subarray(0, start.length).equals(start);
  }
  return false;
}

function contains(value: WireValue | undefined, operand: WireValue | undefined): boolean {
  if (!value || !operand) return false;
  if ('S' in value) return 'S' in operand && value.S.includes(operand.S);
  if ('SS' in value) return 'S' in operand && value.SS.includes(operand.S);
  if ('NS' in value) return 'N' in operand && value.NS.includes(operand.N);
  if ('BS' in value) return 'B' in operand && value.BS.includes(operand.B);
  if ('L' in value) return value.L.some((member) => valuesEqual(member, operand));
  return false;
}

function compare(op: string, left: WireValue | undefined, right: WireValue | undefined): boolean {
  if (op === '=') return !!left && !!right && valuesEqual(left, right);
  if (op === '<>') return !left || !right || !valuesEqual(left, right);
  if (!left || !right) return false;
  const order = compareValues(left, right);
  if (order === undefined) return false;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

export function evaluateCondition(item: WireItem, condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(item, condition.left) && evaluateCondition(item, condition.right);
    case 'or':
      return evaluateCondition(item, condition.left) || evaluateCondition(item, condition.right);
    case 'not':
      return !evaluateCondition(item, condition.condition);
    case 'compare':
      return compare(
        condition.op,
        evaluateOperand(item, condition.left),
        evaluateOperand(item, condition.right),
      );
    case 'between': {
      const subject = evaluateOperand(item, condition.subject);
      return (
        compare('>=', subject, evaluateOperand(item, condition.low)) &&
        compare('<=', subject, evaluateOperand(item, condition.high))
      );
    }
    case 'in': {
      const subject = evaluateOperand(item, condition.subject);
      return condition.options.some((option) => compare('=', subject, evaluateOperand(item, option)));
    }
    case 'function': {
      const [first, second] = condition.args.map((arg) => evaluateOperand(item, arg));
      switch (condition.name) {
        case 'attribute_exists':
          return first !== undefined;
        case 'attribute_not_exists':
          return first === undefined;
        case 'attribute_type':
          return first !== undefined && second !== undefined && 'S' in second && typeOf(first) === second.S;
        case 'begins_with':
          return beginsWith(first, second);
        case 'contains':
          return contains(first, second);
      }
    }
  }
}
