import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from '../protocols/aws-error.js';

/** One HTTP request after the gateway has read it whole and identified its caller. */
export interface AwsRequest {
  method: string;
  /** Path as sent, still percent-encoded (what SigV4 signs). */
  rawPath: string;
  /** Path percent-decoded. */
  path: string;
  /** Query string as sent, without the leading `?`. */
  rawQuery: string;
  query: URLSearchParams;
  /** Header names are lowercase (Node's own). */
  headers: IncomingHttpHeaders;
  /** The Host header without the port. */
  hostname: string;
  body: Buffer;
  requestId: string;
  /** The SigV4 signing name of the service the request was addressed to (`s3`, `sts`, `iot`, ...). */
  service: string;
  region: string;
  accountId: string;
  accessKeyId: string;
  /**
   * The secret the request was signed with (the lab's or a session's), set once the signature is
   * verified: S3 checks aws-chunked chunk signatures with it.
   */
  signingSecretAccessKey?: string;
  /** Set by the service's protocol once it knows which operation is asked, for the log. */
  operation?: string;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** The operation that answered, for the gateway's log and metering. */
  operation?: string;
  /** Set by the gateway when the response is an error. */
  errorCode?: string;
}

/** A service of the local cloud as the gateway sees it: a protocol front over its operations. */
export interface ServiceEndpoint {
  /** SigV4 signing names this service answers to (credential scope `…/<region>/<name>/aws4_request`). */
  signingNames: readonly string[];
  /** `X-Amz-Target` prefixes of awsJson services, e.g. `Firehose_20150804`. */
  targetPrefixes?: readonly string[];
  handle(request: AwsRequest): Promise<AwsResponse>;
  /** Serializes an error in this service's protocol. */
  serializeError(error: AwsError, request: AwsRequest): AwsResponse;
}
