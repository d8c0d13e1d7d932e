import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateTopicRuleCommand, type IoTClient } from '@aws-sdk/client-iot';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMqttTestClient,
  connectWithSigV4,
  type SigV4WebSocketTarget,
} from '../../electron/api/mqtt-client.js';
import type { LabEvent } from '../../electron/api/handlers/types.js';
import { createCloudClients } from '../../electron/aws/client-factory.js';
import type { DeviceConnection } from '../../electron/stations/replay/index.js';
import { sdkConfig, startTestCloud } from '../helpers/local-cloud.js';
import { iotClient, labCaPem, labRoleArn } from './iot-helpers.js';
import { allowAll, connectAs, provisionDevice, until } from './mqtt-devices.js';

/**
 * MQTT over WebSocket signed with SigV4, as AWS IoT Core serves it: the device SDK's own WebSocket
 * builder signs the upgrade with the lab's credentials (or a session's, token appended after signing),
 * trusts the lab CA, and then talks to the same broker as mTLS devices, through the same rules.
 */

type TestCloud = Awaited<ReturnType<typeof startTestCloud>>;
let cloud: TestCloud;
let iot: IoTClient;
let device: DeviceConnection;
const deviceInbox: Array<{ topic: string; payload: string }> = [];
const opened: DeviceConnection[] = [];

function webSocketTarget(credentials: SigV4WebSocketTarget['credentials']): SigV4WebSocketTarget {
  const { mqttWebSocket, region } = cloud.endpoints;
  return { host: mqttWebSocket.host, port: mqttWebSocket.port, region, credentials, caPem: labCaPem(cloud) };
}

async function openWebSocket(
  clientId: string,
  credentials: SigV4WebSocketTarget['credentials'] = cloud.endpoints.credentials,
): Promise<DeviceConnection> {
  const connection = await connectWithSigV4(webSocketTarget(credentials), clientId);
  opened.push(connection);
  return connection;
}

