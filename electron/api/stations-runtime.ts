import { ListThingPrincipalsCommand } from '@aws-sdk/client-iot';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { CloudClients } from '../aws/client-factory.js';
import { errorMessage, errorName } from '../aws/sdk-errors.js';
import {
  STATION_CATALOG,
  fetchStationYears,
  findBundledMirror,
  findStation,
  isHttpUrl,
  labStationFile,
  type FetchProgress,
} from '../stations/fetch/index.js';
import { fleetThingNames, provisionFleet } from '../stations/fleet/index.js';
import { readIsdLines } from '../stations/isd/index.js';
import type {
  CloudEndpoints,
  DeviceStatus,
  FleetProvisionInput,
  FleetReport,
  FleetResource,
  FleetStep,
  StationFetchOutcome,
  StationFetchProgress,
  StationInfo,
  StationsFetchInput,
  StationsFetchResult,
  StationsOverview,
} from './contract.js';
import { ApiError, type LabEvent } from './handlers/types.js';

/**
 * The stations as the API serves them: what the lab folder holds (station-year files, device
 * certificates), what the registry knows (things and their certificates, asked through the SDK),
 * fetching files and provisioning the fleet, one at a time each.
 */
export interface StationsRuntime {
  list(year?: number): Promise<StationsOverview>;
  fetch(input: StationsFetchInput): Promise<StationsFetchResult>;
  provision(input: FleetProvisionInput): Promise<FleetReport>;
  /** Aborts a fetch in progress. */
  stop(): Promise<void>;
}

export interface StationsRuntimeOptions {
  labDir: string;
  /** The running cloud's endpoints; undefined while it is not running. */
  endpoints(): CloudEndpoints | undefined;
  /** The SDK clients of the running cloud; throws `CloudNotRunning` otherwise. */
  clients(): CloudClients;
  emit(event: LabEvent): void;
  log(line: string): void;
}

/** The lab's devices: `<labDir>/devices/<thingName>/{certificate.pem.crt,private.pem.key}`. */
export function devicesDir(labDir: string): string {
  return path.join(labDir, 'devices');
}

export function deviceFiles(
  labDir: string,
  thingName: string,
): { certificateFile: string; privateKeyFile: string } {
  const folder = path.join(devicesDir(labDir), thingName);
  return {
    certificateFile: path.join(folder, 'certificate.pem.crt'),
    privateKeyFile: path.join(folder, 'private.pem.key'),
  };
}

/** Station id → thing name, the pairing `provisionFleet` uses. */
export const STATION_THINGS: ReadonlyMap<string, string> = fleetThingNames(
  STATION_CATALOG.stations.map((station) => ({ stationId: station.id })),
);

export function thingNameOf(stationId: string): string {
  const thingName = STATION_THINGS.get(stationId);
  if (!thingName) throw new ApiError('UnknownStation', unknownStationMessage(stationId));
  return thingName;
}

function unknownStationMessage(stationId: string): string {
  const known = STATION_CATALOG.stations.map((station) => station.id).join(', ');
  return `${stationId} is not one of the lab's stations (${known}).`;
}

/** The requested stations in catalog order, all of them when none are named. */
export function resolveStations(ids: readonly string[] | undefined): string[] {
  const all = STATION_CATALOG.stations.map((station) => station.id);
  if (!ids) return all;
  for (const id of ids) if (!findStation(id)) throw new ApiError('UnknownStation', unknownStationMessage(id));
  return all.filter((id) => ids.includes(id));
}

const readingCounts = new Map<string, { size: number; mtimeMs: number; readings: number }>();

/** Readings in a station-year file; counted once per version of the file (about 60 ms a year). */
export async function countReadings(file: string): Promise<number> {
  const { size, mtimeMs } = await stat(file);
  const known = readingCounts.get(file);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.readings;
  let readings = 0;
  for await (const _line of readIsdLines(file)) readings++;
  readingCounts.set(file, { size, mtimeMs, readings });
  return readings;
}

/** AWS IoT's certificate id is the SHA-256 of the certificate's DER, in lowercase hex. */
function certificateIdOf(pem: string): string | undefined {
  try {
    return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
  } catch {
    return undefined;
  }
}


/** `~/x` is what students type for their home folder. */
function expandHome(location: string): string {
  return location === '~' || location.startsWith('~/') ? path.join(homedir(), location.slice(1)) : location;
}

