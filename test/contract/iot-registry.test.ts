import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  DescribeEndpointCommand,
  DetachPolicyCommand,
  IoTClient,
  UpdateCertificateCommand,
  UpdateThingCommand,
} from '@aws-sdk/client-iot';
import { Aedes } from 'aedes';
import { iot as deviceIot, mqtt } from 'aws-iot-device-sdk-v2';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../electron/cloud/gateway/index.js';
import {
  createIotService,
  type CertificateStatusChange,
  type IotService,
} from '../../electron/cloud/iot/index.js';
import { openLabStorage, type LabStorage } from '../../electron/cloud/storage/index.js';

/**
 * The in-process registry the MQTT broker uses, next to the control plane that changes it: a local
 * cloud with just the IoT service, so the test holds the service object.
 */
let dir: string;
let storage: LabStorage;
let service: IotService;
let gateway: Gateway;
let client: IoTClient;
let arnPrefix: string;

const LAB_POLICY = (prefix: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${prefix}:client/\${iot:Connection.Thing.ThingName}`,
      },
      {
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: `${prefix}:topic/sensor/\${iot:Connection.Thing.Attributes[thingId]}`,
      },
      { Effect: 'Deny', Action: 'iot:Publish', Resource: `${prefix}:topic/sensor/0` },
    ],
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iotlab-registry-'));
  storage = openLabStorage(dir);
  service = createIotService({ storage });
  gateway = await createGateway({ identity: storage.identity, services: [service.endpoint] });
  const { identity } = storage;
  client = new IoTClient({
    endpoint: gateway.url,
    region: identity.region,
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
  });
  arnPrefix = `arn:aws:iot:${identity.region}:${identity.accountId}`;
});
afterAll(async () => {
  await gateway.close();
  await service.close();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function registerStation(name: string, thingId: string) {
  await client.send(
    new CreateThingCommand({
      thingName: name,
      thingTypeName: 'sensor',
      attributePayload: { attributes: { thingId } },
    }),
  );
  const certificate = await client.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  await client.send(new AttachPolicyCommand({ policyName: 'LabPolicy', target: certificate.certificateArn }));
  await client.send(
    new AttachThingPrincipalCommand({ thingName: name, principal: certificate.certificateArn }),
  );
  return certificate;
}

describe('the registry for the broker', () => {
  beforeAll(async () => {
    await client.send(new CreateThingTypeCommand({ thingTypeName: 'sensor' }));
    await client.send(
      new CreatePolicyCommand({ policyName: 'LabPolicy', policyDocument: LAB_POLICY(arnPrefix) }),
    );
  });

  it('finds a device by its certificate’s DER: status, policies, things with type and attributes', async () => {
    const certificate = await registerStation('weather-station_1', '1');
    const der = new X509Certificate(certificate.certificatePem ?? '').raw;
    expect(service.registry.certificateIdOf(der)).toBe(certificate.certificateId);
    const device = service.registry.lookupDevice(der);
    expect(device?.certificate).toMatchObject({
      certificateId: certificate.certificateId,
      certificateArn: certificate.certificateArn,
      status: 'ACTIVE',
      subject: 'CN=AWS IoT Certificate',
    });
    expect(device?.policies.map((p) => [p.policyName, p.versionId])).toEqual([['LabPolicy', '1']]);
    expect(device?.things).toEqual([
      {
        thingName: 'weather-station_1',
        thingArn: `${arnPrefix}:thing/weather-station_1`,
        thingTypeName: 'sensor',
        attributes: { thingId: '1' },
        principalType: 'NON_EXCLUSIVE_THING',
      },
    ]);
    expect(service.registry.lookupDevice('f'.repeat(64))).toBeUndefined();
  });

  it('decides with the thing policy variables and forgets its decisions when the registry changes', async () => {
    const { certificateArn = '', certificateId = '' } = await registerStation('weather-station_2', '2');
    const { registry } = service;
    const ask = (clientId: string, action: 'iot:Connect' | 'iot:Publish', resource: string) =>
      registry.isAuthorized({ certificateArn, clientId, action, resource });
    expect(ask('weather-station_2', 'iot:Connect', registry.resourceArn('client', 'weather-station_2'))).toBe(
      true,
    );
    expect(ask('intruder', 'iot:Connect', registry.resourceArn('client', 'intruder'))).toBe(false);
    expect(ask('weather-station_2', 'iot:Publish', registry.resourceArn('topic', 'sensor/2'))).toBe(true);
    expect(ask('weather-station_2', 'iot:Publish', registry.resourceArn('topic', 'sensor/3'))).toBe(false);

    const authorizationChanges: Array<readonly string[]> = [];
    registry.events.on('authorizationChanged', ({ certificateIds }) =>
      authorizationChanges.push(certificateIds),
    );
    await client.send(
      new UpdateThingCommand({
        thingName: 'weather-station_2',
        attributePayload: { attributes: { thingId: '3' } },
      }),
    );
    expect(authorizationChanges).toContainEqual([certificateId]);
    expect(ask('weather-station_2', 'iot:Publish', registry.resourceArn('topic', 'sensor/3'))).toBe(true);

    await client.send(new DetachPolicyCommand({ policyName: 'LabPolicy', target: certificateArn }));
    expect(ask('weather-station_2', 'iot:Connect', registry.resourceArn('client', 'weather-station_2'))).toBe(
      false,
    );
  });

  it('announces status changes so the broker can drop the connections of a deactivated certificate', async () => {
    const { certificateArn = '', certificateId = '' } = await registerStation('weather-station_4', '4');
    const changes: CertificateStatusChange[] = [];
    service.registry.events.on('certificateStatusChanged', (change) => changes.push(change));
    const connect = () =>
      service.registry.isAuthorized({
        certificateArn,
        clientId: 'weather-station_4',
        action: 'iot:Connect',
        resource: service.registry.resourceArn('client', 'weather-station_4'),
      });
    expect(connect()).toBe(true);
    await client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
    expect(changes).toEqual([
      { certificateId, certificateArn, previousStatus: 'ACTIVE', status: 'INACTIVE' },
    ]);
    expect(service.registry.findCertificate(certificateId)?.status).toBe('INACTIVE');
    expect(connect()).toBe(false);
    await client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }));
    expect(changes.at(-1)).toMatchObject({ previousStatus: 'INACTIVE', status: 'REVOKED' });
  });
});

describe('the lab PKI with a real device connection', () => {
  it('a device SDK client connects with mutual TLS to DescribeEndpoint’s host, hostname verification on', async () => {
    const { endpointAddress = '' } = await client.send(
      new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }),
    );
    const pki = await service.registry.pki();
    expect(pki.endpointHost).toBe(endpointAddress);
    const certificate = await client.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));

    const broker = await Aedes.createBroker();
    const peers: string[] = [];
    const server = tls.createServer(
      {
        key: readFileSync(pki.serverKeyFile),
        cert: readFileSync(pki.serverCertFile),
        ca: readFileSync(pki.caCertFile),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => {
        peers.push(service.registry.certificateIdOf(socket.getPeerCertificate(true).raw));
        broker.handle(socket);
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const config = deviceIot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder(
        certificate.certificatePem ?? '',
        certificate.keyPair?.PrivateKey ?? '',
      )
        .with_certificate_authority(readFileSync(pki.caCertFile, 'utf8'))
        .with_endpoint(endpointAddress)
        .with_port(port)
        .with_client_id('weather-station_9')
        .with_clean_session(true)
        .build();
      const connection = new mqtt.MqttClient().new_connection(config);
      await connection.connect();
      await connection.disconnect();
      expect(peers).toEqual([certificate.certificateId]);

      // The broker's certificate names only the endpoint and loopback: any other name fails verification.
      const refused = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'iot.example.com',
        ca: readFileSync(pki.caCertFile),
      });
      const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
      expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      server.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    }
  });
});
