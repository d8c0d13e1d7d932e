/** Moving through a statement's tokens, and failing with the position of the one at hand. */
import { SqlParseError } from './errors.js';
import type { Token } from './lexer.js';

/** Deeper expressions are refused rather than risking the stack. */
const MAX_NESTING = 200;

export class TokenStream {
  private pos = 0;
  private depth = 0;

  /** `tokens` ends with the `eof` token. */
  constructor(private readonly tokens: readonly Token[]) {}

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }

  protected next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  protected fail(detail: string, token: Token = this.peek()): never {
    throw new SqlParseError(detail, token.line, token.column, token.text);
  }

  protected atWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.value === word;
  }

  protected atOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.value === op;
  }

  protected expectOp(op: string, detail: string): void {
    if (!this.atOp(op)) this.fail(detail);
    this.next();
  }

  protected expectWord(word: string, detail: string): void {
    if (!this.atWord(word)) this.fail(detail);
    this.next();
  }

  /** Runs one level of a recursive rule, failing past {@link MAX_NESTING} levels. */
  protected nest<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail('the expression is nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}
