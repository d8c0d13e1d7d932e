import { Sha256 } from '@aws-crypto/sha256-js';
import { S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { LocalCloud } from '../../electron/cloud/index.js';
import { sdkConfig } from '../helpers/local-cloud.js';

/** Shared by the S3 contract tests: SDK clients, and raw HTTP for what no SDK sends. */

export function s3Client(cloud: LocalCloud, config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({ ...sdkConfig(cloud), forcePathStyle: true, ...config });
}

/** The S3 error a call failed with (the SDK keeps S3's extra XML elements on it). */
export async function s3Error(
  promise: Promise<unknown>,
): Promise<S3ServiceException & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error as S3ServiceException & Record<string, unknown>;
    throw error;
  }
  throw new Error('Expected the call to fail with an S3 error');
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method: string;
  /** Sent as is: no URL normalization (`fetch` would resolve `..` segments). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function rawRequest(cloud: LocalCloud, request: RawRequest): Promise<RawResponse> {
  const url = new URL(cloud.endpoints.endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

export function signerFor(
  cloud: LocalCloud,
  secretAccessKey = cloud.endpoints.credentials.secretAccessKey,
): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: cloud.endpoints.credentials.accessKeyId, secretAccessKey },
    region: cloud.endpoints.region,
    service: 's3',
    sha256: Sha256,
    // S3 signs the path as sent, without the extra escaping other services use.
    uriEscapePath: false,
  });
}

export interface SignedRequest extends RawRequest {
  /** Host header to sign and send (virtual-hosted style); the endpoint's own by default. */
  host?: string;
  /** x-amz-content-sha256; the body's SHA-256 by default. */
  payloadHash?: string;
}

/** A SigV4-signed request built by `@smithy/signature-v4`, sent without any SDK middleware. */
export async function signedRequest(
  cloud: LocalCloud,
  request: SignedRequest,
  signer = signerFor(cloud),
): Promise<{
  response: RawResponse;
  authorization: string;
  amzDate: string;
}> {
  const url = new URL(cloud.endpoints.endpoint);
  const [pathname = '/', search = ''] = request.path.split('?', 2);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  const body = request.body ?? '';
  const headers = {
    host: request.host ?? url.host,
    'x-amz-content-sha256': request.payloadHash ?? createHash('sha256').update(body).digest('hex'),
    ...request.headers,
  };
  const signed = await signer.sign(
    new HttpRequest({ method: request.method, hostname: url.hostname, path: pathname, query, headers, body }),
  );
  const response = await rawRequest(cloud, {
    method: request.method,
    path: request.path,
    headers: signed.headers,
    body,
  });
  return {
    response,
    authorization: signed.headers.authorization ?? '',
    amzDate: signed.headers['x-amz-date'] ?? '',
  };
}

/** A presigned URL (query-string SigV4), as `getSignedUrl` makes them. */
export async function presignedUrl(
  cloud: LocalCloud,
  method: string,
  path: string,
  expiresIn = 900,
  signingDate?: Date,
): Promise<string> {
  const url = new URL(cloud.endpoints.endpoint);
  const presigned = await signerFor(cloud).presign(
    new HttpRequest({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      headers: { host: url.host },
    }),
    { expiresIn, signingDate },
  );
  const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
  return `${cloud.endpoints.endpoint}${path}?${query}`;
}
