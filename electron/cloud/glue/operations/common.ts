import { AwsError } from '../../protocols/aws-error.js';
import type { LabIdentity } from '../../storage/index.js';
import type { GlueCatalog } from '../catalog.js';
import type { CrawlerEngine } from '../crawler/engine.js';
import { invalidInput, validationError } from '../errors.js';
import type { GlueStore } from '../store.js';

/** What every Glue operation works with. */
export interface GlueContext {
  catalog: GlueCatalog;
  store: GlueStore;
  crawlers: CrawlerEngine;
  identity: LabIdentity;
  now(): number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serializationError(field: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for ${field}`);
}

/** botocore NameString: 1–255 characters on a single line. */
export function requireName(value: unknown, field: string): string {
  if (value === undefined || value === null) throw validationError(field, 'Member must not be null');
  if (typeof value !== 'string') throw serializationError(field);
  if (value.length < 1) throw validationError(field, 'Member must have length greater than or equal to 1', value);
  if (value.length > 255) throw validationError(field, 'Member must have length less than or equal to 255', value);
  if (/[\n\r]/.test(value)) {
    throw validationError(field, 'Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*', value);
  }
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError(field);
  return value;
}

export function requireStructure(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) throw validationError(field, 'Member must not be null');
  if (!isRecord(value)) throw serializationError(field);
  return value;
}

export function requireStringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) throw validationError(field, 'Member must not be null');
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw serializationError(field);
  return value as string[];
}

export function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(field);
  if (value < min) throw validationError(field, `Member must have value greater than or equal to ${min}`, String(value));
  if (value > max) throw validationError(field, `Member must have value less than or equal to ${max}`, String(value));
  return value;
}

/** Glue's CatalogId is the account id; another account's catalog is not reachable offline. */
export function checkCatalogId(context: GlueContext, value: unknown): void {
  const catalogId = optionalString(value, 'catalogId');
  if (catalogId !== undefined && catalogId !== context.identity.accountId) {
    throw new AwsError('AccessDeniedException', `The local cloud only holds the catalog of account ${context.identity.accountId}, not ${catalogId}.`);
  }
}

/** One page of `items`; NextToken is opaque to callers (AWS: "A continuation token"). */
export function paginate<T>(items: readonly T[], nextToken: unknown, maxResults: number | undefined, defaultPage: number): { page: T[]; nextToken?: string } {
  const token = optionalString(nextToken, 'nextToken');
  let start = 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) throw invalidInput('Invalid pagination token.');
    start = decoded;
  }
  const end = start + (maxResults ?? defaultPage);
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: Buffer.from(String(end), 'utf8').toString('base64url') } : { page };
}

/**
 * GetTables/GetDatabases `Expression`: a Hive metastore name pattern, a regular expression in which
 * `*` alone stands for any characters and `|` separates alternatives, matched whole and ignoring case.
 */
export function namePattern(expression: string | undefined): (name: string) => boolean {
  if (expression === undefined || expression === '') return () => true;
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${expression.replace(/(^|[^.\\])\*/g, '$1.*')})$`, 'i');
  } catch {
    throw invalidInput(`Invalid regular expression: ${expression}`);
  }
  return (name) => pattern.test(name);
}
