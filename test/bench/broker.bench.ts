/**
 * Broker benchmark (issue: devices). Five stations replay the whole lab year (132,246 readings) as fast
 * as QoS 1 acknowledgements allow, with the same device-SDK publishers, through our broker (mTLS, IoT
 * policy checks, the rules hook) and through Debian's mosquitto with TLS client certificates.
 * The devices publish from a child process, so the broker under test has the main thread to itself, as
 * mosquitto has its own process. Prints JSON: messages/s per run, medians and their ratio (runs
 * alternate, same machine, same run).
 *   node --import tsx test/bench/broker.bench.ts [--runs 3] [--per-station N]
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { S3Client } from '@aws-sdk/client-s3';
import { fork, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { provisionFleet } from '../../electron/stations/fleet/index.js';
import type { DeviceEndpoint, StationProgress } from '../../electron/stations/replay/index.js';
import type { ReplayWorkerData } from './replay-worker.js';
import { STATION_YEARS, locateNoaaFixtures } from '../stations/noaa-fixtures.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'per-station': { type: 'string' } },
});
const runs = Number(values.runs);
const perStation = values['per-station'] ? Number(values['per-station']) : Infinity;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const fixtures = locateNoaaFixtures();
  if (!fixtures.available) throw new Error(fixtures.missingMessage);
  const labDir = mkdtempSync(path.join(tmpdir(), 'iotlab-bench-broker-'));
  const cloud = await createLocalCloud({ dir: labDir, mqttPort: 0 });
  const config = {
    endpoint: cloud.endpoints.endpoint,
    region: cloud.endpoints.region,
    credentials: cloud.endpoints.credentials,
  };
  const fleet = await provisionFleet({
    iot: new IoTClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
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

  // mosquitto with the same server certificate (covers localhost) and the lab CA for client certificates.
  const pki = await cloud.registry.pki();
  const mosquittoDir = mkdtempSync(path.join(tmpdir(), 'iotlab-bench-mosquitto-'));
  chmodSync(mosquittoDir, 0o755);
  for (const [from, to] of [
    [pki.caCertFile, 'ca.pem'],
    [pki.serverCertFile, 'server.pem'],
    [pki.serverKeyFile, 'server.key'],
  ] as const) {
    copyFileSync(from, path.join(mosquittoDir, to));
    chmodSync(path.join(mosquittoDir, to), 0o644);
  }
  const mosquittoPort = await freePort();
  writeFileSync(
    path.join(mosquittoDir, 'mosquitto.conf'),
    [
      `listener ${mosquittoPort} 127.0.0.1`,
      `cafile ${mosquittoDir}/ca.pem`,
      `certfile ${mosquittoDir}/server.pem`,
      `keyfile ${mosquittoDir}/server.key`,
      'require_certificate true',
      'allow_anonymous true',
      'max_inflight_messages 100',
      'persistence false',
      '',
    ].join('\n'),
  );
  const mosquitto = spawn('mosquitto', ['-c', path.join(mosquittoDir, 'mosquitto.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise((resolve) => setTimeout(resolve, 500));

  const measure = async (endpoint: DeviceEndpoint): Promise<number> => {
    const answer = fromDevices();
    devices.send(endpoint);
    const { seconds, final } = await answer;
    const acknowledged = final!.reduce((n, s) => n + s.acknowledged, 0);
    if (acknowledged !== total)
      throw new Error(`only ${acknowledged} of ${total} acknowledged: ${JSON.stringify(final)}`);
    return total / seconds!;
  };

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < runs; run++) {
    ours.push(await measure({ host: cloud.endpoints.mqtt.host, port: cloud.endpoints.mqtt.port, caPem }));
    theirs.push(await measure({ host: 'localhost', port: mosquittoPort, caPem }));
  }
  mosquitto.kill();
  devices.kill();
  await cloud.stop();
  rmSync(labDir, { recursive: true, force: true });
  rmSync(mosquittoDir, { recursive: true, force: true });
  const oursMedian = median(ours);
  const theirsMedian = median(theirs);
  console.log(
    JSON.stringify(
      {
        benchmark: 'broker',
        messages: total,
        stations: workerData.devices.length,
        qos: 1,
        runs,
        ourBrokerMessagesPerSecond: ours.map(Math.round),
        mosquittoMessagesPerSecond: theirs.map(Math.round),
        medianOurs: Math.round(oursMedian),
        medianMosquitto: Math.round(theirsMedian),
        ratioOursToMosquitto: Number((oursMedian / theirsMedian).toFixed(3)),
        secondsForTheLabYear: Number((132_246 / oursMedian).toFixed(2)),
        targets: { ratio: '>= 0.9', secondsForTheLabYear: '< 10' },
      },
      null,
      2,
    ),
  );
}

await main();
