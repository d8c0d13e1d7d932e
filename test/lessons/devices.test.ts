import {
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeThingCommand,
  GetPolicyCommand,
  ListThingPrincipalsCommand,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { startLessonLab, type LessonLab } from './harness.js';

/** Lessons 00–02 against a real local cloud: setup, the first thing, the fleet and its replay. */

const noaa = locateNoaaFixtures();
let lab: LessonLab;

beforeAll(async () => {
  lab = await startLessonLab();
});

afterAll(async () => {
  await lab?.dispose();
});

describe('lesson 00: setup', () => {
  it('reaches the cloud: cloud-reachable is green at once', async () => {
    expect(await lab.check('00-setup', 'account')).toMatchObject({ ok: true });
  });

  it('buckets: red naming the first missing bucket, then created, then green', async () => {
    const suffix = lab.cloud.endpoints.accountId;
    const done = await lab.redThenGreen('00-setup', 'buckets', 'bucket-missing', {
      bucket: `iot-tutorial-things-template-${suffix}`,
    });
    expect(done.result.created.map((resource) => resource.name)).toEqual([
      `iot-tutorial-things-template-${suffix}`,
      `iot-tutorial-datalake-${suffix}`,
      `iot-tutorial-athena-query-${suffix}`,
    ]);
    // Idempotent: a second run reuses them.
    const again = await lab.automate('00-setup', 'buckets');
    expect(again.result.created).toEqual([]);
    expect(again.result.reused).toHaveLength(3);
    expect(again.progress.automations).toBe(2);
  });

  it('a step without a check is marked done by hand', async () => {
    expect(lab.lessons.markDone('00-setup', 'endpoint', true)).toMatchObject({
      status: 'done',
      completedBy: 'manual',
    });
    await expect(lab.lessons.check('00-setup', 'endpoint')).rejects.toThrow(/no "Check my work"/);
  });
});

describe('lesson 01: my first thing', () => {
  it('create-thing, certificate, policy, attach-policy: each red with its hint, done for me, then green', async () => {
    await lab.redThenGreen('01-first-thing', 'create-thing', 'thing-missing', { thing: 'my-first-thing' });
    const certificate = await lab.redThenGreen('01-first-thing', 'certificate', 'thing-no-certificate', {
      thing: 'my-first-thing',
    });
    expect(certificate.result.created.map((resource) => resource.kind)).toEqual([
      'certificate',
      'device-files',
      'thing-principal',
    ]);
    const folder = path.join(lab.cloud.dir, 'devices', 'my-first-thing');
    expect(existsSync(path.join(folder, 'certificate.pem.crt'))).toBe(true);
    expect(existsSync(path.join(folder, 'private.pem.key'))).toBe(true);
    await lab.redThenGreen('01-first-thing', 'policy', 'policy-missing', { policy: 'my-first-thing-policy' });
    await lab.redThenGreen('01-first-thing', 'attach-policy', 'policy-not-attached', {
      thing: 'my-first-thing',
      policy: 'my-first-thing-policy',
    });
  });

  it('publish: nothing heard on hello/world at first, then the loop publishes and the check hears it', async () => {
    const red = await lab.check('01-first-thing', 'publish');
    expect(red).toMatchObject({
      ok: false,
      hint: { key: 'no-messages', values: { topic: 'hello/world', seconds: 10 } },
    });
    const done = await lab.automate('01-first-thing', 'publish');
    expect(done.result.started).toEqual([{ kind: 'publish-loop', name: 'my-first-thing → hello/world' }]);
    expect(done.outcome).toMatchObject({ ok: true });
  });

  it('a deactivated certificate turns the certificate check red, with its status', async () => {
    const { principals = [] } = await lab.clients
      .iot()
      .send(new ListThingPrincipalsCommand({ thingName: 'my-first-thing' }));
    const certificateId = principals[0]?.split('/').pop() ?? '';
    await lab.clients.iot().send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
    expect(await lab.check('01-first-thing', 'certificate')).toMatchObject({
      ok: false,
      hint: { key: 'certificate-inactive', values: { thing: 'my-first-thing', status: 'INACTIVE' } },
    });
    await lab.clients.iot().send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' }));
  });

  it('a policy that allows too little is named, and "Do it for me" does not rewrite it', async () => {
    await lab.clients.iot().send(
      new CreatePolicyCommand({
        policyName: 'too-strict',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Subscribe'], Resource: '*' }],
        }),
      }),
    );
    // The registry's own entries, with a context holding only what they use: the IoT client.
    const { policyAllowsCheck, createPolicy } = await import('../../electron/lessons/registry/things.js');
    const context = { clients: { iot: () => lab.clients.iot() }, progress: () => undefined };
    expect(
      await policyAllowsCheck.run(context as unknown as Parameters<typeof policyAllowsCheck.run>[0], {
        policyName: 'too-strict',
        actions: ['iot:Connect', 'iot:Publish'],
      }),
    ).toEqual({
      ok: false,
      hint: { key: 'policy-does-not-allow', values: { policy: 'too-strict', action: 'iot:Publish' } },
    });
    await expect(
      createPolicy.run(context as unknown as Parameters<typeof createPolicy.run>[0], {
        policyName: 'too-strict',
      }),
    ).rejects.toThrow(/exists but does not allow every IoT action/);
    await lab.clients.iot().send(new DeletePolicyCommand({ policyName: 'too-strict' }));
  });

  it('resetting the lesson removes exactly what "Do it for me" created, and stops the loop', async () => {
    const report = await lab.lessons.resetLesson('01-first-thing');
    expect(report.kept).toEqual([]);
    expect(report.removed.map((resource) => resource.kind)).toEqual([
      'publish-loop',
      'policy-attachment',
      'policy',
      'thing-principal',
      'device-files',
      'certificate',
      'thing',
    ]);
    await expect(
      lab.clients.iot().send(new DescribeThingCommand({ thingName: 'my-first-thing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      lab.clients.iot().send(new GetPolicyCommand({ policyName: 'my-first-thing-policy' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(existsSync(path.join(lab.cloud.dir, 'devices', 'my-first-thing'))).toBe(false);
    expect(
      lab.lessons.get('01-first-thing', 'en').steps.every((step) => step.progress.status === 'todo'),
    ).toBe(true);
    // Lesson 00's buckets are not this lesson's: untouched.
    await lab.clients
      .s3()
      .send(new HeadBucketCommand({ Bucket: `iot-tutorial-datalake-${lab.cloud.endpoints.accountId}` }));
  });

  it('never removes what it did not create: a thing made by hand survives a reset', async () => {
    await lab.automate('01-first-thing', 'create-thing');
    await lab.lessons.resetStep('01-first-thing', 'create-thing');
    const { CreateThingCommand } = await import('@aws-sdk/client-iot');
    await lab.clients.iot().send(new CreateThingCommand({ thingName: 'my-first-thing' }));
    const reused = await lab.automate('01-first-thing', 'create-thing');
    expect(reused.result.reused).toEqual([{ kind: 'thing', name: 'my-first-thing' }]);
    const report = await lab.lessons.resetStep('01-first-thing', 'create-thing');
    expect(report).toEqual({ removed: [], restored: [], kept: [] });
    await lab.clients.iot().send(new DescribeThingCommand({ thingName: 'my-first-thing' }));
  });
});

describe.skipIf(!noaa.available)('lesson 02: the fleet', () => {
  it('register: red listing the five missing stations, then bulk registration, then green', async () => {
    const done = await lab.redThenGreen('02-fleet', 'register', 'fleet-things-missing', {
      count: 5,
      missing:
        'weather-station_0, weather-station_1, weather-station_2, weather-station_3, weather-station_4',
    });
    expect(done.result.created.filter((resource) => resource.kind === 'thing')).toHaveLength(5);
    expect(done.result.created).toContainEqual({ kind: 'policy', name: 'free_policy' });
    expect(done.result.created).toContainEqual({ kind: 'thing-type', name: 'sensor' });
  });

  it('readings: red naming the stations without readings, green once fetched', async () => {
    expect(await lab.check('02-fleet', 'readings')).toMatchObject({
      ok: false,
      hint: { key: 'readings-missing', values: { count: 5, year: 2022 } },
    });
    await lab.fetchReadings(noaa.isdDir);
    expect(await lab.check('02-fleet', 'readings')).toMatchObject({ ok: true });
  });

  it('replay: silence on sensor/weather, then the replay starts and the check hears a station', async () => {
    expect(await lab.check('02-fleet', 'replay')).toMatchObject({ ok: false, hint: { key: 'no-messages' } });
    const done = await lab.automate('02-fleet', 'replay');
    expect(done.result.started).toEqual([{ kind: 'replay', name: 'sensor/weather' }]);
    expect(done.outcome).toMatchObject({ ok: true });
    expect(lab.replay.status().state).toBe('running');
    const report = await lab.lessons.resetStep('02-fleet', 'replay');
    expect(report.removed).toEqual([{ kind: 'replay', name: 'sensor/weather' }]);
    expect(lab.replay.status().state).toBe('stopped');
  });
});
