/**
 * Recursive-descent parser for AWS IoT SQL (AWS: iot-sql-reference and the pages it links).
 * Every failure is a {@link SqlParseError} naming the line:column and the offending token.
 */
import type { Expr, Query, SelectItem } from './ast.js';
import { Decimal } from './decimal.js';
import { CAST_TYPES } from './functions-math.js';
import { UNSUPPORTED_FUNCTIONS, lookupFunction } from './functions.js';
import { tokenize, type SourcePosition, type Token } from './lexer.js';
import { TokenStream } from './token-stream.js';
import type { ArithmeticOp, ComparisonOp } from './operators.js';
import { validateTopicFilter } from './topic.js';
import { numberPolicy, type NumberPolicy, type SqlVersion } from './values.js';

/** Words that cannot name an attribute (TRUE/FALSE/NULL are literals; VALUE is reserved only after SELECT). */
const RESERVED = new Set('SELECT FROM WHERE AS AND OR NOT CASE WHEN THEN ELSE END'.split(' '));
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const V2016 = '2016-03-23';

class Parser extends TokenStream {
  private readonly policy: NumberPolicy;
  private readonly v2016: boolean;

  constructor(
    private readonly source: string,
    private readonly version: SqlVersion,
    base?: SourcePosition,
  ) {
    super(tokenize(source, base));
    this.policy = numberPolicy(version);
    this.v2016 = version !== '2015-10-08';
  }

  private need2016(what: string, token: Token): void {
    if (!this.v2016)
      this.fail(`${what} require SQL version ${V2016} (this rule uses ${this.version})`, token);
  }

  statement(): Query {
    if (!this.atWord('SELECT')) this.fail('a rule statement starts with SELECT');
    const query = this.query(false);
    const extra = this.peek();
    if (extra.kind !== 'eof') {
      if (extra.kind === 'word' && (extra.value === 'FROM' || extra.value === 'WHERE')) {
        this.fail(
          `unexpected ${extra.value}: the statement already has this clause, or the clauses are out of order (SELECT … FROM … WHERE …)`,
        );
      }
      this.fail('unexpected token after the end of the statement');
    }
    return query;
  }

  templateExpression(): Expr {
    if (this.peek().kind === 'eof') this.fail('empty substitution template ${}');
    const expr = this.expr();
    if (this.peek().kind !== 'eof') this.fail('unexpected token in the substitution template');
    return expr;
  }

  private query(nested: boolean): Query {
    this.next(); // SELECT
    // VALUE is the keyword unless it is an attribute named "value": SELECT value, x / SELECT value AS v.
    const value =
      this.atWord('VALUE') &&
      !this.atOp(',', 1) &&
      !['FROM', 'AS', 'WHERE'].some((w) => this.atWord(w, 1)) &&
      this.peek(1).kind !== 'eof';
    if (value) this.next();
    const items = value ? [this.selectItem(1)] : this.selectList();
    if (value) {
      if (this.atOp(',')) this.fail('SELECT VALUE takes exactly one item');
      if (items[0]?.alias !== undefined) this.fail('SELECT VALUE cannot rename its item with AS');
    }
    let from: Query['from'];
    if (this.atWord('FROM')) {
      this.next();
      from = nested ? { kind: 'expr', expr: this.postfix() } : { kind: 'topic', filter: this.topicFilter() };
    } else if (nested)
      this.fail('a nested query needs FROM and the attribute it reads, e.g. (SELECT VALUE n FROM e)');
    let where: Expr | undefined;
    if (this.atWord('WHERE')) {
      this.next();
      where = this.expr();
    }
    return { value, items, from, where };
  }

  private topicFilter(): string {
    const token = this.peek();
    // AWS (iot-sql-from): "You must enclose the topic or topic filter in single quotes (')."
    if (token.kind === 'string' && token.quote === "'") {
      this.next();
      const problem = validateTopicFilter(token.value);
      if (problem !== undefined) this.fail(`invalid topic filter: ${problem}`, token);
      return token.value;
    }
    const expected = 'expected the topic filter in single quotes after FROM';
    if (token.kind === 'string')
      this.fail(`${expected}, e.g. FROM '${token.value}' (double quotes make a string, not a topic)`);
    if (token.kind === 'eof') this.fail(`${expected}, e.g. FROM 'sensor/weather'`);
    if (token.kind === 'word' && RESERVED.has(token.value))
      this.fail(`${expected}, e.g. FROM 'sensor/weather'; found the keyword ${token.value}`);
    const written = /^[^\s]+/.exec(this.source.slice(token.offset))?.[0] ?? token.text;
    this.fail(`${expected}, e.g. FROM '${written}'`);
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [];
    do {
      if (items.length > 0) this.next(); // ,
      items.push(this.selectItem(items.length + 1));
    } while (this.atOp(','));
    return items;
  }

