import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError, isAwsError } from '../protocols/aws-error.js';
import type { LabIdentity } from '../storage/index.js';
import type { LabSessions } from '../sts/sessions.js';
import { declaredPayloadHashMismatch, isSignatureValid, parseSignature, type ParsedSignature } from './sigv4.js';
import type { AwsRequest, AwsResponse, ServiceEndpoint } from './types.js';

export type { AwsRequest, AwsResponse, ServiceEndpoint } from './types.js';

/** One line of the gateway's log: what was called, by which protocol, and how it ended. */
export interface GatewayCall {
  service: string;
  operation: string;
  status: number;
  errorCode?: string;
  durationMs: number;
  requestId: string;
}

export interface GatewayOptions {
  identity: LabIdentity;
  /** Temporary credentials (STS sessions) the gateway also accepts, with their session token. */
  sessions?: Pick<LabSessions, 'lookup'>;
  services: readonly ServiceEndpoint[];
  host?: string;
  port?: number;
  onCall?: (call: GatewayCall) => void;
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface IncomingCall {
  request: AwsRequest;
  signature: ParsedSignature | null;
  endpoint: ServiceEndpoint | undefined;
}

/** Larger single requests are refused before they are read (S3's single PUT limit is 5 GB; the lab needs far less). */
const MAX_REQUEST_BYTES = 1024 * 1024 * 1024;

async function readBody(message: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(message.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) {
    message.resume();
    throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Signature Version 2 (boto3's default for presigned S3 URLs in us-east-1): say so, rather than AccessDenied. */
function isSignatureV2(message: http.IncomingMessage, query: URLSearchParams): boolean {
  return /^AWS [^:]+:/.test(String(message.headers.authorization ?? '')) || query.has('AWSAccessKeyId');
}

/** Step 1: read the request and find the service it is addressed to (X-Amz-Target, then the SigV4 scope). */
async function identifyService(
  message: http.IncomingMessage,
  services: readonly ServiceEndpoint[],
  identity: LabIdentity,
): Promise<IncomingCall> {
  const url = new URL(message.url ?? '/', 'http://local');
  const rawUrl = message.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // A malformed escape stays as sent; the service rejects the key or path itself.
  }
  const request: AwsRequest = {
    method: message.method ?? 'GET',
    rawPath,
    path,
    rawQuery,
    query: url.searchParams,
    headers: message.headers,
    hostname: (message.headers.host ?? '').replace(/:\d+$/, '').toLowerCase(),
    body: Buffer.alloc(0),
    requestId: randomUUID(),
    service: '',
    region: identity.region,
    accountId: identity.accountId,
    accessKeyId: '',
  };
  const target = String(message.headers['x-amz-target'] ?? '');
  const targetPrefix = target.split('.')[0] ?? '';
  let signature: ParsedSignature | null = null;
  let failure: unknown;
  try {
    signature = parseSignature(message.headers, url.searchParams);
  } catch (error) {
    failure = error;
  }
  // Even a malformed signature usually names its service; errors are then answered in its protocol.
  const scopeService =
    signature?.credential.service ??
    /Credential=[^/,\s]*\/[^/,\s]*\/[^/,\s]*\/([^/,\s]+)\//.exec(String(message.headers.authorization ?? ''))?.[1] ??
    '';
  const endpoint =
    (targetPrefix ? services.find((s) => s.targetPrefixes?.includes(targetPrefix)) : undefined) ??
    services.find((s) => s.signingNames.includes(scopeService)) ??
    // Unsigned requests are S3's, the way a browser reaches a bucket URL.
    (scopeService ? undefined : services.find((s) => s.signingNames.includes('s3')));
  request.service = scopeService || endpoint?.signingNames[0] || 'unknown';
  if (signature) {
    request.region = signature.credential.region;
    request.accessKeyId = signature.credential.accessKeyId;
  }
  const call: IncomingCall = { request, signature, endpoint };
  try {
    if (isSignatureV2(message, url.searchParams)) {
      message.resume();
      throw new AwsError(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
        400,
      );
    }
    if (failure) throw failure;
    request.body = await readBody(message);
  } catch (error) {
    throw Object.assign(error as Error, { call });
  }
  return call;
}

/** Services that answer in XML (awsQuery, restXml) say `ExpiredToken`; the JSON ones `ExpiredTokenException`. */
const XML_SERVICES = new Set(['s3', 'sts', 'iam']);

/**
 * AWS: an expired session token. S3 answers 400 "The provided token has expired."; STS and IAM 403;
 * the JSON services (DynamoDB, Firehose, Glue, Athena) 400, IoT 403, "The security token included in
 * the request is expired".
 */
function expiredTokenError(service: string): AwsError {
  if (service === 's3') return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
  const message = 'The security token included in the request is expired';
  if (XML_SERVICES.has(service)) return new AwsError('ExpiredToken', message, 403);
  return new AwsError('ExpiredTokenException', message, service === 'iot' ? 403 : 400);
}

function invalidTokenError(service: string): AwsError {
  return service === 's3'
    ? new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400)
    : new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
}

/**
 * The secret the caller must have signed with: the lab's own long-term key, or a session's (which
 * also needs its token, `X-Amz-Security-Token`, and must not have expired).
 */
function signingSecret(
  request: AwsRequest,
  signature: ParsedSignature,
  identity: LabIdentity,
  sessions: GatewayOptions['sessions'],
): string {
  const { accessKeyId } = signature.credential;
  if (accessKeyId === identity.accessKeyId) return identity.secretAccessKey;
  const session = sessions?.lookup(accessKeyId);
  if (!session) {
    throw request.service === 's3'
      ? new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, {
          AWSAccessKeyId: accessKeyId,
        })
      : new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
  const token = request.headers['x-amz-security-token'] ?? request.query.get('X-Amz-Security-Token') ?? undefined;
  if (token !== session.sessionToken) throw invalidTokenError(request.service);
  if (Date.now() >= session.expiresAt) throw expiredTokenError(request.service);
  return session.secretAccessKey;
}

/** Step 2: the caller must have signed with the lab's own credentials or a session's. */
function verifySignature(call: IncomingCall, identity: LabIdentity, sessions: GatewayOptions['sessions']): void {
  const { signature, request } = call;
  const isS3 = request.service === 's3';
  if (!signature) {
    throw isS3
      ? new AwsError('AccessDenied', 'Access Denied', 403)
      : new AwsError('MissingAuthenticationToken', 'Missing Authentication Token', 403);
  }
  const secretAccessKey = signingSecret(request, signature, identity, sessions);
  if (!isSignatureValid(request, signature, secretAccessKey)) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      isS3
        ? 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
        : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
  request.signingSecretAccessKey = secretAccessKey;
  if (declaredPayloadHashMismatch(request)) {
    throw new AwsError(
      isS3 ? 'XAmzContentSHA256Mismatch' : 'SignatureDoesNotMatch',
      isS3
        ? "The provided 'x-amz-content-sha256' header does not match what was computed."
        : 'The request signature we calculated does not match the signature you provided.',
      400,
    );
  }
}

/** Step 3: route to the service, which parses its protocol and calls the operation. */
async function routeToService(call: IncomingCall): Promise<AwsResponse> {
  if (!call.endpoint) {
    throw new AwsError(
      'NotImplemented',
      `The local cloud does not implement the service '${call.request.service}' yet.`,
      501,
    );
  }
  return call.endpoint.handle(call.request);
}

/** Step 4: an error becomes the service's own wire format; anything unexpected is an InternalFailure. */
function serializeFailure(error: unknown, call: IncomingCall | undefined): AwsResponse {
  const awsError = isAwsError(error)
    ? error
    : new AwsError('InternalFailure', `The local cloud failed: ${(error as Error)?.message ?? String(error)}`, 500);
  if (call?.endpoint) return { ...call.endpoint.serializeError(awsError, call.request), errorCode: awsError.code };
  return {
    status: awsError.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': awsError.code },
    body: JSON.stringify({ __type: awsError.code, message: awsError.message }),
    errorCode: awsError.code,
  };
}

function writeResponse(res: http.ServerResponse, response: AwsResponse, requestId: string): void {
  const headers: Record<string, string> = {
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
    'x-amz-id-2': Buffer.from(requestId).toString('base64'),
    ...response.headers,
  };
  const body = response.body ?? '';
  if (headers['content-length'] === undefined) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { identity, services } = options;
  const server = http.createServer((message, res) => {
    const started = performance.now();
    let call: IncomingCall | undefined;
    const answer = async (): Promise<AwsResponse> => {
      try {
        call = await identifyService(message, services, identity);
        verifySignature(call, identity, options.sessions);
        return await routeToService(call);
      } catch (error) {
        call ??= (error as { call?: IncomingCall }).call;
        return serializeFailure(error, call);
      }
    };
    void answer().then((response) => {
      const requestId = call?.request.requestId ?? randomUUID();
      writeResponse(res, call?.request.method === 'HEAD' ? { ...response, body: undefined } : response, requestId);
      // Step 5: meter and log.
      options.onCall?.({
        service: call?.request.service ?? 'unknown',
        operation: response.operation ?? call?.request.operation ?? `${message.method} ${call?.request.path ?? message.url}`,
        status: response.status,
        errorCode: response.errorCode,
        durationMs: performance.now() - started,
        requestId,
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
