import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import { isSignatureValid, parseAmzDate, parseSignature, type ParsedSignature } from '../../gateway/sigv4.js';
import type { LabIdentity } from '../../storage/index.js';
import type { LabSessions } from '../../sts/index.js';
import { GetCallerIdentity } from '../../sts/operations.js';

/**
 * MQTT over WebSocket as AWS IoT Core serves it: `wss://<endpoint>/mqtt`, subprotocol `mqtt`, the
 * upgrade request presigned with SigV4 (service `iotdevicegateway`) by an IAM identity, no client
 * certificate. A bad or missing signature is refused with HTTP 403 at the upgrade; a good one becomes an
 * ordinary connection of the same broker (same rules, same publish path), under the lab user's identity.
 * AWS: https://docs.aws.amazon.com/iot/latest/developerguide/protocols.html (MQTT over WebSocket, SigV4, 443).
 */

export const MQTT_WEBSOCKET_PATH = '/mqtt';
/** The SigV4 signing name of AWS IoT's data plane over WebSocket (the CRT's default). */
export const DEVICE_GATEWAY_SERVICE = 'iotdevicegateway';
/** AWS SigV4: a request is valid 5 minutes either side of its time, unless a presigned URL says longer. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** AWS SigV4: X-Amz-Expires is at most 7 days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
/** Room for one 128 KB PUBLISH and its header (the broker refuses larger payloads itself, as AWS does). */
const MAX_FRAME_BYTES = 1024 * 1024;

/** What the broker needs to serve a connection that the WebSocket upgrade authenticated. */
export interface IamConnectionHandler {
  handleIamConnection(stream: Duplex, identity: { principalId: string }): void;
}

export interface MqttWebSocketOptions {
  host?: string;
  /** A free port when omitted or 0 (AWS's 443 is privileged on Linux). */
  port?: number;
  serverKey: string;
  serverCert: string;
  /** Whose signatures are accepted: the lab's credentials, region and user. */
  identity: LabIdentity;
  /** The user's temporary credentials (STS sessions), accepted with their session token. */
  sessions?: Pick<LabSessions, 'lookup'>;
  broker: IamConnectionHandler;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface MqttWebSocketListener {
  host: string;
  port: number;
  path: string;
  close(): Promise<void>;
}

/** The keys a signature may be made with: the lab user's own, or one of its sessions'. */
export interface LabSigningKeys {
  identity: LabIdentity;
  sessions?: Pick<LabSessions, 'lookup'>;
}

export type UpgradeVerdict =
  { allowed: true; accessKeyId: string } | { allowed: false; status: 403 | 404; reason: string };


function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/**
 * Why a signature made at `amzDate` is not valid at `now`, or undefined when it is. AWS SigV4: 5 minutes
 * either side of the request time; a presigned URL with X-Amz-Expires is valid until that many seconds
 * after it. Messages are AWS's own.
 */
export function signatureTimeProblem(amzDate: string, expires: string | null, now: Date): string | undefined {
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt)
    return `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'" (got '${amzDate}').`;
  const current = formatAmzDate(now);
  if (signedAt.getTime() - now.getTime() > CLOCK_SKEW_MS) {
    const limit = formatAmzDate(new Date(now.getTime() + CLOCK_SKEW_MS));
    return `Signature not yet current: ${amzDate} is still later than ${limit} (${current} + 5 min.)`;
  }
  if (expires === null) {
    if (now.getTime() - signedAt.getTime() <= CLOCK_SKEW_MS) return undefined;
    const limit = formatAmzDate(new Date(now.getTime() - CLOCK_SKEW_MS));
    return `Signature expired: ${amzDate} is now earlier than ${limit} (${current} - 5 min.)`;
  }
  const seconds = /^\d+$/.test(expires) ? Number(expires) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS)) {
    return `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS} seconds (got '${expires}').`;
  }
  if (now.getTime() - signedAt.getTime() <= seconds * 1000) return undefined;
  const limit = formatAmzDate(new Date(now.getTime() - seconds * 1000));
  return `Signature expired: ${amzDate} is now earlier than ${limit} (${current} - ${seconds} sec.)`;
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * AWS IoT: a session token is appended to the presigned URL after signing (aws-crt's
 * `omit_session_token` for the WebSocket handshake), so it is not part of the canonical query.
 */
function withoutSessionToken(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter((part) => part.split('=')[0] !== 'X-Amz-Security-Token')
    .join('&');
}

/**
 * The secret a signature by `accessKeyId` must have been made with, or why none is acceptable: the lab's
 * long-term key, or a session's, which also needs its token (`X-Amz-Security-Token`) and must be current.
 */
function signingSecret(
  accessKeyId: string,
  token: string | null,
  keys: LabSigningKeys,
  now: Date,
): { secret: string } | { problem: string } {
  if (accessKeyId === keys.identity.accessKeyId) return { secret: keys.identity.secretAccessKey };
  const session = keys.sessions?.lookup(accessKeyId);
  if (!session || token !== session.sessionToken)
    return { problem: 'The security token included in the request is invalid.' };
  if (now.getTime() >= session.expiresAt)
    return { problem: 'The security token included in the request is expired' };
  return { secret: session.secretAccessKey };
}

