import { invalidRequest, validationError } from './errors.js';

/**
 * List pages. Tokens are opaque to callers (AWS: "nextToken"/"marker" are opaque) and carry the sort
 * key of the last item returned, so deleting items between pages skips or repeats nothing.
 */

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64');
}

function decodeToken(token: string, member: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Falls through to the error below.
  }
  throw invalidRequest(`The ${member} is not valid.`);
}

export interface PageOptions {
  token?: string | null;
  limit: number;
  /** Items are sorted by `sortKey`, descending when set. */
  descending?: boolean;
  /** `nextToken` or `marker`, for error messages. */
  tokenName?: string;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export function paginate<T>(
  items: readonly T[],
  sortKey: (item: T) => string,
  options: PageOptions,
): Page<T> {
  const direction = options.descending ? -1 : 1;
  const sorted = [...items].sort(
    (a, b) => direction * (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0),
  );
  let start = 0;
  if (options.token) {
    const after = decodeToken(options.token, options.tokenName ?? 'nextToken');
    start = sorted.findIndex((item) => (options.descending ? sortKey(item) < after : sortKey(item) > after));
    if (start === -1) start = sorted.length;
  }
  const page = sorted.slice(start, start + options.limit);
  const last = page[page.length - 1];
  return start + options.limit < sorted.length && last !== undefined
    ? { items: page, next: encodeToken(sortKey(last)) }
    : { items: page };
}

/** A page size from the query string, within the model's range; `fallback` when absent. */
export function pageSize(value: string | null, member: string, fallback: number, max = 250): number {
  if (value === null || value === '') return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) {
    throw validationError(member, value, 'Member must have value greater than or equal to 1');
  }
  if (size > max) throw validationError(member, value, `Member must have value less than or equal to ${max}`);
  return size;
}

/** Epoch milliseconds as a sortable fixed-width string, to build composite sort keys. */
export function sortableTime(epochMs: number): string {
  return String(Math.floor(epochMs)).padStart(16, '0');
}
