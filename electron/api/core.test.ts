import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, CloudCall, CloudStatus } from './contract.js';
import { createApiCore, type ApiCore, type ApiSession, type LabEvent } from './core.js';

describe('API core', () => {
  let dir: string;
  let core: ApiCore;
  let session: ApiSession;
  const events: LabEvent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-core-'));
    core = createApiCore({ labDir: dir, app: { name: 'IoT Lab', version: '9.9.9' }, log: () => undefined });
    session = core.openSession('websocket', (event) => events.push(event));
    await core.ready;
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers app.info for the session’s transport', async () => {
    const result = await session.request('app.info', undefined);
    expect(result.ok).toBe(true);
    const info = (result as { value: AppInfo }).value;
    expect(info).toMatchObject({
      name: 'IoT Lab',
      version: '9.9.9',
      mode: 'offline',
      transport: 'websocket',
    });
  });

  it('reports the running cloud and its lab folder', async () => {
    const result = await session.request('cloud.status', undefined);
    const status = (result as { value: CloudStatus }).value;
    expect(status.state).toBe('running');
    expect(status.labDir).toBe(dir);
    expect(status.endpoints?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses unknown requests and invalid input', async () => {
    expect(await session.request('cloud.delete', undefined)).toMatchObject({
      ok: false,
      error: { code: 'UnknownRequest' },
    });
    expect(await session.request('toString', undefined)).toMatchObject({
      ok: false,
      error: { code: 'UnknownRequest' },
    });
    expect(await session.request('cloud.calls', { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    });
    expect(await session.request('cloud.calls', { limit: 5, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    });
    expect(session.subscribe('cloud.nothing')).toBe(false);
  });

  it('sends each gateway call to subscribed sessions and keeps the latest', async () => {
    expect(session.subscribe('cloud.call')).toBe(true);
    const status = (await session.request('cloud.status', undefined)) as { value: CloudStatus };
    const { endpoint, region, credentials } = status.value.endpoints!;
    const sts = new STSClient({ endpoint, region, credentials });
    await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();

    const delivered = events.filter((event) => event.name === 'cloud.call');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.payload).toMatchObject({
      service: 'sts',
      operation: 'GetCallerIdentity',
      status: 200,
    });
    const calls = (await session.request('cloud.calls', { limit: 1 })) as { value: CloudCall[] };
    expect(calls.value).toEqual([delivered[0]?.payload]);
    const after = (await session.request('cloud.status', undefined)) as { value: CloudStatus };
    expect(after.value.calls).toEqual({ total: 1, errors: 0, byService: { sts: 1 } });
  });
});
