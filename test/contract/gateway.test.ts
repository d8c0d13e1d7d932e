import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

/** A request signed like an SDK would, for a service or target the local cloud may not have. */
async function signedFetch(service: string, headers: Record<string, string>, body: string): Promise<Response> {
  const url = new URL(cloud.endpoints.endpoint);
  const signer = new SignatureV4({ credentials: cloud.endpoints.credentials, region: 'us-east-1', service, sha256: Sha256 });
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, ...headers },
      body,
    }),
  );
  return fetch(cloud.endpoints.endpoint, { method: 'POST', headers: request.headers, body });
}

describe('the gateway', () => {
  it('names a service the local cloud does not have', async () => {
    const response = await signedFetch('sqs', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListQueues');
    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({
      __type: 'NotImplemented',
      message: "The local cloud does not implement the service 'sqs' yet.",
    });
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names an operation a service does not have, in that service protocol', async () => {
    const response = await signedFetch('sts', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=AssumeRole&Version=2011-06-15');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(text).toContain('AssumeRole');
  });

  it('explains that Signature Version 2 is not accepted', async () => {
    const response = await fetch(`${cloud.endpoints.endpoint}/bucket/key?AWSAccessKeyId=AKIA&Expires=1&Signature=x`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidRequest</Code>');
    expect(text).toContain('Please use AWS4-HMAC-SHA256');
  });

  it('refuses a body whose declared SHA-256 is not its own', async () => {
    const url = new URL(cloud.endpoints.endpoint);
    const signer = new SignatureV4({ credentials: cloud.endpoints.credentials, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    const response = await fetch(cloud.endpoints.endpoint, {
      method: 'POST',
      headers: { ...signed.headers, 'x-amz-content-sha256': 'a'.repeat(64) },
      body,
    });
    expect(response.status).toBe(403);
  });

  it('answers unsigned non-S3 calls with MissingAuthenticationToken', async () => {
    const response = await fetch(cloud.endpoints.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});
