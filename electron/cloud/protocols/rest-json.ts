import type { AwsRequest, AwsResponse, ServiceEndpoint } from '../gateway/types.js';
import { AwsError } from './aws-error.js';
import { serializeJson } from './aws-json.js';

/**
 * restJson1 (IoT control plane, iot-data): the operation is chosen by method and path template,
 * input comes from path labels, the query string and a JSON body; errors carry `x-amzn-ErrorType`.
 * AWS: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
export interface RestJsonInput {
  /** Path labels, decoded: `/things/{thingName}` → `{ thingName }`. */
  labels: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body ({} when empty). */
  body: Record<string, unknown>;
  request: AwsRequest;
}

export interface RestJsonRoute {
  method: string;
  /** e.g. `/things/{thingName}`; a greedy label is written `{name+}`. */
  path: string;
  operation: string;
  handler: (input: RestJsonInput) => Promise<unknown> | unknown;
  /** HTTP status of a success (AWS mostly uses 200). */
  successStatus?: number;
}

interface CompiledRoute extends RestJsonRoute {
  pattern: RegExp;
  labelNames: string[];
}

function compileRoute(route: RestJsonRoute): CompiledRoute {
  const labelNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const label = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
      if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labelNames.push(label[1]!);
      return label[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}/?$`), labelNames };
}

export interface RestJsonServiceConfig {
  signingNames: readonly string[];
  routes: RestJsonRoute[];
}

export function createRestJsonService(config: RestJsonServiceConfig): ServiceEndpoint {
  const routes = config.routes.map(compileRoute);
  return {
    signingNames: config.signingNames,
    async handle(request: AwsRequest): Promise<AwsResponse> {
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const match = route.pattern.exec(request.rawPath);
        if (!match) continue;
        request.operation = route.operation;
        const labels: Record<string, string> = {};
        route.labelNames.forEach((name, index) => {
          labels[name] = decodeURIComponent(match[index + 1]!);
        });
        let body: Record<string, unknown> = {};
        const text = request.body.toString('utf8');
        if (text.trim()) {
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            throw new AwsError('InvalidRequestException', 'The request body is not valid JSON.', 400);
          }
        }
        const output = await route.handler({ labels, query: request.query, body, request });
        return {
          status: route.successStatus ?? 200,
          headers: { 'content-type': 'application/json' },
          body: serializeJson(output),
          operation: route.operation,
        };
      }
      throw new AwsError(
        'NotImplemented',
        `The local cloud does not implement ${request.method} ${request.path} for ${request.service} yet.`,
        501,
      );
    },
    serializeError(error: AwsError): AwsResponse {
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message: error.message, ...error.extra }),
      };
    },
  };
}
