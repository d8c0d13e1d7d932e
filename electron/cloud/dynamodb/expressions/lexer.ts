/**
 * Tokens of DynamoDB's expression language (condition, filter, key condition, update and
 * projection expressions). Characters the language does not know become `invalid` tokens, so the
 * parser reports them the way DynamoDB does: `Syntax error; token: "!", near: "!!"`.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
export type TokenKind =
  'name' | 'namePlaceholder' | 'valuePlaceholder' | 'number' | 'punct' | 'invalid' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_]/;
const PUNCTUATION = ['<>', '<=', '>=', '(', ')', '[', ']', ',', '.', '=', '<', '>', '+', '-'];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const wordEnd = (from: number): number => {
    let end = from;
    while (end < source.length && WORD.test(source[end] as string)) end++;
    return end;
  };
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (/[A-Za-z_]/.test(char)) {
      kind = 'name';
      i = wordEnd(i);
    } else if (/[0-9]/.test(char)) {
      kind = 'number';
      while (i < source.length && /[0-9]/.test(source[i] as string)) i++;
    } else if (
      (char === '#' || char === ':') &&
      i + 1 < source.length &&
      WORD.test(source[i + 1] as string)
    ) {
      kind = char === '#' ? 'namePlaceholder' : 'valuePlaceholder';
      i = wordEnd(i + 1);
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (punct) {
        kind = 'punct';
        i += punct.length;
      } else {
        kind = 'invalid';
        i += String.fromCodePoint(source.codePointAt(i) as number).length;
      }
    }
    tokens.push({ kind, text: source.slice(start, i), start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
