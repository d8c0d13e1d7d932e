/** Helpers for this folder's tests: run a statement the way the rules engine would, see what actions get. */
import { evaluateRule, parseRuleSql, type RuleMessage } from './evaluate.js';
import type { SqlVersion } from './values.js';

/** The timestamp AWS's timestamp() example shows (2016-12-15T18:07:31.155Z). */
export const DOC_TIMESTAMP = 1_481_825_251_155;

export interface RunOptions extends Partial<Omit<RuleMessage, 'payload'>> {
  readonly version?: SqlVersion;
}

function bytesOf(payload: string | Uint8Array | object): Uint8Array {
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (payload instanceof Uint8Array) return payload;
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

/** The outgoing payload as text, or `null` when WHERE did not let the message through. */
export function run(
  sql: string,
  payload: string | Uint8Array | object,
  options: RunOptions = {},
): string | null {
  const { version = '2016-03-23', ...message } = options;
  const rule = parseRuleSql(sql, version);
  const out = evaluateRule(rule, {
    topic: 'topic/subtopic',
    timestamp: DOC_TIMESTAMP,
    ...message,
    payload: bytesOf(payload),
  });
  return out.matched ? out.payload.toString('utf8') : null;
}

/**
 * The value of one expression as the action would receive it from `SELECT VALUE <expr>`: its JSON
 * text, or "" for Undefined.
 */
export function valueOf(
  expression: string,
  payload: string | object = '{}',
  options: RunOptions = {},
): string | null {
  return run(`SELECT VALUE ${expression} FROM 'topic/subtopic'`, payload, options);
}
