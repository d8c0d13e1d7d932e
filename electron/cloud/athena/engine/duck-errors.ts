import { QueryFailure } from '../errors.js';
import type { QueryTranslation } from '../sql/translate.js';
import { at, isName, nameOf, significant, tokenize } from '../sql/tokens.js';

/**
 * DuckDB's errors told as Athena (Trino) tells them: the error name Athena uses, the position in
 * the student's SQL (`line L:C`), Trino's wording. DuckDB's caret (`LINE 1: …\n   ^`) points into the
 * translated text; the translation's source map brings it back to what the student wrote.
 */

/** Offset in the student's text of the first use of a name (a column, a field), if any. */
function offsetOfName(sql: string, name: string): number | undefined {
  const lower = name.toLowerCase();
  try {
    return significant(tokenize(sql)).find((token) => isName(token) && nameOf(token) === lower)?.start;
  } catch {
    return undefined;
  }
}

/** DuckDB's caret, mapped back to the student's text. */
function caretOffset(message: string, translation: QueryTranslation | undefined): number | undefined {
  const match = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!match || !translation) return undefined;
  const lineNumber = Number(match[1]);
  const excerpt = match[2] ?? '';
  const caret = (match[3] ?? '').length - `LINE ${lineNumber}: `.length;
  const lines = translation.sql.split('\n');
  const lineStart = lines.slice(0, lineNumber - 1).reduce((sum, line) => sum + line.length + 1, 0);
  const line = lines[lineNumber - 1] ?? '';
  let column = caret;
  if (excerpt.startsWith('...')) {
    const core = excerpt.slice(3).replace(/\.\.\.$/, '');
    const found = line.indexOf(core.slice(0, 40));
    if (found === -1) return undefined;
    column = found + caret - 3;
  }
  return translation.output.sourceOf(lineStart + Math.max(0, column));
}

export function failureFromDuck(
  error: unknown,
  sql: string,
  translation: QueryTranslation | undefined,
): QueryFailure {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const caret = caretOffset(message, translation);
  const where = (name?: string): string =>
    at(sql, caret ?? (name === undefined ? undefined : offsetOfName(sql, name)) ?? 0);
  let match: RegExpExecArray | null;
  if (
    (match = /Referenced column "([^"]+)" not found/.exec(message)) ||
    (match = /Could not find key "([^"]+)" in struct/.exec(message)) ||
    // The translator's own alias (`x AS "x"`) makes DuckDB word a missing column this way.
    (match = /Column "([^"]+)" referenced that exists in the SELECT clause/.exec(message))
  ) {
    const name = match[1] ?? '';
    return new QueryFailure(
      'COLUMN_NOT_FOUND',
      `${where(name)}: Column '${name}' cannot be resolved or requester is not authorized to access requested resources`,
    );
  }
  if ((match = /Table "([^"]+)" does not have a column named "([^"]+)"/.exec(message))) {
    const name = `${match[1]}.${match[2]}`;
    return new QueryFailure(
      'COLUMN_NOT_FOUND',
      `${where(match[2])}: Column '${name}' cannot be resolved or requester is not authorized to access requested resources`,
    );
  }
  if ((match = /Referenced table "([^"]+)" not found/.exec(message))) {
    const name = match[1] ?? '';
    return new QueryFailure(
      'COLUMN_NOT_FOUND',
      `${where(name)}: Column '${name}' cannot be resolved or requester is not authorized to access requested resources`,
    );
  }
  if ((match = /column "([^"]+)" must appear in the GROUP BY clause/.exec(message))) {
    return new QueryFailure(
      'EXPRESSION_NOT_AGGREGATE',
      `${where(match[1])}: '${match[1]}' must be an aggregate expression or appear in GROUP BY clause`,
    );
  }
  if ((match = /Ambiguous reference to column name "([^"]+)"/.exec(message))) {
    return new QueryFailure('AMBIGUOUS_NAME', `${where(match[1])}: Column '${match[1]}' is ambiguous`);
  }
  if ((match = /No function matches the given name and argument types '([^(]+)\(([^)]*)\)'/.exec(message))) {
    return new QueryFailure(
      'FUNCTION_NOT_FOUND',
      `${where(match[1])}: Unexpected parameters (${(match[2] ?? '').toLowerCase()}) for function ${match[1]}`,
    );
  }
  if (
    (match = /Cannot compare values of type (\S+) and type (\S+)/.exec(message)) ||
    (match = /function call "([^"(]+)\(([^)]*)\)"/.exec(message))
  ) {
    return new QueryFailure(
      'TYPE_MISMATCH',
      `${where()}: Cannot apply operator: ${firstLine.replace(/^\w+ Error: /, '')}`,
    );
  }
  if ((match = /Could not convert string '([^']*)' to (\w+)/.exec(message))) {
    return new QueryFailure(
      'INVALID_CAST_ARGUMENT',
      `Cannot cast '${match[1]}' to ${(match[2] ?? '').replace('INT32', 'INT').replace('INT64', 'BIGINT')}`,
    );
  }
  if (/Malformed JSON|JSON transform error/.test(message)) {
    return new QueryFailure(
      'HIVE_CURSOR_ERROR',
      `Row is not a valid JSON Object - JSONException: ${firstLine.replace(/^Invalid Input Error: /, '')}`,
    );
  }
  if (/Division by zero/i.test(message)) return new QueryFailure('DIVISION_BY_ZERO', 'Division by zero');
  if (/Out of Range Error|[Oo]verflow/.test(message)) {
    return new QueryFailure('NUMERIC_VALUE_OUT_OF_RANGE', firstLine.replace(/^[\w ]+ Error: /, ''));
  }
  if (/^Parser Error/.test(message))
    return new QueryFailure('SYNTAX_ERROR', `${where()}: ${firstLine.replace(/^Parser Error: /, '')}`);
  if (/^IO Error/.test(message))
    return new QueryFailure('HIVE_CANNOT_OPEN_SPLIT', firstLine.replace(/^IO Error: /, ''));
  return new QueryFailure(
    'GENERIC_USER_ERROR',
    `${firstLine.replace(/^[\w ]+ Error: /, '')} (reported by the offline engine, DuckDB)`,
  );
}
