import type { RestJsonInput, RestJsonRoute } from '../../../protocols/rest-json.js';
import { validationError } from '../errors.js';
import { pageSize } from '../pagination.js';

/**
 * How the IoT model binds input members to the HTTP request (`httpLabel`, `httpQuery`, `httpHeader`,
 * the JSON body), as read from `@aws-sdk/client-iot`'s schemas.
 */

export function query(input: RestJsonInput, name: string): string | undefined {
  return input.query.get(name) ?? undefined;
}

export function queryBoolean(input: RestJsonInput, name: string): boolean | undefined {
  const value = input.query.get(name);
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') throw validationError(name, value, 'Member must be a boolean');
  return value === 'true';
}

export function queryInteger(input: RestJsonInput, name: string): number | undefined {
  const value = input.query.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) throw validationError(name, value, 'Member must be an integer');
  return number;
}

/** Path labels are always there once the route matched. */
export function label(input: RestJsonInput, name: string): string {
  return input.labels[name] ?? '';
}

export function header(input: RestJsonInput, name: string): string | undefined {
  const value = input.request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `maxResults` of the registry's lists (1–250); AWS's default page is the maximum. */
export function registryPage(input: RestJsonInput) {
  return {
    nextToken: query(input, 'nextToken'),
    maxResults: pageSize(input.query.get('maxResults'), 'maxResults', 250),
  };
}

/** `pageSize`/`marker`/`isAscendingOrder` of the certificate and policy lists; AWS's default page is 25. */
export function markerPage(input: RestJsonInput) {
  return {
    marker: query(input, 'marker'),
    pageSize: pageSize(input.query.get('pageSize'), 'pageSize', 25),
    ascendingOrder: queryBoolean(input, 'isAscendingOrder'),
  };
}

/** The address the caller used, for links that must lead back here (registration reports). */
export function callerBaseUrl(input: RestJsonInput): URL {
  return new URL(`http://${header(input, 'host') ?? '127.0.0.1'}`);
}

export function versionLabels(input: RestJsonInput): { policyName: string; policyVersionId: string } {
  return { policyName: label(input, 'policyName'), policyVersionId: label(input, 'policyVersionId') };
}

/** The body's members, then the path labels and the members the model binds elsewhere. */
export function body<T>(input: RestJsonInput, extra: Record<string, unknown> = {}): T {
  return { ...input.body, ...input.labels, ...extra } as T;
}

export type RouteTable = Array<
  [method: string, path: string, operation: string, handler: (input: RestJsonInput) => unknown]
>;

export function toRoutes(table: RouteTable): RestJsonRoute[] {
  return table.map(([method, path, operation, handler]) => ({ method, path, operation, handler }));
}
