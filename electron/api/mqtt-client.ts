import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  DescribeCertificateCommand,
  DescribeEndpointCommand,
  GetPolicyCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { auth, iot } from 'aws-iot-device-sdk-v2';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudClients, CloudTarget } from '../aws/client-factory.js';
import { errorName } from '../aws/sdk-errors.js';
import { connectDevice, openDeviceConnection, type DeviceConnection } from '../stations/replay/index.js';
import { toApiError } from './cloud-sdk.js';
import type {
  CloudEndpoints,
  MqttClientStatus,
  MqttPublishInput,
  MqttQos,
  MqttReceivedMessage,
  MqttSubscribeInput,
  MqttUnsubscribeInput,
} from './contract.js';
import { ApiError, type LabEvent } from './handlers/types.js';

/**
 * The MQTT test client (what the AWS console calls "MQTT test client"): one connection for the app,
 * subscriptions changed while connected, messages handed to the renderers in batches so a broker
 * delivering 10,000 messages/s never floods the page: every `batchIntervalMs` the newest
 * `batchLimit` messages go out as one `mqtt.messages` event, the others are counted as dropped.
 *
 * Offline it is a device like the stations: a certificate of its own, issued through the SDK at
 * first use (CreateKeysAndCertificate, ACTIVE, attached to the policy `iot-lab-test-client`, both
 * visible to students in the console), kept in `<labDir>/mqtt-test-client/`, MQTT over mutual TLS.
 * In AWS mode it is what the AWS console's client is: MQTT over WebSocket on port 443, the upgrade signed
 * with SigV4 by the session's credentials (`connectOverWebSocket`), no certificate.
 */

export const TEST_CLIENT_POLICY = 'iot-lab-test-client';
export const TEST_CLIENT_ID_PREFIX = 'iot-lab-test-client-';
/** AWS IoT's largest message. */
export const MAX_PUBLISH_BYTES = 128 * 1024;
/** What a message carries to the page: the rest is cut (`truncated`). */
const MAX_PAYLOAD_SHOWN = 16 * 1024;
/** AWS IoT: MQTT over WebSocket (SigV4) is served on 443 only. */
const AWS_WEBSOCKET_PORT = 443;

export interface MqttTestClient {
  status(): MqttClientStatus;
  connect(): Promise<MqttClientStatus>;
  disconnect(): Promise<MqttClientStatus>;
  subscribe(input: MqttSubscribeInput): Promise<MqttClientStatus>;
  unsubscribe(input: MqttUnsubscribeInput): Promise<MqttClientStatus>;
  publish(input: MqttPublishInput): Promise<MqttClientStatus>;
  /** Disconnects and stops batching (the core is stopping). */
  close(): Promise<void>;
}

export interface MqttTestClientOptions {
  labDir: string;
  /** The running cloud's endpoints; undefined while it is not running. */
  endpoints(): CloudEndpoints | undefined;
  /** The SDK clients of the running cloud; throws `CloudNotRunning` otherwise. */
  clients(): CloudClients;
  emit(event: LabEvent): void;
  log(line: string): void;
  /** 100 ms when omitted. */
  batchIntervalMs?: number;
  /** 250 when omitted: at most 2,500 messages/s reach the page, which keeps the newest 2,000. */
  batchLimit?: number;
}

/** The test client's files: `<labDir>/mqtt-test-client/{certificate.pem.crt,private.pem.key,public.pem.key}`. */
export function testClientFiles(labDir: string) {
  const folder = path.join(labDir, 'mqtt-test-client');
  return {
    folder,
    certificateFile: path.join(folder, 'certificate.pem.crt'),
    privateKeyFile: path.join(folder, 'private.pem.key'),
    publicKeyFile: path.join(folder, 'public.pem.key'),
  };
}

/** Connect, Publish/Receive on any topic, Subscribe to any filter: for the test client's ids only. */
export function testClientPolicyDocument(region: string, accountId: string): string {
  const arn = `arn:aws:iot:${region}:${accountId}`;
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arn}:client/${TEST_CLIENT_ID_PREFIX}*` },
        { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${arn}:topic/*` },
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${arn}:topicfilter/*` },
      ],
    },
    null,
    2,
  );
}

/** AWS IoT's certificate id: the SHA-256 of the DER, in lowercase hex. */
function certificateIdOf(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
}

