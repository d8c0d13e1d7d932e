import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { iotClient } from './iot-helpers.js';
import { allowAll, provisionDevice } from './mqtt-devices.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);
const paho = outsideTool('paho');

/** paho-mqtt 1.6 (Debian), an independent MQTT client: connect over mTLS, subscribe, publish QoS 1, report. */
const PAHO_SCRIPT = `
import json, ssl, sys, threading
import paho.mqtt.client as mqtt
host, port, ca, cert, key, client_id, wait = sys.argv[1:8]
result = {"connack": None, "received": [], "disconnected": False}
done = threading.Event()
def on_connect(client, userdata, flags, rc):
    result["connack"] = rc
    if rc == 0:
        client.subscribe("paho/echo", qos=1)
def on_subscribe(client, userdata, mid, granted):
    client.publish("paho/echo", json.dumps({"from": "paho"}), qos=1)
def on_message(client, userdata, message):
    result["received"].append([message.topic, message.payload.decode()])
    done.set()
def on_disconnect(client, userdata, rc):
    result["disconnected"] = True
    done.set()
client = mqtt.Client(client_id=client_id, clean_session=True)
client.tls_set(ca_certs=ca, certfile=cert, keyfile=key, cert_reqs=ssl.CERT_REQUIRED)
client.on_connect, client.on_subscribe, client.on_message, client.on_disconnect = on_connect, on_subscribe, on_message, on_disconnect
try:
    client.connect(host, int(port), keepalive=30)
    client.loop_start()
    done.wait(float(wait))
    client.loop_stop()
except Exception as error:
    result["error"] = type(error).__name__ + ": " + str(error)
print(json.dumps(result))
`;

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

async function runPaho(thingName: string, policy: object | undefined, waitSeconds: number): Promise<Record<string, unknown>> {
  const device = await provisionDevice(iotClient(cloud), { thingName, policy });
  const folder = mkdtempSync(path.join(cloud.dir, 'paho-'));
  writeFileSync(path.join(folder, 'certificate.pem.crt'), device.certificatePem);
  writeFileSync(path.join(folder, 'private.pem.key'), device.privateKeyPem, { mode: 0o600 });
  const { stdout } = await run(paho.command, [
    '-c',
    PAHO_SCRIPT,
    cloud.endpoints.mqtt.host,
    String(cloud.endpoints.mqtt.port),
    cloud.endpoints.mqtt.caFile,
    path.join(folder, 'certificate.pem.crt'),
    path.join(folder, 'private.pem.key'),
    thingName,
    String(waitSeconds),
  ]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.skipIf(!paho.available)('the MQTT broker with paho (an independent client)', () => {
  it('accepts a registered certificate with hostname verification, and echoes a QoS 1 message', async () => {
    const result = await runPaho('paho-ok', allowAll(), 10);
    expect(result.connack).toBe(0);
    expect(result.received).toEqual([['paho/echo', '{"from": "paho"}']]);
  });

  it('closes the connection of a certificate with no policy, without a CONNACK', async () => {
    const result = await runPaho('paho-nopolicy', undefined, 2);
    expect(result.connack).toBeNull();
    expect(result.received).toEqual([]);
  });
});
