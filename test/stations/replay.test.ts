import { S3Client } from '@aws-sdk/client-s3';
import { IoTClient, ListThingsCommand } from '@aws-sdk/client-iot';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedMessage } from '../../electron/cloud/index.js';
import { readIsdFile } from '../../electron/stations/isd/index.js';
import { provisionFleet, type FleetReport } from '../../electron/stations/fleet/index.js';
import {
  labMessageLine,
  startReplay,
  type ReplayClock,
  type ReplayReading,
  type StationFeed,
} from '../../electron/stations/replay/index.js';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { STATION_YEARS, fixturesRequired, locateNoaaFixtures } from './noaa-fixtures.js';

const fixtures = locateNoaaFixtures();
if (!fixtures.available) {
  if (fixturesRequired()) throw new Error(fixtures.missingMessage);
  console.warn(`${fixtures.missingMessage}: the replay tests are skipped.`);
}

const READINGS_PER_STATION = 400;

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let fleet: FleetReport;
const readings = new Map<string, ReplayReading[]>();

async function firstReadings(stem: string, count: number): Promise<ReplayReading[]> {
  const out: ReplayReading[] = [];
  for await (const reading of readIsdFile(path.join(fixtures.isdDir, `${stem}.gz`))) {
    out.push({ recordedAt: Date.parse(reading.time), reading });
    if (out.length === count) break;
  }
  return out;
}

function feeds(count = READINGS_PER_STATION): StationFeed[] {
  return fleet.devices.map((device) => ({
    stationId: device.stationId,
    device: {
      clientId: device.thingName,
      certificatePem: readFileSync(device.certificateFile, 'utf8'),
      privateKeyPem: readFileSync(device.privateKeyFile, 'utf8'),
    },
    readings: async function* () {
      yield* readings.get(device.stationId)!.slice(0, count);
    },
  }));
}

function endpoint() {
  return {
    host: cloud.endpoints.mqtt.host,
    port: cloud.endpoints.mqtt.port,
    caPem: readFileSync(cloud.endpoints.mqtt.caFile, 'utf8'),
  };
}