/** The checks AWS IoT makes of a WebSocket upgrade before it speaks MQTT, in order. */
export function verifyPresignedUpgrade(
  request: { url: string; headers: IncomingHttpHeaders },
  keys: LabSigningKeys,
  now: Date,
): UpgradeVerdict {
  const { identity } = keys;
  const refuse = (reason: string): UpgradeVerdict => ({ allowed: false, status: 403, reason });
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  if (rawPath !== MQTT_WEBSOCKET_PATH) {
    return {
      allowed: false,
      status: 404,
      reason: `MQTT over WebSocket is served at ${MQTT_WEBSOCKET_PATH}, not ${rawPath}.`,
    };
  }
  const query = new URLSearchParams(rawQuery);
  let signature: ParsedSignature | null;
  try {
    signature = parseSignature(request.headers, query);
  } catch (error) {
    return refuse((error as Error).message);
  }
  if (!signature) {
    return refuse(
      'Missing Authentication Token: sign the upgrade with SigV4 (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature).',
    );
  }
  const { credential } = signature;
  if (credential.service !== DEVICE_GATEWAY_SERVICE) {
    return refuse(`Credential should be scoped to correct service: '${DEVICE_GATEWAY_SERVICE}'.`);
  }
  if (credential.region !== identity.region) {
    return refuse(
      `Credential should be scoped to a valid region, not '${credential.region}'. This endpoint is in '${identity.region}'.`,
    );
  }
  const token = query.get('X-Amz-Security-Token') ?? headerValue(request.headers['x-amz-security-token']);
  const key = signingSecret(credential.accessKeyId, token, keys, now);
  if ('problem' in key) return refuse(key.problem);
  if (!signature.signedHeaders.includes('host')) return refuse("'Host' must be a signed header.");
  const timeProblem = signatureTimeProblem(
    signature.amzDate,
    signature.presigned ? query.get('X-Amz-Expires') : null,
    now,
  );
  if (timeProblem) return refuse(timeProblem);
  if (!signature.amzDate.startsWith(credential.date)) {
    return refuse(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${signature.amzDate.slice(0, 8)}'.`,
    );
  }
  const parts = {
    method: 'GET',
    rawPath,
    rawQuery: withoutSessionToken(rawQuery),
    headers: request.headers,
    body: Buffer.alloc(0),
  };
  if (!isSignatureValid(parts, signature, key.secret)) {
    return refuse(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return { allowed: true, accessKeyId: credential.accessKeyId };
}

/** Answers a refused upgrade on the raw socket, as an HTTP response (the WebSocket never opens). */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ message: reason });
  const statusText = status === 404 ? 'Not Found' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

async function listenOn(server: https.Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function createMqttWebSocketListener(
  options: MqttWebSocketOptions,
): Promise<MqttWebSocketListener> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  // AWS: principal() of an IAM user connected over WebSocket is its user id.
  const principalId = GetCallerIdentity(options.identity).UserId;
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // MQTT over WebSocket: the client asks for the `mqtt` subprotocol (MQTT 3.1.1 §6).
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  });
  const clients = new Set<WebSocket>();

  const acceptUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const verdict = verifyPresignedUpgrade(
      { url: request.url ?? '/', headers: request.headers },
      options,
      now(),
    );
    if (!verdict.allowed) {
      options.log?.(`MQTT over WebSocket: upgrade refused (${verdict.status}): ${verdict.reason}`);
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.once('close', () => clients.delete(ws));
      const stream = createWebSocketStream(ws);
      // A peer that vanishes mid-frame surfaces here; Aedes sees the stream close.
      stream.on('error', () => undefined);
      options.broker.handleIamConnection(stream, { principalId });
    });
  };

  const createServer = (): https.Server => {
    const server = https.createServer(
      { key: options.serverKey, cert: options.serverCert, minVersion: 'TLSv1.2' },
      (_request, response) => {
        // AWS IoT answers MQTT on this path only through a WebSocket upgrade.
        response.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
        response.end(
          JSON.stringify({ message: `Upgrade to a WebSocket (subprotocol mqtt) at ${MQTT_WEBSOCKET_PATH}.` }),
        );
      },
    );
    server.on('upgrade', acceptUpgrade);
    server.on('tlsClientError', (error: Error, socket: Socket) => socket.destroy(error));
    return server;
  };

  const server = createServer();
  await listenOn(server, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  // `localhost` (what DescribeEndpoint answers) resolves to ::1 first on some systems: answer there too.
  const servers = [server];
  if (host === '127.0.0.1') {
    const ipv6 = createServer();
    await listenOn(ipv6, '::1', port).then(
      () => servers.push(ipv6),
      () => options.log?.('MQTT over WebSocket: not listening on ::1 (IPv6 loopback unavailable).'),
    );
  }

  return {
    host,
    port,
    path: MQTT_WEBSOCKET_PATH,
    close: async () => {
      for (const ws of clients) ws.terminate();
      await Promise.all(
        servers.map(
          (listening) =>
            new Promise<void>((resolve) => {
              listening.close(() => resolve());
              listening.closeAllConnections();
            }),
        ),
      );
      webSockets.close();
    },
  };
}
