import { existsSync, readFileSync } from 'node:fs';
import { STATION_CATALOG, labStationFile } from '../stations/fetch/index.js';
import {
  isdFileReadings,
  startReplay,
  type Replay,
  type ReplayReading,
  type StationFeed,
  type StationProgress,
} from '../stations/replay/index.js';
import type {
  CloudEndpoints,
  DefaultReplayTopic,
  ReplayStartInput,
  ReplayState,
  ReplayStatus,
  ReplaySettings,
  ReplayStationProgress,
} from './contract.js';
import { ApiError, type LabEvent } from './handlers/types.js';
import { countReadings, deviceFiles, devicesDir, resolveStations, thingNameOf } from './stations-runtime.js';

/**
 * The stations' replay as the API runs it: one at a time, from the station-year files and device
 * certificates in the lab folder, to the running cloud's MQTT endpoint. Its progress goes to the
 * renderers as `replay.progress`.
 */
export interface ReplayRuntime {
  start(input: ReplayStartInput): Promise<ReplayStatus>;
  pause(): ReplayStatus;
  resume(): ReplayStatus;
  stop(): Promise<ReplayStatus>;
  status(): ReplayStatus;
  /** Stops a running replay (the core is stopping); gives up waiting after a few seconds. */
  close(): Promise<void>;
}

export interface ReplayRuntimeOptions {
  labDir: string;
  endpoints(): CloudEndpoints | undefined;
  emit(event: LabEvent): void;
  log(line: string): void;
}

export const DEFAULT_REPLAY_TOPIC: DefaultReplayTopic = 'sensor/weather';
/** How long closing waits for the devices' last acknowledgements before the cloud stops anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

interface RunningReplay {
  replay: Replay;
  settings: ReplaySettings;
  /** Per station, in feed order. */
  stations: Array<{ thingName: string; total: number }>;
  startedAt: string;
  paused: boolean;
  stopRequested: boolean;
  endedAt?: string;
  final?: StationProgress[];
}

/** The first `limit` readings of a feed, or all of them. */
function limited(readings: () => AsyncIterable<ReplayReading>, limit: number | undefined) {
  if (limit === undefined) return readings;
  return async function* () {
    let count = 0;
    for await (const reading of readings()) {
      yield reading;
      if (++count >= limit) return;
    }
  };
}

