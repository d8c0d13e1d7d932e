import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { STATION_CATALOG, labStationFile } from '../../stations/fetch/index.js';
import { connectDevice, type DeviceConnection } from '../../stations/replay/device-connection.js';
import { errorMessage, fail, pass, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';
import { deviceFolder, deviceIdentity } from './things.js';

/**
 * Devices at work (lessons 01 and 02): a publish loop to `hello/world`, the stations' replay, and a
 * check that listens on a topic the way the MQTT test client does, with a device certificate of
 * the lab folder.
 */

const thingName = z.string().regex(/^[a-zA-Z0-9:_-]{1,128}$/);
const topic = z.string().regex(/^[^#+$][^#+]*$/, { error: 'a topic to publish to, without wildcards' });

async function connectAs(context: StepContext, thing: string, clientId: string): Promise<DeviceConnection> {
  const identity = await deviceIdentity(context, thing);
  if (!identity) throw new DeviceFilesMissing(deviceFolder(context, thing).folder);
  const endpoint = await context.deviceEndpoint();
  return connectDevice(endpoint, { clientId, ...identity }, { cleanSession: true, keepAliveSeconds: 30 });
}

class DeviceFilesMissing extends Error {
  constructor(readonly folder: string) {
    super(`The device's certificate and private key are not in ${folder}.`);
    this.name = 'DeviceFilesMissing';
  }
}

export const messagesArrive = defineCheck({
  name: 'messages-arrive',
  summary:
    "Subscribes to `topic` with the certificate of `listenAs` (from the lab's devices folder) and waits up to `waitSeconds` for one message.",
  params: z.object({
    topic: z.string().min(1),
    listenAs: thingName,
    waitSeconds: z.number().int().min(1).max(120),
  }),
  async run(context, params) {
    let connection: DeviceConnection;
    try {
      connection = await connectAs(
        context,
        params.listenAs,
        `${params.listenAs}-check-${randomBytes(3).toString('hex')}`,
      );
    } catch (error) {
      if (error instanceof DeviceFilesMissing)
        return fail('device-files-missing', { thing: params.listenAs, folder: error.folder });
      return fail('mqtt-connect-failed', { thing: params.listenAs, message: errorMessage(error) });
    }
    try {
      const arrived = await new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => resolve(false), params.waitSeconds * 1000);
        connection
          .subscribe(params.topic, 0, () => {
            clearTimeout(timer);
            resolve(true);
          })
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
      return arrived ? pass() : fail('no-messages', { topic: params.topic, seconds: params.waitSeconds });
    } catch (error) {
      return fail('mqtt-connect-failed', { thing: params.listenAs, message: errorMessage(error) });
    } finally {
      await connection.disconnect().catch(() => undefined);
    }
  },
});

export const publishLoop = defineAutomation({
  name: 'publish-loop',
  summary:
    'Connects as `thingName` (client id = thing name, its certificate from the devices folder) and publishes `count` JSON messages to `topic`, one every `intervalMs`; returns after the first is acknowledged.',
  params: z.object({
    thingName,
    topic,
    count: z.number().int().min(1).max(1000),
    intervalMs: z.number().int().min(100).max(60_000),
  }),
  async run(context, params) {
    const key = `publish-loop:${params.thingName}`;
    await context.background.stop(key);
    const resource = { kind: 'publish-loop' as const, name: `${params.thingName} → ${params.topic}` };
    context.progress('start', resource);
    let connection: DeviceConnection;
    try {
      connection = await connectAs(context, params.thingName, params.thingName);
    } catch (error) {
      if (error instanceof DeviceFilesMissing)
        throw new Error(`${error.message} "Do it for me" on the certificate step saves them there.`, {
          cause: error,
        });
      throw error;
    }
    const message = (count: number) => JSON.stringify({ message: `Hello from ${params.thingName}`, count });
    try {
      await connection.publish(params.topic, message(0), 1);
    } catch (error) {
      await connection.disconnect().catch(() => undefined);
      throw error;
    }
    context.background.start(key, async (signal) => {
      try {
        for (let count = 1; count < params.count && !signal.aborted; count++) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, params.intervalMs);
            signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          });
          if (signal.aborted) break;
          await connection.publish(params.topic, message(count), 1);
        }
      } finally {
        await connection.disconnect().catch(() => undefined);
      }
    });
    context.started({ ...resource, data: { key } });
  },
});

export const readingsPresent = defineCheck({
  name: 'readings-present',
  summary:
    "Every station's readings for the catalog year are in the lab folder (the Stations page fetches them).",
  params: z.object({}),
  async run(context) {
    const year = STATION_CATALOG.defaultYear;
    const missing = STATION_CATALOG.stations.filter(
      (station) => !existsSync(labStationFile(context.labDir, station.id, year)),
    );
    return missing.length === 0
      ? pass()
      : fail('readings-missing', {
          stations: missing.map((station) => station.name).join(', '),
          count: missing.length,
          year,
        });
  },
});

export const startReplay = defineAutomation({
  name: 'start-replay',
  summary:
    "Starts the stations' replay at the lab's pace (one message per second per station) on `topic`, unless one runs.",
  params: z.object({ topic }),
  async run(context, params) {
    const resource = { kind: 'replay' as const, name: params.topic };
    const status = context.replay.status();
    if (status.state === 'running' || status.state === 'paused') {
      if (status.settings?.topic === params.topic) return context.reused(resource);
      throw new Error(
        `A replay is already running on ${status.settings?.topic ?? 'another topic'}: stop it on the Stations page first.`,
      );
    }
    context.progress('start', resource);
    await context.replay.start({
      topic: params.topic,
      pace: { kind: 'lab' },
      timestamps: 'recorded',
      loop: false,
    });
    context.started(resource);
  },
});