interface TestClientIdentity {
  certificateId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * The lab's test-client certificate, ACTIVE and attached to its policy: the one in the lab folder
 * while the registry still has it ACTIVE, else a new one (a student may have deactivated or deleted
 * it from the console). The policy is created if missing, never overwritten.
 */
export async function ensureTestClientIdentity(
  iot: IoTClient,
  options: { labDir: string; region: string; accountId: string; log?: (line: string) => void },
): Promise<TestClientIdentity> {
  const files = testClientFiles(options.labDir);
  let identity: TestClientIdentity | undefined;
  if (existsSync(files.certificateFile) && existsSync(files.privateKeyFile)) {
    const certificatePem = readFileSync(files.certificateFile, 'utf8');
    const certificateId = certificateIdOf(certificatePem);
    const status = await iot
      .send(new DescribeCertificateCommand({ certificateId }))
      .then((answer) => answer.certificateDescription?.status)
      .catch((error: unknown) => {
        if (errorName(error) === 'ResourceNotFoundException') return undefined;
        throw error;
      });
    if (status === 'ACTIVE') {
      identity = { certificateId, certificatePem, privateKeyPem: readFileSync(files.privateKeyFile, 'utf8') };
    } else {
      options.log?.(
        `mqtt: the test client's certificate ${certificateId.slice(0, 10)}… is ${status ?? 'gone'}; issuing a new one.`,
      );
    }
  }
  if (!identity) {
    const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    const certificatePem = created.certificatePem ?? '';
    const privateKeyPem = created.keyPair?.PrivateKey ?? '';
    mkdirSync(files.folder, { recursive: true, mode: 0o700 });
    writeFileSync(files.certificateFile, certificatePem);
    writeFileSync(files.privateKeyFile, privateKeyPem, { mode: 0o600 });
    writeFileSync(files.publicKeyFile, created.keyPair?.PublicKey ?? '');
    identity = {
      certificateId: created.certificateId ?? certificateIdOf(certificatePem),
      certificatePem,
      privateKeyPem,
    };
  }
  try {
    await iot.send(new GetPolicyCommand({ policyName: TEST_CLIENT_POLICY }));
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    await iot.send(
      new CreatePolicyCommand({
        policyName: TEST_CLIENT_POLICY,
        policyDocument: testClientPolicyDocument(options.region, options.accountId),
      }),
    );
  }
  const certificateArn = `arn:aws:iot:${options.region}:${options.accountId}:cert/${identity.certificateId}`;
  // AttachPolicy is idempotent: attaching twice is not an error.
  await iot.send(new AttachPolicyCommand({ policyName: TEST_CLIENT_POLICY, target: certificateArn }));
  return identity;
}

/** A connection as the test client made it, whatever the transport. */
interface OpenConnection {
  connection: DeviceConnection;
  endpoint: { host: string; port: number };
  identity?: MqttClientStatus['identity'];
}

interface ConnectContext {
  options: MqttTestClientOptions;
  clientId: string;
}

/** Offline: the lab's own certificate, MQTT over mutual TLS to the local broker. */
async function connectOverMutualTls({ options, clientId }: ConnectContext): Promise<OpenConnection> {
  const endpoints = options.endpoints();
  if (!endpoints?.mqtt)
    throw new ApiError(
      'CloudNotRunning',
      'The local cloud is not running: its MQTT endpoint cannot be reached.',
    );
  const identity = await ensureTestClientIdentity(options.clients().iot(), {
    labDir: options.labDir,
    region: endpoints.region,
    accountId: endpoints.accountId,
    log: options.log,
  });
  const endpoint = { host: endpoints.mqtt.host, port: endpoints.mqtt.port };
  const connection = await connectDevice(
    { ...endpoint, caPem: readFileSync(endpoints.mqtt.caFile, 'utf8') },
    { clientId, certificatePem: identity.certificatePem, privateKeyPem: identity.privateKeyPem },
    { cleanSession: true },
  );
  return {
    connection,
    endpoint,
    identity: {
      certificateId: identity.certificateId,
      policyName: TEST_CLIENT_POLICY,
      folder: testClientFiles(options.labDir).folder,
    },
  };
}

/** Where MQTT over WebSocket is, and whose credentials sign the upgrade. */
export interface SigV4WebSocketTarget {
  /** The account's `iot:Data-ATS` endpoint. */
  host: string;
  port: number;
  region: string;
  /** AWS Academy's are temporary: the session token goes with them. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A CA to trust instead of the system's (which holds Amazon Root CA 1): the lab CA offline. */
  caPem?: string;
}

/**
 * MQTT over WebSocket with the device SDK's own SigV4 signer (service `iotdevicegateway`; the session
 * token is appended after signing, as AWS IoT wants), clean session, as the AWS console's client does.
 */
export async function connectWithSigV4(target: SigV4WebSocketTarget, clientId: string): Promise<DeviceConnection> {
  const { accessKeyId, secretAccessKey, sessionToken } = target.credentials;
  let builder = iot.AwsIotMqttConnectionConfigBuilder.new_with_websockets({
    region: target.region,
    credentials_provider: auth.AwsCredentialsProvider.newStatic(accessKeyId, secretAccessKey, sessionToken),
  });
  if (target.caPem) builder = builder.with_certificate_authority(target.caPem);
  const config = builder
    .with_endpoint(target.host)
    .with_port(target.port)
    .with_client_id(clientId)
    .with_clean_session(true)
    .with_keep_alive_seconds(30)
    .build();
  return openDeviceConnection(config, clientId);
}

/**
 * Where AWS's port 443 and trusted CAs are not: when the AWS target's `endpointOverride` is the local
 * cloud's own endpoint (the local cloud treated as AWS), its WebSocket listener and the lab CA.
 */
function localWebSocketOverride(target: CloudTarget, local: CloudEndpoints | undefined): { port: number; caPem: string } | undefined {
  if (target.kind !== 'aws' || !target.endpointOverride || target.endpointOverride !== local?.endpoint) return undefined;
  const webSocket = local.mqttWebSocket;
  return webSocket ? { port: webSocket.port, caPem: readFileSync(webSocket.caFile, 'utf8') } : undefined;
}

/**
 * AWS mode: MQTT over WebSocket to the account's `iot:Data-ATS` endpoint (DescribeEndpoint), port 443,
 * signed with the credentials and region of the client factory's `aws` target (the AWS session).
 */
async function connectOverWebSocket({ options, clientId }: ConnectContext): Promise<OpenConnection> {
  const clients = options.clients();
  const { target } = clients;
  if (target.kind !== 'aws') throw new ApiError('NotAvailable', 'MQTT over WebSocket is for AWS mode.');
  const { endpointAddress } = await clients.iot().send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
  if (!endpointAddress) throw new ApiError('ConnectionFailed', 'DescribeEndpoint returned no iot:Data-ATS endpoint.');
  const override = localWebSocketOverride(target, options.endpoints());
  const endpoint = { host: endpointAddress, port: override?.port ?? AWS_WEBSOCKET_PORT };
  const connection = await connectWithSigV4(
    { ...endpoint, region: target.region, credentials: target.credentials, caPem: override?.caPem },
    clientId,
  );
  return { connection, endpoint };
}

/** One `connect` per mode (the target of the client factory picks it), and what to check when refused. */
const connectors: Record<
  CloudTarget['kind'],
  { connect: (context: ConnectContext) => Promise<OpenConnection>; whenRefused: string }
> = {
  offline: { connect: connectOverMutualTls, whenRefused: 'Is the certificate ACTIVE and its policy attached?' },
  aws: {
    connect: connectOverWebSocket,
    whenRefused:
      "Are the session's credentials current (an AWS Academy session ends after 4 hours) and allowed iot:Connect, iot:Publish, iot:Subscribe and iot:Receive?",
  },
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload as the page gets it: UTF-8 text when it is, base64 otherwise; at most 16 KiB. */
export function describePayload(
  payload: Buffer,
): Pick<MqttReceivedMessage, 'encoding' | 'payload' | 'truncated'> {
  const truncated = payload.length > MAX_PAYLOAD_SHOWN;
  const shown = truncated ? payload.subarray(0, MAX_PAYLOAD_SHOWN) : payload;
  // A cut may split a multi-byte character: up to 3 bytes are dropped to find a whole one.
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      return { encoding: 'utf8', payload: utf8.decode(shown.subarray(0, shown.length - cut)), truncated };
    } catch {
      // Not UTF-8 (yet): try a shorter cut, then base64.
    }
  }
  return { encoding: 'base64', payload: shown.toString('base64'), truncated };
}

