import type { AwsError } from '../../protocols/aws-error.js';
import {
  compareValues,
  describeValue,
  typeOf,
  type AttributeType,
  type WireValue,
} from '../attribute-values.js';
import {
  describePath,
  type Comparator,
  type Condition,
  type ConditionFunction,
  type Operand,
  type Path,
} from './ast.js';
import { expressionError, type ExpressionAttributes, type ExpressionKind } from './attributes.js';
import { tokenize, type Token } from './lexer.js';
import { isReservedWord } from './reserved-words.js';

/**
 * Parser of DynamoDB's condition and projection expressions (the update grammar extends it in
 * update-parser.ts). Precedence, highest first: comparators, IN, BETWEEN, functions,
 * parentheses, NOT, AND, OR.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const CONDITION_FUNCTIONS: readonly string[] = [
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
];
const UPDATE_FUNCTIONS: readonly string[] = ['if_not_exists', 'list_append'];
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];
const ORDERABLE: readonly AttributeType[] = ['N', 'S', 'B'];

export class ExpressionParser {
  private readonly tokens: Token[];
  private position = 0;
  /** Conditions written inside parentheses: a second pair around them is "redundant". */
  private readonly parenthesized = new WeakSet<Condition>();

  constructor(
    private readonly source: string,
    readonly kind: ExpressionKind,
    readonly attributes: ExpressionAttributes,
  ) {
    if (source.trim() === '') throw expressionError(kind, 'The expression can not be empty;');
    this.tokens = tokenize(source);
  }

  // ---- tokens -------------------------------------------------------------------------------

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'name' && token.text.toUpperCase() === word;
  }

  isFunctionCall(): boolean {
    return this.peek().kind === 'name' && this.isPunct('(', 1);
  }

  /** AWS: `Syntax error; token: "<tok>", near: "<previous tok next>"` (source text around the token). */
  syntaxError(token: Token = this.peek()): AwsError {
    const index = this.tokens.indexOf(token);
    const previous = index > 0 ? this.tokens[index - 1] : undefined;
    const following = token.kind === 'eof' ? undefined : this.tokens[index + 1];
    const start = previous?.start ?? token.start;
    const end = following && following.kind !== 'eof' ? following.end : token.end;
    return expressionError(
      this.kind,
      `Syntax error; token: "${token.text}", near: "${this.source.slice(start, end)}"`,
    );
  }

  expectPunct(text: string): void {
    if (!this.isPunct(text)) throw this.syntaxError();
    this.next();
  }

  expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.syntaxError();
    this.next();
  }

  expectEnd(): void {
    if (this.peek().kind !== 'eof') throw this.syntaxError();
  }

  error(detail: string): AwsError {
    return expressionError(this.kind, detail);
  }

  // ---- paths and operands -------------------------------------------------------------------

  private pathName(token: Token): string {
    if (token.kind === 'namePlaceholder') return this.attributes.name(token.text, this.kind);
    if (token.kind !== 'name') throw this.syntaxError(token);
    if (isReservedWord(token.text))
      throw this.error(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    return token.text;
  }

  parsePath(): Path {
    const elements: (string | number)[] = [this.pathName(this.peek())];
    this.next();
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push(this.pathName(this.peek()));
        this.next();
      } else if (this.isPunct('[')) {
        this.next();
        const index = this.peek();
        if (index.kind !== 'number') throw this.syntaxError(index);
        this.next();
        this.expectPunct(']');
        elements.push(Number(index.text));
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  parseValue(): WireValue {
    const token = this.peek();
    if (token.kind !== 'valuePlaceholder') throw this.syntaxError(token);
    this.next();
    return this.attributes.value(token.text, this.kind);
  }

  parseOperand(): Operand {
    const token = this.peek();
    if (token.kind === 'valuePlaceholder') return { kind: 'value', value: this.parseValue() };
    if (this.isFunctionCall()) {
      if (token.text !== 'size') throw this.misplacedFunction(token.text);
      const args = this.parseArguments();
      this.checkArgumentCount('size', args, 1);
      return { kind: 'size', path: this.requirePath('size', args[0] as Operand) };
    }
    if (token.kind === 'name' || token.kind === 'namePlaceholder') return this.parsePath();
    throw this.syntaxError(token);
  }

  misplacedFunction(name: string): AwsError {
    if (CONDITION_FUNCTIONS.includes(name) || UPDATE_FUNCTIONS.includes(name) || name === 'size') {
      return this.error(
        `The function is not allowed to be used this way in an expression; function: ${name}`,
      );
    }
    return this.error(`Invalid function name; function: ${name}`);
  }

  /** `(operand, operand, …)` after a function name. */
  parseArguments(): Operand[] {
    this.next();
    this.expectPunct('(');
    const args = [this.parseOperand()];
    while (this.isPunct(',')) {
      this.next();
      args.push(this.parseOperand());
    }
    this.expectPunct(')');
    return args;
  }

  checkArgumentCount(name: string, args: readonly unknown[], count: number): void {
    if (args.length !== count) {
      throw this.error(
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
    }
  }

  requirePath(name: string, operand: Operand): Path {
    if (operand.kind !== 'path')
      throw this.error(`Operator or function requires a document path; operator or function: ${name}`);
    return operand;
  }

  private operandTypeError(name: string, type: AttributeType): AwsError {
    return this.error(
      `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`,
    );
  }

  private requireOrderable(name: string, operand: Operand): void {
    if (operand.kind === 'value' && !ORDERABLE.includes(typeOf(operand.value)))
      throw this.operandTypeError(name, typeOf(operand.value));
  }

  // ---- conditions -----------------------------------------------------------------------------

  parseCondition(): Condition {
    let left = this.parseAnd();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Condition {
    let left = this.parseNot();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', condition: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Condition {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.parseCondition();
      this.expectPunct(')');
      if (this.parenthesized.has(inner)) throw this.error('The expression has redundant parentheses;');
      this.parenthesized.add(inner);
      return inner;
    }
    if (this.isFunctionCall() && this.peek().text !== 'size') return this.parseConditionFunction();
    const subject = this.parseOperand();
    const token = this.peek();
    if (token.kind === 'punct' && COMPARATORS.includes(token.text)) {
      this.next();
      const op = token.text as Comparator;
      const right = this.parseOperand();
      if (op !== '=' && op !== '<>') {
        this.requireOrderable(op, subject);
        this.requireOrderable(op, right);
      }
      return { kind: 'compare', op, left: subject, right };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.parseOperand();
      this.expectKeyword('AND');
      const high = this.parseOperand();
      this.checkBetween(subject, low, high);
      return { kind: 'between', subject, low, high };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const options = [this.parseOperand()];
      while (this.isPunct(',')) {
        this.next();
        options.push(this.parseOperand());
      }
      this.expectPunct(')');
      return { kind: 'in', subject, options };
    }
    throw this.syntaxError(token);
  }

  private checkBetween(subject: Operand, low: Operand, high: Operand): void {
    for (const operand of [subject, low, high]) this.requireOrderable('BETWEEN', operand);
    if (low.kind !== 'value' || high.kind !== 'value') return;
    const bounds = `lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`;
    if (typeOf(low.value) !== typeOf(high.value)) {
      throw this.error(`The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
    }
    if ((compareValues(low.value, high.value) ?? 0) > 0) {
      throw this.error(
        `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
      );
    }
  }

  private parseConditionFunction(): Condition {
    const name = this.peek().text;
    if (!CONDITION_FUNCTIONS.includes(name)) throw this.misplacedFunction(name);
    const args = this.parseArguments();
    const fn = name as ConditionFunction;
    switch (fn) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        this.checkArgumentCount(fn, args, 1);
        this.requirePath(fn, args[0] as Operand);
        break;
      case 'attribute_type': {
        this.checkArgumentCount(fn, args, 2);
        this.requirePath(fn, args[0] as Operand);
        const type = args[1] as Operand;
        if (type.kind !== 'value' || !('S' in type.value))
          throw this.operandTypeError(fn, type.kind === 'value' ? typeOf(type.value) : 'M');
        if (!ATTRIBUTE_TYPES.includes(type.value.S as AttributeType)) {
          throw this.error(
            `Invalid attribute type name found; type: ${type.value.S}, valid types: { B; NULL; SS; BOOL; L; BS; N; NS; S; M }`,
          );
        }
        break;
      }
      case 'begins_with':
      case 'contains': {
        this.checkArgumentCount(fn, args, 2);
        const path = this.requirePath(fn, args[0] as Operand);
        const operand = args[1] as Operand;
        if (fn === 'begins_with' && operand.kind === 'value' && !['S', 'B'].includes(typeOf(operand.value))) {
          throw this.operandTypeError(fn, typeOf(operand.value));
        }
        if (operand.kind === 'path' && describePath(operand) === describePath(path)) {
          throw this.error(
            `The first operand must be distinct from the remaining operands for this operator or function; operator or function: ${fn}, first operand: ${describePath(path)}`,
          );
        }
        break;
      }
    }
    return { kind: 'function', name: fn, args };
  }
}

/** Paths that are equal or one inside the other cannot be used together (projection, update). */
export function checkOverlappingPaths(paths: readonly Path[], kind: ExpressionKind): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = (paths[i] as Path).elements;
      const b = (paths[j] as Path).elements;
      const shorter = Math.min(a.length, b.length);
      if (a.slice(0, shorter).every((element, k) => element === b[k])) {
        throw expressionError(
          kind,
          `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${describePath(paths[i] as Path)}, path two: ${describePath(paths[j] as Path)}`,
        );
      }
    }
  }
}

export function parseCondition(
  source: string,
  kind: ExpressionKind,
  attributes: ExpressionAttributes,
): Condition {
  const parser = new ExpressionParser(source, kind, attributes);
  const condition = parser.parseCondition();
  parser.expectEnd();
  return condition;
}

export function parseProjection(source: string, attributes: ExpressionAttributes): Path[] {
  const parser = new ExpressionParser(source, 'ProjectionExpression', attributes);
  const paths = [parser.parsePath()];
  while (parser.isPunct(',')) {
    parser.next();
    paths.push(parser.parsePath());
  }
  parser.expectEnd();
  checkOverlappingPaths(paths, 'ProjectionExpression');
  return paths;
}
