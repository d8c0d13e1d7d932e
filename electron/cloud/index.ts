import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createDynamoDbService, type LocalDynamoDb } from './dynamodb/index.js';
import { createFirehoseService, type LocalFirehose } from './firehose/index.js';
import { createAthenaService } from './athena/index.js';
import { createGlueService, type GlueCatalog } from './glue/index.js';
import { createGateway, type GatewayCall } from './gateway/index.js';
import { createIamService } from './iam/index.js';
import {
  createMqttBroker,
  type AcceptedMessage,
  type BrokerStatistics,
  type MqttBroker,
} from './iot/broker/index.js';
import { createMqttWebSocketListener } from './iot/broker/websocket.js';
import { createIotService, type IotDeviceRegistry } from './iot/index.js';
import { createRulesEngine, type RulesEngine } from './iot/rules/engine/index.js';
import { createS3Service, openLocalS3, type LocalS3 } from './s3/index.js';
import { openLabStorage, type LabStorage } from './storage/index.js';
import { createStsService, openLabSessions, type LabSessions } from './sts/index.js';

export type { GatewayCall } from './gateway/index.js';
export type { AcceptedMessage, BrokerStatistics } from './iot/broker/index.js';

/** What a client needs to reach the local cloud; written to `<labdir>/endpoints.json`. */
export interface LabEndpoints {
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The MQTT broker: `host` is what DescribeEndpoint returns; `caFile` the lab CA that signed its certificate. */
  mqtt?: { host: string; port: number; caFile: string };
  /**
   * MQTT over WebSocket, as AWS IoT serves it on 443: `wss://<host>:<port><path>` with a SigV4-presigned
   * upgrade (service `iotdevicegateway`, the lab's credentials), no client certificate; same CA.
   */
  mqttWebSocket?: { host: string; port: number; path: string; caFile: string };
}

export interface LocalCloudOptions {
  /** The lab folder: created if missing, reused with all its state if present. */
  dir: string;
  /** HTTP port of the gateway; a free one when omitted or 0. */
  port?: number;
  /** MQTT-over-TLS port; 8883 when free, else a free one. 0 asks for a free one directly. */
  mqttPort?: number;
  /** MQTT-over-WebSocket port (AWS: 443); a free one when omitted or 0. */
  mqttWebSocketPort?: number;
  log?: (line: string) => void;
}

export interface LocalCloudEvents {
  call: [GatewayCall];
  message: [AcceptedMessage];
}

