import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TokenMetaName, WebSocketPath, WsClientMessage, WsServerMessage } from './contract.js';
import type { ApiCore } from './core.js';

/**
 * Web mode's transport: serves the built renderer and the API over a WebSocket, on loopback only.
 *
 * The socket drives a cloud holding credentials, so it accepts only the page this server served:
 * - every HTTP request and upgrade must name this server in `Host` (defeats DNS rebinding, where a
 *   foreign page reaches 127.0.0.1 under its own host name);
 * - the upgrade's `Origin` must be this server (other pages, even local ones, are refused);
 * - the upgrade must carry `?token=` equal to a random per-run token, which only the served
 *   index.html contains (other origins cannot read it: no CORS headers are sent).
 */
export interface WebServerOptions {
  core: ApiCore;
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  /** 0 or omitted: a free port. */
  port?: number;
  log?: (line: string) => void;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const WEB_SOCKET_PATH: WebSocketPath = '/api';
const TOKEN_META: TokenMetaName = 'iotlab-api-token';
const MAX_MESSAGE_BYTES = 1 << 20;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function parseClientMessage(data: unknown): WsClientMessage | undefined {
  try {
    const message: unknown = JSON.parse(String(data));
    if (typeof message !== 'object' || message === null || !('type' in message)) return undefined;
    // Names and inputs are checked by the core; here only the frame's shape.
    return message as WsClientMessage;
  } catch {
    return undefined;
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { core } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const rendererDir = path.resolve(options.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`The renderer is not built (${indexFile} is missing): run \`npm run build:renderer\`.`);
  }
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((host) => `http://${host}`);

  const serveIndex = async (response: http.ServerResponse): Promise<void> => {
    const html = await readFile(indexFile, 'utf8');
    const meta = `<meta name="${TOKEN_META}" content="${token}">`;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES['.html'],
      'Cache-Control': 'no-store',
    });
    response.end(html.replace('</head>', `  ${meta}\n  </head>`));
  };

  const serveFile = async (pathname: string, response: http.ServerResponse): Promise<void> => {
    const file = path.resolve(rendererDir, `.${pathname}`);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!file.startsWith(rendererDir + path.sep) || file === indexFile || !type) {
      response.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404, SECURITY_HEADERS).end();
    }
  };

  const server = http.createServer((request, response) => {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, SECURITY_HEADERS).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
    } catch {
      response.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    const served =
      pathname === '/' || pathname === '/index.html' ? serveIndex(response) : serveFile(pathname, response);
    served.catch((error: unknown) => {
      log(`web: ${pathname}: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname !== WEB_SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found');
    const hostOk = allowedHosts().includes(request.headers.host ?? '');
    const originOk = allowedOrigins().includes(request.headers.origin ?? '');
    const tokenOk = sameSecret(url.searchParams.get('token') ?? '', token);
    if (!hostOk || !originOk || !tokenOk) {
      log(
        `web: refused a WebSocket (origin ${request.headers.origin ?? 'none'}, host ${request.headers.host ?? 'none'})`,
      );
      return refuseUpgrade(socket, '403 Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const send = (message: WsServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const session = core.openSession('websocket', (event) => send({ type: 'event', ...event }));
    ws.on('message', (data) => {
      const message = parseClientMessage(data);
      if (!message) return ws.close(1003, 'Expected a JSON message');
      switch (message.type) {
        case 'request':
          if (!Number.isSafeInteger(message.id)) return ws.close(1003, 'A request needs a numeric id');
          void session
            .request(message.name, message.input)
            .then((result) => send({ type: 'response', id: message.id, result }));
          return;
        case 'subscribe':
          session.subscribe(message.name);
          return;
        case 'unsubscribe':
          session.unsubscribe(message.name);
          return;
        default:
          return ws.close(1003, 'Unknown message type');
      }
    });
    ws.on('close', () => session.close());
    ws.on('error', (error) => log(`web: socket error: ${error.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const ws of sockets.clients) {
        ws.close(1001, 'IoT Lab is stopping');
        // A page that does not answer the close handshake must not hold the process.
        setTimeout(() => ws.terminate(), 1000).unref();
      }
      sockets.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://${HOST}:${port}/`, port, close };
}
