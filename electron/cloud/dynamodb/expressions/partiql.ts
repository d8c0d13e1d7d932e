import { AwsError } from '../../protocols/aws-error.js';
import { typeOf, type AttributeType, type WireValue } from '../attribute-values.js';
import { normalizeNumber } from '../numbers.js';
import type { Comparator, Condition, Operand, Path } from './ast.js';

/**
 * PartiQL `SELECT … FROM "table" [WHERE …]` for ExecuteStatement, compiled into the same condition
 * tree as FilterExpression so both evaluate alike. Identifiers are bare or "double-quoted",
 * strings 'single-quoted', `?` takes the next of the request's Parameters.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
 */

export interface SelectStatement {
  table: string;
  index?: string;
  /** undefined: `SELECT *` */
  projection?: Path[];
  where?: Condition;
}

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
}

const PUNCTUATION = ['<>', '!=', '<=', '>=', '*', ',', '.', '(', ')', '[', ']', '=', '<', '>', '?', '-', ';'];
const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  'IS',
  'NULL',
  'MISSING',
  'TRUE',
  'FALSE',
]);
const ORDERABLE: readonly AttributeType[] = ['N', 'S', 'B'];

function malformed(detail: string): AwsError {
  return new AwsError(
    'ValidationException',
    `Statement wasn't well formed, can't be processed: ${detail}`,
    400,
  );
}

