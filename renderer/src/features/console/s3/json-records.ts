/**
 * An object's text as records: JSON lines, or JSON values back to back with no separator (what
 * Firehose writes when the rule sets none: `{…}{…}`), or a single JSON document. A record that
 * does not parse (the lab's lines with a bare `NaN`) is kept as text with the parser's message.
 */
export type JsonRecord =
  { ok: true; value: unknown; text: string } | { ok: false; text: string; error: string };

export interface JsonRecords {
  /** The first `limit` records. */
  records: JsonRecord[];
  /** Records found in the whole text (complete ones). */
  total: number;
  /** Records that do not parse, in the whole text. */
  invalid: number;
  /** The text ends inside a record (a truncated preview). */
  incompleteTail: boolean;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

/** Where the value starting at `start` ends (exclusive), or -1 when the text ends first. */
function endOfValue(text: string, start: number): number {
  const first = text[start];
  if (first !== '{' && first !== '[') {
    // A scalar or something that is not JSON: up to the end of the line.
    const newline = text.indexOf('\n', start);
    return newline === -1 ? text.length : newline;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function splitJsonRecords(text: string, limit: number, truncated: boolean): JsonRecords {
  const records: JsonRecord[] = [];
  let total = 0;
  let invalid = 0;
  let position = 0;
  let incompleteTail = false;
  while (position < text.length) {
    while (position < text.length && isSpace(text[position])) position++;
    if (position >= text.length) break;
    let end = endOfValue(text, position);
    if (end === -1) {
      if (truncated) {
        incompleteTail = true;
        break;
      }
      end = text.length;
    }
    // The last line of a cut text may be cut too.
    if (truncated && end === text.length) {
      incompleteTail = true;
      break;
    }
    const recordText = text.slice(position, end);
    position = end;
    total++;
    let record: JsonRecord;
    try {
      record = { ok: true, value: JSON.parse(recordText), text: recordText };
    } catch (error) {
      invalid++;
      record = { ok: false, text: recordText, error: error instanceof Error ? error.message : String(error) };
    }
    if (records.length < limit) records.push(record);
  }
  return { records, total, invalid, incompleteTail };
}