export interface LocalCloud {
  endpoints: LabEndpoints & {
    mqtt: NonNullable<LabEndpoints['mqtt']>;
    mqttWebSocket: NonNullable<LabEndpoints['mqttWebSocket']>;
  };
  storage: LabStorage;
  events: EventEmitter<LocalCloudEvents>;
  /** In-process access for the app's own features (the same state the endpoint serves). */
  s3: LocalS3;
  /** The Glue Data Catalog (what crawlers write and Athena reads). */
  glue: GlueCatalog;
  dynamodb: LocalDynamoDb;
  /** Firehose's buffers, for the console's live gauge; `flushAll` delivers them now. */
  firehose: Pick<LocalFirehose, 'bufferStatus' | 'flushAll'>;
  registry: IotDeviceRegistry;
  /** The IoT rules engine: per-rule metrics and their live updates for the UI. */
  rules: Pick<RulesEngine, 'metrics' | 'events'>;
  mqttStatistics(): BrokerStatistics;
  /**
   * Temporary credentials (`ASIA…` + session token) the gateway accepts, as an AWS Academy lab's:
   * `issue` makes new ones, `expireAll` ends them so that calls answer `ExpiredToken(Exception)`.
   */
  credentials: Pick<LabSessions, 'issue' | 'expireAll'>;
  /** Stops listening, flushes what must be flushed, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

export async function createLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const storage = openLabStorage(options.dir);
  const { identity } = storage;
  const sessions = openLabSessions(storage);
  const events = new EventEmitter<LocalCloudEvents>();
  const iot = createIotService({ storage });
  const dynamodb = createDynamoDbService(storage);
  const firehose = createFirehoseService(storage, openLocalS3(storage), { log: options.log });
  const glue = createGlueService(storage, openLocalS3(storage), { log: options.log });
  const athena = createAthenaService(storage, openLocalS3(storage), glue.catalog, { log: options.log });
  const services = [
    createS3Service(storage),
    createStsService(identity, sessions),
    createIamService(identity),
    iot.endpoint,
    dynamodb.endpoint,
    firehose.endpoint,
    glue.endpoint,
    athena.endpoint,
  ];
  const gateway = await createGateway({
    identity,
    sessions,
    services,
    port: options.port,
    onCall: (call) => {
      events.emit('call', call);
      if (call.status >= 500)
        options.log?.(`${call.service} ${call.operation} → ${call.status} ${call.errorCode ?? ''}`);
    },
  });

  // The broker awaits what onMessage returns (the rules' batched writes) before each PUBACK.
  const labTransaction = storage.db.transaction((work: () => void) => work());
  const rules = createRulesEngine({
    rules: iot.topicRules,
    accountId: identity.accountId,
    s3: openLocalS3(storage),
    dynamodb,
    firehose,
    republish: (message) => broker.publish(message),
    transaction: (work) => labTransaction(work),
    log: options.log,
  });

  const pki = await iot.registry.pki();
  const broker: MqttBroker = await createMqttBroker({
    port: options.mqttPort,
    serverKey: readFileSync(pki.serverKeyFile, 'utf8'),
    serverCert: readFileSync(pki.serverCertFile, 'utf8'),
    caCert: readFileSync(pki.caCertFile, 'utf8'),
    region: identity.region,
    accountId: identity.accountId,
    authority: iot.registry,
    onMessage: (message) => {
      events.emit('message', message);
      return rules.onMessage(message);
    },
    log: options.log,
  });
  // AWS IoT drops the live connections of a certificate that is no longer ACTIVE.
  iot.registry.events.on('certificateStatusChanged', (change) => {
    if (change.status !== 'ACTIVE') broker.disconnectCertificate(change.certificateId);
  });
  iot.registry.events.on('authorizationChanged', () => broker.invalidateAuthorizations());
  const mqttWebSocket = await createMqttWebSocketListener({
    port: options.mqttWebSocketPort,
    serverKey: readFileSync(pki.serverKeyFile, 'utf8'),
    serverCert: readFileSync(pki.serverCertFile, 'utf8'),
    identity,
    sessions,
    broker,
    log: options.log,
  });

  const endpoints = {
    endpoint: gateway.url,
    region: identity.region,
    accountId: identity.accountId,
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
    mqtt: { host: pki.endpointHost, port: broker.port, caFile: pki.caCertFile },
    mqttWebSocket: { host: pki.endpointHost, port: mqttWebSocket.port, path: mqttWebSocket.path, caFile: pki.caCertFile },
  };
  writeFileSync(storage.layout.endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await mqttWebSocket.close();
      await broker.close();
      await rules.stop();
      await gateway.close();
      await iot.close();
      // Delivers every Firehose buffer before the store closes: nothing is delivered twice after a clean stop.
      await firehose.stop();
      // The running query is interrupted (CANCELLED); queued ones are marked FAILED at the next start.
      await athena.stop();
      // A crawl in progress is cancelled: it writes nothing to the catalog.
      await glue.stop();
      storage.close();
    })();
    return stopping;
  };
  return {
    endpoints,
    storage,
    events,
    s3: openLocalS3(storage),
    dynamodb,
    firehose,
    glue: glue.catalog,
    registry: iot.registry,
    rules,
    mqttStatistics: () => broker.statistics(),
    credentials: { issue: sessions.issue, expireAll: sessions.expireAll },
    stop,
  };
}
