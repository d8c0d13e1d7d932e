import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRequired, locateNoaaFixtures } from '../../test/stations/noaa-fixtures.js';
import type {
  ApiResult,
  FleetReport,
  ReplayStatus,
  StationsFetchResult,
  StationsOverview,
} from './contract.js';
import { createApiCore, type ApiCore, type ApiSession, type LabEvent } from './core.js';
import { describeFleetResource, describeFleetStep } from './stations-runtime.js';

const fixtures = locateNoaaFixtures();
if (!fixtures.available && fixturesRequired()) throw new Error(fixtures.missingMessage);

const STATION_IDS = ['030910-99999', '061100-99999', '062800-99999', '713060-99999', '723123-14886'];

function valueOf<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('stations, fleet and replay domains', () => {
  let dir: string;
  let core: ApiCore;
  let session: ApiSession;
  const events: LabEvent[] = [];
  const request = (name: string, input?: unknown) => session.request(name, input);
  const latestReplay = (): ReplayStatus | undefined =>
    events.findLast((event) => event.name === 'replay.progress')?.payload as ReplayStatus | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-stations-'));
    core = createApiCore({ labDir: dir, app: { name: 'IoT Lab', version: '0.0.0' }, log: () => undefined });
    session = core.openSession('websocket', (event) => events.push(event));
    for (const name of ['stations.fetchProgress', 'fleet.progress', 'replay.progress'])
      expect(session.subscribe(name)).toBe(true);
    await core.ready;
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the five stations of a fresh lab: no readings, no devices', async () => {
    const overview = valueOf<StationsOverview>(await request('stations.list', {}));
    expect(overview.year).toBe(2022);
    expect(overview.fleetReady).toBe(false);
    expect(overview.devicesDir).toBe(path.join(dir, 'devices'));
    expect(overview.stations.map((s) => [s.id, s.device.thingName])).toEqual(
      STATION_IDS.map((id, index) => [id, `weather-station_${index}`]),
    );
    expect(overview.stations[0]).toMatchObject({
      name: 'Aberdeen/Dyce',
      country: 'GB',
      icao: 'EGPD',
      data: { present: false, file: path.join(dir, 'stations', '2022', '030910-99999-2022.gz') },
      device: { status: 'not-provisioned', certificateOnDisk: false },
    });
  });

  it('says what is missing before a replay can start', async () => {
    const replay = { pace: { kind: 'max' }, timestamps: 'recorded', loop: false };
    expect(await request('replay.start', { ...replay, stations: ['030910-99999'] })).toEqual({
      ok: false,
      error: {
        code: 'StationDataMissing',
        message: 'The readings of 030910-99999 for 2022 are not in the lab folder: fetch them first.',
      },
    });
    expect(await request('replay.start', { ...replay, stations: ['999999-99999'] })).toMatchObject({
      ok: false,
      error: { code: 'UnknownStation' },
    });
    expect(valueOf<ReplayStatus>(await request('replay.status'))).toEqual({ state: 'idle', stations: [] });
    for (const name of ['replay.pause', 'replay.resume', 'replay.stop']) {
      expect(await request(name)).toEqual({
        ok: false,
        error: { code: 'NoReplay', message: 'No replay is running: start one first.' },
      });
    }
  });

  it('refuses an invalid pace, topic or limit, naming the allowed range', async () => {
    const start = (input: object) =>
      request('replay.start', { pace: { kind: 'max' }, timestamps: 'recorded', loop: false, ...input });
    const tooSlow = await start({ pace: { kind: 'speedup', factor: 10 } });
    expect(tooSlow).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!tooSlow.ok && tooSlow.error.message).toContain('The speed-up must be between ×60 and ×100,000.');
    const wildcard = await start({ topic: 'sensor/+' });
    expect(!wildcard.ok && wildcard.error.message).toContain('cannot hold the wildcards + or #');
    expect(await start({ limit: 0 })).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(await start({ pace: { kind: 'warp' } })).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    });
  });

  it('refuses a mirror that is not there, and a bucket name AWS would refuse', async () => {
    const missing = path.join(dir, 'no-such-usb-stick');
    expect(
      await request('stations.fetch', { year: 2022, source: { kind: 'mirror', location: missing } }),
    ).toEqual({
      ok: false,
      error: {
        code: 'MirrorNotFound',
        message: `There is no folder at ${missing}: check the mirror's path (is the USB stick plugged in?).`,
      },
    });
    expect(
      await request('stations.fetch', { year: 2022, source: { kind: 'mirror', location: 'noaa/isd' } }),
    ).toMatchObject({ ok: false, error: { code: 'InvalidMirror' } });
    expect(await request('fleet.provision', { templatesBucket: 'Not_A_Bucket' })).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    });
  });

  it('structures the fleet library’s steps and report lines', () => {
    expect(describeFleetStep('Bulk registration: 40%')).toEqual({
      kind: 'registration-progress',
      percent: 40,
    });
    expect(describeFleetStep('Certificate for weather-station_3')).toEqual({
      kind: 'certificate',
      thingName: 'weather-station_3',
    });
    expect(describeFleetStep('Something new')).toEqual({ kind: 'other', text: 'Something new' });
    expect(describeFleetResource('bulk registration abc-123 (5 things)')).toEqual({
      kind: 'registration',
      taskId: 'abc-123',
      things: 5,
    });
    expect(describeFleetResource('certificate of weather-station_0')).toEqual({
      kind: 'certificate',
      name: 'weather-station_0',
    });
  });

  describe.skipIf(!fixtures.available)('with the NOAA station-years', () => {
    it('fetches the five station-years from a mirror folder, with progress', async () => {
      const result = valueOf<StationsFetchResult>(
        await request('stations.fetch', {
          year: 2022,
          source: { kind: 'mirror', location: fixtures.isdDir },
        }),
      );
      expect(result.outcomes.map((o) => [o.stationId, o.ok])).toEqual(STATION_IDS.map((id) => [id, true]));
      const done = events.filter((e) => e.name === 'stations.fetchProgress' && e.payload.phase === 'done');
      expect(done).toHaveLength(5);
      const overview = valueOf<StationsOverview>(await request('stations.list', {}));
      for (const station of overview.stations) {
        expect(station.data.present).toBe(true);
        expect(station.data.readings).toBeGreaterThan(20_000);
        expect(station.data.bytes).toBeGreaterThan(1_000_000);
      }
    });

    it('needs the fleet before replaying', async () => {
      const refused = await request('replay.start', {
        pace: { kind: 'max' },
        timestamps: 'recorded',
        loop: false,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FleetNotProvisioned' } });
      expect(!refused.ok && refused.error.message).toMatch(/^The fleet is not provisioned yet: /);
    });

    it('provisions the fleet, then reuses it', async () => {
      const report = valueOf<FleetReport>(await request('fleet.provision', {}));
      expect(report.templatesBucket).toMatch(/^iot-tutorial-things-template-\d{12}$/);
      expect(report.devices.map((d) => d.thingName)).toEqual(
        STATION_IDS.map((_, i) => `weather-station_${i}`),
      );
      expect(report.created).toContainEqual({ kind: 'thing-type', name: 'sensor' });
      expect(report.created).toContainEqual({ kind: 'certificate', name: 'weather-station_4' });
      const steps = events.filter((e) => e.name === 'fleet.progress').map((e) => e.payload.step.kind);
      expect(steps).toContain('certificate');
      expect(steps.at(-1)).toBe('done');

      const overview = valueOf<StationsOverview>(await request('stations.list', {}));
      expect(overview.fleetReady).toBe(true);
      expect(overview.stations.every((s) => s.device.certificateOnDisk && s.device.status === 'ready')).toBe(
        true,
      );

      const again = valueOf<FleetReport>(await request('fleet.provision', {}));
      expect(again.created.filter((r) => r.kind === 'certificate')).toEqual([]);
      expect(again.reused).toContainEqual({ kind: 'certificate', name: 'weather-station_0' });
    });

    it('replays a bounded run as fast as possible: every reading acknowledged', async () => {
      const started = valueOf<ReplayStatus>(
        await request('replay.start', { pace: { kind: 'max' }, timestamps: 'now', loop: false, limit: 60 }),
      );
      expect(started.settings).toMatchObject({ topic: 'sensor/weather', limit: 60, year: 2022 });
      expect(
        await request('replay.start', { pace: { kind: 'max' }, timestamps: 'now', loop: false }),
      ).toMatchObject({ ok: false, error: { code: 'ReplayRunning' } });
      await until(() => latestReplay()?.state === 'finished', 'the replay to finish');
      const final = valueOf<ReplayStatus>(await request('replay.status'));
      expect(final.state).toBe('finished');
      for (const station of final.stations) {
        expect(station).toMatchObject({
          state: 'finished',
          sent: 60,
          acknowledged: 60,
          failed: 0,
          total: 60,
          rate: 0,
        });
        expect(station.lastTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      }
    });

    it('pauses, resumes and stops a replay at the lab’s pace', async () => {
      valueOf(
        await request('replay.start', {
          pace: { kind: 'lab' },
          timestamps: 'recorded',
          loop: true,
          topic: 'lab/weather',
        }),
      );
      await until(
        () => latestReplay()?.stations.every((s) => s.acknowledged >= 1) ?? false,
        'a first reading',
      );
      expect(valueOf<ReplayStatus>(await request('replay.pause')).state).toBe('paused');
      expect(valueOf<ReplayStatus>(await request('replay.resume')).state).toBe('running');
      const stopped = valueOf<ReplayStatus>(await request('replay.stop'));
      expect(stopped.state).toBe('stopped');
      for (const station of stopped.stations) {
        expect(station).toMatchObject({ state: 'stopped', rate: 0 });
        expect(station.acknowledged).toBe(station.sent);
        expect(station.total).toBeGreaterThan(20_000);
      }
    });

    it('stops a running replay when the core stops', async () => {
      valueOf(await request('replay.start', { pace: { kind: 'lab' }, timestamps: 'recorded', loop: false }));
      await core.stop();
      expect(latestReplay()?.state).toBe('stopped');
    });
  });
});
