import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import type { LabIdentity } from '../../storage/index.js';
import { signatureTimeProblem, verifyPresignedUpgrade, type LabSigningKeys } from './websocket.js';

const identity: LabIdentity = {
  accountId: '123456789012',
  region: 'us-east-1',
  accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'secret-of-the-lab-user-0000000000000000',
};
const session = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'secret-of-a-session-00000000000000000000',
  sessionToken: 'IQoJb3Jp+token/with=chars',
};
const keys: LabSigningKeys = {
  identity,
  sessions: {
    lookup: (id) =>
      id === session.accessKeyId
        ? {
            secretAccessKey: session.secretAccessKey,
            sessionToken: session.sessionToken,
            expiresAt: Date.parse('2026-01-01T12:00:00Z'),
          }
        : undefined,
  },
};
const NOW = new Date('2026-01-01T10:00:00Z');

interface PresignOptions {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  service?: string;
  region?: string;
  path?: string;
  signedAt?: Date;
  expiresIn?: number;
  /** AWS IoT's way: the token is added after signing, outside the canonical query. */
  appendToken?: string;
}

/** A presigned upgrade URL made by the SDK's own signer (it always adds X-Amz-Expires). */
async function presignedUpgrade(options: PresignOptions = {}) {
  const signer = new SignatureV4({
    credentials: options.credentials ?? identity,
    region: options.region ?? identity.region,
    service: options.service ?? 'iotdevicegateway',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: 'localhost',
    port: 8443,
    path: options.path ?? '/mqtt',
    headers: { host: 'localhost:8443' },
  });
  const signed = await signer.presign(request, {
    signingDate: options.signedAt ?? NOW,
    expiresIn: options.expiresIn ?? 300,
  });
  const query = Object.entries(signed.query ?? {}).map(
    ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`,
  );
  if (options.appendToken) query.push(`X-Amz-Security-Token=${encodeURIComponent(options.appendToken)}`);
  return { url: `${signed.path}?${query.join('&')}`, headers: { host: 'localhost:8443' } };
}

describe('signatureTimeProblem (AWS SigV4: 5 minutes either side, or X-Amz-Expires)', () => {
  const cases: Array<{ name: string; amzDate: string; expires: string | null; problem: RegExp | undefined }> =
    [
      { name: 'now', amzDate: '20260101T100000Z', expires: null, problem: undefined },
      { name: '5 minutes old', amzDate: '20260101T095500Z', expires: null, problem: undefined },
      {
        name: '5 minutes 1 second old',
        amzDate: '20260101T095459Z',
        expires: null,
        problem:
          /^Signature expired: 20260101T095459Z is now earlier than 20260101T095500Z \(20260101T100000Z - 5 min\.\)$/,
      },
      { name: '5 minutes ahead', amzDate: '20260101T100500Z', expires: null, problem: undefined },
      {
        name: '6 minutes ahead',
        amzDate: '20260101T100600Z',
        expires: null,
        problem: /^Signature not yet current/,
      },
      { name: '1 hour old, valid 24 h', amzDate: '20260101T090000Z', expires: '86400', problem: undefined },
      {
        name: '10 minutes old, valid 60 s',
        amzDate: '20260101T095000Z',
        expires: '60',
        problem: /^Signature expired: .* - 60 sec\.\)$/,
      },
      {
        name: 'X-Amz-Expires over 7 days',
        amzDate: '20260101T100000Z',
        expires: '604801',
        problem: /X-Amz-Expires must be between 1 and 604800/,
      },
      {
        name: 'X-Amz-Expires not a number',
        amzDate: '20260101T100000Z',
        expires: 'soon',
        problem: /X-Amz-Expires/,
      },
      {
        name: 'not ISO 8601 basic',
        amzDate: '2026-01-01T10:00:00Z',
        expires: null,
        problem: /X-Amz-Date must be in the ISO8601 Long Format/,
      },
    ];
  it.each(cases)('$name', ({ amzDate, expires, problem }) => {
    const answer = signatureTimeProblem(amzDate, expires, NOW);
    if (problem) expect(answer).toMatch(problem);
    else expect(answer).toBeUndefined();
  });
});

describe('verifyPresignedUpgrade', () => {
  const cases: Array<{
    name: string;
    options: PresignOptions;
    tamper?: (url: string) => string;
    verdict: RegExp | 'allowed';
    status?: number;
  }> = [
    { name: 'the lab user, valid', options: {}, verdict: 'allowed' },
    {
      name: 'a session, token appended after signing (AWS IoT)',
      options: {
        credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
        appendToken: session.sessionToken,
      },
      verdict: 'allowed',
    },
    {
      name: 'a session without its token',
      options: {
        credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
      },
      verdict: /security token included in the request is invalid/,
    },
    {
      name: 'a session token signed into the canonical query',
      options: { credentials: session },
      verdict: /signature we calculated does not match/,
    },
    {
      name: 'wrong secret',
      options: { credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: 'wrong' } },
      verdict: /signature we calculated does not match/,
    },
    {
      name: 'unknown access key',
      options: { credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' } },
      verdict: /security token included in the request is invalid/,
    },
    {
      name: 'signed for iotdata',
      options: { service: 'iotdata' },
      verdict: /scoped to correct service: 'iotdevicegateway'/,
    },
    {
      name: 'signed for another region',
      options: { region: 'eu-west-1' },
      verdict: /valid region, not 'eu-west-1'/,
    },
    {
      name: 'expired',
      options: { signedAt: new Date(NOW.getTime() - 10 * 60_000), expiresIn: 60 },
      verdict: /^Signature expired/,
    },
    {
      name: 'signed 10 minutes ago, valid 1 hour',
      options: { signedAt: new Date(NOW.getTime() - 10 * 60_000), expiresIn: 3600 },
      verdict: 'allowed',
    },
    {
      name: 'tampered query',
      options: {},
      tamper: (url) => `${url}&extra=1`,
      verdict: /signature we calculated does not match/,
    },
    {
      name: 'unsigned',
      options: {},
      tamper: (url) => url.split('?')[0]!,
      verdict: /Missing Authentication Token/,
    },
    { name: 'another path', options: { path: '/other' }, verdict: /served at \/mqtt/, status: 404 },
  ];
  it.each(cases)('$name', async ({ options, tamper, verdict, status }) => {
    const request = await presignedUpgrade(options);
    const answer = verifyPresignedUpgrade(
      { ...request, url: tamper ? tamper(request.url) : request.url },
      keys,
      NOW,
    );
    if (verdict === 'allowed') {
      expect(answer).toEqual({
        allowed: true,
        accessKeyId: options.credentials?.accessKeyId ?? identity.accessKeyId,
      });
    } else {
      expect(answer.allowed).toBe(false);
      if (!answer.allowed) {
        expect(answer.reason).toMatch(verdict);
        expect(answer.status).toBe(status ?? 403);
      }
    }
  });

  it('refuses a session once it has expired', async () => {
    const request = await presignedUpgrade({
      credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
      appendToken: session.sessionToken,
      signedAt: new Date('2026-01-01T12:00:00Z'),
    });
    const answer = verifyPresignedUpgrade(request, keys, new Date('2026-01-01T12:00:00Z'));
    expect(answer).toMatchObject({
      allowed: false,
      reason: 'The security token included in the request is expired',
    });
  });
});
