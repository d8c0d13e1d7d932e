import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../cloud/index.js';
import { startCloudRuntime, type CloudRuntime } from './cloud-runtime.js';

describe('the cloud runtime', () => {
  let runtime: CloudRuntime | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await runtime?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('tells its listeners of each cloud that runs, the first and the one after a restart', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-runtime-'));
    runtime = startCloudRuntime({ labDir: dir, log: () => undefined, emit: () => undefined });
    await runtime.ready;
    const seen: LocalCloud[] = [];
    const stopListening = runtime.onRunning((cloud) => seen.push(cloud));
    expect(seen).toEqual([runtime.local()]);

    await runtime.restart(async () => undefined);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(runtime.local());
    expect(seen[1]).not.toBe(seen[0]);

    stopListening();
    await runtime.restart(async () => undefined);
    expect(seen).toHaveLength(2);
  });
});
