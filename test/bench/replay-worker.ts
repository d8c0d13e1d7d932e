/**
 * The benchmark's devices, in their own process (as real devices are other machines): loads the station
 * files, waits for "go", replays at full speed to the endpoint it is given, posts the final progress.
 */
import path from 'node:path';
import { readIsdFile } from '../../electron/stations/isd/index.js';
import {
  startReplay,
  type DeviceEndpoint,
  type DeviceIdentity,
  type ReplayReading,
} from '../../electron/stations/replay/index.js';

export interface ReplayWorkerData {
  isdDir: string;
  perStation: number | null;
  devices: Array<{ stationId: string; stem: string; device: DeviceIdentity }>;
}

const data = JSON.parse(process.argv[2]!) as ReplayWorkerData;
// JSON has no Infinity: a missing limit means every reading.
const perStation = data.perStation ?? Number.POSITIVE_INFINITY;
const readings = new Map<string, ReplayReading[]>();
for (const { stationId, stem } of data.devices) {
  const list: ReplayReading[] = [];
  for await (const reading of readIsdFile(path.join(data.isdDir, `${stem}.gz`))) {
    if (list.length >= perStation) break;
    list.push({ recordedAt: Date.parse(reading.time), reading });
  }
  readings.set(stationId, list);
}
process.send!({ kind: 'ready', total: [...readings.values()].reduce((n, l) => n + l.length, 0) });
process.on('message', (endpoint: DeviceEndpoint) => {
  const started = performance.now();
  const replay = startReplay(
    data.devices.map(({ stationId, device }) => ({
      stationId,
      device,
      readings: async function* () {
        yield* readings.get(stationId)!;
      },
    })),
    { endpoint, pace: { kind: 'max' }, timestamps: 'recorded' },
  );
  void replay.done.then((final) =>
    process.send!({ kind: 'done', seconds: (performance.now() - started) / 1000, final }),
  );
});
