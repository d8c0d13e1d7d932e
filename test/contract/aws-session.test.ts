import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsStatus } from '../../electron/api/contract.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import { academyBlock, startAppCore, type AppUnderTest } from '../aws/academy.js';

/**
 * AWS mode end to end: the app (API core, its own lab folder and local cloud) is given an AWS
 * Academy block issued by a second local cloud, which plays the student's AWS account. Every SDK
 * call of the app then goes to that "account", signed with the session's credentials.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('AWS mode against the local cloud as an AWS account', () => {
  let account: Awaited<ReturnType<typeof startTestCloud>>;
  let app: AppUnderTest;
  let block: Awaited<ReturnType<typeof academyBlock>>;

  beforeAll(async () => {
    account = await startTestCloud();
    app = await startAppCore(['aws.status', 'aws.call', 'aws.credentialsExpired']);
    block = await academyBlock(account.endpoints);
  }, 60_000);

  afterAll(async () => {
    await app?.dispose();
    await account?.dispose();
  });

  const connect = (text: string) =>
    app.request('aws.connect', { source: { kind: 'block', text }, endpointOverride: account.endpoints.endpoint });

  it('starts offline, with credentials kept in memory only in web mode', async () => {
    const status = await app.ask('aws.status');
    expect(status).toMatchObject({ mode: 'offline', storage: 'memory', athenaWorkGroup: 'primary', warnings: [] });
    expect(status.session).toBeUndefined();
    expect((await app.ask('app.info')).mode).toBe('offline');
  });

  it.each([
    ['garbage', 'not a credentials block', 'InvalidCredentialsText', /No credentials found/],
    ['a block without its token', '[default]\naws_access_key_id=ASIAQWERTYUIOPASDFGH\naws_secret_access_key=abc', 'MissingCredentialKey', /aws_session_token/],
  ])('refuses %s with a message naming what is wrong', async (_name, text, code, message) => {
    const result = await connect(text);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect((await app.ask('aws.status')).mode).toBe('offline');
  });

  it('refuses credentials STS rejects, with AWS’s code', async () => {
    const wrongSecret = block.text.replace(block.secretAccessKey, 'x'.repeat(40));
    expect(await connect(wrongSecret)).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
    const unknownKey = block.text.replace(block.accessKeyId, 'ASIAAAAAAAAAAAAAAAAA');
    expect(await connect(unknownKey)).toMatchObject({ ok: false, error: { code: 'InvalidClientTokenId' } });
    // Refused credentials never reach the expired-token prompt.
    expect(app.eventsOf('aws.credentialsExpired')).toHaveLength(0);
  });

  it('verifies the pasted block with STS and switches the app to the account', async () => {
    const status = await app.ask('aws.connect', {
      source: { kind: 'block', text: block.text },
      endpointOverride: account.endpoints.endpoint,
    });
    expect(status).toMatchObject<Partial<AwsStatus>>({
      mode: 'aws',
      athenaWorkGroup: 'iot-lab',
      bytesScannedCutoff: 1_000_000_000,
      // DescribeEndpoint's address on 8883, as for a real account.
      deviceEndpoint: { host: account.endpoints.mqtt.host, port: 8883 },
      warnings: [],
    });
    expect(status.session).toMatchObject({
      source: 'pasted block [default]',
      region: 'us-east-1',
      temporary: true,
      expired: false,
      identity: { account: account.endpoints.accountId },
    });
    expect(status.session?.accessKeyId).toBe(`${block.accessKeyId.slice(0, 4)}…${block.accessKeyId.slice(-4)}`);
    expect(app.eventsOf('aws.status').at(-1)?.mode).toBe('aws');
    expect(await app.ask('app.info')).toMatchObject({ mode: 'aws', athenaWorkGroup: 'iot-lab' });
  });

  it('created the iot-lab work group with its cutoff in the account', async () => {
    const group = await app.ask('cloud.send', { service: 'athena', operation: 'GetWorkGroup', input: { WorkGroup: 'iot-lab' } });
    expect(group).toMatchObject({
      WorkGroup: {
        Name: 'iot-lab',
        Configuration: {
          BytesScannedCutoffPerQuery: 1_000_000_000,
          ResultConfiguration: { OutputLocation: `s3://iot-tutorial-athena-query-${account.endpoints.accountId}/` },
        },
      },
    });
  });

  it('never writes the credentials into the lab folder (web mode keeps them in memory)', () => {
    for (const file of filesUnder(app.labDir)) {
      const content = readFileSync(file);
      expect(content.includes(block.secretAccessKey), file).toBe(false);
      expect(content.includes(block.sessionToken), file).toBe(false);
    }
  });

  it('logs every SDK call with its service, operation, duration, result and origin', async () => {
    await app.ask('cloud.send', { service: 'iot', operation: 'ListThings', input: {} });
    await app.request('cloud.send', { service: 's3', operation: 'HeadBucket', input: { Bucket: 'no-such-bucket-here' } });
    const calls = await app.ask('aws.calls', { limit: 10 });
    expect(calls[0]).toMatchObject({ service: 's3', operation: 'HeadBucket', mode: 'aws', origin: 'Console', error: { code: 'NotFound' } });
    expect(calls[1]).toMatchObject({ service: 'iot', operation: 'ListThings', mode: 'aws', origin: 'Console' });
    expect(calls[1]?.error).toBeUndefined();
    expect(calls[1]?.durationMs).toBeGreaterThan(0);
    expect(calls.some((call) => call.operation === 'GetCallerIdentity' && call.origin === 'Settings · verify credentials')).toBe(true);
    expect(await app.ask('aws.calls', { service: 'iot', result: 'error' })).toEqual([]);
    // Each call is also streamed to the renderers.
    expect(app.eventsOf('aws.call').map((call) => call.id)).toContain(calls[0]!.id);
  });

  it('records what "Do it for me" did in the account, and counts it in the cost meter', async () => {
    const response = await app.ask('lessons.automate', { lessonId: '00-setup', stepId: 'buckets' });
    expect(response.outcome?.ok).toBe(true);
    const calls = await app.ask('aws.calls', { service: 's3' });
    const created = calls.filter((call) => call.operation === 'CreateBucket');
    expect(created).toHaveLength(3);
    expect(created.every((call) => call.origin === 'Lesson 00-setup · buckets · Do it for me' && call.mode === 'aws')).toBe(true);
    // The buckets are in the account, not in the app's own local cloud.
    expect(account.s3.ListBuckets().Buckets?.map((bucket) => bucket.Name)).toContain(
      `iot-tutorial-datalake-${account.endpoints.accountId}`,
    );
    const cost = await app.ask('aws.cost');
    expect(cost.mode).toBe('aws');
    expect(cost.usage.s3PutRequests).toBeGreaterThanOrEqual(3);
    expect(cost.lines.find((line) => line.id === 's3-put')?.cost).toBeGreaterThan(0);
  });

  it('asks once for new credentials when the session expires, then works again with new ones', async () => {
    expect(account.credentials.expireAll()).toBeGreaterThan(0);
    const iot = await app.request('cloud.send', { service: 'iot', operation: 'ListThings', input: {} });
    expect(iot).toMatchObject({
      ok: false,
      error: { code: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
    });
    const s3 = await app.request('cloud.send', { service: 's3', operation: 'ListBuckets', input: {} });
    expect(s3).toMatchObject({ ok: false, error: { code: 'ExpiredToken' } });
    const sts = await app.request('cloud.send', { service: 'sts', operation: 'GetCallerIdentity', input: {} });
    expect(sts).toMatchObject({ ok: false, error: { code: 'ExpiredToken' } });

    const prompts = app.eventsOf('aws.credentialsExpired');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ service: 'iot', operation: 'ListThings', code: 'ExpiredTokenException' });
    expect((await app.ask('aws.status')).session?.expired).toBe(true);

    // The same block again: STS says it expired.
    expect(await connect(block.text)).toMatchObject({ ok: false, error: { code: 'ExpiredToken' } });

    const renewed = await academyBlock(account.endpoints);
    const status = await app.ask('aws.connect', { source: { kind: 'block', text: renewed.text } });
    expect(status.session).toMatchObject({ expired: false, endpointOverride: account.endpoints.endpoint });
    expect(await app.ask('cloud.send', { service: 'iot', operation: 'ListThings', input: {} })).toMatchObject({ things: [] });

    // A later expiry prompts again, once.
    account.credentials.expireAll();
    await app.request('cloud.send', { service: 'dynamodb', operation: 'ListTables', input: {} });
    await app.request('cloud.send', { service: 'glue', operation: 'GetDatabases', input: {} });
    expect(app.eventsOf('aws.credentialsExpired')).toHaveLength(2);
    expect(app.eventsOf('aws.credentialsExpired')[1]).toMatchObject({ service: 'dynamodb', code: 'ExpiredTokenException' });
  });

  it('goes back offline, where calls reach the local cloud and are logged as offline', async () => {
    const status = await app.ask('aws.setMode', { mode: 'offline' });
    expect(status).toMatchObject({ mode: 'offline', athenaWorkGroup: 'primary' });
    expect(status.session).toBeDefined();
    const identity = await app.ask('cloud.send', { service: 'sts', operation: 'GetCallerIdentity', input: {} });
    expect(identity).not.toMatchObject({ Account: account.endpoints.accountId });
    const [last] = await app.ask('aws.calls', { limit: 1 });
    expect(last).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity', mode: 'offline' });
    // The cost meter starts again for the new mode.
    expect((await app.ask('aws.cost')).usage.s3PutRequests).toBe(0);
  });

  it('forgets the credentials', async () => {
    const status = await app.ask('aws.forget');
    expect(status.session).toBeUndefined();
    expect(await app.request('aws.setMode', { mode: 'aws' })).toMatchObject({ ok: false, error: { code: 'NoCredentials' } });
  });
});