  private selectItem(position: number): SelectItem {
    const token = this.peek();
    if (
      token.kind === 'eof' ||
      (token.kind === 'word' && (token.value === 'FROM' || token.value === 'WHERE'))
    ) {
      this.fail(
        position === 1
          ? 'expected what to SELECT: *, an attribute, a function or a literal'
          : "expected another item after ','",
      );
    }
    if (this.atOp('*') && this.endsItem(1)) {
      this.next();
      return { kind: 'star', alias: this.alias() };
    }
    const expr = this.expr();
    return { kind: 'expr', expr, alias: this.alias(), name: defaultName(expr, position) };
  }

  private endsItem(ahead: number): boolean {
    const t = this.peek(ahead);
    return (
      t.kind === 'eof' ||
      (t.kind === 'op' && (t.value === ',' || t.value === ')')) ||
      (t.kind === 'word' && ['AS', 'FROM', 'WHERE'].includes(t.value))
    );
  }

  private alias(): string[] | undefined {
    if (!this.atWord('AS')) return undefined;
    this.next();
    const names: string[] = [];
    do {
      if (names.length > 0) this.next(); // .
      const t = this.peek();
      if (t.kind !== 'word') this.fail('expected a name after AS');
      names.push(this.next().text);
    } while (this.atOp('.'));
    return names;
  }

  private expr(): Expr {
    return this.nest(() => this.or());
  }

