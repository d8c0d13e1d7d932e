import {
  AttachPolicyCommand,
  AttachPrincipalPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateThingCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachPolicyCommand,
  DetachPrincipalPolicyCommand,
  DetachThingPrincipalCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyPrincipalsCommand,
  ListPolicyVersionsCommand,
  ListPrincipalPoliciesCommand,
  ListPrincipalThingsCommand,
  ListPrincipalThingsV2Command,
  ListTargetsForPolicyCommand,
  ListThingPrincipalsCommand,
  ListThingPrincipalsV2Command,
  SetDefaultPolicyVersionCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { iotClient } from './iot-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
let arnPrefix: string;

const document = (action: string, resource = '*') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  arnPrefix = `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}`;
});
afterAll(async () => {
  await cloud.dispose();
});

describe('policies and versions through the SDK', () => {
  it('CreatePolicy answers the document as sent and version 1; GetPolicy shows it as the default', async () => {
    const text = document('iot:Connect', `${arnPrefix}:client/\${iot:Connection.Thing.ThingName}`);
    const created = await iot.send(
      new CreatePolicyCommand({ policyName: 'WeatherStationPolicy', policyDocument: text }),
    );
    expect(created).toMatchObject({
      policyName: 'WeatherStationPolicy',
      policyArn: `${arnPrefix}:policy/WeatherStationPolicy`,
      policyDocument: text,
      policyVersionId: '1',
    });
    const policy = await iot.send(new GetPolicyCommand({ policyName: 'WeatherStationPolicy' }));
    expect(policy).toMatchObject({
      policyName: 'WeatherStationPolicy',
      policyDocument: text,
      defaultVersionId: '1',
    });
    expect(policy.creationDate).toBeInstanceOf(Date);
    expect(policy.generationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a duplicate name, a malformed document and an unknown policy as AWS does', async () => {
    await iot.send(new CreatePolicyCommand({ policyName: 'dup', policyDocument: document('iot:*') }));
    await expect(
      iot.send(new CreatePolicyCommand({ policyName: 'dup', policyDocument: document('iot:*') })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Policy cannot be created - name already exists (name=dup)',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iot.send(new CreatePolicyCommand({ policyName: 'bad', policyDocument: '{"Statement": [' })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyException',
      message: expect.stringMatching(/^Policy document is Malformed/),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      iot.send(
        new CreatePolicyCommand({
          policyName: 'bad',
          policyDocument: document('iot:Publish', 'topic/not-an-arn'),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyException',
      message: 'Policy document is Malformed: The following resources are invalid : topic/not-an-arn',
    });
    await expect(iot.send(new GetPolicyCommand({ policyName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('keeps at most five versions, switches the default, and deletes only non-default versions', async () => {
    await iot.send(
      new CreatePolicyCommand({ policyName: 'versions', policyDocument: document('iot:Connect') }),
    );
    const v2 = await iot.send(
      new CreatePolicyVersionCommand({
        policyName: 'versions',
        policyDocument: document('iot:Publish'),
        setAsDefault: true,
      }),
    );
    expect(v2).toMatchObject({
      policyVersionId: '2',
      isDefaultVersion: true,
      policyArn: `${arnPrefix}:policy/versions`,
    });
    await iot.send(
      new CreatePolicyVersionCommand({ policyName: 'versions', policyDocument: document('iot:Subscribe') }),
    );
    await iot.send(
      new CreatePolicyVersionCommand({ policyName: 'versions', policyDocument: document('iot:Receive') }),
    );
    await iot.send(
      new CreatePolicyVersionCommand({ policyName: 'versions', policyDocument: document('iot:*') }),
    );
    await expect(
      iot.send(
        new CreatePolicyVersionCommand({ policyName: 'versions', policyDocument: document('iot:Connect') }),
      ),
    ).rejects.toMatchObject({
      name: 'VersionsLimitExceededException',
      message: 'The policy versions already has the maximum number of versions (5)',
      $metadata: { httpStatusCode: 409 },
    });
    const { policyVersions } = await iot.send(new ListPolicyVersionsCommand({ policyName: 'versions' }));
    expect(policyVersions?.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
      ['5', false],
      ['4', false],
      ['3', false],
      ['2', true],
      ['1', false],
    ]);
    expect((await iot.send(new GetPolicyCommand({ policyName: 'versions' }))).policyDocument).toBe(
      document('iot:Publish'),
    );
    await iot.send(new SetDefaultPolicyVersionCommand({ policyName: 'versions', policyVersionId: '4' }));
    const v4 = await iot.send(new GetPolicyVersionCommand({ policyName: 'versions', policyVersionId: '4' }));
    expect(v4).toMatchObject({
      isDefaultVersion: true,
      policyDocument: document('iot:Receive'),
      policyName: 'versions',
    });
    await expect(
      iot.send(new DeletePolicyVersionCommand({ policyName: 'versions', policyVersionId: '4' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'Cannot delete the default version of a policy',
    });
    await expect(
      iot.send(new GetPolicyVersionCommand({ policyName: 'versions', policyVersionId: '9' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(iot.send(new DeletePolicyCommand({ policyName: 'versions' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message:
        'Cannot delete the policy because it has one or more policy versions attached to it (name=versions)',
      $metadata: { httpStatusCode: 409 },
    });
    for (const version of ['1', '2', '3', '5']) {
      await iot.send(new DeletePolicyVersionCommand({ policyName: 'versions', policyVersionId: version }));
    }
    await iot.send(new DeletePolicyCommand({ policyName: 'versions' }));
    await expect(iot.send(new GetPolicyCommand({ policyName: 'versions' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('ListPolicies pages with pageSize and marker', async () => {
    for (const name of ['list-a', 'list-b', 'list-c'])
      await iot.send(new CreatePolicyCommand({ policyName: name, policyDocument: document('iot:*') }));
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iot.send(new ListPoliciesCommand({ pageSize: 2, marker }));
      expect(page.policies?.length).toBeLessThanOrEqual(2);
      names.push(...(page.policies ?? []).map((p) => p.policyName ?? ''));
      marker = page.nextMarker;
    } while (marker);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c']));
  });
});

describe('policy attachments through the SDK', () => {
  it('attaches with AttachPolicy and the lab script’s AttachPrincipalPolicy, and lists both ways', async () => {
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new CreatePolicyCommand({ policyName: 'connect', policyDocument: document('iot:Connect') }),
    );
    await iot.send(
      new CreatePolicyCommand({ policyName: 'publish', policyDocument: document('iot:Publish') }),
    );
    await iot.send(new AttachPolicyCommand({ policyName: 'connect', target: certificateArn }));
    await iot.send(new AttachPolicyCommand({ policyName: 'connect', target: certificateArn }));
    await iot.send(new AttachPrincipalPolicyCommand({ policyName: 'publish', principal: certificateArn }));

    const attached = await iot.send(new ListAttachedPoliciesCommand({ target: certificateArn }));
    expect(attached.policies).toEqual([
      { policyName: 'connect', policyArn: `${arnPrefix}:policy/connect` },
      { policyName: 'publish', policyArn: `${arnPrefix}:policy/publish` },
    ]);
    const principalPolicies = await iot.send(new ListPrincipalPoliciesCommand({ principal: certificateArn }));
    expect(principalPolicies.policies?.map((p) => p.policyName)).toEqual(['connect', 'publish']);
    expect((await iot.send(new ListTargetsForPolicyCommand({ policyName: 'connect' }))).targets).toEqual([
      certificateArn,
    ]);
    expect((await iot.send(new ListPolicyPrincipalsCommand({ policyName: 'publish' }))).principals).toEqual([
      certificateArn,
    ]);

    await expect(iot.send(new DeletePolicyCommand({ policyName: 'connect' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message:
        'The policy cannot be deleted as the policy is attached to one or more principals (name=connect)',
    });
    await iot.send(new DetachPolicyCommand({ policyName: 'connect', target: certificateArn }));
    await iot.send(new DetachPrincipalPolicyCommand({ policyName: 'publish', principal: certificateArn }));
    expect((await iot.send(new ListAttachedPoliciesCommand({ target: certificateArn }))).policies).toEqual(
      [],
    );
    await iot.send(new DeletePolicyCommand({ policyName: 'connect' }));
  });

  it('refuses unknown certificates and policies', async () => {
    await iot.send(new CreatePolicyCommand({ policyName: 'lonely', policyDocument: document('iot:*') }));
    await expect(
      iot.send(
        new AttachPolicyCommand({ policyName: 'lonely', target: `${arnPrefix}:cert/${'b'.repeat(64)}` }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({}));
    await expect(
      iot.send(new AttachPolicyCommand({ policyName: 'nope', target: certificateArn })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(iot.send(new ListTargetsForPolicyCommand({ policyName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('thing principals through the SDK', () => {
  it('attaches certificates to things and lists them both ways', async () => {
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({}));
    await iot.send(new CreateThingCommand({ thingName: 'station-a' }));
    await iot.send(new CreateThingCommand({ thingName: 'station-b' }));
    await iot.send(new AttachThingPrincipalCommand({ thingName: 'station-a', principal: certificateArn }));
    await iot.send(new AttachThingPrincipalCommand({ thingName: 'station-b', principal: certificateArn }));
    expect((await iot.send(new ListThingPrincipalsCommand({ thingName: 'station-a' }))).principals).toEqual([
      certificateArn,
    ]);
    expect((await iot.send(new ListPrincipalThingsCommand({ principal: certificateArn }))).things).toEqual([
      'station-a',
      'station-b',
    ]);
    const page = await iot.send(new ListPrincipalThingsCommand({ principal: certificateArn, maxResults: 1 }));
    expect(page.things).toEqual(['station-a']);
    expect(
      (
        await iot.send(
          new ListPrincipalThingsCommand({ principal: certificateArn, nextToken: page.nextToken }),
        )
      ).things,
    ).toEqual(['station-b']);
    const v2 = await iot.send(new ListThingPrincipalsV2Command({ thingName: 'station-b' }));
    expect(v2.thingPrincipalObjects).toEqual([
      { principal: certificateArn, thingPrincipalType: 'NON_EXCLUSIVE_THING' },
    ]);
    await iot.send(new DetachThingPrincipalCommand({ thingName: 'station-b', principal: certificateArn }));
    expect((await iot.send(new ListPrincipalThingsCommand({ principal: certificateArn }))).things).toEqual([
      'station-a',
    ]);
  });

  it('an EXCLUSIVE_THING attachment keeps the certificate to that one thing', async () => {
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({}));
    await iot.send(new CreateThingCommand({ thingName: 'only-one' }));
    await iot.send(new CreateThingCommand({ thingName: 'another-one' }));
    await iot.send(
      new AttachThingPrincipalCommand({
        thingName: 'only-one',
        principal: certificateArn,
        thingPrincipalType: 'EXCLUSIVE_THING',
      }),
    );
    await expect(
      iot.send(new AttachThingPrincipalCommand({ thingName: 'another-one', principal: certificateArn })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    const things = await iot.send(new ListPrincipalThingsV2Command({ principal: certificateArn }));
    expect(things.principalThingObjects).toEqual([
      { thingName: 'only-one', thingPrincipalType: 'EXCLUSIVE_THING' },
    ]);
  });

  it('answers AWS’s message for the principals of an unknown thing', async () => {
    await expect(iot.send(new ListThingPrincipalsCommand({ thingName: 'ghost' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Failed to list principals for thing ghost because the thing does not exist in your account',
    });
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({}));
    await expect(
      iot.send(new AttachThingPrincipalCommand({ thingName: 'ghost', principal: certificateArn })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Thing ghost cannot be found.',
    });
  });
});
