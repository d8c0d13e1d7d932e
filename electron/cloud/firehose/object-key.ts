import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocols/aws-error.js';
import { DatePatternError, formatDate, parseDatePattern, wallClock, type DateToken } from './date-pattern.js';

/**
 * S3 object keys of delivered buffers, pure. AWS: s3-object-name and s3-prefixes
 * (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html):
 * key = `<evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`.
 */

export type PrefixPart =
  | { kind: 'text'; text: string }
  | { kind: 'timestamp'; tokens: DateToken[] }
  | { kind: 'random-string' }
  | { kind: 'error-output-type' };

/** A destination's Prefix and ErrorOutputPrefix, checked and ready to evaluate at each delivery. */
export interface CompiledPrefixes {
  prefix: PrefixPart[];
  errorOutputPrefix: PrefixPart[];
}

/** Where delivery failures of that kind go (AWS: the `firehose` namespace, error-output-type). */
export type ErrorOutputType = 'processing-failed' | 'format-conversion-failed';

const DEFAULT_TIME_PATTERN = 'yyyy/MM/dd/HH/';
const SUFFIX_TIME = parseDatePattern('yyyy-MM-dd-HH-mm-ss');

function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

function parseExpression(body: string, field: string): PrefixPart {
  const colon = body.indexOf(':');
  const namespace = colon < 0 ? body : body.slice(0, colon);
  const value = colon < 0 ? '' : body.slice(colon + 1);
  switch (namespace) {
    case 'timestamp':
      try {
        return { kind: 'timestamp', tokens: parseDatePattern(value) };
      } catch (error) {
        if (error instanceof DatePatternError)
          throw invalidArgument(`Invalid timestamp expression !{${body}} in ${field}: ${error.message}`);
        throw error;
      }
    case 'firehose':
      if (value === 'random-string') return { kind: 'random-string' };
      if (value === 'error-output-type') return { kind: 'error-output-type' };
      throw invalidArgument(
        `Invalid firehose expression !{${body}} in ${field}: valid values are random-string and error-output-type.`,
      );
    case 'partitionKeyFromQuery':
    case 'partitionKeyFromLambda':
      // AWS: these need dynamic partitioning, which the local cloud does not offer (see README).
      throw invalidArgument(
        `${field} uses !{${namespace}:…}, which needs dynamic partitioning; the local cloud does not support it.`,
      );
    default:
      throw invalidArgument(
        `Unknown namespace '${namespace}' in ${field} expression !{${body}}: valid namespaces are timestamp and firehose.`,
      );
  }
}

/** Splits a prefix into literal text and `!{namespace:value}` expressions. */
export function parsePrefix(text: string, field: 'Prefix' | 'ErrorOutputPrefix'): PrefixPart[] {
  const parts: PrefixPart[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('!{', from);
    if (start < 0) break;
    const end = text.indexOf('}', start);
    // AWS (semantic rules): the sequence `!{` can only appear in `!{namespace:value}` expressions.
    if (end < 0)
      throw invalidArgument(`${field} contains '!{' that does not start a !{namespace:value} expression.`);
    if (start > from) parts.push({ kind: 'text', text: text.slice(from, start) });
    parts.push(parseExpression(text.slice(start + 2, end), field));
    from = end + 1;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) });
  return parts;
}

const hasExpression = (parts: readonly PrefixPart[]): boolean => parts.some((part) => part.kind !== 'text');
const has = (parts: readonly PrefixPart[], kind: PrefixPart['kind']): boolean =>
  parts.some((part) => part.kind === kind);

/**
 * Checks Prefix and ErrorOutputPrefix against AWS's semantic rules and completes them the way AWS
 * evaluates them. AWS: s3-prefixes, "Semantic rules".
 */
export function compilePrefixes(
  prefix: string | undefined,
  errorOutputPrefix: string | undefined,
): CompiledPrefixes {
  const main = parsePrefix(prefix ?? '', 'Prefix');
  const error = parsePrefix(errorOutputPrefix ?? '', 'ErrorOutputPrefix');
  // AWS: `Prefix` can't contain !{firehose:error-output-type}.
  if (has(main, 'error-output-type'))
    throw invalidArgument(
      'Prefix cannot contain !{firehose:error-output-type}; use it in ErrorOutputPrefix.',
    );
  // AWS: `ErrorOutputPrefix` can be null only if `Prefix` contains no expressions.
  if (hasExpression(main) && !errorOutputPrefix)
    throw invalidArgument('ErrorOutputPrefix cannot be null when Prefix contains expressions');
  // AWS: an ErrorOutputPrefix with expressions must include !{firehose:error-output-type}.
  if (hasExpression(error) && !has(error, 'error-output-type')) {
    throw invalidArgument(
      'ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.',
    );
  }
  const defaultTime: PrefixPart = { kind: 'timestamp', tokens: parseDatePattern(DEFAULT_TIME_PATTERN) };
  // AWS: a Prefix with no timestamp expression gets !{timestamp:yyyy/MM/dd/HH/} appended, by plain
  // concatenation: `raw` → `raw2026/07/13/14/` (no slash inserted; measured, floci#1857).
  const completedMain = has(main, 'timestamp') ? main : [...main, defaultTime];
  // AWS: a null ErrorOutputPrefix evaluates to `<Prefix><error-output-type>/YYYY/MM/dd/HH/` (same
  // for one without expressions; the exact separator is unverified, see README).
  const completedError = hasExpression(error)
    ? error
    : [
        ...(errorOutputPrefix ? error : main),
        { kind: 'error-output-type' } as const,
        { kind: 'text', text: '/' } as const,
        defaultTime,
      ];
  return { prefix: completedMain, errorOutputPrefix: completedError };
}

/** AWS: `!{firehose:random-string}` is 11 characters, fresh for each occurrence (docs' example `046b6c7f-0b`). */
export function randomString(): string {
  return randomUUID().slice(0, 11);
}

export interface PrefixContext {
  /** AWS: the approximate arrival time of the oldest record in the object (epoch ms). */
  instantMs: number;
  /** AWS: CustomTimeZone; UTC when omitted. */
  timeZone?: string;
  random?: () => string;
  errorOutputType?: ErrorOutputType;
}

export function evaluatePrefix(parts: readonly PrefixPart[], context: PrefixContext): string {
  // AWS: every timestamp expression of one prefix evaluates to the same instant.
  const clock = wallClock(context.instantMs, context.timeZone);
  const random = context.random ?? randomString;
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'timestamp') out += formatDate(part.tokens, clock);
    else if (part.kind === 'random-string') out += random();
    else out += context.errorOutputType ?? 'processing-failed';
  }
  return out;
}

export interface ObjectKeyInput extends PrefixContext {
  prefix: readonly PrefixPart[];
  streamName: string;
  /** The delivery stream's VersionId at delivery time. */
  version: number;
  /** `.gz` for GZIP, '' for UNCOMPRESSED, or the destination's FileExtension. */
  extension: string;
  uuid?: string;
}

export function objectKey(input: ObjectKeyInput): string {
  const suffixTime = formatDate(SUFFIX_TIME, wallClock(input.instantMs, input.timeZone));
  const uuid = input.uuid ?? randomUUID();
  return `${evaluatePrefix(input.prefix, input)}${input.streamName}-${input.version}-${suffixTime}-${uuid}${input.extension}`;
}

/** AWS: s3-object-name; FileExtension, when set, replaces the compression's extension. */
export function fileExtension(compression: string, custom: string | undefined): string {
  if (custom) return custom;
  return compression === 'GZIP' ? '.gz' : '';
}