  private or(): Expr {
    let left = this.and();
    while (this.atWord('OR')) {
      this.next();
      left = { kind: 'logical', op: 'OR', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.atWord('AND')) {
      this.next();
      left = { kind: 'logical', op: 'AND', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (!this.atWord('NOT')) return this.comparison();
    this.next();
    return this.nest(() => ({ kind: 'not', operand: this.not() }));
  }

  private comparison(): Expr {
    let left = this.additive();
    while (this.peek().kind === 'op' && COMPARISONS.has(this.peek().value)) {
      const op = this.next().value as ComparisonOp;
      left = { kind: 'compare', op, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.atOp('+') || this.atOp('-')) {
      const op = this.next().value as ArithmeticOp;
      left = { kind: 'arithmetic', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.atOp('*') || this.atOp('/') || this.atOp('%')) {
      const op = this.next().value as ArithmeticOp;
      left = { kind: 'arithmetic', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (!this.atOp('-')) return this.postfix();
    this.next();
    if (this.peek().kind === 'number') return this.numberLiteral(this.next(), true);
    return this.nest(() => ({ kind: 'negate', operand: this.unary() }));
  }

  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.atOp('.')) {
        this.next();
        const t = this.peek();
        if (t.kind !== 'word')
          this.fail(
            "expected an attribute name after '.'; names with '-' or starting with a digit need get()",
          );
        this.next();
        expr =
          expr.kind === 'path'
            ? { kind: 'path', names: [...expr.names, t.text] }
            : { kind: 'member', object: expr, name: t.text };
      } else if (this.atOp('[')) {
        this.next();
        const index = this.expr();
        this.expectOp(']', "expected ']' to close the index");
        expr = { kind: 'index', object: expr, index };
      } else return expr;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') return this.numberLiteral(this.next(), false);
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'op') {
      if (t.value === '(') return this.parenthesized();
      if (t.value === '[') return this.arrayLiteral();
      if (t.value === '{') return this.objectLiteral();
      this.fail('expected an expression');
    }
    if (t.kind === 'word') {
      if (t.value === 'TRUE' || t.value === 'FALSE') {
        this.next();
        return { kind: 'literal', value: t.value === 'TRUE' };
      }
      if (t.value === 'NULL') {
        this.next();
        return { kind: 'literal', value: null };
      }
      if (t.value === 'CASE') return this.caseExpression();
      if (this.atOp('(', 1)) return t.value === 'CAST' ? this.castExpression() : this.call();
      if (RESERVED.has(t.value)) this.fail(`expected an expression; ${t.value} is a keyword`);
      this.next();
      return { kind: 'path', names: [t.text] };
    }
    this.fail('expected an expression');
  }

  private numberLiteral(token: Token, negative: boolean): Expr {
    const text = negative ? `-${token.text}` : token.text;
    if (/^-?\d+$/.test(text)) return { kind: 'literal', value: BigInt(text) };
    const d = Decimal.fromText(text);
    if (d === undefined) this.fail('number out of range (AWS Decimals go from 1E-999 to 9.999…E999)', token);
    return { kind: 'literal', value: this.policy(d) };
  }

  private parenthesized(): Expr {
    const open = this.next();
    if (this.atWord('SELECT')) {
      this.need2016('nested object queries', open);
      const query = this.nest(() => this.query(true));
      this.expectOp(')', "expected ')' to close the nested query");
      return { kind: 'query', query };
    }
    const inner = this.expr();
    this.expectOp(')', "expected ')' to close '('");
    return inner;
  }

  private arrayLiteral(): Expr {
    this.need2016('array literals', this.next());
    const items: Expr[] = [];
    while (!this.atOp(']')) {
      if (items.length > 0) this.expectOp(',', "expected ',' or ']' in the array literal");
      items.push(this.expr());
    }
    this.next();
    return { kind: 'array', items };
  }

  private objectLiteral(): Expr {
    this.need2016('object literals', this.next());
    const entries: { key: string; value: Expr }[] = [];
    while (!this.atOp('}')) {
      if (entries.length > 0) this.expectOp(',', "expected ',' or '}' in the object literal");
      const key = this.peek();
      if (key.kind !== 'string')
        this.fail("expected a quoted key in the object literal, e.g. {'latitude': lat}");
      this.next();
      this.expectOp(':', "expected ':' after the key");
      entries.push({ key: key.value, value: this.expr() });
    }
    this.next();
    return { kind: 'object', entries };
  }

  private caseExpression(): Expr {
    this.next(); // CASE
    // AWS documents only CASE v WHEN t THEN r … (iot-sql-case) [V: whether CASE WHEN cond is refused].
    if (this.atWord('WHEN'))
      this.fail(
        'expected the value to compare after CASE; for conditions write CASE true WHEN <condition> THEN …',
      );
    const subject = this.expr();
    const branches: { when: Expr; then: Expr }[] = [];
    while (this.atWord('WHEN')) {
      this.next();
      const when = this.expr();
      this.expectWord('THEN', 'expected THEN after the WHEN value');
      branches.push({ when, then: this.expr() });
    }
    if (branches.length === 0) this.fail('a CASE needs at least one WHEN … THEN …');
    let otherwise: Expr | undefined;
    if (this.atWord('ELSE')) {
      this.next();
      otherwise = this.expr();
    }
    this.expectWord('END', 'expected WHEN, ELSE or END in the CASE');
    return { kind: 'case', subject, branches, otherwise };
  }

  private castExpression(): Expr {
    this.next(); // CAST
    this.next(); // (
    const value = this.expr();
    this.expectWord('AS', 'expected AS and a type in cast(value AS type)');
    const typeToken = this.peek();
    const cast = typeToken.kind === 'word' ? CAST_TYPES[typeToken.value] : undefined;
    if (cast === undefined) this.fail(`unknown cast type; use one of ${Object.keys(CAST_TYPES).join(', ')}`);
    if (cast.since2016) this.need2016(`cast to ${typeToken.text}`, typeToken);
    this.next();
    this.expectOp(')', "expected ')' to close cast(");
    return { kind: 'cast', value, type: cast.type };
  }

  private call(): Expr {
    const nameToken = this.next();
    const name = nameToken.text.toLowerCase();
    const unsupported = UNSUPPORTED_FUNCTIONS[name];
    if (unsupported !== undefined)
      this.fail(
        `function ${nameToken.text}() is not available in the local cloud: it ${unsupported}`,
        nameToken,
      );
    const spec = lookupFunction(name);
    if (spec === undefined) this.fail(`unknown function ${nameToken.text}()`, nameToken);
    if (spec.since2016) this.need2016(`function ${name}()`, nameToken);
    this.next(); // (
    const args: Expr[] = [];
    while (!this.atOp(')')) {
      if (args.length > 0) this.expectOp(',', `expected ',' or ')' in the arguments of ${nameToken.text}()`);
      if (this.atOp('*') && (this.atOp(',', 1) || this.atOp(')', 1))) {
        this.next();
        args.push({ kind: 'star' });
      } else args.push(this.expr());
    }
    this.next();
    return { kind: 'call', name, written: nameToken.text, args };
  }
}

/**
 * The key of an unaliased SELECT item: the last attribute name of a path (`a.b.c` → `c`) or the
 * function name (`timestamp()` → `timestamp`) [E ministack#1252; V]; anything else is named by its
 * 1-based position, `_2` [V].
 */
function defaultName(expr: Expr, position: number): string {
  switch (expr.kind) {
    case 'path':
      return expr.names[expr.names.length - 1] ?? `_${position}`;
    case 'member':
      return expr.name;
    case 'index':
      return defaultName(expr.object, position);
    case 'call':
      return expr.written;
    case 'cast':
      return 'cast';
    default:
      return `_${position}`;
  }
}

export function parseQuery(sql: string, version: SqlVersion): Query {
  return new Parser(sql, version).statement();
}

export function parseTemplateExpression(source: string, version: SqlVersion, base: SourcePosition): Expr {
  return new Parser(source, version, base).templateExpression();
}
