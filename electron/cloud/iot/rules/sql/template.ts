/**
 * Substitution templates in action fields: `${topic()}/${timestamp()}` (AWS: iot-substitution-templates).
 * Each `${…}` holds any expression SELECT or WHERE accept; it is evaluated against the original
 * message, never against SELECT aliases. Text outside `${…}` is copied as is.
 */
import { compileExpr, type Evaluator } from './compile.js';
import { SqlParseError } from './errors.js';
import { DEFAULT_SQL_VERSION, messageEnv, type PreparedMessage, type RuleMessage } from './evaluate.js';
import { positionAt } from './lexer.js';
import { parseTemplateExpression } from './parser.js';
import { Binary, numberPolicy, toSqlString, type SqlValue, type SqlVersion } from './values.js';

export type CompiledTemplate = (message: RuleMessage | PreparedMessage) => string;

/** Index of the `}` closing a `${` whose expression starts at `start`, skipping quoted text and `{…}` literals. */
function closingBrace(template: string, start: number): number {
  let depth = 0;
  for (let i = start; i < template.length; i++) {
    const ch = template[i];
    if (ch === "'" || ch === '"') {
      i++;
      while (i < template.length && template[i] !== ch) i += template[i] === '\\' ? 2 : 1;
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * How a value reads inside text: Strings as they are, Undefined as "" ("Undefined is converted to
 * an empty string when serialized by itself"), Null as `null` [V], numbers, Booleans, Arrays and
 * Objects in their String form (compact JSON for the last two).
 */
function renderValue(value: SqlValue): string {
  if (value === undefined || value instanceof Binary) return '';
  if (value === null) return 'null';
  return toSqlString(value) ?? '';
}

/** Compiles a template once (at CreateTopicRule); throws {@link SqlParseError} for a bad `${…}`. */
export function compileSubstitutionTemplate(
  template: string,
  version: SqlVersion = DEFAULT_SQL_VERSION,
): CompiledTemplate {
  const runtime = { version, policy: numberPolicy(version) };
  const parts: (string | Evaluator)[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    if (!template.startsWith('${', i)) {
      literal += template[i];
      i++;
      continue;
    }
    const end = closingBrace(template, i + 2);
    if (end < 0) {
      const at = positionAt(template, i);
      throw new SqlParseError(
        "unclosed substitution template: '${' has no matching '}'",
        at.line,
        at.column,
        '${',
      );
    }
    const expr = parseTemplateExpression(template.slice(i + 2, end), version, positionAt(template, i + 2));
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(compileExpr(expr, runtime));
    i = end + 1;
  }
  if (literal !== '') parts.push(literal);
  return (message) => {
    const env = messageEnv(message, version);
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : renderValue(part(env));
    return out;
  };
}

const cache = new Map<string, CompiledTemplate>();

/** Renders a template for one message (compiled templates are cached). */
export function renderSubstitutionTemplate(
  template: string,
  message: RuleMessage | PreparedMessage,
  version: SqlVersion = DEFAULT_SQL_VERSION,
): string {
  const key = `${version}\u0000${template}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compileSubstitutionTemplate(template, version);
    if (cache.size >= 500) cache.clear();
    cache.set(key, compiled);
  }
  return compiled(message);
}
