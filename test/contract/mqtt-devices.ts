import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { readFileSync } from 'node:fs';
import type { LocalCloud } from '../../electron/cloud/index.js';
import {
  connectDevice,
  type DeviceConnection,
  type DeviceIdentity,
} from '../../electron/stations/replay/index.js';

/** A thing with an ACTIVE certificate and, when given, a policy attached to the certificate. */
export async function provisionDevice(
  iot: IoTClient,
  options: { thingName: string; policy?: object; active?: boolean },
): Promise<DeviceIdentity & { certificateId: string; certificateArn: string }> {
  await iot.send(new CreateThingCommand({ thingName: options.thingName }));
  const certificate = await iot.send(
    new CreateKeysAndCertificateCommand({ setAsActive: options.active ?? true }),
  );
  await iot.send(
    new AttachThingPrincipalCommand({ thingName: options.thingName, principal: certificate.certificateArn }),
  );
  if (options.policy) {
    const policyName = `${options.thingName}-policy`;
    await iot.send(new CreatePolicyCommand({ policyName, policyDocument: JSON.stringify(options.policy) }));
    await iot.send(new AttachPolicyCommand({ policyName, target: certificate.certificateArn }));
  }
  return {
    clientId: options.thingName,
    certificatePem: certificate.certificatePem!,
    privateKeyPem: certificate.keyPair!.PrivateKey!,
    certificateId: certificate.certificateId!,
    certificateArn: certificate.certificateArn!,
  };
}

export function allowAll(): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };
}

/** Connects as a device would, with hostname verification against the endpoint DescribeEndpoint gives. */
export function connectAs(
  cloud: LocalCloud,
  device: DeviceIdentity,
  clientId = device.clientId,
  cleanSession = true,
  onMessage?: (topic: string, payload: Buffer) => void,
): Promise<DeviceConnection> {
  return connectDevice(
    {
      host: cloud.endpoints.mqtt.host,
      port: cloud.endpoints.mqtt.port,
      caPem: readFileSync(cloud.endpoints.mqtt.caFile, 'utf8'),
    },
    { ...device, clientId },
    { cleanSession, onMessage },
  );
}

export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
