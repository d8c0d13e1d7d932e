import type { AwsRequest, AwsResponse, ServiceEndpoint } from '../gateway/types.js';
import { AwsError } from './aws-error.js';

/**
 * awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON body.
 * AWS: https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 */
export type JsonOperation = (input: Record<string, unknown>, request: AwsRequest) => Promise<unknown> | unknown;

export interface AwsJsonServiceConfig {
  signingNames: readonly string[];
  targetPrefix: string;
  version: '1.0' | '1.1';
  operations: Record<string, JsonOperation>;
  /** Athena writes `Message` (capital M) in its errors; every other service `message`. */
  errorMessageKey?: 'message' | 'Message';
}

/** Timestamps in JSON protocols are epoch seconds with a fraction (smithy `epoch-seconds`). */
export function serializeJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key: string, current: unknown) {
    const original = this[key];
    if (original instanceof Date) return original.getTime() / 1000;
    return current;
  });
}

export function createAwsJsonService(config: AwsJsonServiceConfig): ServiceEndpoint {
  const contentType = `application/x-amz-json-${config.version}`;
  const messageKey = config.errorMessageKey ?? 'message';
  return {
    signingNames: config.signingNames,
    targetPrefixes: [config.targetPrefix],
    async handle(request: AwsRequest): Promise<AwsResponse> {
      const target = String(request.headers['x-amz-target'] ?? '');
      const [prefix, operationName = ''] = target.split('.');
      const operation = prefix === config.targetPrefix ? config.operations[operationName] : undefined;
      request.operation = operationName;
      if (!operation) {
        throw new AwsError(
          'UnknownOperationException',
          `The local cloud does not implement the operation ${target || '(no X-Amz-Target)'} yet.`,
          400,
        );
      }
      let input: Record<string, unknown>;
      try {
        const text = request.body.toString('utf8');
        input = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new AwsError('SerializationException', 'The request body is not valid JSON.', 400);
      }
      const output = await operation(input, request);
      return {
        status: 200,
        headers: { 'content-type': contentType },
        body: serializeJson(output),
        operation: operationName,
      };
    },
    serializeError(error: AwsError): AwsResponse {
      return {
        status: error.status,
        headers: { 'content-type': contentType, 'x-amzn-errortype': error.code },
        body: JSON.stringify({ __type: error.code, [messageKey]: error.message, ...error.extra }),
      };
    },
  };
}