function listIds(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

export function createReplayRuntime(options: ReplayRuntimeOptions): ReplayRuntime {
  const { labDir, emit, log } = options;
  let current: RunningReplay | undefined;

  const stateOf = (run: RunningReplay): ReplayState => {
    if (run.final) return run.stopRequested ? 'stopped' : 'finished';
    if (run.stopRequested) return 'stopping';
    return run.paused ? 'paused' : 'running';
  };

  const status = (): ReplayStatus => {
    const run = current;
    if (!run) return { state: 'idle', stations: [] };
    const progress = run.final ?? run.replay.progress();
    return {
      state: stateOf(run),
      settings: run.settings,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      stations: progress.map((station, index): ReplayStationProgress => ({
        stationId: station.stationId,
        thingName: run.stations[index]?.thingName ?? station.clientId,
        state: station.state,
        sent: station.sent,
        acknowledged: station.acknowledged,
        failed: station.failed,
        // The replayer's rate covers the last seconds; once the run has ended, nothing flows.
        rate: run.final ? 0 : station.rate,
        lastTime: station.lastTime,
        lastAirTemperature: station.lastAirTemperature,
        passes: station.passes,
        total: run.stations[index]?.total ?? 0,
        error: station.error,
      })),
    };
  };

  const publishStatus = (): ReplayStatus => {
    const next = status();
    emit({ name: 'replay.progress', payload: next });
    return next;
  };

  const active = (): RunningReplay | undefined => (current && !current.final ? current : undefined);

  const requireActive = (): RunningReplay => {
    const run = active();
    if (!run) throw new ApiError('NoReplay', 'No replay is running: start one first.');
    return run;
  };

  const start = async (input: ReplayStartInput): Promise<ReplayStatus> => {
    if (active())
      throw new ApiError('ReplayRunning', 'A replay is already running: stop it before starting another.');
    const endpoints = options.endpoints();
    if (!endpoints?.mqtt) {
      throw new ApiError(
        'CloudNotRunning',
        'The local cloud is not running: its MQTT endpoint cannot be reached.',
      );
    }
    const year = input.year ?? STATION_CATALOG.defaultYear;
    const stationIds = resolveStations(input.stations);

    const missingData = stationIds.filter((id) => !existsSync(labStationFile(labDir, id, year)));
    if (missingData.length > 0) {
      throw new ApiError(
        'StationDataMissing',
        `The readings of ${listIds(missingData)} for ${year} are not in the lab folder: fetch them first.`,
      );
    }
    const things = stationIds.map((id) => ({ stationId: id, thingName: thingNameOf(id) }));
    const withoutCertificate = things.filter(({ thingName }) => {
      const files = deviceFiles(labDir, thingName);
      return !existsSync(files.certificateFile) || !existsSync(files.privateKeyFile);
    });
    if (withoutCertificate.length > 0) {
      throw new ApiError(
        'FleetNotProvisioned',
        `The fleet is not provisioned yet: ${listIds(withoutCertificate.map((t) => t.thingName))} ` +
          `${withoutCertificate.length === 1 ? 'has' : 'have'} no certificate in ${devicesDir(labDir)}. ` +
          'Provision the fleet first ("Do it for me").',
      );
    }

    const limit = input.limit;
    const feeds: StationFeed[] = things.map(({ stationId, thingName }) => {
      const files = deviceFiles(labDir, thingName);
      return {
        stationId,
        device: {
          clientId: thingName,
          certificatePem: readFileSync(files.certificateFile, 'utf8'),
          privateKeyPem: readFileSync(files.privateKeyFile, 'utf8'),
        },
        readings: limited(isdFileReadings(labStationFile(labDir, stationId, year)), limit),
      };
    });
    const totals = await Promise.all(
      stationIds.map(async (id) => {
        const readings = await countReadings(labStationFile(labDir, id, year));
        return limit === undefined ? readings : Math.min(limit, readings);
      }),
    );
    // The counting awaited: another start may have won the race meanwhile.
    if (active())
      throw new ApiError('ReplayRunning', 'A replay is already running: stop it before starting another.');

    const settings: ReplaySettings = {
      topic: input.topic ?? DEFAULT_REPLAY_TOPIC,
      pace: input.pace,
      timestamps: input.timestamps,
      loop: input.loop,
      limit,
      year,
    };
    let replay: Replay;
    try {
      replay = startReplay(feeds, {
        endpoint: {
          host: endpoints.mqtt.host,
          port: endpoints.mqtt.port,
          caPem: readFileSync(endpoints.mqtt.caFile, 'utf8'),
        },
        topic: settings.topic,
        pace: settings.pace,
        timestamps: settings.timestamps,
        loop: settings.loop,
      });
    } catch (error) {
      if (error instanceof RangeError) throw new ApiError('InvalidPace', error.message);
      throw error;
    }
    const run: RunningReplay = {
      replay,
      settings,
      stations: things.map(({ thingName }, index) => ({ thingName, total: totals[index] ?? 0 })),
      startedAt: new Date().toISOString(),
      paused: false,
      stopRequested: false,
    };
    current = run;
    replay.events.on('progress', () => {
      if (current === run && !run.final) publishStatus();
    });
    replay.events.on('finished', (final) => {
      run.final = final;
      run.endedAt = new Date().toISOString();
      if (current === run) publishStatus();
    });
    replay.done.catch((error: unknown) =>
      log(`replay: ${error instanceof Error ? error.message : String(error)}`),
    );
    return publishStatus();
  };

  const stop = async (): Promise<ReplayStatus> => {
    const run = requireActive();
    run.stopRequested = true;
    run.paused = false;
    publishStatus();
    await run.replay.stop();
    return status();
  };

  return {
    start,
    pause() {
      const run = requireActive();
      if (!run.stopRequested && !run.paused) {
        run.paused = true;
        run.replay.pause();
      }
      return publishStatus();
    },
    resume() {
      const run = requireActive();
      if (!run.stopRequested && run.paused) {
        run.paused = false;
        run.replay.resume();
      }
      return publishStatus();
    },
    stop,
    status,
    async close() {
      const run = active();
      if (!run) return;
      run.stopRequested = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log(`replay: the devices did not disconnect within ${CLOSE_TIMEOUT_MS / 1000} s; stopping anyway.`);
          resolve();
        }, CLOSE_TIMEOUT_MS);
      });
      await Promise.race([run.replay.stop().then(() => undefined), timeout]);
      clearTimeout(timer);
    },
  };
}
