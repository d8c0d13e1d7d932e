import { Aedes, type Client } from 'aedes';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * The lab's MQTT 3.1.1 broker over mutual TLS, enforcing AWS IoT's rules: a registered, ACTIVE client
 * certificate; IoT policies for iot:Connect, iot:Publish, iot:Subscribe and iot:Receive; 128 KB payloads;
 * client-id takeover. Every accepted PUBLISH goes to `onMessage` before it is acknowledged.
 */

export type IotAction = 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive';

/** A registered certificate, as the registry knows it. */
export interface RegisteredCertificate {
  certificateId: string;
  certificateArn: string;
  status: string;
}

/** What the broker asks the IoT registry; the registry owns certificates, things and policies. */
export interface BrokerAuthority {
  findCertificate(certificateId: string): RegisteredCertificate | undefined;
  /** Evaluates the principal's attached policies (with policy variables) for one action on one resource. */
  isAuthorized(request: {
    certificateArn: string;
    clientId: string;
    action: IotAction;
    resource: string;
  }): boolean;
}

/** One accepted PUBLISH, as the rules engine receives it. */
export interface AcceptedMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
  clientId: string;
  /** AWS `principal()`: the certificate id, or the IAM user id of a SigV4 (WebSocket) client. */
  principal: string;
  /** Milliseconds since the epoch, when the broker accepted it. */
  timestamp: number;
}

export interface BrokerStatistics {
  connectedClients: number;
  acceptedMessages: number;
  refusedConnections: number;
  perClient: Record<string, { published: number; lastTopic?: string }>;
  perTopic: Record<string, number>;
}

export interface MqttBrokerOptions {
  host?: string;
  /** 8883 when free, else a free port (see `port` on the result). */
  port?: number;
  serverKey: string;
  serverCert: string;
  caCert: string;
  region: string;
  accountId: string;
  authority: BrokerAuthority;
  /**
   * Runs before the PUBACK: what it keeps is never lost once the device sees the ack. It may return a
   * promise (the rules engine's batched writes): the broker acknowledges when it resolves, and drops
   * the client without a PUBACK if it rejects (nothing was kept; the device publishes again).
   */
  onMessage?: (message: AcceptedMessage) => void | Promise<void>;
  log?: (line: string) => void;
}

export interface MqttBroker {
  host: string;
  port: number;
  statistics(): BrokerStatistics;
  /** Closes every live connection made with this certificate (deactivated, revoked or deleted). */
  disconnectCertificate(certificateId: string): number;
  /** Forgets cached authorization decisions (a policy or attachment changed). */
  invalidateAuthorizations(): void;
  /**
   * Publishes as the service itself (a rule's republish action, the console's test client over HTTP):
   * no policy applies, subscribers receive it per their iot:Receive, and rules see it like any message.
   */
  publish(message: { topic: string; payload: Buffer; qos: 0 | 1; retain?: boolean; clientId?: string }): Promise<void>;
  /**
   * Serves a connection whose transport authenticated an IAM identity (MQTT over WebSocket signed with
   * SigV4, `websocket.ts`). IAM, not IoT policies, decides what it may do, and IAM is not enforced
   * offline (README): every action is allowed. `principal()` is `principalId`.
   */
  handleIamConnection(stream: Duplex, identity: { principalId: string }): void;
  close(): Promise<void>;
}

// AWS IoT quotas: https://docs.aws.amazon.com/general/latest/gr/iot-core.html#message-broker-limits
const MAX_PAYLOAD_BYTES = 128 * 1024;
const MAX_CLIENT_ID_BYTES = 128;

interface ConnectionPrincipal {
  /** What `principal()` returns: the certificate id, or for an IAM identity its user id. */
  certificateId: string;
  certificateArn: string;
  /** Authenticated by SigV4 rather than a certificate: IAM decides, and offline allows everything. */
  iam?: true;
}

interface ClientState {
  principal: ConnectionPrincipal;
  decisions: Map<string, boolean>;
}

function certificateIdOf(socket: tls.TLSSocket): string | undefined {
  const peer = socket.getPeerCertificate(true);
  if (!peer || !peer.raw) return undefined;
  // AWS: a certificate's id is the SHA-256 of its DER encoding.
  return createHash('sha256').update(peer.raw).digest('hex');
}

function hasWildcard(topic: string): boolean {
  return topic.includes('+') || topic.includes('#');
}

