import { AwsError } from '../../protocols/aws-error.js';
import {
  typeOf,
  valuesEqual,
  type AttributeType,
  type WireItem,
  type WireValue,
} from '../attribute-values.js';
import { addNumbers, negateNumber } from '../numbers.js';
import type { Path, SetValue, UpdateActions } from './ast.js';
import { expressionError } from './attributes.js';
import { resolvePath } from './evaluate.js';
import { updatedPaths } from './update-parser.js';

/**
 * Applies an UpdateExpression to an item. Every right-hand side is evaluated against the item as
 * it was before the update, as DynamoDB does.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';
// AWS spells types out in ADD/DELETE operand errors.
const TYPE_WORDS: Record<AttributeType, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  SS: 'STRING SET',
  NS: 'NUMBER SET',
  BS: 'BINARY SET',
  M: 'MAP',
  L: 'LIST',
  NULL: 'NULL',
  BOOL: 'BOOLEAN',
};

function evaluateSetValue(item: WireItem, value: SetValue): WireValue {
  switch (value.kind) {
    case 'value':
      return value.value;
    case 'path': {
      const resolved = resolvePath(item, value);
      if (resolved === undefined)
        throw invalid('The provided expression refers to an attribute that does not exist in the item');
      return resolved;
    }
    case 'if_not_exists':
      return resolvePath(item, value.path) ?? evaluateSetValue(item, value.fallback);
    case 'list_append': {
      const left = evaluateSetValue(item, value.left);
      const right = evaluateSetValue(item, value.right);
      for (const operand of [left, right]) {
        if (!('L' in operand)) {
          throw expressionError(
            'UpdateExpression',
            `Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeOf(operand)}`,
          );
        }
      }
      return { L: [...(left as { L: WireValue[] }).L, ...(right as { L: WireValue[] }).L] };
    }
    case 'arithmetic': {
      const left = evaluateSetValue(item, value.left);
      const right = evaluateSetValue(item, value.right);
      if (!('N' in left) || !('N' in right)) throw invalid(WRONG_TYPE);
      return { N: addNumbers(left.N, value.op === '+' ? right.N : negateNumber(right.N)) };
    }
  }
}

/** The value holding the last element of `path`, or undefined when the path leads nowhere. */
function parentOf(item: WireItem, path: Path): WireValue | undefined {
  return resolvePath(item, { kind: 'path', elements: path.elements.slice(0, -1) });
}

function setPath(item: WireItem, path: Path, value: WireValue): void {
  const last = path.elements[path.elements.length - 1] as string | number;
  if (path.elements.length === 1) {
    item[last as string] = value;
    return;
  }
  const parent = parentOf(item, path);
  if (parent && typeof last === 'string' && 'M' in parent) parent.M[last] = value;
  else if (parent && typeof last === 'number' && 'L' in parent) {
    // AWS: an index past the end appends.
    if (last >= parent.L.length) parent.L.push(value);
    else parent.L[last] = value;
  } else throw invalid(INVALID_PATH);
}

function removePath(item: WireItem, path: Path): void {
  const last = path.elements[path.elements.length - 1] as string | number;
  if (path.elements.length === 1) {
    delete item[last as string];
    return;
  }
  const parent = parentOf(item, path);
  if (parent === undefined) return;
  if (typeof last === 'string' && 'M' in parent) delete parent.M[last];
  else if (typeof last === 'number' && 'L' in parent) parent.L.splice(last, 1);
  else throw invalid(INVALID_PATH);
}

function setMembers(value: WireValue): string[] | undefined {
  if ('SS' in value) return value.SS;
  if ('NS' in value) return value.NS;
  if ('BS' in value) return value.BS;
  return undefined;
}

function withMembers(type: AttributeType, members: string[]): WireValue {
  return { [type]: members } as WireValue;
}

function addTo(existing: WireValue | undefined, value: WireValue): WireValue {
  const type = typeOf(value);
  if (type !== 'N' && !setMembers(value)) {
    throw expressionError(
      'UpdateExpression',
      `Incorrect operand type for operator or function; operator: ADD, operand type: ${TYPE_WORDS[type]}`,
    );
  }
  if (existing === undefined) return value;
  if (typeOf(existing) !== type) throw invalid(WRONG_TYPE);
  if ('N' in existing && 'N' in value) return { N: addNumbers(existing.N, value.N) };
  const members = setMembers(existing) as string[];
  return withMembers(type, [
    ...members,
    ...(setMembers(value) as string[]).filter((member) => !members.includes(member)),
  ]);
}

function deleteFrom(existing: WireValue | undefined, value: WireValue): WireValue | undefined {
  const type = typeOf(value);
  const removed = setMembers(value);
  if (!removed) {
    throw expressionError(
      'UpdateExpression',
      `Incorrect operand type for operator or function; operator: DELETE, operand type: ${TYPE_WORDS[type]}`,
    );
  }
  if (existing === undefined) return undefined;
  if (typeOf(existing) !== type) throw invalid(WRONG_TYPE);
  const remaining = (setMembers(existing) as string[]).filter((member) => !removed.includes(member));
  // AWS: a set emptied by DELETE disappears (sets cannot be empty).
  return remaining.length > 0 ? withMembers(type, remaining) : undefined;
}

/** Refuses updates to key attributes, before anything is evaluated. */
export function checkUpdatedKeys(actions: UpdateActions, keyNames: readonly string[]): void {
  for (const path of updatedPaths(actions)) {
    const name = path.elements[0] as string;
    if (keyNames.includes(name)) {
      throw invalid(
        `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
      );
    }
  }
}

export function applyUpdate(original: WireItem, actions: UpdateActions): WireItem {
  const values = actions.set.map((action) => evaluateSetValue(original, action.value));
  const item = structuredClone(original);
  actions.set.forEach((action, i) => setPath(item, action.path, structuredClone(values[i] as WireValue)));
  // Removing list elements from the highest index down keeps the other indexes meaning what they said.
  const removals = [...actions.remove].sort((a, b) => {
    const x = a.elements[a.elements.length - 1];
    const y = b.elements[b.elements.length - 1];
    return typeof x === 'number' && typeof y === 'number' ? y - x : 0;
  });
  for (const path of removals) removePath(item, path);
  for (const action of actions.add) {
    const updated = addTo(resolvePath(item, action.path), action.value);
    setPath(item, action.path, updated);
  }
  for (const action of actions.delete) {
    const existing = resolvePath(item, action.path);
    const updated = deleteFrom(existing, action.value);
    if (updated === undefined) {
      if (existing !== undefined) removePath(item, action.path);
    } else if (!valuesEqual(updated, existing as WireValue)) setPath(item, action.path, updated);
  }
  return item;
}
