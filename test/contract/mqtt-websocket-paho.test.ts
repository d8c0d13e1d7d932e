import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);
const paho = outsideTool('paho');

/**
 * An independent client: Python signs the upgrade URL by hand (SigV4 query signing, service
 * iotdevicegateway, session token appended after signing as AWS IoT wants), reports the upgrade's HTTP
 * status, then paho-mqtt 1.6 connects over websockets with it, subscribes and echoes a QoS 1 message.
 */
const PAHO_WEBSOCKET_SCRIPT = `
import datetime, hashlib, hmac, json, socket, ssl, sys, threading, urllib.parse
import paho.mqtt.client as mqtt
host, port, ca, region, key, secret, token, offset, expires, client_id, wait = sys.argv[1:12]
port, offset = int(port), int(offset)

def sign(k, msg):
    return hmac.new(k, msg.encode("utf-8"), hashlib.sha256).digest()

def presigned_path():
    at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset)
    amz_date, day = at.strftime("%Y%m%dT%H%M%SZ"), at.strftime("%Y%m%d")
    scope = day + "/" + region + "/iotdevicegateway/aws4_request"
    params = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": key + "/" + scope,
              "X-Amz-Date": amz_date, "X-Amz-SignedHeaders": "host"}
    if expires != "-":
        params["X-Amz-Expires"] = expires
    query = "&".join(urllib.parse.quote(k, safe="-_.~") + "=" + urllib.parse.quote(v, safe="-_.~") for k, v in sorted(params.items()))
    canonical = "\\n".join(["GET", "/mqtt", query, "host:" + host + ":" + str(port) + "\\n", "host", hashlib.sha256(b"").hexdigest()])
    to_sign = "\\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = sign(("AWS4" + secret).encode(), day)
    for part in (region, "iotdevicegateway", "aws4_request"):
        k = sign(k, part)
    path = "/mqtt?" + query + "&X-Amz-Signature=" + hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if token != "-":
        path += "&X-Amz-Security-Token=" + urllib.parse.quote(token, safe="")
    return path

result = {"status": None, "connack": None, "received": []}
path = presigned_path()
context = ssl.create_default_context(cafile=ca)
with socket.create_connection((host, port)) as raw, context.wrap_socket(raw, server_hostname=host) as tls:
    tls.sendall(("GET " + path + " HTTP/1.1\\r\\nHost: " + host + ":" + str(port) + "\\r\\nUpgrade: websocket\\r\\n"
                 "Connection: Upgrade\\r\\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\\r\\nSec-WebSocket-Version: 13\\r\\n"
                 "Sec-WebSocket-Protocol: mqtt\\r\\n\\r\\n").encode())
    result["status"] = int(tls.recv(4096).split(b" ")[1])

done = threading.Event()
def on_connect(client, userdata, flags, rc):
    result["connack"] = rc
    client.subscribe("paho-ws/echo", qos=1)
def on_subscribe(client, userdata, mid, granted):
    client.publish("paho-ws/echo", json.dumps({"from": "paho over websockets"}), qos=1)
def on_message(client, userdata, message):
    result["received"].append([message.topic, message.payload.decode()])
    done.set()
if result["status"] == 101:
    client = mqtt.Client(client_id=client_id, clean_session=True, transport="websockets")
    client.ws_set_options(path=presigned_path())
    client.tls_set(ca_certs=ca, cert_reqs=ssl.CERT_REQUIRED)
    client.on_connect, client.on_subscribe, client.on_message = on_connect, on_subscribe, on_message
    try:
        client.connect(host, port, keepalive=30)
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

interface PahoRun {
  secretAccessKey?: string;
  accessKeyId?: string;
  sessionToken?: string;
  /** Seconds added to now for X-Amz-Date. */
  offsetSeconds?: number;
  expires?: number;
}

async function runPaho(
  clientId: string,
  options: PahoRun = {},
): Promise<{ status: number; connack: number | null; received: string[][]; error?: string }> {
  const { mqttWebSocket, region, credentials } = cloud.endpoints;
  const { stdout } = await run(paho.command, [
    '-c',
    PAHO_WEBSOCKET_SCRIPT,
    mqttWebSocket.host,
    String(mqttWebSocket.port),
    mqttWebSocket.caFile,
    region,
    options.accessKeyId ?? credentials.accessKeyId,
    options.secretAccessKey ?? credentials.secretAccessKey,
    options.sessionToken ?? '-',
    String(options.offsetSeconds ?? 0),
    options.expires === undefined ? '-' : String(options.expires),
    clientId,
    '10',
  ]);
  return JSON.parse(stdout) as {
    status: number;
    connack: number | null;
    received: string[][];
    error?: string;
  };
}

describe.skipIf(!paho.available)('MQTT over WebSocket with paho and a URL presigned in Python', () => {
  it('upgrades (101), connects and echoes a QoS 1 message, signed with the lab credentials', async () => {
    const result = await runPaho('paho-ws-lab');
    expect(result).toMatchObject({ status: 101, connack: 0 });
    expect(result.received).toEqual([['paho-ws/echo', '{"from": "paho over websockets"}']]);
  });

  it('accepts temporary credentials with the token appended after signing', async () => {
    const session = cloud.credentials.issue(900);
    const result = await runPaho('paho-ws-session', session);
    expect(result).toMatchObject({ status: 101, connack: 0 });
    expect(result.received).toHaveLength(1);
  });

  it('answers 403 to a wrong secret key', async () => {
    const result = await runPaho('paho-ws-wrong', {
      secretAccessKey: 'not-the-secret-key-000000000000000000000',
    });
    expect(result).toMatchObject({ status: 403, connack: null });
  });

  it('answers 403 to an X-Amz-Date more than 5 minutes old (no X-Amz-Expires), accepts 4 minutes', async () => {
    expect(await runPaho('paho-ws-old', { offsetSeconds: -6 * 60 })).toMatchObject({ status: 403 });
    expect(await runPaho('paho-ws-4min', { offsetSeconds: -4 * 60 })).toMatchObject({
      status: 101,
      connack: 0,
    });
  });

  it('honours X-Amz-Expires: signed 10 minutes ago, valid for an hour', async () => {
    expect(await runPaho('paho-ws-expires', { offsetSeconds: -10 * 60, expires: 3600 })).toMatchObject({
      status: 101,
      connack: 0,
    });
  });
});
