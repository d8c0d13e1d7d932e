import { DeleteCertificateCommand, UpdateCertificateCommand } from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConnection } from '../../electron/stations/replay/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import { iotClient } from './iot-helpers.js';
import { allowAll, connectAs, provisionDevice, until } from './mqtt-devices.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
const open: DeviceConnection[] = [];
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await Promise.allSettled(open.map((c) => c.disconnect()));
  await cloud.dispose();
});

async function connected(...args: Parameters<typeof connectAs>): Promise<DeviceConnection> {
  const connection = await connectAs(...args);
  open.push(connection);
  return connection;
}

describe('the MQTT broker with the device SDK (mTLS, hostname verified)', () => {
  it('connects with an ACTIVE certificate, publishes and receives on its own subscription', async () => {
    const device = await provisionDevice(iotClient(cloud), { thingName: 'station-ok', policy: allowAll() });
    const connection = await connected(cloud, device);
    const received: string[] = [];
    await connection.subscribe('hello/#', 1, (topic, payload) =>
      received.push(`${topic} ${payload.toString()}`),
    );
    await connection.publish('hello/world', '{"n":1}', 1);
    await until(() => received.length === 1, 'the message back');
    expect(received).toEqual(['hello/world {"n":1}']);
    expect(cloud.mqttStatistics().perClient['station-ok']?.published).toBe(1);
  });

  it('hands every accepted message to the local cloud before the PUBACK', async () => {
    const device = await provisionDevice(iotClient(cloud), { thingName: 'station-hook', policy: allowAll() });
    const seen: string[] = [];
    cloud.events.on('message', (m) => {
      if (m.clientId === 'station-hook')
        seen.push(`${m.topic} ${m.payload.toString()} ${m.principal === device.certificateId}`);
    });
    const connection = await connected(cloud, device);
    await connection.publish('sensor/weather', '{"t":1}', 1);
    expect(seen).toEqual(['sensor/weather {"t":1} true']);
  });

  it('refuses an INACTIVE certificate', async () => {
    const device = await provisionDevice(iotClient(cloud), {
      thingName: 'station-inactive',
      policy: allowAll(),
      active: false,
    });
    await expect(connectAs(cloud, device)).rejects.toThrow();
  });

  it('refuses a REVOKED certificate and one that is no longer registered', async () => {
    const iot = iotClient(cloud);
    const revoked = await provisionDevice(iot, { thingName: 'station-revoked', policy: allowAll() });
    await iot.send(
      new UpdateCertificateCommand({ certificateId: revoked.certificateId, newStatus: 'REVOKED' }),
    );
    await expect(connectAs(cloud, revoked)).rejects.toThrow();

    const deleted = await provisionDevice(iot, { thingName: 'station-deleted' });
    await iot.send(
      new UpdateCertificateCommand({ certificateId: deleted.certificateId, newStatus: 'INACTIVE' }),
    );
    const { DetachThingPrincipalCommand } = await import('@aws-sdk/client-iot');
    await iot.send(
      new DetachThingPrincipalCommand({ thingName: 'station-deleted', principal: deleted.certificateArn }),
    );
    await iot.send(new DeleteCertificateCommand({ certificateId: deleted.certificateId }));
    await expect(connectAs(cloud, deleted)).rejects.toThrow();
  });

  it('closes a CONNECT without any policy, without a CONNACK', async () => {
    const device = await provisionDevice(iotClient(cloud), { thingName: 'station-nopolicy' });
    const refusedBefore = cloud.mqttStatistics().refusedConnections;
    await expect(connectAs(cloud, device)).rejects.toThrow();
    expect(cloud.mqttStatistics().refusedConnections).toBeGreaterThan(refusedBefore);
  });

  it('allows only the client id the policy variable names (${iot:Connection.Thing.ThingName})', async () => {
    const device = await provisionDevice(iotClient(cloud), {
      thingName: 'station-var',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: 'arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}',
          },
          { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' },
        ],
      },
    });
    await expect(connectAs(cloud, device, 'someone-else')).rejects.toThrow();
    const connection = await connected(cloud, device);
    await connection.publish('sensor/weather', '{}', 1);
  });

  it('disconnects a publish the policy does not allow, and an explicit Deny beats an Allow', async () => {
    const device = await provisionDevice(iotClient(cloud), {
      thingName: 'station-deny',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:*', Resource: '*' },
          { Effect: 'Deny', Action: 'iot:Publish', Resource: 'arn:aws:iot:*:*:topic/forbidden/*' },
        ],
      },
    });
    const connection = await connected(cloud, device);
    let interrupted = false;
    connection.onInterrupted(() => (interrupted = true));
    await connection.publish('allowed/topic', '{}', 1);
    void connection.publish('forbidden/topic', '{}', 1).catch(() => undefined);
    await until(() => interrupted, 'the broker to drop the connection');
    expect(cloud.mqttStatistics().perTopic['forbidden/topic']).toBeUndefined();
  });

  it('disconnects the first connection when a second one takes its client id', async () => {
    const device = await provisionDevice(iotClient(cloud), { thingName: 'station-twin', policy: allowAll() });
    const first = await connected(cloud, device);
    let firstInterrupted = false;
    first.onInterrupted(() => (firstInterrupted = true));
    await connected(cloud, device);
    await until(() => firstInterrupted, 'the takeover');
    await first.disconnect();
  });

  it('refuses a payload over 128 KB by disconnecting, and accepts 128 KB', async () => {
    const device = await provisionDevice(iotClient(cloud), { thingName: 'station-big', policy: allowAll() });
    const connection = await connected(cloud, device);
    let interrupted = false;
    connection.onInterrupted(() => (interrupted = true));
    await connection.publish('big/ok', Buffer.alloc(128 * 1024, 'a'), 1);
    void connection.publish('big/too-big', Buffer.alloc(129 * 1024, 'a'), 1).catch(() => undefined);
    await until(() => interrupted, 'the broker to drop the connection');
    expect(cloud.mqttStatistics().perTopic['big/ok']).toBe(1);
    expect(cloud.mqttStatistics().perTopic['big/too-big']).toBeUndefined();
  });

  it('keeps a persistent session (clean session false): QoS 1 messages sent while away arrive on reconnection', async () => {
    const iot = iotClient(cloud);
    const listener = await provisionDevice(iot, { thingName: 'station-persistent', policy: allowAll() });
    const sender = await provisionDevice(iot, { thingName: 'station-sender', policy: allowAll() });
    const first = await connectAs(cloud, listener, listener.clientId, false);
    await first.subscribe('persistent/#', 1, () => undefined);
    await first.disconnect();
    const publisher = await connected(cloud, sender);
    await publisher.publish('persistent/while-away', '{"queued":true}', 1);
    const received: string[] = [];
    const resumed = await connectAs(cloud, listener, listener.clientId, false, (topic, payload) =>
      received.push(`${topic} ${payload.toString()}`),
    );
    open.push(resumed);
    await until(() => received.length === 1, 'the queued message');
    expect(received).toEqual(['persistent/while-away {"queued":true}']);
  });

  it('drops the live connection of a certificate that is deactivated', async () => {
    const iot = iotClient(cloud);
    const device = await provisionDevice(iot, { thingName: 'station-deactivated', policy: allowAll() });
    const connection = await connected(cloud, device);
    let interrupted = false;
    connection.onInterrupted(() => (interrupted = true));
    await iot.send(
      new UpdateCertificateCommand({ certificateId: device.certificateId, newStatus: 'INACTIVE' }),
    );
    await until(() => interrupted, 'the connection to drop');
    await connection.disconnect();
  });
});