/** A message waiting for the next batch. */
interface PendingMessage {
  seq: number;
  topic: string;
  payload: Buffer;
  qos: MqttQos;
  retain: boolean;
  receivedAt: number;
}

export function createMqttTestClient(options: MqttTestClientOptions): MqttTestClient {
  const batchIntervalMs = options.batchIntervalMs ?? 100;
  const batchLimit = options.batchLimit ?? 250;
  const clientId = `${TEST_CLIENT_ID_PREFIX}${randomBytes(4).toString('hex')}`;
  const subscriptions = new Map<string, MqttQos>();
  let open: OpenConnection | undefined;
  let connecting: Promise<OpenConnection> | undefined;
  let state: MqttClientStatus['state'] = 'disconnected';
  let lastError: string | undefined;
  let received = 0;
  let published = 0;
  let dropped = 0;
  let closed = false;

  // The batch: a ring of the newest `batchLimit` messages since the last flush.
  const ring: Array<PendingMessage | undefined> = new Array<PendingMessage | undefined>(batchLimit);
  let ringStart = 0;
  let ringCount = 0;
  let droppedInBatch = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  const transport = (): MqttClientStatus['transport'] => {
    try {
      return options.clients().target.kind === 'aws' ? 'websocket' : 'mtls';
    } catch {
      return 'mtls';
    }
  };

  const status = (): MqttClientStatus => ({
    state,
    transport: transport(),
    clientId,
    endpoint: open?.endpoint,
    identity: open?.identity,
    subscriptions: [...subscriptions].map(([filter, qos]) => ({ filter, qos })),
    received,
    published,
    dropped,
    error: lastError,
  });

  const emitStatus = (): MqttClientStatus => {
    const next = status();
    options.emit({ name: 'mqtt.status', payload: next });
    return next;
  };

  const flush = (): void => {
    flushTimer = undefined;
    if (ringCount === 0 && droppedInBatch === 0) return;
    const messages: MqttReceivedMessage[] = [];
    for (let i = 0; i < ringCount; i++) {
      const index = (ringStart + i) % batchLimit;
      const message = ring[index];
      ring[index] = undefined;
      if (!message) continue;
      messages.push({
        seq: message.seq,
        topic: message.topic,
        qos: message.qos,
        retain: message.retain,
        receivedAt: message.receivedAt,
        size: message.payload.length,
        ...describePayload(message.payload),
      });
    }
    const batch = { messages, dropped: droppedInBatch, received };
    ringStart = 0;
    ringCount = 0;
    droppedInBatch = 0;
    options.emit({ name: 'mqtt.messages', payload: batch });
  };

  const onMessage = (topic: string, payload: Buffer, delivery: { qos: MqttQos; retain: boolean }): void => {
    received += 1;
    const message: PendingMessage = {
      seq: received,
      topic,
      payload,
      qos: delivery.qos,
      retain: delivery.retain,
      receivedAt: Date.now(),
    };
    if (ringCount < batchLimit) {
      ring[(ringStart + ringCount) % batchLimit] = message;
      ringCount += 1;
    } else {
      // Full: the oldest of the batch gives way (the page shows the newest).
      ring[ringStart] = message;
      ringStart = (ringStart + 1) % batchLimit;
      droppedInBatch += 1;
      dropped += 1;
    }
    flushTimer ??= setTimeout(flush, batchIntervalMs);
  };

  const dropConnection = async (reason: string | undefined): Promise<void> => {
    const current = open;
    open = undefined;
    connecting = undefined;
    if (reason !== undefined) {
      state = 'failed';
      lastError = reason;
    } else {
      state = 'disconnected';
    }
    emitStatus();
    await current?.connection.disconnect().catch(() => undefined);
  };

  const ensureConnected = async (): Promise<OpenConnection> => {
    if (closed) throw new ApiError('Closed', 'IoT Lab is stopping.');
    if (open) return open;
    connecting ??= (async () => {
      state = 'connecting';
      lastError = undefined;
      emitStatus();
      let opened: OpenConnection | undefined;
      let connector: (typeof connectors)[CloudTarget['kind']] | undefined;
      try {
        connector = connectors[options.clients().target.kind];
        opened = await connector.connect({ options, clientId });
        for (const [filter, qos] of subscriptions) await opened.connection.subscribe(filter, qos, onMessage);
      } catch (error) {
        await opened?.connection.disconnect().catch(() => undefined);
        const apiError = toApiError(error);
        // The device SDK reports a refused TLS handshake or CONNECT as a network error.
        const refused = apiError.code === 'CloudUnreachable';
        const message = refused
          ? `The broker refused or dropped the connection (${apiError.message}). ${connector?.whenRefused ?? ''}`.trimEnd()
          : apiError.message;
        connecting = undefined;
        state = 'failed';
        lastError = message;
        emitStatus();
        throw new ApiError(refused ? 'ConnectionFailed' : apiError.code, message);
      }
      const connected = opened;
      connected.connection.onInterrupted((error) => {
        if (open !== connected) return;
        options.log(`mqtt: the test client's connection dropped: ${error.message}`);
        void dropConnection(`The connection dropped (${error.message}).`);
      });
      open = connected;
      connecting = undefined;
      state = 'connected';
      emitStatus();
      return connected;
    })();
    return connecting;
  };

  return {
    status,
    async connect() {
      await ensureConnected();
      return status();
    },
    async disconnect() {
      await dropConnection(undefined);
      lastError = undefined;
      return emitStatus();
    },
    async subscribe({ filter, qos }) {
      const { connection } = await ensureConnected();
      await connection.subscribe(filter, qos, onMessage);
      subscriptions.set(filter, qos);
      return emitStatus();
    },
    async unsubscribe({ filter }) {
      if (!subscriptions.delete(filter)) return status();
      if (open) await open.connection.unsubscribe(filter);
      return emitStatus();
    },
    async publish({ topic, qos, payload }) {
      const { connection } = await ensureConnected();
      await connection.publish(topic, payload, qos);
      published += 1;
      return emitStatus();
    },
    async close() {
      closed = true;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      const current = open;
      open = undefined;
      await current?.connection.disconnect().catch(() => undefined);
    },
  };
}
