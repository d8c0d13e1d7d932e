import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { LookupAddress } from 'node:dns';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalS3 } from '../../electron/cloud/s3/index.js';
import type { TemporaryCredentials } from '../../electron/cloud/sts/sessions.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import { presignedUrl, rawRequest, s3Client, s3Error, signedRequest, signerFor } from './s3-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let s3: S3Client;
const Bucket = 'guarded';

beforeAll(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(async () => {
  s3.destroy();
  await cloud.dispose();
});

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

async function getText(Key: string): Promise<string> {
  const output = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return output.Body!.transformToString();
}

describe('S3 authentication', () => {
  it('refuses a wrong secret with 403 SignatureDoesNotMatch and an unknown key with 403 InvalidAccessKeyId', async () => {
    const wrongSecret = s3Client(cloud, {
      credentials: { accessKeyId: cloud.endpoints.credentials.accessKeyId, secretAccessKey: 'w'.repeat(40) },
    });
    expect(await s3Error(wrongSecret.send(new ListBucketsCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    const unknownKey = s3Client(cloud, {
      credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) },
    });
    expect(await s3Error(unknownKey.send(new ListBucketsCommand({})))).toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
      AWSAccessKeyId: 'AKIAUNKNOWNUNKNOWN00',
    });
    const anonymous = await rawRequest(cloud, { method: 'GET', path: `/${Bucket}?list-type=2` });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.toString()).toContain('<Code>AccessDenied</Code>');
  });

  it('serves a presigned GET URL to plain fetch, and refuses it once expired', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket, Key: 'reports/registration results.json', Body: '{"ok":true}' }),
    );
    const url = await presignedUrl(cloud, 'GET', `/${Bucket}/reports/registration%20results.json`);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"ok":true}');

    const expired = await presignedUrl(
      cloud,
      'GET',
      `/${Bucket}/reports/registration%20results.json`,
      60,
      new Date(Date.now() - 3_600_000),
    );
    const refused = await fetch(expired);
    expect(refused.status).toBe(403);
    const xml = await refused.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired</Message>');
  });

  it('decodes STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) bodies, checking every chunk signature', async () => {
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const put = async (Key: string, trailer: boolean, tamper = false, session?: TemporaryCredentials) => {
      const signer = session
        ? new SignatureV4({
            credentials: session,
            region: cloud.endpoints.region,
            service: 's3',
            sha256: Sha256,
            uriEscapePath: false,
          })
        : signerFor(cloud);
      const signingDate = new Date();
      const url = new URL(cloud.endpoints.endpoint);
      const headers: Record<string, string> = {
        host: url.host,
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': trailer
          ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'
          : 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(data.length),
        ...(trailer ? { 'x-amz-trailer': 'x-amz-checksum-crc32' } : {}),
      };
      const signed = await signer.sign(
        new HttpRequest({ method: 'PUT', hostname: url.hostname, path: `/${Bucket}/${Key}`, headers }),
        {
          signingDate,
        },
      );
      const amzDate = signed.headers['x-amz-date'] ?? '';
      let previous = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
      const scope = `${amzDate.slice(0, 8)}/${cloud.endpoints.region}/s3/aws4_request`;
      const parts: Buffer[] = [];
      // 64 KiB chunks, then the final empty one.
      for (let offset = 0, done = false; !done; offset += 65_536) {
        const chunk = data.subarray(offset, offset + 65_536);
        done = chunk.length === 0;
        const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha256(''), sha256(chunk)].join(
          '\n',
        );
        previous = await signer.sign(toSign, { signingDate });
        const sent = tamper && offset === 65_536 ? Buffer.from(chunk).fill(0, 0, 1) : chunk;
        parts.push(
          Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`),
          sent,
          Buffer.from('\r\n'),
        );
        if (chunk.length === 0) parts.pop();
      }
      if (trailer) {
        const checksum = Buffer.alloc(4);
        checksum.writeUInt32BE(crc32(data) >>> 0);
        const trailerLine = `x-amz-checksum-crc32:${checksum.toString('base64')}`;
        const toSign = [
          'AWS4-HMAC-SHA256-TRAILER',
          amzDate,
          scope,
          previous,
          sha256(`${trailerLine}\n`),
        ].join('\n');
        parts.push(
          Buffer.from(
            `${trailerLine}\r\nx-amz-trailer-signature:${await signer.sign(toSign, { signingDate })}\r\n`,
          ),
        );
      }
      parts.push(Buffer.from('\r\n'));
      return rawRequest(cloud, {
        method: 'PUT',
        path: `/${Bucket}/${Key}`,
        headers: signed.headers,
        body: Buffer.concat(parts),
      });
    };
    for (const trailer of [false, true]) {
      const Key = `signed-chunks-${trailer}`;
      const response = await put(Key, trailer);
      expect(response.status, response.body.toString()).toBe(200);
      const stored = Buffer.from(
        await (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray(),
      );
      expect(sha256(stored)).toBe(sha256(data));
    }
    const tampered = await put('tampered-chunks', false, true);
    expect(tampered.status).toBe(403);
    expect(tampered.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>');

    // An AWS Academy-like session signs its chunks with its own secret.
    const session = cloud.credentials.issue();
    const bySession = await put('session-chunks', false, false, session);
    expect(bySession.status, bySession.body.toString()).toBe(200);
    expect((await put('session-tampered', false, true, session)).status).toBe(403);
  });

  it('answers virtual-hosted-style requests (<bucket>.localhost)', async () => {
    // `*.localhost` names need no DNS here: every name resolves to the loopback address.
    const lookup = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      const address: LookupAddress = { address: '127.0.0.1', family: 4 };
      if (options.all) callback(null, [address]);
      else callback(null, address.address, address.family);
    };
    const agent = new http.Agent({ lookup } as http.AgentOptions);
    const port = new URL(cloud.endpoints.endpoint).port;
    const virtual = s3Client(cloud, {
      endpoint: `http://localhost:${port}`,
      forcePathStyle: false,
      requestHandler: { httpAgent: agent },
    });
    let host = '';
    virtual.middlewareStack.add(
      (next) => async (args) => {
        host = String((args.request as HttpRequest).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    await virtual.send(new PutObjectCommand({ Bucket, Key: 'virtual/hosted.txt', Body: 'by host name' }));
    expect(host).toBe(`${Bucket}.localhost`);
    expect(await getText('virtual/hosted.txt')).toBe('by host name');
    const listed = await virtual.send(new ListObjectsV2Command({ Bucket, Prefix: 'virtual/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['virtual/hosted.txt']);
    virtual.destroy();
    agent.destroy();
  });
});

describe('S3 keys never reach outside the lab folder', () => {
  const escape = `../../../../../../iotlab-escape-${randomUUID()}`;
  const hostile = [
    '../../x',
    '/abs',
    'a/../../b',
    'nul\u0000byte',
    '..',
    '.',
    'a//b',
    'trailing/',
    'back\\slash',
    'ctrl\u0007char',
    escape,
  ];

  it('stores every key S3 accepts, round-trips it, and writes nothing outside the S3 folder', async () => {
    for (const Key of hostile) {
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: `body of ${JSON.stringify(Key)}` }));
    }
    for (const Key of hostile) expect(await getText(Key)).toBe(`body of ${JSON.stringify(Key)}`);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, EncodingType: 'url' }));
    const keys = (listed.Contents ?? []).map((o) => decodeURIComponent((o.Key ?? '').replace(/\+/g, ' ')));
    for (const Key of hostile) expect(keys).toContain(Key);

    const bucketDir = path.join(cloud.storage.layout.s3Root, Bucket);
    for (const Key of hostile) {
      // Where a naive `join(bucketDir, key)` would have written: no file there.
      const naive = path.resolve(bucketDir, Key.replace(/\0/g, ''));
      expect(existsSync(naive) && statSync(naive).isFile(), naive).toBe(false);
    }
    expect(existsSync(path.resolve(bucketDir, escape))).toBe(false);
    for (const file of openLocalS3(cloud.storage).objectFiles(Bucket)) {
      expect(file.path.startsWith(cloud.storage.layout.s3Root + path.sep)).toBe(true);
    }
    // Hostile keys live under internal names; nothing but bucket folders and the store's own sit in the S3 root.
    expect(readdirSync(cloud.storage.layout.s3Root).filter((name) => !name.startsWith('.iotlab-'))).toEqual([
      Bucket,
    ]);
    expect(
      readdirSync(path.join(cloud.storage.layout.s3Root, '.iotlab-objects', Bucket)).length,
    ).toBeGreaterThanOrEqual(hostile.length);
  });

  it('takes `..` in a raw request path as part of the key, never as a move up', async () => {
    const { response } = await signedRequest(cloud, {
      method: 'PUT',
      path: `/${Bucket}/nowhere/../../x`,
      body: 'literal dots',
    });
    expect(response.status).toBe(200);
    expect(await getText('nowhere/../../x')).toBe('literal dots');
    expect(existsSync(path.join(cloud.storage.layout.s3Root, 'x'))).toBe(false);
  });

  it('keeps a file and a folder of the same name apart (keys `a` and `a/b`), and case-only twins apart', async () => {
    const pairs: Array<[string, string]> = [
      ['clash', 'clash/inner.txt'],
      ['deep/x/y.txt', 'deep/x'],
      ['Station.json', 'station.json'],
    ];
    for (const [first, second] of pairs) {
      await s3.send(new PutObjectCommand({ Bucket, Key: first, Body: `first ${first}` }));
      await s3.send(new PutObjectCommand({ Bucket, Key: second, Body: `second ${second}` }));
      expect(await getText(first)).toBe(`first ${first}`);
      expect(await getText(second)).toBe(`second ${second}`);
    }
    // The first of each pair keeps its own readable path.
    expect(readFileSync(path.join(cloud.storage.layout.s3Root, Bucket, 'clash'), 'utf8')).toBe('first clash');
    expect(readFileSync(path.join(cloud.storage.layout.s3Root, Bucket, 'deep', 'x', 'y.txt'), 'utf8')).toBe(
      'first deep/x/y.txt',
    );
  });
});
