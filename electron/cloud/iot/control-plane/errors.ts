import { AwsError } from '../../protocols/aws-error.js';

/**
 * AWS IoT's errors (codes and statuses from the 2015-05-28 model). Messages copy AWS's text where
 * it is known; the README lists the ones that are ours.
 */

export const notFound = (message: string): AwsError =>
  new AwsError('ResourceNotFoundException', message, 404);

export const invalidRequest = (message: string): AwsError =>
  new AwsError('InvalidRequestException', message, 400);

export const deleteConflict = (message: string): AwsError =>
  new AwsError('DeleteConflictException', message, 409);

/** AWS adds the existing resource's id and ARN to the error body. */
export function alreadyExists(message: string, resourceId: string, resourceArn: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message, 409, { resourceId, resourceArn });
}

/** The request validation failure AWS answers before any operation runs. */
export function validationError(member: string, value: unknown, constraint: string): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return invalidRequest(
    `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** A required member, absent. */
export function missingMember(member: string): AwsError {
  return invalidRequest(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

/** Checks a name against the model's length and pattern constraints. */
export function requireName(value: unknown, member: string, pattern: RegExp, maxLength = 128): string {
  if (value === undefined || value === null || value === '') throw missingMember(member);
  if (typeof value !== 'string') throw validationError(member, value, 'Member must be a string');
  if (value.length > maxLength) {
    throw validationError(member, value, `Member must have length less than or equal to ${maxLength}`);
  }
  if (!new RegExp(`^(?:${pattern.source})$`).test(value)) {
    throw validationError(member, value, `Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

// Patterns of the IoT model.
export const THING_NAME = /[a-zA-Z0-9:_-]+/;
export const POLICY_NAME = /[\w+=,.@-]+/;
export const CERTIFICATE_ID = /(0x)?[a-fA-F0-9]+/;
export const ATTRIBUTE_NAME = /[a-zA-Z0-9_.,@/:#-]+/;
export const ATTRIBUTE_VALUE = /[a-zA-Z0-9_.,@/:#=[\]-]*/;

export function requireCertificateId(value: unknown): string {
  const id = requireName(value, 'certificateId', CERTIFICATE_ID, 64);
  if (id.length < 64)
    throw validationError('certificateId', id, 'Member must have length greater than or equal to 64');
  return id.toLowerCase();
}
