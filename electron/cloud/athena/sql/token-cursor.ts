import { parseHiveType, hiveTypeString } from './types.js';
import { isName, isSymbol, isWord, nameOf, SqlSyntaxError, type Token } from './tokens.js';
import type { ColumnDefinition, NameRef, PropertyValue } from './statement.js';

/**
 * The grammar helpers of the statement parser: a cursor over significant tokens that reads
 * keywords, names, strings, Hive column definitions and property lists, and words its errors as
 * Athena's parser does (`mismatched input 'X'. Expecting: …`).
 */
export abstract class TokenCursor {
  protected i = 0;
  constructor(protected readonly tokens: Token[]) {}

  protected peek(): Token | undefined {
    return this.tokens[this.i];
  }

  protected end<S>(statement: S): S {
    if (this.peek()) throw this.mismatch('<EOF>');
    return statement;
  }

  protected mismatch(expecting: string): SqlSyntaxError {
    const token = this.peek();
    const end = this.tokens.at(-1)?.end ?? 0;
    return new SqlSyntaxError(
      `mismatched input '${token?.text ?? '<EOF>'}'. Expecting: ${expecting}`,
      token?.start ?? end,
    );
  }

  protected optional(word: string): boolean {
    if (!isWord(this.peek(), word)) return false;
    this.i++;
    return true;
  }

  protected optionalSequence(...words: string[]): boolean {
    if (!words.every((word, offset) => isWord(this.tokens[this.i + offset], word))) return false;
    this.i += words.length;
    return true;
  }

  protected expect(word: string): void {
    if (!this.optional(word)) throw this.mismatch(`'${word}'`);
  }

  protected word(): string {
    const token = this.peek();
    if (token?.kind !== 'word') throw this.mismatch('<identifier>');
    this.i++;
    return token.text;
  }

  protected string(): string {
    const token = this.peek();
    if (token?.kind !== 'string') throw this.mismatch('<string>');
    this.i++;
    return token.value;
  }

  protected name(): NameRef {
    const first = this.peek();
    if (!isName(first)) throw this.mismatch('<identifier>');
    const parts: string[] = [];
    let quoted = false;
    for (;;) {
      const token = this.peek();
      if (!isName(token)) throw this.mismatch('<identifier>');
      quoted ||= token.kind === 'quoted';
      parts.push(nameOf(token));
      this.i++;
      if (!isSymbol(this.peek(), '.')) break;
      this.i++;
    }
    return { parts, start: first.start, quoted };
  }

  protected depthAt(index: number): number {
    let depth = 0;
    for (let k = this.i; k < index; k++) {
      if (isSymbol(this.tokens[k], '(')) depth++;
      else if (isSymbol(this.tokens[k], ')')) depth--;
    }
    return depth;
  }

  protected closing(open: number): number {
    for (let k = open, depth = 0; k < this.tokens.length; k++) {
      if (isSymbol(this.tokens[k], '(')) depth++;
      else if (isSymbol(this.tokens[k], ')') && --depth === 0) return k;
    }
    this.i = this.tokens.length;
    throw this.mismatch("')'");
  }

  /** `('k' = 'v', …)` */
  protected stringPairs(): Record<string, string> {
    const pairs: Record<string, string> = {};
    if (!isSymbol(this.peek(), '(')) throw this.mismatch("'('");
    this.i++;
    while (!isSymbol(this.peek(), ')')) {
      const key = this.string();
      if (!isSymbol(this.peek(), '=')) throw this.mismatch("'='");
      this.i++;
      pairs[key] = this.string();
      if (isSymbol(this.peek(), ',')) this.i++;
      else if (!isSymbol(this.peek(), ')')) throw this.mismatch("')'");
    }
    this.i++;
    return pairs;
  }

  /** CTAS `WITH (format = 'PARQUET', partitioned_by = ARRAY['p'], …)` */
  protected tableProperties(): Record<string, PropertyValue> {
    const properties: Record<string, PropertyValue> = {};
    if (!isSymbol(this.peek(), '(')) throw this.mismatch("'('");
    this.i++;
    while (!isSymbol(this.peek(), ')')) {
      const key = this.word().toLowerCase();
      if (!isSymbol(this.peek(), '=')) throw this.mismatch("'='");
      this.i++;
      if (this.optional('ARRAY')) {
        if (!isSymbol(this.peek(), '[')) throw this.mismatch("'['");
        this.i++;
        const values: string[] = [];
        while (!isSymbol(this.peek(), ']')) {
          values.push(this.string());
          if (isSymbol(this.peek(), ',')) this.i++;
        }
        this.i++;
        properties[key] = values;
      } else {
        const token = this.peek();
        if (!token || (token.kind !== 'string' && token.kind !== 'number' && token.kind !== 'word'))
          throw this.mismatch('<expression>');
        this.i++;
        properties[key] = token.kind === 'word' ? token.text.toLowerCase() : token.value;
      }
      if (isSymbol(this.peek(), ',')) this.i++;
      else if (!isSymbol(this.peek(), ')')) throw this.mismatch("')'");
    }
    this.i++;
    return properties;
  }

  /** `(name type [COMMENT 'c'], …)` with Hive types (`struct<a:int>`, `decimal(10,2)`). */
  protected columnDefinitions(): ColumnDefinition[] {
    const close = this.closing(this.i);
    this.i++;
    const columns: ColumnDefinition[] = [];
    while (this.i < close) {
      const nameToken = this.peek();
      if (!isName(nameToken)) throw this.mismatch('<identifier>');
      this.i++;
      let typeText = '';
      const typeStart = this.peek();
      let depth = 0;
      while (this.i < close) {
        const token = this.tokens[this.i] as Token;
        if (depth === 0 && (isSymbol(token, ',') || isWord(token, 'COMMENT'))) break;
        if (isSymbol(token, '<', '(')) depth++;
        else if (isSymbol(token, '>', ')')) depth--;
        const previous = this.tokens[this.i - 1];
        typeText += (token.kind === 'word' && previous?.kind === 'word' && typeText ? ' ' : '') + token.text;
        this.i++;
      }
      let type: string;
      try {
        type = hiveTypeString(parseHiveType(typeText));
      } catch {
        throw new SqlSyntaxError(
          `Unknown type '${typeText || '<EOF>'}' for column '${nameOf(nameToken)}'`,
          typeStart?.start ?? nameToken.end,
        );
      }
      const comment = this.optional('COMMENT') ? this.string() : undefined;
      columns.push({ name: nameOf(nameToken), type, ...(comment === undefined ? {} : { comment }) });
      if (isSymbol(this.peek(), ',')) this.i++;
    }
    this.i = close + 1;
    return columns;
  }

  /** `(k = 'v', …)` of ALTER TABLE ADD PARTITION. */
  protected partitionSpec(): Record<string, string> {
    const values: Record<string, string> = {};
    if (!isSymbol(this.peek(), '(')) throw this.mismatch("'('");
    this.i++;
    while (!isSymbol(this.peek(), ')')) {
      const key = this.peek();
      if (!isName(key)) throw this.mismatch('<identifier>');
      this.i++;
      if (!isSymbol(this.peek(), '=')) throw this.mismatch("'='");
      this.i++;
      const value = this.peek();
      if (!value || (value.kind !== 'string' && value.kind !== 'number')) throw this.mismatch('<literal>');
      this.i++;
      values[nameOf(key)] = value.value;
      if (isSymbol(this.peek(), ',')) this.i++;
    }
    this.i++;
    return values;
  }
}
