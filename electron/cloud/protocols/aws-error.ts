/**
 * An error as AWS returns it. Operations throw these; each protocol codec serializes them in its
 * own wire format (XML for restXml/awsQuery, JSON for awsJson/restJson1).
 */
export class AwsError extends Error {
  constructor(
    /** The AWS error code, e.g. `NoSuchBucket`, `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    /** HTTP status AWS uses for this code. */
    readonly status = 400,
    /** Extra fields some errors carry (S3's `<BucketName>`, Athena's `AthenaErrorCode`). */
    readonly extra: Record<string, string> = {},
    /** awsQuery's `<Type>`: Sender for the caller's mistakes, Receiver for ours. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
