import { AthenaClient, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { GetDatabasesCommand, GlueClient } from '@aws-sdk/client-glue';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { IoTClient, ListThingsCommand } from '@aws-sdk/client-iot';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';

/**
 * The local cloud accepts temporary credentials (access key, secret, session token) as an AWS
 * Academy account does, and answers as AWS once they have expired: `ExpiredToken` from the XML
 * services, `ExpiredTokenException` from the JSON ones, until new ones are issued.
 */
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

interface AnyClient {
  send(command: object): Promise<unknown>;
  destroy(): void;
}

const SERVICES: Array<[string, (config: object) => AnyClient, () => object, string, number]> = [
  ['sts', (c) => new STSClient(c), () => new GetCallerIdentityCommand({}), 'ExpiredToken', 403],
  ['iam', (c) => new IAMClient(c), () => new ListRolesCommand({}), 'ExpiredToken', 403],
  ['s3', (c) => new S3Client({ ...c, forcePathStyle: true }), () => new ListBucketsCommand({}), 'ExpiredToken', 400],
  ['iot', (c) => new IoTClient(c), () => new ListThingsCommand({}), 'ExpiredTokenException', 403],
  ['dynamodb', (c) => new DynamoDBClient(c), () => new ListTablesCommand({}), 'ExpiredTokenException', 400],
  ['firehose', (c) => new FirehoseClient(c), () => new ListDeliveryStreamsCommand({}), 'ExpiredTokenException', 400],
  ['glue', (c) => new GlueClient(c), () => new GetDatabasesCommand({}), 'ExpiredTokenException', 400],
  ['athena', (c) => new AthenaClient(c), () => new ListWorkGroupsCommand({}), 'ExpiredTokenException', 400],
];

describe('temporary credentials on the local cloud', () => {
  let cloud: Awaited<ReturnType<typeof startTestCloud>>;
  let session: Credentials;

  const call = async (index: number, credentials: Credentials) => {
    const [, make, command] = SERVICES[index]!;
    const client = make({ endpoint: cloud.endpoints.endpoint, region: cloud.endpoints.region, credentials, maxAttempts: 1 });
    try {
      await client.send(command());
      return { ok: true as const };
    } catch (error) {
      const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
      return { ok: false as const, code: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
    } finally {
      client.destroy();
    }
  };

  beforeAll(async () => {
    cloud = await startTestCloud();
    const sts = new STSClient({ endpoint: cloud.endpoints.endpoint, region: cloud.endpoints.region, credentials: cloud.endpoints.credentials });
    const { Credentials } = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    sts.destroy();
    session = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(850_000);
  }, 30_000);

  afterAll(async () => {
    await cloud?.dispose();
  });

  it.each(SERVICES.map(([service], index) => [service, index] as const))('%s accepts a valid session', async (_service, index) => {
    expect(await call(index, session)).toEqual({ ok: true });
  });

  it.each(SERVICES.map(([service], index) => [service, index] as const))('%s refuses a session key without its token', async (_service, index) => {
    const answer = await call(index, { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey });
    expect(answer.ok).toBe(false);
    expect(answer).toMatchObject({ code: SERVICES[index]![0] === 's3' ? 'InvalidToken' : 'InvalidClientTokenId' });
  });

  it('refuses GetSessionToken called with session credentials', async () => {
    const sts = new STSClient({ endpoint: cloud.endpoints.endpoint, region: cloud.endpoints.region, credentials: session });
    await expect(sts.send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
    sts.destroy();
  });

  it('checks DurationSeconds as STS does', async () => {
    const sts = new STSClient({ endpoint: cloud.endpoints.endpoint, region: cloud.endpoints.region, credentials: cloud.endpoints.credentials });
    await expect(sts.send(new GetSessionTokenCommand({ DurationSeconds: 60 }))).rejects.toMatchObject({ name: 'ValidationError' });
    sts.destroy();
  });

  describe('once expired', () => {
    beforeAll(() => {
      expect(cloud.credentials.expireAll()).toBe(1);
    });

    it.each(SERVICES.map(([service, , , code, status], index) => [service, code, status, index] as const))(
      '%s answers %s (%i)',
      async (_service, code, status, index) => {
        const answer = await call(index, session);
        expect(answer).toMatchObject({ ok: false, code, status });
        expect(answer.ok === false && answer.message).toBe(
          code === 'ExpiredToken' && SERVICES[index]![0] === 's3'
            ? 'The provided token has expired.'
            : 'The security token included in the request is expired',
        );
      },
    );

    it('leaves the lab’s own keys working, and new sessions can be issued', async () => {
      expect(await call(0, cloud.endpoints.credentials)).toEqual({ ok: true });
      const renewed = cloud.credentials.issue(900);
      expect(await call(4, renewed)).toEqual({ ok: true });
    });
  });
});
