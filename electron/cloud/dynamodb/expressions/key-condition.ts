import { typeOf, type WireValue } from '../attribute-values.js';
import type { KeyAttribute } from '../store.js';
import type { Comparator, Condition, Operand } from './ast.js';
import { expressionError, validationError } from './attributes.js';

/**
 * What a Query's KeyConditionExpression asks for: one partition (equality on the partition key)
 * and at most one condition on the sort key (=, <, <=, >, >=, BETWEEN, begins_with).
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
 */
export type SortKeyOperator = Comparator | 'BETWEEN' | 'begins_with';

export interface SortKeyCondition {
  op: SortKeyOperator;
  values: WireValue[];
}

export interface KeyConditionPlan {
  partitionValue: WireValue;
  sort?: SortKeyCondition;
}

interface KeyTerm {
  name: string;
  op: SortKeyOperator;
  values: WireValue[];
}

const MIRRORED: Record<Comparator, Comparator> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

function invalidOperator(operator: string): Error {
  return validationError(`Invalid operator used in KeyConditionExpression: ${operator}`);
}

function keyName(operand: Operand): string | undefined {
  if (operand.kind !== 'path') return undefined;
  if (operand.elements.length !== 1 || typeof operand.elements[0] !== 'string') {
    throw expressionError(
      'KeyConditionExpression',
      'KeyConditionExpressions cannot have conditions on nested attributes',
    );
  }
  return operand.elements[0];
}

function valueOf(operand: Operand): WireValue {
  if (operand.kind === 'size') throw invalidOperator('size');
  if (operand.kind !== 'value') {
    throw expressionError('KeyConditionExpression', 'A key condition compares a key attribute with a value');
  }
  return operand.value;
}

function termOf(condition: Condition): KeyTerm {
  switch (condition.kind) {
    case 'or':
      throw invalidOperator('OR');
    case 'not':
      throw invalidOperator('NOT');
    case 'in':
      throw invalidOperator('IN');
    case 'compare': {
      if (condition.op === '<>') throw invalidOperator('<>');
      const left = keyName(condition.left);
      // AWS accepts the value on the left (`:low <= #t` is `#t >= :low`).
      if (left !== undefined) return { name: left, op: condition.op, values: [valueOf(condition.right)] };
      const right = keyName(condition.right);
      if (right === undefined)
        throw expressionError(
          'KeyConditionExpression',
          'A key condition compares a key attribute with a value',
        );
      return { name: right, op: MIRRORED[condition.op], values: [valueOf(condition.left)] };
    }
    case 'between': {
      const name = keyName(condition.subject);
      if (name === undefined)
        throw expressionError(
          'KeyConditionExpression',
          'A key condition compares a key attribute with a value',
        );
      return { name, op: 'BETWEEN', values: [valueOf(condition.low), valueOf(condition.high)] };
    }
    case 'function': {
      if (condition.name !== 'begins_with') throw invalidOperator(condition.name);
      const [path, prefix] = condition.args as [Operand, Operand];
      return { name: keyName(path) as string, op: 'begins_with', values: [valueOf(prefix)] };
    }
    case 'and':
      throw new Error('flattened before');
  }
}

function flatten(condition: Condition, into: Condition[]): Condition[] {
  if (condition.kind === 'and') {
    flatten(condition.left, into);
    flatten(condition.right, into);
  } else into.push(condition);
  return into;
}

function checkValues(term: KeyTerm, key: KeyAttribute): void {
  for (const value of term.values) {
    if (typeOf(value) !== key.type) {
      throw validationError(
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
      );
    }
    if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
      const kind = 'S' in value ? 'string' : 'binary';
      throw validationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${kind} value. Key: ${key.name}`,
      );
    }
  }
}

export function planKeyCondition(
  condition: Condition,
  hashKey: KeyAttribute,
  rangeKey: KeyAttribute | undefined,
): KeyConditionPlan {
  const conditions = flatten(condition, []);
  const terms = conditions.map(termOf);
  if (terms.length > 2) throw validationError('Conditions can be of length 1 or 2 only');
  if (terms.length === 2 && terms[0]?.name === terms[1]?.name) {
    throw validationError('KeyConditionExpressions must only contain one condition per key');
  }
  const partition = terms.find((term) => term.name === hashKey.name);
  if (!partition) throw validationError(`Query condition missed key schema element: ${hashKey.name}`);
  if (partition.op !== '=') throw validationError('Query key condition not supported');
  checkValues(partition, hashKey);
  const sort = terms.find((term) => term !== partition);
  if (!sort) return { partitionValue: partition.values[0] as WireValue };
  if (!rangeKey || sort.name !== rangeKey.name) {
    throw validationError(`Query condition missed key schema element: ${rangeKey?.name ?? sort.name}`);
  }
  checkValues(sort, rangeKey);
  return { partitionValue: partition.values[0] as WireValue, sort: { op: sort.op, values: sort.values } };
}