async function listen(server: tls.Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export async function createMqttBroker(options: MqttBrokerOptions): Promise<MqttBroker> {
  const { authority, region, accountId } = options;
  const host = options.host ?? '127.0.0.1';
  const arn = (resource: string) => `arn:aws:iot:${region}:${accountId}:${resource}`;
  const principals = new WeakMap<object, ConnectionPrincipal>();
  const clients = new Map<Client, ClientState>();
  const stats: BrokerStatistics = {
    connectedClients: 0,
    acceptedMessages: 0,
    refusedConnections: 0,
    perClient: {},
    perTopic: {},
  };

  const isAllowed = (principal: ConnectionPrincipal, clientId: string, action: IotAction, resource: string): boolean =>
    principal.iam === true ||
    authority.isAuthorized({ certificateArn: principal.certificateArn, clientId, action, resource: arn(resource) });

  // The messages of one burst share the promise of one commit (the rules engine's batch): one
  // `then` acknowledges them all, rather than a promise reaction per message.
  type Acknowledge = (error: Error | null) => void;
  let waiting: { kept: Promise<void>; callbacks: Acknowledge[] } | undefined;
  const afterCommit = (kept: Promise<void>, callback: Acknowledge): void => {
    if (waiting?.kept === kept) {
      waiting.callbacks.push(callback);
      return;
    }
    const entry = { kept, callbacks: [callback] };
    waiting = entry;
    const settle = (error: Error | null): void => {
      // Settled: a message handed the same promise later gets a reaction of its own.
      if (waiting === entry) waiting = undefined;
      for (const acknowledge of entry.callbacks) acknowledge(error);
    };
    kept.then(
      () => settle(null),
      (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
    );
  };

  const decide = (client: Client, action: IotAction, resource: string): boolean => {
    const state = clients.get(client);
    if (!state) return false;
    const key = `${action} ${resource}`;
    let allowed = state.decisions.get(key);
    if (allowed === undefined) {
      allowed = isAllowed(state.principal, client.id, action, resource);
      state.decisions.set(key, allowed);
    }
    return allowed;
  };

  const broker = await Aedes.createBroker({
    // AWS IoT: an unauthorized CONNECT is closed without a CONNACK, which preConnect's refusal does.
    preConnect(client, packet, callback) {
      const principal = principals.get(client.conn);
      const clientId = packet.clientId ?? '';
      if (!principal) return callback(null, false);
      if (!clientId || Buffer.byteLength(clientId) > MAX_CLIENT_ID_BYTES) {
        stats.refusedConnections++;
        return callback(null, false);
      }
      const allowed = isAllowed(principal, clientId, 'iot:Connect', `client/${clientId}`);
      if (!allowed) {
        stats.refusedConnections++;
        options.log?.(
          `MQTT: CONNECT of '${clientId}' refused: no policy allows iot:Connect on client/${clientId}`,
        );
        return callback(null, false);
      }
      // Known before the CONNACK: resuming a persistent session re-authorizes its subscriptions.
      clients.set(client, { principal, decisions: new Map() });
      client.conn.once('close', () => {
        clients.delete(client);
        stats.connectedClients = clients.size;
      });
      callback(null, true);
    },
    authorizePublish(client, packet, callback) {
      if (!client) return callback(null);
      const topic = packet.topic;
      if (packet.payload.length > MAX_PAYLOAD_BYTES) {
        return callback(new Error(`payload of ${packet.payload.length} bytes exceeds the 128 KB limit`));
      }
      if (hasWildcard(topic) || (topic.startsWith('$') && !topic.startsWith('$aws/'))) {
        return callback(new Error(`cannot publish to '${topic}'`));
      }
      if (!decide(client, 'iot:Publish', `topic/${topic}`)) {
        return callback(new Error(`not authorized to publish to '${topic}'`));
      }
      const state = clients.get(client)!;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      const kept = options.onMessage?.({
        topic,
        payload,
        qos: packet.qos === 0 ? 0 : 1,
        retain: packet.retain,
        clientId: client.id,
        principal: state.principal.certificateId,
        timestamp: Date.now(),
      });
      stats.acceptedMessages++;
      const perClient = (stats.perClient[client.id] ??= { published: 0 });
      perClient.published++;
      perClient.lastTopic = topic;
      stats.perTopic[topic] = (stats.perTopic[topic] ?? 0) + 1;
      // Aedes sends the PUBACK (and forwards the message) only once this callback runs.
      if (!kept) return callback(null);
      afterCommit(kept, callback);
    },
    authorizeSubscribe(client, subscription, callback) {
      // AWS IoT supports QoS 0 and 1 only; a QoS 2 request is granted QoS 1.
      if (subscription.qos > 1) subscription.qos = 1;
      if (!decide(client, 'iot:Subscribe', `topicfilter/${subscription.topic}`)) {
        return callback(new Error(`not authorized to subscribe to '${subscription.topic}'`));
      }
      callback(null, subscription);
    },
    authorizeForward(client, packet) {
      if (packet.topic.startsWith('$SYS')) return null;
      return decide(client, 'iot:Receive', `topic/${packet.topic}`) ? packet : null;
    },
  });

  broker.on('client', () => {
    stats.connectedClients = clients.size;
  });
  broker.on('clientError', (client, error) => options.log?.(`MQTT: client '${client.id}': ${error.message}`));

  const tlsOptions: tls.TlsOptions = {
    key: options.serverKey,
    cert: options.serverCert,
    ca: options.caCert,
    requestCert: true,
    // Certificates registered without a CA (a student's own) are not signed by the lab CA: the
    // registry, not the chain, decides which certificates may connect.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  };
  const sockets = new Set<tls.TLSSocket>();
  const acceptConnection = (socket: tls.TLSSocket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const certificateId = certificateIdOf(socket);
    const certificate = certificateId ? authority.findCertificate(certificateId) : undefined;
    if (!certificateId || !certificate || certificate.status !== 'ACTIVE') {
      stats.refusedConnections++;
      options.log?.(
        `MQTT: TLS connection refused: ${!certificateId ? 'no client certificate' : !certificate ? 'certificate not registered' : `certificate is ${certificate.status}`}`,
      );
      socket.destroy();
      return;
    }
    principals.set(socket, { certificateId, certificateArn: certificate.certificateArn });
    broker.handle(socket);
  };
  const createServer = (): tls.Server => {
    const server = tls.createServer(tlsOptions, acceptConnection);
    server.on('tlsClientError', () => {
      stats.refusedConnections++;
    });
    return server;
  };

  const server = createServer();
  const wantedPort = options.port ?? 8883;
  try {
    await listen(server, host, wantedPort);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    options.log?.(`MQTT: port ${wantedPort} is taken; using a free port instead.`);
    await listen(server, host, 0);
  }
  const { port } = server.address() as AddressInfo;
  // `localhost` resolves to ::1 first on some systems (macOS): answer there too, on the same port.
  const servers = [server];
  if (host === '127.0.0.1') {
    const ipv6 = createServer();
    await listen(ipv6, '::1', port).then(
      () => servers.push(ipv6),
      () => options.log?.('MQTT: not listening on ::1 (IPv6 loopback unavailable).'),
    );
  }

  return {
    host,
    port,
    statistics: () => structuredClone(stats),
    disconnectCertificate(certificateId) {
      let closed = 0;
      for (const [client, state] of clients) {
        if (state.principal.certificateId === certificateId) {
          client.close();
          closed++;
        }
      }
      return closed;
    },
    handleIamConnection(stream, identity) {
      principals.set(stream, { certificateId: identity.principalId, certificateArn: '', iam: true });
      broker.handle(stream);
    },
    invalidateAuthorizations() {
      for (const state of clients.values()) state.decisions.clear();
    },
    publish(message) {
      const kept = options.onMessage?.({
        topic: message.topic,
        payload: message.payload,
        qos: message.qos,
        retain: message.retain ?? false,
        // AWS: messages the service publishes itself have no client id.
        clientId: message.clientId ?? 'n/a',
        principal: 'n/a',
        timestamp: Date.now(),
      });
      if (kept) kept.catch((error: unknown) => options.log?.(`MQTT: a message published by the service was not kept: ${String(error)}`));
      stats.perTopic[message.topic] = (stats.perTopic[message.topic] ?? 0) + 1;
      return new Promise((resolve, reject) =>
        broker.publish(
          { cmd: 'publish', topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain ?? false, dup: false },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients.keys()) client.close();
        for (const socket of sockets) socket.destroy();
        let open = servers.length;
        for (const listening of servers) {
          listening.close(() => {
            if (--open === 0) broker.close(() => resolve());
          });
        }
      }),
  };
}
