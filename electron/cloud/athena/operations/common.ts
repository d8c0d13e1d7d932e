import type { AthenaContext } from '../context.js';
import { invalidRequest, validationFailure } from '../errors.js';
import type { QueryRunner } from '../runner.js';
import type { WorkGroupRecord } from '../store.js';

/**
 * Request checks shared by the operations, as Athena's request model states them
 * (botocore athena/2017-05-18 shapes: lengths, ranges, required members).
 */

export interface OperationsContext extends AthenaContext {
  runner: QueryRunner;
}

export type Input = Record<string, unknown>;

export function requiredString(input: Input, member: string, min = 1, max = Infinity): string {
  const value = input[member];
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (value === undefined || value === null) throw validationFailure(field, 'Member must not be null', value);
  if (typeof value !== 'string') throw invalidRequest(`Invalid type for ${member}: expected a string.`);
  if (value.length < min)
    throw validationFailure(field, `Member must have length greater than or equal to ${min}`, value);
  if (value.length > max)
    throw validationFailure(field, `Member must have length less than or equal to ${max}`, value);
  return value;
}

export function optionalString(input: Input, member: string, min = 0, max = Infinity): string | undefined {
  if (input[member] === undefined || input[member] === null) return undefined;
  return requiredString(input, member, min, max);
}

export function optionalInteger(input: Input, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidRequest(`Invalid type for ${member}: expected an integer.`);
  if (value < min)
    throw validationFailure(field, `Member must have value greater than or equal to ${min}`, value);
  if (value > max)
    throw validationFailure(field, `Member must have value less than or equal to ${max}`, value);
  return value;
}

export function optionalObject(input: Input, member: string): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidRequest(`Invalid type for ${member}: expected a structure.`);
  return value as Input;
}

export function stringList(input: Input, member: string, min: number, max: number): string[] {
  const value = input[member];
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (value === undefined || value === null) throw validationFailure(field, 'Member must not be null', value);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw invalidRequest(`Invalid type for ${member}: expected a list of strings.`);
  if (value.length < min)
    throw validationFailure(field, `Member must have length greater than or equal to ${min}`, value);
  if (value.length > max)
    throw validationFailure(field, `Member must have length less than or equal to ${max}`, value);
  return value as string[];
}

export const PRIMARY = 'primary';

export function requireWorkGroup(context: AthenaContext, name: string): WorkGroupRecord {
  const workGroup = context.store.getWorkGroup(name);
  if (!workGroup) throw invalidRequest(`WorkGroup ${name} is not found.`);
  return workGroup;
}

/** Opaque pagination tokens: the last item's id, base64. */
export const encodeToken = (after: string): string =>
  Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64');

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Falls through to the error below.
  }
  throw invalidRequest('The NextToken is not valid.');
}

/** One page of a newest-first list, with the token for the next. */
export function page<T>(
  items: T[],
  limit: number,
  idOf: (item: T) => string,
): { items: T[]; nextToken?: string } {
  if (items.length <= limit) return { items };
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown, ...(last === undefined ? {} : { nextToken: encodeToken(idOf(last)) }) };
}