function quoted(source: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length) throw malformed('Unterminated quoted text');
    const char = source[i] as string;
    if (char === quote) {
      if (source[i + 1] !== quote) return { text, end: i + 1 };
      i++;
    }
    text += char;
    i++;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '"' || char === "'") {
      const { text, end } = quoted(source, i, char);
      tokens.push({ kind: char === '"' ? 'quoted' : 'string', text });
      i = end;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(source.slice(i))?.[0] as string;
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else if (/[0-9]/.test(char)) {
      const number = /^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(source.slice(i))?.[0] as string;
      tokens.push({ kind: 'number', text: number });
      i += number.length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw malformed(`Unexpected character '${char}'`);
      tokens.push({ kind: 'punct', text: punct });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>' });
  return tokens;
}

class PartiqlParser {
  private position = 0;
  private parameterIndex = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly parameters: readonly WireValue[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    return this.peek().kind === 'punct' && this.peek().text === text;
  }

  private unexpected(): AwsError {
    const token = this.peek();
    return malformed(token.kind === 'eof' ? 'Unexpected end of statement' : `Unexpected token ${token.text}`);
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.unexpected();
    this.next();
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) throw this.unexpected();
    this.next();
  }

  private identifier(): string {
    const token = this.peek();
    if (token.kind === 'quoted' || (token.kind === 'word' && !KEYWORDS.has(token.text.toUpperCase()))) {
      this.next();
      if (token.text === '')
        throw new AwsError('ValidationException', 'Path component cannot be an empty string', 400);
      return token.text;
    }
    throw this.unexpected();
  }

  private path(): Path {
    const elements: (string | number)[] = [this.identifier()];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push(this.identifier());
      } else if (this.isPunct('[')) {
        this.next();
        const index = this.next();
        if (index.kind !== 'number' || !/^\d+$/.test(index.text)) throw this.unexpected();
        this.expectPunct(']');
        elements.push(Number(index.text));
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  parseSelect(): SelectStatement {
    this.expectKeyword('SELECT');
    let projection: Path[] | undefined;
    if (this.isPunct('*')) this.next();
    else {
      projection = [this.path()];
      while (this.isPunct(',')) {
        this.next();
        projection.push(this.path());
      }
    }
    this.expectKeyword('FROM');
    const table = this.identifier();
    let index: string | undefined;
    if (this.isPunct('.')) {
      this.next();
      index = this.identifier();
      if (this.isPunct('.'))
        throw new AwsError(
          'ValidationException',
          'A path may contain at most 2 components in the FROM clause',
          400,
        );
    }
    let where: Condition | undefined;
    if (this.isKeyword('WHERE')) {
      this.next();
      where = this.or();
    }
    if (this.isPunct(';')) this.next();
    if (this.peek().kind !== 'eof') throw this.unexpected();
    if (this.parameterIndex !== this.parameters.length) {
      throw new AwsError(
        'ValidationException',
        "Number of parameters in request and statement don't match.",
        400,
      );
    }
    return {
      table,
      ...(index !== undefined ? { index } : {}),
      ...(projection ? { projection } : {}),
      ...(where ? { where } : {}),
    };
  }

  private or(): Condition {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', condition: this.not() };
    }
    return this.predicate();
  }

  private literal(): WireValue {
    const token = this.peek();
    const word = token.kind === 'word' ? token.text.toUpperCase() : '';
    if (token.kind === 'word' && word !== 'TRUE' && word !== 'FALSE' && word !== 'NULL')
      throw this.unexpected();
    this.next();
    if (token.kind === 'string') return { S: token.text };
    if (token.kind === 'number') return { N: normalizeNumber(token.text) };
    if (token.kind === 'punct' && token.text === '-' && this.peek().kind === 'number') {
      return { N: normalizeNumber(`-${this.next().text}`) };
    }
    if (token.kind === 'punct' && token.text === '?') {
      const parameter = this.parameters[this.parameterIndex++];
      if (!parameter)
        throw new AwsError(
          'ValidationException',
          "Number of parameters in request and statement don't match.",
          400,
        );
      return parameter;
    }
    if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
    if (word === 'NULL') return { NULL: true };
    throw malformed(token.kind === 'eof' ? 'Unexpected end of statement' : `Unexpected token ${token.text}`);
  }

  private operand(): Operand {
    const token = this.peek();
    if (token.kind === 'word' && token.text.toLowerCase() === 'size' && this.peek(1).text === '(') {
      this.next();
      this.expectPunct('(');
      const path = this.path();
      this.expectPunct(')');
      return { kind: 'size', path };
    }
    if (token.kind === 'quoted' || (token.kind === 'word' && !KEYWORDS.has(token.text.toUpperCase())))
      return this.path();
    return { kind: 'value', value: this.literal() };
  }

  private orderable(op: string, operand: Operand): Operand {
    if (operand.kind === 'value' && !ORDERABLE.includes(typeOf(operand.value))) {
      throw new AwsError(
        'ValidationException',
        `Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${typeOf(operand.value)}`,
        400,
      );
    }
    return operand;
  }

  private predicate(): Condition {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    const token = this.peek();
    const fn = token.kind === 'word' && this.peek(1).text === '(' ? token.text.toLowerCase() : '';
    if (fn === 'begins_with' || fn === 'contains' || fn === 'attribute_type') {
      this.next();
      this.expectPunct('(');
      const path = this.path();
      this.expectPunct(',');
      const argument: Operand = { kind: 'value', value: this.literal() };
      this.expectPunct(')');
      return { kind: 'function', name: fn, args: [path, argument] };
    }
    const subject = this.operand();
    const negated = this.isKeyword('NOT') && (this.isKeyword('BETWEEN', 1) || this.isKeyword('IN', 1));
    if (negated) this.next();
    let condition: Condition;
    const op = this.peek();
    if (op.kind === 'punct' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(op.text)) {
      this.next();
      const comparator = (op.text === '!=' ? '<>' : op.text) as Comparator;
      const right = this.operand();
      if (comparator !== '=' && comparator !== '<>') {
        this.orderable(comparator, subject);
        this.orderable(comparator, right);
      }
      condition = { kind: 'compare', op: comparator, left: subject, right };
    } else if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.orderable('BETWEEN', this.operand());
      this.expectKeyword('AND');
      condition = { kind: 'between', subject, low, high: this.orderable('BETWEEN', this.operand()) };
    } else if (this.isKeyword('IN')) {
      this.next();
      const close = this.isPunct('[') ? ']' : ')';
      if (!this.isPunct('[') && !this.isPunct('(')) throw this.unexpected();
      this.next();
      const options = [this.operand()];
      while (this.isPunct(',')) {
        this.next();
        options.push(this.operand());
      }
      this.expectPunct(close);
      condition = { kind: 'in', subject, options };
    } else if (this.isKeyword('IS')) {
      this.next();
      const not = this.isKeyword('NOT');
      if (not) this.next();
      if (subject.kind !== 'path') throw this.unexpected();
      const missing: Condition = { kind: 'function', name: 'attribute_not_exists', args: [subject] };
      if (this.isKeyword('MISSING')) condition = missing;
      else if (this.isKeyword('NULL')) {
        // PartiQL: MISSING IS NULL too.
        condition = {
          kind: 'or',
          left: missing,
          right: {
            kind: 'function',
            name: 'attribute_type',
            args: [subject, { kind: 'value', value: { S: 'NULL' } }],
          },
        };
      } else throw this.unexpected();
      this.next();
      return not ? { kind: 'not', condition } : condition;
    } else {
      throw this.unexpected();
    }
    return negated ? { kind: 'not', condition } : condition;
  }
}

/** The statement's first word, to tell SELECT from what the local cloud does not run. */
export function statementVerb(statement: string): string {
  return /^\s*([A-Za-z]+)/.exec(statement)?.[1]?.toUpperCase() ?? '';
}

export function parseSelect(statement: string, parameters: readonly WireValue[]): SelectStatement {
  return new PartiqlParser(tokenize(statement), parameters).parseSelect();
}
