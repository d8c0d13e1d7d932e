import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliEnv, sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

describe('STS through the SDK', () => {
  it('GetCallerIdentity names the lab account, fixed per lab folder', async () => {
    const sts = new STSClient(sdkConfig(cloud));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toMatch(/^\d{12}$/);
    expect(identity.Account).toBe(cloud.endpoints.accountId);
    expect(identity.Arn).toBe(`arn:aws:iam::${cloud.endpoints.accountId}:user/student`);
    expect(identity.$metadata.requestId).toBeTruthy();
  });

  it('refuses an unknown access key with InvalidClientTokenId (403)', async () => {
    const sts = new STSClient({
      ...sdkConfig(cloud),
      credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: 'x'.repeat(40) },
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch (403)', async () => {
    const sts = new STSClient({
      ...sdkConfig(cloud),
      credentials: { accessKeyId: cloud.endpoints.credentials.accessKeyId, secretAccessKey: 'y'.repeat(40) },
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('IAM through the SDK', () => {
  it('has the pre-made LabRole, as AWS Academy', async () => {
    const iam = new IAMClient(sdkConfig(cloud));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'LabRole' }));
    expect(Role?.Arn).toBe(`arn:aws:iam::${cloud.endpoints.accountId}:role/LabRole`);
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    const { Roles } = await iam.send(new ListRolesCommand({}));
    expect(Roles?.map((r) => r.RoleName)).toEqual(['LabRole']);
  });

  it('answers NoSuchEntity for any other role', async () => {
    const iam = new IAMClient(sdkConfig(cloud));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'AdminRole' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      Code: 'NoSuchEntity',
      message: 'The role with name AdminRole cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

const aws = outsideTool('aws');
describe.skipIf(!aws.available)('STS and IAM through the AWS CLI', () => {
  const cli = async (...args: string[]) =>
    (
      await run(aws.command, ['--endpoint-url', cloud.endpoints.endpoint, '--output', 'json', ...args], {
        env: awsCliEnv(cloud),
      })
    ).stdout;

  it('aws sts get-caller-identity', async () => {
    const identity = JSON.parse(await cli('sts', 'get-caller-identity')) as { Account: string };
    expect(identity.Account).toBe(cloud.endpoints.accountId);
  });

  it('aws iam get-role --role-name LabRole', async () => {
    const { Role } = JSON.parse(await cli('iam', 'get-role', '--role-name', 'LabRole')) as { Role: { Arn: string } };
    expect(Role.Arn).toContain(':role/LabRole');
  });
});

const boto3 = outsideTool('boto3');
describe.skipIf(!boto3.available)('STS through boto3', () => {
  it('get_caller_identity', async () => {
    const script = [
      'import boto3, json, os',
      "sts = boto3.client('sts', endpoint_url=os.environ['ENDPOINT'])",
      "print(json.dumps(sts.get_caller_identity()['Account']))",
    ].join('\n');
    const { stdout: output } = await run(boto3.command, ['-c', script], {
      env: { ...awsCliEnv(cloud), ENDPOINT: cloud.endpoints.endpoint },
    });
    expect(JSON.parse(output)).toBe(cloud.endpoints.accountId);
  });
});