/** The HTTP status of an upgrade to `path?query` (101 when it becomes a WebSocket). */
function upgradeStatus(pathAndQuery: string): Promise<number> {
  const { mqttWebSocket } = cloud.endpoints;
  return new Promise((resolve, reject) => {
    const request = https.request({
      host: '127.0.0.1',
      servername: mqttWebSocket.host,
      port: mqttWebSocket.port,
      path: pathAndQuery,
      ca: labCaPem(cloud),
      headers: {
        host: `${mqttWebSocket.host}:${mqttWebSocket.port}`,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        'sec-websocket-protocol': 'mqtt',
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

/** A URL presigned by the SDK v3 signer (a second, independent SigV4 implementation). */
async function presignedPath(
  options: { secretAccessKey?: string; signedAt?: Date; expiresIn?: number } = {},
): Promise<string> {
  const { mqttWebSocket, region, credentials } = cloud.endpoints;
  const host = `${mqttWebSocket.host}:${mqttWebSocket.port}`;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? credentials.secretAccessKey,
    },
    region,
    service: 'iotdevicegateway',
    sha256: Sha256,
  });
  const signed = await signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: 'https:',
      hostname: mqttWebSocket.host,
      port: mqttWebSocket.port,
      path: '/mqtt',
      headers: { host },
    }),
    { signingDate: options.signedAt, expiresIn: options.expiresIn },
  );
  const query = Object.entries(signed.query ?? {}).map(
    ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`,
  );
  return `/mqtt?${query.join('&')}`;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  const identity = await provisionDevice(iot, { thingName: 'ws-peer-device', policy: allowAll() });
  device = await connectAs(cloud, identity);
  await device.subscribe('ws/from-websocket/#', 1, (topic, payload) =>
    deviceInbox.push({ topic, payload: payload.toString() }),
  );
}, 30_000);

afterAll(async () => {
  for (const connection of opened) await connection.disconnect().catch(() => undefined);
  await device?.disconnect().catch(() => undefined);
  await cloud?.dispose();
});

describe('MQTT over WebSocket (SigV4) with the device SDK', () => {
  it('publishes the endpoint: wss://localhost:<port>/mqtt with the lab CA', () => {
    expect(cloud.endpoints.mqttWebSocket).toMatchObject({
      host: 'localhost',
      path: '/mqtt',
      caFile: cloud.endpoints.mqtt.caFile,
    });
    expect(cloud.endpoints.mqttWebSocket.port).toBeGreaterThan(0);
  });

  it('signed with the lab credentials: receives what an mTLS device publishes, and the device receives it', async () => {
    const ws = await openWebSocket('ws-client-1');
    const inbox: Array<{ topic: string; payload: string; qos: number }> = [];
    await ws.subscribe('ws/to-websocket/+', 1, (topic, payload, delivery) =>
      inbox.push({ topic, payload: payload.toString(), qos: delivery.qos }),
    );
    await device.publish('ws/to-websocket/a', '{"from":"device"}', 1);
    await until(() => inbox.length === 1, 'the device message over WebSocket');
    expect(inbox).toEqual([{ topic: 'ws/to-websocket/a', payload: '{"from":"device"}', qos: 1 }]);

    await ws.publish('ws/from-websocket/b', '{"from":"websocket"}', 1);
    await until(
      () => deviceInbox.some((m) => m.topic === 'ws/from-websocket/b'),
      'the WebSocket message at the device',
    );
    expect(deviceInbox.find((m) => m.topic === 'ws/from-websocket/b')?.payload).toBe('{"from":"websocket"}');
  });

  it('its messages go through the rules engine, with clientid() and principal() = the IAM user id', async () => {
    await iot.send(
      new CreateTopicRuleCommand({
        ruleName: 'ws_republish',
        topicRulePayload: {
          sql: "SELECT *, clientid() AS client, principal() AS who FROM 'ws/rule/in'",
          awsIotSqlVersion: '2016-03-23',
          actions: [
            { republish: { roleArn: labRoleArn(cloud), topic: 'ws/from-websocket/rule-out', qos: 1 } },
          ],
        },
      }),
    );
    const { UserId } = await new STSClient(sdkConfig(cloud)).send(new GetCallerIdentityCommand({}));
    const ws = await openWebSocket('ws-client-rules');
    await ws.publish('ws/rule/in', '{"temperature":-7}', 1);
    await until(
      () => deviceInbox.some((m) => m.topic === 'ws/from-websocket/rule-out'),
      'the republished message',
    );
    const republished = JSON.parse(
      deviceInbox.find((m) => m.topic === 'ws/from-websocket/rule-out')!.payload,
    ) as Record<string, unknown>;
    expect(republished).toEqual({ temperature: -7, client: 'ws-client-rules', who: UserId });
    expect(UserId).toMatch(/^AIDA/);
  });

  it('accepts temporary credentials: the session token travels outside the signature', async () => {
    const session = cloud.credentials.issue(900);
    const ws = await openWebSocket('ws-client-session', session);
    const inbox: string[] = [];
    await ws.subscribe('ws/session', 0, (_topic, payload) => inbox.push(payload.toString()));
    await device.publish('ws/session', 'hello session', 1);
    await until(() => inbox.length === 1, 'the message to the session client');
  });

  it('refuses a wrong secret key (the SDK reports a failed connection; the upgrade answers 403)', async () => {
    const { accessKeyId } = cloud.endpoints.credentials;
    await expect(
      openWebSocket('ws-client-wrong', {
        accessKeyId,
        secretAccessKey: 'not-the-secret-key-000000000000000000000',
      }),
    ).rejects.toThrow();
    expect(
      await upgradeStatus(
        await presignedPath({ secretAccessKey: 'not-the-secret-key-000000000000000000000' }),
      ),
    ).toBe(403);
    expect(await upgradeStatus(await presignedPath())).toBe(101);
  });

  it('refuses an expired session token, and a session token that is not the session’s', async () => {
    const session = cloud.credentials.issue(900);
    await expect(
      openWebSocket('ws-client-forged', { ...session, sessionToken: `${session.sessionToken}x` }),
    ).rejects.toThrow();
    cloud.credentials.expireAll();
    await expect(openWebSocket('ws-client-expired', session)).rejects.toThrow();
  });

  it('refuses a presigned URL past its X-Amz-Expires, and an unsigned upgrade', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    expect(await upgradeStatus(await presignedPath({ signedAt: tenMinutesAgo, expiresIn: 60 }))).toBe(403);
    expect(await upgradeStatus(await presignedPath({ signedAt: tenMinutesAgo, expiresIn: 3600 }))).toBe(101);
    expect(await upgradeStatus('/mqtt')).toBe(403);
    expect(await upgradeStatus('/other')).toBe(404);
  });
});

describe("the app's MQTT test client in AWS mode, against the local cloud treated as AWS", () => {
  it('connects over WebSocket to the DescribeEndpoint host, signed with the session credentials', async () => {
    const session = cloud.credentials.issue(900);
    const clients = createCloudClients({
      kind: 'aws',
      region: cloud.endpoints.region,
      credentials: session,
      endpointOverride: cloud.endpoints.endpoint,
    });
    const events: LabEvent[] = [];
    const testClient = createMqttTestClient({
      labDir: cloud.dir,
      endpoints: () => cloud.endpoints,
      clients: () => clients,
      emit: (event) => events.push(event),
      log: () => undefined,
      batchIntervalMs: 10,
    });
    try {
      const status = await testClient.subscribe({ filter: 'ws/from-device-to-app', qos: 1 });
      expect(status).toMatchObject({
        state: 'connected',
        transport: 'websocket',
        endpoint: { host: 'localhost', port: cloud.endpoints.mqttWebSocket.port },
      });
      expect(status.identity).toBeUndefined();

      await device.publish('ws/from-device-to-app', '{"t":1}', 1);
      const received = () => events.flatMap((e) => (e.name === 'mqtt.messages' ? e.payload.messages : []));
      await until(() => received().length === 1, 'the message in the test client');
      expect(received()[0]).toMatchObject({
        topic: 'ws/from-device-to-app',
        payload: '{"t":1}',
        encoding: 'utf8',
      });

      await testClient.publish({ topic: 'ws/from-websocket/app', qos: 1, payload: '{"from":"app"}' });
      await until(
        () => deviceInbox.some((m) => m.topic === 'ws/from-websocket/app'),
        'the test client message at the device',
      );
    } finally {
      await testClient.close();
      clients.destroy();
    }
  });

  it('says what to check when the broker refuses the signature', async () => {
    const session = cloud.credentials.issue(900);
    const clients = createCloudClients({
      kind: 'aws',
      region: cloud.endpoints.region,
      credentials: session,
      endpointOverride: cloud.endpoints.endpoint,
    });
    // DescribeEndpoint is answered; the WebSocket upgrade is signed with a secret that is not the session's.
    const wrongSecret = { ...session, secretAccessKey: 'not-the-secret-key-000000000000000000000' };
    const testClient = createMqttTestClient({
      labDir: cloud.dir,
      endpoints: () => cloud.endpoints,
      clients: () => ({ ...clients, target: { ...clients.target, credentials: wrongSecret } }),
      emit: () => undefined,
      log: () => undefined,
    });
    try {
      await expect(testClient.connect()).rejects.toThrow(
        /refused or dropped the connection .*session's credentials current/,
      );
      expect(testClient.status()).toMatchObject({ state: 'failed', transport: 'websocket' });
    } finally {
      await testClient.close();
      clients.destroy();
    }
  });
});
