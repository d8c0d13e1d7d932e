/**
 * The statements of an editor's text: split on `;` outside strings ('…' with '' inside), quoted
 * identifiers ("…" with "" inside), line comments (`-- …`) and block comments. What Ctrl/Cmd+Enter
 * runs: the selection when there is one, else the statement under the cursor.
 */
export interface Statement {
  /** The statement's text, trimmed, without its `;`. */
  text: string;
  /** Offsets of the trimmed text in the document. */
  from: number;
  to: number;
}

/** The statements of `text`, in order; blank ones (`;;`, only comments) are left out. */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const statement = trimmed(text, start, end);
    if (statement && !isOnlyComments(statement.text)) statements.push(statement);
  };
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    if (char === "'" || char === '"') i = skipQuoted(text, i, char);
    else if (char === '-' && next === '-') i = skipLineComment(text, i);
    else if (char === '/' && next === '*') i = skipBlockComment(text, i);
    else if (char === ';') {
      push(i);
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  push(text.length);
  return statements;
}

/**
 * The statement the cursor is in, or touching: a cursor right after `;` (or on the blank lines after
 * it) belongs to the statement before; before the first one, to the first.
 */
export function statementAt(text: string, cursor: number): Statement | undefined {
  const statements = splitStatements(text);
  let chosen: Statement | undefined;
  for (const statement of statements) {
    if (statement.from <= cursor) chosen = statement;
    else break;
  }
  return chosen ?? statements[0];
}

/** What to run: the selection (trimmed, one trailing `;` removed) when not blank, else the statement at the cursor. */
export function statementToRun(text: string, selection: { from: number; to: number }): Statement | undefined {
  if (selection.from !== selection.to) {
    const from = Math.min(selection.from, selection.to);
    const to = Math.max(selection.from, selection.to);
    const statement = trimmed(text, from, to);
    if (statement && !isOnlyComments(statement.text)) {
      const withoutSemicolon = statement.text.replace(/;\s*$/, '');
      return { ...statement, text: withoutSemicolon, to: statement.from + withoutSemicolon.length };
    }
  }
  return statementAt(text, selection.from);
}

function trimmed(text: string, from: number, to: number): Statement | undefined {
  const slice = text.slice(from, to);
  const lead = slice.length - slice.trimStart().length;
  const body = slice.trim();
  if (!body) return undefined;
  return { text: body, from: from + lead, to: from + lead + body.length };
}

function skipQuoted(text: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote)
        i += 2; // a doubled quote stays inside
      else return i + 1;
    } else i += 1;
  }
  return i;
}

function skipLineComment(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
}

function skipBlockComment(text: string, at: number): number {
  const end = text.indexOf('*/', at + 2);
  return end === -1 ? text.length : end + 2;
}

function isOnlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) i += 1;
    else if (char === '-' && text[i + 1] === '-') i = skipLineComment(text, i);
    else if (char === '/' && text[i + 1] === '*') i = skipBlockComment(text, i);
    else return false;
  }
  return true;
}
