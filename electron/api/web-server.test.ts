import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CloudCall, WsServerMessage } from './contract.js';
import type { ApiCore } from './core.js';
import { startWebServer, type WebServer } from './web-server.js';

/** A core that answers every request with its name and transport, and emits one event per subscription. */
const call: CloudCall = {
  requestId: 'r-1',
  at: '2026-01-01T00:00:00.000Z',
  service: 'sts',
  operation: 'GetCallerIdentity',
  status: 200,
  durationMs: 1,
};
const fakeCore: ApiCore = {
  labDir: '/nowhere',
  ready: new Promise(() => undefined),
  openSession: (transport, deliver) => ({
    request: async (name) => ({ ok: true, value: { name, transport } }),
    subscribe: (name) => {
      if (name === 'cloud.call') deliver({ name: 'cloud.call', payload: call });
      return true;
    },
    unsubscribe: () => undefined,
    close: () => undefined,
  }),
  stop: async () => undefined,
};

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      })
      .on('error', reject);
  });
}

/** The HTTP status of a refused upgrade, or 101 once the socket opened. */
function upgradeStatus(url: string, options: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', reject);
  });
}

describe('web mode server', () => {
  let rendererDir: string;
  let server: WebServer;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(path.join(tmpdir(), 'iotlab-renderer-'));
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head><title>t</title></head><body></body></html>',
    );
    writeFileSync(path.join(rendererDir, 'app.js'), 'export {};');
    server = await startWebServer({ core: fakeCore, rendererDir, log: () => undefined });
    origin = new URL(server.url).origin;
    const page = await get(server.url);
    token = /<meta name="iotlab-api-token" content="([^"]+)">/.exec(page.body)?.[1] ?? '';
  });

  afterAll(async () => {
    await server.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('serves the renderer on loopback, with a per-run token in the page only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(token).toMatch(/^[\w-]{43}$/);
    const page = await get(server.url);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await get(`${server.url}app.js`)).status).toBe(200);
    expect((await get(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect(JSON.stringify((await get(`${server.url}app.js`)).headers)).not.toContain(token);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const page = await get(server.url, { Host: `attacker.example:${server.port}` });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(token);
  });

  it('opens the API socket only for the page it served', async () => {
    const api = `ws://127.0.0.1:${server.port}/api`;
    expect(await upgradeStatus(`${api}?token=${token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${api}?token=${token}`, {})).toBe(403);
    expect(await upgradeStatus(`${api}?token=wrong`, { origin })).toBe(403);
    expect(await upgradeStatus(api, { origin })).toBe(403);
    expect(
      await upgradeStatus(`${api}?token=${token}`, {
        origin,
        headers: { Host: `evil.example:${server.port}` },
      }),
    ).toBe(403);
    expect(await upgradeStatus(`${api}?token=${token}`, { origin })).toBe(101);
  });

  it('carries requests and the subscribed events', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${token}`, { origin });
    const messages: WsServerMessage[] = [];
    const received = new Promise<void>((resolve) => {
      socket.on('message', (data: Buffer) => {
        messages.push(JSON.parse(data.toString()) as WsServerMessage);
        if (messages.length === 2) resolve();
      });
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'request', id: 7, name: 'app.info' }));
    socket.send(JSON.stringify({ type: 'subscribe', name: 'cloud.call' }));
    await received;
    expect(messages).toContainEqual({
      type: 'response',
      id: 7,
      result: { ok: true, value: { name: 'app.info', transport: 'websocket' } },
    });
    expect(messages).toContainEqual({ type: 'event', name: 'cloud.call', payload: call });
    socket.close();
  });
});
