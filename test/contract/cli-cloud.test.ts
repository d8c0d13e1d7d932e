import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEndpoints } from '../../electron/cloud/index.js';
import { outsideTool } from '../helpers/tools.js';

const run = promisify(execFile);
const aws = outsideTool('aws');
const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!aws.available)('npm run cloud (the headless CLI)', () => {
  it('writes endpoints.json, serves the AWS CLI, and stops cleanly on Ctrl+C', async () => {
    const child = spawn('npm', ['run', '--silent', 'cloud', '--', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const endpointsFile = path.join(dir, 'endpoints.json');
      await waitFor(() => (output.includes('Local cloud ready') ? true : undefined), 'the ready line');
      const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as LabEndpoints;
      expect(endpoints.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(endpoints.region).toBe('us-east-1');
      expect(endpoints.accountId).toMatch(/^\d{12}$/);
      expect(endpoints.credentials.accessKeyId).toMatch(/^AKIA/);
      expect(endpoints.credentials.secretAccessKey).toHaveLength(40);
      expect(endpoints.mqtt?.host).toBe('localhost');
      expect(endpoints.mqtt?.port).toBeGreaterThan(0);
      expect(existsSync(endpoints.mqtt!.caFile)).toBe(true);

      const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
        AWS_DEFAULT_REGION: endpoints.region,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      };
      const cli = (...args: string[]) =>
        run(aws.command, ['--endpoint-url', endpoints.endpoint, ...args], { env });
      const local = path.join(dir, 'hello.json');
      writeFileSync(local, '{"hello":"world"}\n');
      await cli('s3', 'mb', 's3://iot-tutorial-datalake-test');
      await cli('s3', 'cp', local, 's3://iot-tutorial-datalake-test/greetings/hello.json');
      const { stdout } = await cli('s3', 'cp', 's3://iot-tutorial-datalake-test/greetings/hello.json', '-');
      expect(stdout).toBe('{"hello":"world"}\n');
      // Bodies are plain files in the lab folder, so students can open them.
      expect(
        readFileSync(path.join(dir, 's3', 'iot-tutorial-datalake-test', 'greetings', 'hello.json'), 'utf8'),
      ).toBe('{"hello":"world"}\n');
    } finally {
      // Ctrl+C in a terminal signals the whole process group: npm and the cloud under it.
      process.kill(-child.pid!, 'SIGINT');
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      }, 20_000).unref();
    }
    await exited;
    await waitFor(() => (output.includes('Local cloud stopped.') ? true : undefined), 'the clean stop');
    expect(existsSync(path.join(dir, 'lab.sqlite'))).toBe(true);
  });

  it('stops cleanly on SIGTERM (as a service manager stops it)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/cloud.ts', '--dir', dir, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => (output.includes('Local cloud ready') ? true : undefined), 'the ready line');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Local cloud stopped.');
  });

  it('refuses a bad port with a clear message', async () => {
    await expect(
      run('npm', ['run', '--silent', 'cloud', '--', '--dir', dir, '--port', 'abc']),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining("--port must be a port number (0–65535), not 'abc'."),
    });
  });
});