/** A clock whose sleeps end only when the test says so, to drive pacing without waiting. */
function manualClock(): ReplayClock & { sleeps: number[]; release(): void; pending(): number } {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const waiting: Array<() => void> = [];
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      sleeps.push(ms);
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          now += ms;
          resolve();
        };
        waiting.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
    release() {
      for (const done of waiting.splice(0)) done();
    },
    pending: () => waiting.length,
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!fixtures.available)('the fleet and the replayer, on the real NOAA files', () => {
  beforeAll(async () => {
    cloud = await startTestCloud();
    for (const stem of STATION_YEARS)
      readings.set(stem.slice(0, 12), await firstReadings(stem, READINGS_PER_STATION));
    fleet = await provisionFleet({
      iot: new IoTClient(sdkConfig(cloud)),
      s3: new S3Client({ ...sdkConfig(cloud), forcePathStyle: true }),
      accountId: cloud.endpoints.accountId,
      stations: [...readings.keys()].map((stationId) => ({ stationId })),
      devicesDir: path.join(cloud.dir, 'devices'),
      templatesBucket: 'iot-tutorial-things-template-test',
    });
  });
  afterAll(async () => {
    await cloud?.dispose();
  });

  it('provisions five things by bulk registration, each with its own active certificate', async () => {
    const { things } = await new IoTClient(sdkConfig(cloud)).send(new ListThingsCommand({}));
    expect(things?.map((t) => t.thingName).sort()).toEqual(
      [0, 1, 2, 3, 4].map((n) => `weather-station_${n}`),
    );
    expect(things?.every((t) => t.thingTypeName === 'sensor')).toBe(true);
    expect(new Set(fleet.devices.map((d) => d.certificateId)).size).toBe(5);
    expect(fleet.devices.map((d) => `${d.stationId} ${d.thingName}`)).toEqual([
      '030910-99999 weather-station_0',
      '061100-99999 weather-station_1',
      '062800-99999 weather-station_2',
      '713060-99999 weather-station_3',
      '723123-14886 weather-station_4',
    ]);
  });

  it('provisioning again creates nothing new and deletes nothing', async () => {
    const again = await provisionFleet({
      iot: new IoTClient(sdkConfig(cloud)),
      s3: new S3Client({ ...sdkConfig(cloud), forcePathStyle: true }),
      accountId: cloud.endpoints.accountId,
      stations: [...readings.keys()].map((stationId) => ({ stationId })),
      devicesDir: path.join(cloud.dir, 'devices'),
      templatesBucket: 'iot-tutorial-things-template-test',
    });
    expect(again.devices.map((d) => d.certificateId)).toEqual(fleet.devices.map((d) => d.certificateId));
    expect(
      again.created.filter(
        (c) => c.startsWith('certificate') || c.startsWith('policy') || c.startsWith('thing type'),
      ),
    ).toEqual([]);
  });

  it('replays as fast as acknowledgements allow: every reading arrives once, as the lab payload', async () => {
    const received = new Map<string, string[]>();
    const onMessage = (message: AcceptedMessage) => {
      const list = received.get(message.clientId) ?? [];
      list.push(message.payload.toString());
      received.set(message.clientId, list);
    };
    cloud.events.on('message', onMessage);
    const replay = startReplay(feeds(), {
      endpoint: endpoint(),
      pace: { kind: 'max' },
      timestamps: 'recorded',
    });
    const final = await replay.done;
    cloud.events.off('message', onMessage);
    for (const station of final) {
      expect(station).toMatchObject({
        state: 'finished',
        sent: READINGS_PER_STATION,
        acknowledged: READINGS_PER_STATION,
        failed: 0,
      });
      const expected = readings.get(station.stationId)!.map((r) => labMessageLine(r.reading));
      expect(received.get(station.clientId)).toEqual(expected);
    }
  });

  it('shifts timestamps to now, keeping the recorded spacing', async () => {
    const times: string[] = [];
    const onMessage = (message: AcceptedMessage) => {
      if (message.clientId === 'weather-station_0')
        times.push((JSON.parse(message.payload.toString()) as { time: string }).time);
    };
    cloud.events.on('message', onMessage);
    const clock = manualClock();
    const replay = startReplay(feeds(3).slice(0, 1), {
      endpoint: endpoint(),
      pace: { kind: 'max' },
      timestamps: 'now',
      clock,
    });
    await replay.done;
    cloud.events.off('message', onMessage);
    const recorded = readings
      .get('030910-99999')!
      .slice(0, 3)
      .map((r) => r.recordedAt);
    const start = clock.now();
    expect(times).toEqual(
      recorded.map((t) => `${new Date(start + t - recorded[0]!).toISOString().slice(0, 19)}+00:00`),
    );
  });

  it('paces ×1200 by the recorded gaps, pauses, resumes and stops', async () => {
    const clock = manualClock();
    const replay = startReplay(feeds(50).slice(0, 1), {
      endpoint: endpoint(),
      pace: { kind: 'speedup', factor: 1200 },
      timestamps: 'recorded',
      clock,
    });
    await until(() => clock.pending() === 1, 'the first wait');
    const station = () => replay.progress()[0]!;
    expect(station().acknowledged).toBe(1);
    const recorded = readings.get('030910-99999')!.map((r) => r.recordedAt);
    expect(clock.sleeps.at(-1)).toBe((recorded[1]! - recorded[0]!) / 1200);

    clock.release();
    await until(() => station().acknowledged === 2 && clock.pending() === 1, 'the second reading');
    replay.pause();
    clock.release();
    expect(replay.progress()[0]!.state).toBe('paused');
    const sentWhilePaused = station().sent;
    replay.resume();
    await until(
      () => station().acknowledged === sentWhilePaused + 1 || station().sent > sentWhilePaused,
      'the replay to go on',
    );
    const final = await replay.stop();
    expect(final[0]!.state).toBe('stopped');
    expect(final[0]!.acknowledged).toBe(final[0]!.sent);
    expect(final[0]!.sent).toBeLessThan(50);
  });

  it('refuses a speed-up outside ×60 … ×100,000', () => {
    expect(() =>
      startReplay(feeds(1), { endpoint: endpoint(), pace: { kind: 'speedup', factor: 10 } }),
    ).toThrow('The speed-up must be between ×60 and ×100000, not ×10.');
  });
});
