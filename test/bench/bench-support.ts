/** What the benchmarks share: a provisioned lab, devices in their own process, a mosquitto to compare with. */
import { IoTClient } from '@aws-sdk/client-iot';
import { S3Client } from '@aws-sdk/client-s3';
import { fork, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalCloud, type LocalCloud } from '../../electron/cloud/index.js';
import { provisionFleet } from '../../electron/stations/fleet/index.js';
import type { DeviceEndpoint, StationProgress } from '../../electron/stations/replay/index.js';
import { STATION_YEARS, locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import type { ReplayWorkerData } from './replay-worker.js';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux; undefined
 * elsewhere): what each side of a comparison costs on a machine whose cores everything shares.
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BenchLab {
  cloud: LocalCloud;
  sdkConfig: { endpoint: string; region: string; credentials: LocalCloud['endpoints']['credentials'] };
  caPem: string;
  /** Readings the devices hold, all stations together. */
  total: number;
  /** Replays every reading as fast as acknowledgements allow; resolves with the devices' own timing. */
  replay(endpoint: DeviceEndpoint): Promise<{ seconds: number; final: StationProgress[] }>;
  ourEndpoint(): DeviceEndpoint;
  /** The devices' process (for its CPU time). */
  devicesPid: number | undefined;
  close(): Promise<void>;
}

/** A local cloud with the five-station fleet provisioned, and the devices loaded in a child process. */
export async function openBenchLab(perStation: number): Promise<BenchLab> {
  const fixtures = locateNoaaFixtures();
  if (!fixtures.available) throw new Error(fixtures.missingMessage);
  const labDir = mkdtempSync(path.join(tmpdir(), 'iotlab-bench-'));
  const cloud = await createLocalCloud({ dir: labDir, mqttPort: 0 });
  const sdkConfig = {
    endpoint: cloud.endpoints.endpoint,
    region: cloud.endpoints.region,
    credentials: cloud.endpoints.credentials,
  };
  const fleet = await provisionFleet({
    iot: new IoTClient(sdkConfig),
    s3: new S3Client({ ...sdkConfig, forcePathStyle: true }),
    accountId: cloud.endpoints.accountId,
    stations: STATION_YEARS.map((stem) => ({ stationId: stem.slice(0, 12) })),
    devicesDir: path.join(labDir, 'devices'),
    templatesBucket: 'bench-templates',
  });
  const workerData: ReplayWorkerData = {
    isdDir: fixtures.isdDir,
    perStation: Number.isFinite(perStation) ? perStation : null,
    devices: fleet.devices.map((device) => ({
      stationId: device.stationId,
      stem: STATION_YEARS.find((stem) => stem.startsWith(device.stationId))!,
      device: {
        clientId: device.thingName,
        certificatePem: readFileSync(device.certificateFile, 'utf8'),
        privateKeyPem: readFileSync(device.privateKeyFile, 'utf8'),
      },
    })),
  };
  // The devices publish from their own process, as real devices are other machines.
  const devices = fork(new URL('./replay-worker.ts', import.meta.url), [JSON.stringify(workerData)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const fromDevices = () =>
    new Promise<{ kind: string; total?: number; seconds?: number; final?: StationProgress[] }>((resolve) =>
      devices.once('message', resolve),
    );
  const total = (await fromDevices()).total!;
  const caPem = readFileSync(cloud.endpoints.mqtt.caFile, 'utf8');
  return {
    cloud,
    sdkConfig,
    caPem,
    total,
    async replay(endpoint) {
      const answer = fromDevices();
      devices.send(endpoint);
      const { seconds, final } = await answer;
      const acknowledged = final!.reduce((n, s) => n + s.acknowledged, 0);
      if (acknowledged !== total)
        throw new Error(`only ${acknowledged} of ${total} acknowledged: ${JSON.stringify(final)}`);
      return { seconds: seconds!, final: final! };
    },
    ourEndpoint: () => ({ host: cloud.endpoints.mqtt.host, port: cloud.endpoints.mqtt.port, caPem }),
    devicesPid: devices.pid,
    async close() {
      devices.kill();
      await cloud.stop();
      rmSync(labDir, { recursive: true, force: true });
    },
  };
}

/** Debian's mosquitto with TLS client certificates: the lab's server certificate, and the lab CA for clients. */
export async function startMosquitto(
  cloud: LocalCloud,
): Promise<{ endpoint: (caPem: string) => DeviceEndpoint; pid: number | undefined; stop(): void }> {
  const pki = await cloud.registry.pki();
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-bench-mosquitto-'));
  // mosquitto started as root drops to its own user: its files must be readable by it.
  chmodSync(dir, 0o755);
  for (const [from, to] of [
    [pki.caCertFile, 'ca.pem'],
    [pki.serverCertFile, 'server.pem'],
    [pki.serverKeyFile, 'server.key'],
  ] as const) {
    copyFileSync(from, path.join(dir, to));
    chmodSync(path.join(dir, to), 0o644);
  }
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'mosquitto.conf'),
    [
      `listener ${port} 127.0.0.1`,
      `cafile ${dir}/ca.pem`,
      `certfile ${dir}/server.pem`,
      `keyfile ${dir}/server.key`,
      'require_certificate true',
      'allow_anonymous true',
      'max_inflight_messages 100',
      'max_queued_messages 0',
      'persistence false',
      '',
    ].join('\n'),
  );
  const mosquitto = spawn('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  mosquitto.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  for (let attempt = 0; attempt < 50; attempt++) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = createServer();
      socket.once('error', () => resolve(true));
      socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
    });
    if (listening) break;
    if (mosquitto.exitCode !== null) throw new Error(`mosquitto did not start: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint: (caPem) => ({ host: 'localhost', port, caPem }),
    pid: mosquitto.pid,
    stop() {
      mosquitto.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