/** The library reports steps as text; the UI gets them structured, to say them in its language. */
export function describeFleetStep(text: string): FleetStep {
  const patterns: Array<[RegExp, (match: RegExpExecArray) => FleetStep]> = [
    [/^Thing type (.+)$/, (m) => ({ kind: 'thing-type', name: m[1] ?? '' })],
    [/^Policy (.+)$/, (m) => ({ kind: 'policy', name: m[1] ?? '' })],
    [/^Templates bucket (.+)$/, (m) => ({ kind: 'bucket', name: m[1] ?? '' })],
    [/^Bulk registration task (.+) started$/, (m) => ({ kind: 'registration-started', taskId: m[1] ?? '' })],
    [/^Bulk registration: (\d+)%$/, (m) => ({ kind: 'registration-progress', percent: Number(m[1]) })],
    [/^Certificate for (.+)$/, (m) => ({ kind: 'certificate', thingName: m[1] ?? '' })],
  ];
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return { kind: 'other', text };
}

export function describeFleetResource(text: string): FleetResource {
  const registration = /^bulk registration (\S+) \((\d+) things\)$/.exec(text);
  if (registration)
    return { kind: 'registration', taskId: registration[1] ?? '', things: Number(registration[2]) };
  const patterns: Array<[RegExp, 'thing-type' | 'policy' | 'bucket' | 'certificate']> = [
    [/^thing type (.+)$/, 'thing-type'],
    [/^policy (.+)$/, 'policy'],
    [/^bucket (.+)$/, 'bucket'],
    [/^certificate of (.+)$/, 'certificate'],
  ];
  for (const [pattern, kind] of patterns) {
    const match = pattern.exec(text);
    if (match) return { kind, name: match[1] ?? '' };
  }
  return { kind: 'other', text };
}

/** Transfer progress is sent at most this often per station: a local copy reports every 64 KiB. */
const TRANSFER_EVENT_INTERVAL_MS = 100;

