import { AwsError } from '../../protocols/aws-error.js';
import type { FirehoseContext } from '../context.js';
import type { StreamRecord } from '../store.js';

/**
 * Request checks shared by the operations, worded as Firehose words them: request-model
 * constraints (`1 validation error detected: …`, botocore firehose/2015-08-04 shapes) and
 * stream lookups.
 */

export function validationErrors(errors: readonly string[]): AwsError {
  return new AwsError(
    'ValidationException',
    `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
  );
}

export function constraint(value: unknown, field: string, rule: string): string {
  const shown =
    value === null || value === undefined
      ? 'null'
      : `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`;
  return `Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`;
}

/** How Firehose (a Java service) shows a blob in a constraint message. */
export function blobValue(size: number): string {
  return `java.nio.HeapByteBuffer[pos=0 lim=${size} cap=${size}]`;
}

export function serializationError(): AwsError {
  return new AwsError('SerializationException', 'Unexpected value type in payload');
}

export function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError();
  return value;
}

export function optionalInteger(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError();
  return value;
}

export function optionalStructure(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw serializationError();
  return value;
}

/** botocore: DeliveryStreamName is 1–64 characters of [a-zA-Z0-9_.-]. */
export function checkStreamName(value: unknown, field = 'deliveryStreamName'): string {
  if (value === undefined || value === null)
    throw validationErrors([constraint(null, field, 'Member must not be null')]);
  if (typeof value !== 'string') throw serializationError();
  const errors: string[] = [];
  if (!/^[a-zA-Z0-9_.-]*$/.test(value))
    errors.push(constraint(value, field, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  if (value.length < 1)
    errors.push(constraint(value, field, 'Member must have length greater than or equal to 1'));
  if (value.length > 64)
    errors.push(constraint(value, field, 'Member must have length less than or equal to 64'));
  if (errors.length > 0) throw validationErrors(errors);
  return value;
}

export function streamArn(context: FirehoseContext, name: string): string {
  return `arn:aws:firehose:${context.identity.region}:${context.identity.accountId}:deliverystream/${name}`;
}

export function notFound(context: FirehoseContext, name: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Firehose ${name} under account ${context.identity.accountId} not found.`,
  );
}

export function isActive(context: FirehoseContext, stream: StreamRecord): boolean {
  return context.now() >= stream.activeAt;
}

export function requireStream(context: FirehoseContext, name: string): StreamRecord {
  const stream = context.store.getStream(name);
  if (!stream) throw notFound(context, name);
  return stream;
}

/** AWS: Put* on a stream that is not ACTIVE yet fails as if it did not exist. */
export function requireActiveStream(context: FirehoseContext, name: string): StreamRecord {
  const stream = requireStream(context, name);
  if (!isActive(context, stream)) throw notFound(context, name);
  return stream;
}
