import { AwsError } from '../protocols/aws-error.js';

/**
 * Glue's errors as Glue words them. Codes and statuses: botocore glue/2017-03-31 (every Glue
 * client error is HTTP 400). Texts: moto `moto/glue/exceptions.py`, which copies AWS's
 * (AWS-FIDELITY §9.1, unverified wording).
 */

export const databaseNotFound = (name: string): AwsError => new AwsError('EntityNotFoundException', `Database ${name} not found.`);
export const tableNotFound = (name: string): AwsError => new AwsError('EntityNotFoundException', `Table ${name} not found.`);
export const partitionNotFound = (): AwsError => new AwsError('EntityNotFoundException', 'Cannot find partition.');
export const crawlerNotFound = (name: string): AwsError => new AwsError('EntityNotFoundException', `Crawler ${name} not found.`);

export const alreadyExists = (what: 'Database' | 'Table' | 'Partition' | 'Crawler'): AwsError =>
  new AwsError('AlreadyExistsException', `${what} already exists.`);

export const invalidInput = (message: string): AwsError => new AwsError('InvalidInputException', message);

/** Model constraints (Coral validation), e.g. a missing required member. */
export function validationError(field: string, rule: string, value?: unknown): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`);
}
