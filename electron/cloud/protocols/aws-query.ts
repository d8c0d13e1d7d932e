import type { AwsRequest, AwsResponse, ServiceEndpoint } from '../gateway/types.js';
import { AwsError } from './aws-error.js';
import { toXmlDocument, type XmlObject } from './xml.js';

/**
 * awsQuery (STS, IAM): form-encoded `Action=<Op>&Version=<v>&…`, answered in XML as
 * `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`.
 * AWS: https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
export type QueryOperation = (params: URLSearchParams, request: AwsRequest) => Promise<XmlObject> | XmlObject;

export interface AwsQueryServiceConfig {
  signingNames: readonly string[];
  xmlns: string;
  operations: Record<string, QueryOperation>;
}

/** Reads awsQuery's flattened lists: `Tags.member.1.Key=…` → the values of `<prefix>.member.N`. */
export function queryList(params: URLSearchParams, prefix: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [key, value] of params) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.member\\.(\\d+)$`).exec(key);
    if (match) items.push([Number(match[1]), value]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

function readParams(request: AwsRequest): URLSearchParams {
  const params = new URLSearchParams(request.rawQuery);
  const contentType = String(request.headers['content-type'] ?? '');
  if (request.method === 'POST' && (contentType.includes('x-www-form-urlencoded') || request.body.length > 0)) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export function createAwsQueryService(config: AwsQueryServiceConfig): ServiceEndpoint {
  return {
    signingNames: config.signingNames,
    async handle(request: AwsRequest): Promise<AwsResponse> {
      const params = readParams(request);
      const action = params.get('Action') ?? '';
      const operation = config.operations[action];
      request.operation = action;
      if (!operation) {
        throw new AwsError(
          action ? 'InvalidAction' : 'MissingAction',
          action
            ? `The action ${action} is not valid for this web service (the local cloud does not implement it yet).`
            : 'The request must contain the parameter Action.',
          400,
        );
      }
      const result = await operation(params, request);
      const body = toXmlDocument(
        `${action}Response`,
        { [`${action}Result`]: result, ResponseMetadata: { RequestId: request.requestId } },
        { listStyle: 'member', xmlns: config.xmlns },
      );
      return { status: 200, headers: { 'content-type': 'text/xml' }, body, operation: action };
    },
    serializeError(error: AwsError, request: AwsRequest): AwsResponse {
      const body = toXmlDocument(
        'ErrorResponse',
        {
          Error: { Type: error.fault, Code: error.code, Message: error.message, ...error.extra },
          RequestId: request.requestId,
        },
        { listStyle: 'member', xmlns: config.xmlns },
      );
      return { status: error.status, headers: { 'content-type': 'text/xml' }, body };
    },
  };
}
