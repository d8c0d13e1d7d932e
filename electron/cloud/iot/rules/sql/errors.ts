/**
 * A statement AWS would refuse with `SqlParseException` (HTTP 400) at CreateTopicRule or
 * ReplaceTopicRule. The message starts with where it went wrong (line:column) and the offending
 * token, then says what was expected. AWS's exact wording is not documented [V].
 */
export class SqlParseError extends Error {
  /** The AWS error code the IoT control plane answers with. */
  readonly code = 'SqlParseException';

  constructor(
    /** What was expected or what is wrong, without the position. */
    readonly detail: string,
    /** 1-based line and column of the offending token. */
    readonly line: number,
    readonly column: number,
    /** The offending token as written, or `<end of statement>`. */
    readonly token: string,
  ) {
    super(`Line ${line}:${column}: ${detail} (at ${token === END_TOKEN ? token : `'${token}'`})`);
    this.name = 'SqlParseError';
  }
}

export const END_TOKEN = '<end of statement>';

export function isSqlParseError(value: unknown): value is SqlParseError {
  return value instanceof SqlParseError;
}
