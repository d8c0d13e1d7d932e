import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  GetPolicyCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClients, type CloudClients } from '../../electron/aws/client-factory.js';
import { deleteInventory, takeInventory } from '../../electron/reset/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';

/**
 * Where the scope ends: a certificate shared with another class's thing is kept (only the lab's thing
 * is detached from it), a lab-named policy on another class's certificate is kept, and one run of
 * `npm run reset` resets several accounts, each on its own.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const execFileAsync = promisify(execFile);
const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
});

type TestCloud = Awaited<ReturnType<typeof startTestCloud>>;
const clouds: TestCloud[] = [];
const clients: CloudClients[] = [];

function clientsOf(cloud: TestCloud): CloudClients {
  const { endpoint, region, credentials } = cloud.endpoints;
  const made = createCloudClients({ kind: 'offline', endpoint, region, credentials });
  clients.push(made);
  return made;
}

async function labBucketWithObjects(lab: CloudClients, accountId: string, count: number): Promise<string> {
  const bucket = `iot-tutorial-datalake-${accountId}`;
  await lab.s3().send(new CreateBucketCommand({ Bucket: bucket }));
  for (let index = 0; index < count; index++) {
    await lab
      .s3()
      .send(new PutObjectCommand({ Bucket: bucket, Key: `2024/01/01/00/record-${index}.json`, Body: '{}' }));
  }
  return bucket;
}

beforeAll(async () => {
  clouds.push(await startTestCloud(), await startTestCloud());
});

afterAll(async () => {
  for (const made of clients) made.destroy();
  await Promise.all(clouds.map((cloud) => cloud.dispose()));
});

describe('instructor reset: the edges of the scope', () => {
  it('keeps a certificate another class’s thing uses, and a lab policy attached to another class’s certificate', async () => {
    const lab = clientsOf(clouds[0]!);
    const iot = lab.iot();
    await iot.send(new CreateThingCommand({ thingName: 'weather-station_0' }));
    await iot.send(new CreateThingCommand({ thingName: 'greenhouse_0' }));
    const shared = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: 'weather-station_0', principal: shared.certificateArn }),
    );
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: 'greenhouse_0', principal: shared.certificateArn }),
    );
    // free_policy (a lab name) on the other class's own certificate.
    const theirs = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: 'greenhouse_0', principal: theirs.certificateArn }),
    );
    await iot.send(new CreatePolicyCommand({ policyName: 'free_policy', policyDocument: ALLOW_ALL }));
    await iot.send(new AttachPolicyCommand({ policyName: 'free_policy', target: theirs.certificateArn }));
    // A lab policy with an older version, on no certificate: its versions go first.
    await iot.send(
      new CreatePolicyCommand({ policyName: 'my-first-thing-policy', policyDocument: ALLOW_ALL }),
    );
    await iot.send(
      new CreatePolicyVersionCommand({
        policyName: 'my-first-thing-policy',
        policyDocument: ALLOW_ALL,
        setAsDefault: true,
      }),
    );

    const inventory = await takeInventory(lab, { scope: 'lab', label: 'cloud A' });
    expect(inventory.resources.map((resource) => `${resource.kind}:${resource.name}`)).toEqual([
      'thing:weather-station_0',
      'iot-policy:my-first-thing-policy',
    ]);
    // Both certificates are the other class's thing's; free_policy is on one of them.
    expect(
      inventory.kept.map((kept) => [kept.resource.kind, kept.resource.name, kept.reason]).sort(),
    ).toEqual(
      [
        ['certificate', shared.certificateId, 'also attached to the thing greenhouse_0, outside the scope'],
        ['certificate', theirs.certificateId, 'also attached to the thing greenhouse_0, outside the scope'],
        [
          'iot-policy',
          'free_policy',
          `attached to the certificate ${theirs.certificateId}, outside the scope`,
        ],
      ].sort(),
    );

    const report = await deleteInventory(lab, inventory);
    expect(
      report.outcomes.map((outcome) => [outcome.resource.name, outcome.status, outcome.message]),
    ).toEqual([
      ['weather-station_0', 'deleted', undefined],
      ['my-first-thing-policy', 'deleted', 'and 1 older version(s)'],
    ]);
    // The shared certificate: still ACTIVE, still the other class's thing's.
    const { certificateDescription } = await iot.send(
      new DescribeCertificateCommand({ certificateId: shared.certificateId }),
    );
    expect(certificateDescription?.status).toBe('ACTIVE');
    const { principals } = await iot.send(new ListThingPrincipalsCommand({ thingName: 'greenhouse_0' }));
    expect(principals?.sort()).toEqual([shared.certificateArn, theirs.certificateArn].sort());
    await expect(iot.send(new GetPolicyCommand({ policyName: 'free_policy' }))).resolves.toBeDefined();
  });

  it('one run of `npm run reset` resets several accounts, each with its own report', async () => {
    const [a, b] = clouds.map(clientsOf) as [CloudClients, CloudClients];
    const bucketA = await labBucketWithObjects(a, clouds[0]!.endpoints.accountId, 3);
    // Over a thousand objects: DeleteObjects takes 1,000 at a time.
    const bucketB = await labBucketWithObjects(b, clouds[1]!.endpoints.accountId, 1005);
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/reset.ts',
        '--endpoint-file',
        path.join(clouds[0]!.dir, 'endpoints.json'),
        '--endpoint-file',
        path.join(clouds[1]!.dir, 'endpoints.json'),
      ],
      { cwd: projectRoot, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    expect(stdout).toContain(`Account ${clouds[0]!.endpoints.accountId} (local cloud`);
    expect(stdout).toContain(`Account ${clouds[1]!.endpoints.accountId} (local cloud`);
    expect(stdout).toMatch(
      /deleted +S3 bucket iot-tutorial-datalake-\d+: emptied first: 3 object\(s\) deleted/,
    );
    expect(stdout).toMatch(
      /deleted +S3 bucket iot-tutorial-datalake-\d+: emptied first: 1005 object\(s\) deleted/,
    );
    for (const [client, bucket] of [
      [a, bucketA],
      [b, bucketB],
    ] as const) {
      await expect(client.s3().send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({
        name: 'NotFound',
      });
    }
  });

  it('says which account option is missing, and fails with exit code 2', async () => {
    const failed = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/reset.ts', '--dry-run'],
      {
        cwd: projectRoot,
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      '--endpoint-file, --profile or --credentials-file',
    );
  });
});
