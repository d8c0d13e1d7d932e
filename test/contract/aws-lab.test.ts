import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRequired, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import { academyBlock, startAppCore, type AppUnderTest } from '../aws/academy.js';

/**
 * The lab in AWS mode, the local cloud treated as the student's account: the app's own local cloud
 * issues an AWS Academy-like session, the app switches to AWS mode with it, and the lessons'
 * automations, the fleet and the replayer run unchanged — SDK calls signed by the session, devices on
 * the account's broker over mutual TLS — until the S3 rule's objects are in the account.
 */
const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);

describe.skipIf(!fixtures.available)('the lab in AWS mode (the local cloud as the account)', () => {
  let app: AppUnderTest;
  let accountId: string;

  beforeAll(async () => {
    app = await startAppCore(['aws.status']);
    const { endpoints } = await app.ask('cloud.status');
    if (!endpoints) throw new Error('the local cloud is not running');
    accountId = endpoints.accountId;
    const block = await academyBlock(endpoints);
    const status = await app.ask('aws.connect', {
      source: { kind: 'block', text: block.text },
      endpointOverride: endpoints.endpoint,
    });
    expect(status.mode).toBe('aws');
  }, 60_000);

  afterAll(async () => {
    await app?.dispose();
  });

  it('fetches readings, registers the fleet, creates the S3 rule and replays into the account', async () => {
    const fetched = await app.ask('stations.fetch', {
      year: 2022,
      source: { kind: 'mirror', location: fixtures.isdDir },
    });
    expect(JSON.stringify(fetched)).not.toContain('failed');

    for (const [lessonId, stepId] of [
      ['00-setup', 'buckets'],
      ['02-fleet', 'register'],
      ['03-s3-rule', 's3-rule'],
    ] as const) {
      const done = await app.ask('lessons.automate', { lessonId, stepId });
      expect(done.outcome, `${lessonId} ${stepId}`).toMatchObject({ ok: true });
    }

    await app.ask('replay.start', { pace: { kind: 'max' }, timestamps: 'now', loop: false, limit: 20 });
    for (let waited = 0; ; waited += 100) {
      const { state } = await app.ask('replay.status');
      if (state === 'finished') break;
      if (waited > 60_000 || state === 'stopped') throw new Error(`the replay ended ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const objects = await app.ask('cloud.send', {
      service: 's3',
      operation: 'ListObjectsV2',
      input: { Bucket: `iot-tutorial-datalake-${accountId}`, Prefix: 'sensor/weather/' },
    });
    expect(JSON.stringify(objects)).toContain('"Key":"sensor/weather/');
    expect(
      (await app.ask('lessons.check', { lessonId: '03-s3-rule', stepId: 'objects' })).outcome,
    ).toMatchObject({
      ok: true,
    });

    // Every SDK call the app made went to "the account", in AWS mode, signed by the session: the only
    // errors are the automations' existence probes (NotFound, and GetTopicRule's UnauthorizedException).
    const calls = await app.ask('aws.calls', { limit: 1000 });
    const fleetCalls = calls.filter((call) => call.origin?.includes('02-fleet'));
    expect(fleetCalls.length).toBeGreaterThan(0);
    expect(fleetCalls.every((call) => call.mode === 'aws')).toBe(true);
    const signingErrors = calls.filter((call) =>
      /Token|Signature|AccessDenied|Unrecognized|InvalidAccessKeyId/.test(call.error?.code ?? ''),
    );
    expect(signingErrors).toEqual([]);
  }, 180_000);
});