export function createStationsRuntime(options: StationsRuntimeOptions): StationsRuntime {
  const { labDir, emit } = options;
  let fetching: AbortController | undefined;
  let provisioning = false;

  const deviceOnDisk = (thingName: string): { onDisk: boolean; certificateId?: string } => {
    const { certificateFile, privateKeyFile } = deviceFiles(labDir, thingName);
    if (!existsSync(certificateFile) || !existsSync(privateKeyFile)) return { onDisk: false };
    return { onDisk: true, certificateId: certificateIdOf(readFileSync(certificateFile, 'utf8')) };
  };

  /** Asks the registry through the SDK, as the student's own tools would. */
  const deviceStatus = async (
    thingName: string,
    certificateId: string | undefined,
  ): Promise<DeviceStatus> => {
    if (!options.endpoints()) return 'unknown';
    try {
      const { principals = [] } = await options
        .clients()
        .iot()
        .send(new ListThingPrincipalsCommand({ thingName }));
      const attached =
        certificateId !== undefined && principals.some((arn) => arn.endsWith(`/${certificateId}`));
      return attached ? 'ready' : 'no-certificate';
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return 'not-provisioned';
      options.log(`stations.list: ListThingPrincipals ${thingName}: ${errorMessage(error)}`);
      return 'unknown';
    }
  };

  const list = async (year = STATION_CATALOG.defaultYear): Promise<StationsOverview> => {
    const stations = await Promise.all(
      STATION_CATALOG.stations.map(async (station): Promise<StationInfo> => {
        const file = labStationFile(labDir, station.id, year);
        const bytes = await stat(file).then(
          (info) => (info.isFile() ? info.size : undefined),
          () => undefined,
        );
        const readings = bytes === undefined ? undefined : await countReadings(file).catch(() => undefined);
        const thingName = thingNameOf(station.id);
        const disk = deviceOnDisk(thingName);
        return {
          id: station.id,
          name: station.name,
          country: station.country,
          icao: station.icao,
          latitude: station.latitude,
          longitude: station.longitude,
          elevation: station.elevation,
          data: { present: bytes !== undefined, file, bytes, readings },
          device: {
            thingName,
            status: await deviceStatus(thingName, disk.certificateId),
            certificateOnDisk: disk.onDisk,
          },
        };
      }),
    );
    return {
      year,
      stations,
      fleetReady: stations.every((station) => station.device.status === 'ready'),
      devicesDir: devicesDir(labDir),
    };
  };

  const checkMirror = async (location: string): Promise<string> => {
    if (isHttpUrl(location)) return location;
    const folder = expandHome(location);
    if (!path.isAbsolute(folder)) {
      throw new ApiError(
        'InvalidMirror',
        `The mirror "${location}" is neither a folder's full path (e.g. /media/usb/noaa) nor an http(s) URL.`,
      );
    }
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new ApiError(
        'MirrorNotFound',
        `There is no folder at ${folder}: check the mirror's path (is the USB stick plugged in?).`,
      );
    }
    return folder;
  };

  const fetch = async (input: StationsFetchInput): Promise<StationsFetchResult> => {
    if (fetching)
      throw new ApiError('Busy', 'Station readings are already being fetched: wait for it to finish.');
    const stationIds = resolveStations(input.stations);
    // NOAA's archive, unless the readings were bundled into this build (a classroom without network).
    const mirror =
      input.source.kind === 'mirror'
        ? await checkMirror(input.source.location)
        : findBundledMirror(stationIds, input.year);
    const { year } = input;
    const controller = new AbortController();
    fetching = controller;
    const lastTransfer = new Map<string, number>();
    const report = (progress: FetchProgress): void => {
      const { stationId } = progress;
      const base = { stationId, year };
      let payload: StationFetchProgress;
      switch (progress.phase) {
        case 'start':
        case 'verify':
          payload = { ...base, phase: progress.phase };
          break;
        case 'source':
          payload = { ...base, phase: 'source', source: progress.source };
          break;
        case 'transfer': {
          const now = Date.now();
          const last = lastTransfer.get(stationId) ?? 0;
          if (now - last < TRANSFER_EVENT_INTERVAL_MS && progress.bytes !== progress.totalBytes) return;
          lastTransfer.set(stationId, now);
          payload = { ...base, phase: 'transfer', bytes: progress.bytes, totalBytes: progress.totalBytes };
          break;
        }
        case 'done':
          payload = { ...base, phase: 'done', bytes: progress.bytes, readings: progress.records };
          break;
        case 'failed':
          payload = { ...base, phase: 'failed', error: progress.error.message };
          break;
      }
      emit({ name: 'stations.fetchProgress', payload });
    };
    try {
      const outcomes = await fetchStationYears({
        stationIds,
        year,
        labDir,
        mirror,
        onProgress: report,
        signal: controller.signal,
      });
      return {
        year,
        outcomes: outcomes.map((outcome): StationFetchOutcome =>
          outcome.ok
            ? {
                stationId: outcome.stationId,
                ok: true,
                source: outcome.fetched.source,
                bytes: outcome.fetched.bytes,
                readings: outcome.fetched.records,
              }
            : { stationId: outcome.stationId, ok: false, error: outcome.error.message },
        ),
      };
    } catch (error) {
      if (controller.signal.aborted)
        throw new ApiError('Aborted', 'The fetch was stopped: IoT Lab is closing.');
      throw error;
    } finally {
      fetching = undefined;
    }
  };

  const provision = async ({ templatesBucket }: FleetProvisionInput): Promise<FleetReport> => {
    if (provisioning)
      throw new ApiError('Busy', 'The fleet is already being provisioned: wait for it to finish.');
    const endpoints = options.endpoints();
    if (!endpoints)
      throw new ApiError(
        'CloudNotRunning',
        'The local cloud is not running: the fleet cannot be provisioned.',
      );
    const bucket = templatesBucket ?? `iot-tutorial-things-template-${endpoints.accountId}`;
    const step = (next: FleetStep): void =>
      emit({ name: 'fleet.progress', payload: { at: new Date().toISOString(), step: next } });
    provisioning = true;
    try {
      const clients = options.clients();
      const report = await provisionFleet({
        iot: clients.iot(),
        s3: clients.s3(),
        accountId: endpoints.accountId,
        stations: [...STATION_THINGS.keys()].map((stationId) => ({ stationId })),
        devicesDir: devicesDir(labDir),
        templatesBucket: bucket,
        onProgress: (text) => step(describeFleetStep(text)),
      });
      step({ kind: 'done', created: report.created.length, reused: report.reused.length });
      return {
        templatesBucket: bucket,
        devices: report.devices.map(({ stationId, thingName, certificateId }) => ({
          stationId,
          thingName,
          certificateId,
        })),
        created: report.created.map(describeFleetResource),
        reused: report.reused.map(describeFleetResource),
      };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const message = `Provisioning the fleet stopped: ${errorMessage(error)}. What it created is kept: run it again to finish.`;
      step({ kind: 'failed', message });
      throw new ApiError('ProvisioningFailed', message);
    } finally {
      provisioning = false;
    }
  };

  return {
    list,
    fetch,
    provision,
    async stop() {
      fetching?.abort();
    },
  };
}
