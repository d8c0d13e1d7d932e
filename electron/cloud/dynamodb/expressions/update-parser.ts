import type { Path, SetValue, UpdateActions } from './ast.js';
import type { ExpressionAttributes } from './attributes.js';
import { checkOverlappingPaths, ExpressionParser } from './parser.js';

/**
 * UpdateExpression: `SET a = :v, b = b + :n, c = if_not_exists(c, :z), d = list_append(d, :l)
 * REMOVE e, f[0] ADD g :n DELETE h :set`, each clause at most once, in any order.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type Clause = (typeof CLAUSES)[number];

function parseSetOperand(parser: ExpressionParser): SetValue {
  const token = parser.peek();
  if (token.kind === 'valuePlaceholder') return { kind: 'value', value: parser.parseValue() };
  if (parser.isFunctionCall()) {
    parser.next();
    if (token.text !== 'if_not_exists' && token.text !== 'list_append')
      throw parser.misplacedFunction(token.text);
    parser.expectPunct('(');
    const args = [parseSetOperand(parser)];
    while (parser.isPunct(',')) {
      parser.next();
      args.push(parseSetOperand(parser));
    }
    parser.expectPunct(')');
    parser.checkArgumentCount(token.text, args, 2);
    const [first, second] = args as [SetValue, SetValue];
    if (token.text === 'list_append') return { kind: 'list_append', left: first, right: second };
    if (first.kind !== 'path') {
      throw parser.error(
        'Operator or function requires a document path; operator or function: if_not_exists',
      );
    }
    return { kind: 'if_not_exists', path: first, fallback: second };
  }
  if (token.kind === 'name' || token.kind === 'namePlaceholder') return parser.parsePath();
  throw parser.syntaxError(token);
}

function parseSetValue(parser: ExpressionParser): SetValue {
  const left = parseSetOperand(parser);
  if (parser.isPunct('+') || parser.isPunct('-')) {
    const op = parser.next().text as '+' | '-';
    return { kind: 'arithmetic', op, left, right: parseSetOperand(parser) };
  }
  return left;
}

function parseAction(parser: ExpressionParser, clause: Clause, actions: UpdateActions): void {
  const path = parser.parsePath();
  switch (clause) {
    case 'SET':
      parser.expectPunct('=');
      actions.set.push({ path, value: parseSetValue(parser) });
      return;
    case 'REMOVE':
      actions.remove.push(path);
      return;
    case 'ADD':
      actions.add.push({ path, value: parser.parseValue() });
      return;
    case 'DELETE':
      actions.delete.push({ path, value: parser.parseValue() });
      return;
  }
}

/** Every path an update writes, for the overlap rule and for ReturnValues UPDATED_*. */
export function updatedPaths(actions: UpdateActions): Path[] {
  return [
    ...actions.set.map((action) => action.path),
    ...actions.remove,
    ...actions.add.map((action) => action.path),
    ...actions.delete.map((action) => action.path),
  ];
}

export function parseUpdate(source: string, attributes: ExpressionAttributes): UpdateActions {
  const parser = new ExpressionParser(source, 'UpdateExpression', attributes);
  const actions: UpdateActions = { set: [], remove: [], add: [], delete: [] };
  const seen = new Set<Clause>();
  do {
    const clause = CLAUSES.find((word) => parser.isKeyword(word));
    if (!clause) throw parser.syntaxError();
    if (seen.has(clause))
      throw parser.error(`The "${clause}" section can only be used once in an update expression;`);
    seen.add(clause);
    parser.next();
    parseAction(parser, clause, actions);
    while (parser.isPunct(',')) {
      parser.next();
      parseAction(parser, clause, actions);
    }
  } while (parser.peek().kind !== 'eof');
  checkOverlappingPaths(updatedPaths(actions), 'UpdateExpression');
  return actions;
}
