import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEndpoints } from '../../electron/cloud/index.js';
import {
  createActiveStream,
  createBucket,
  firehoseClient,
  labRecord,
  listKeys,
  objectBody,
  s3Client,
  sequences,
  waitFor,
} from './firehose-helpers.js';

/**
 * The local cloud in a child process (the headless CLI), killed with SIGKILL while records are
 * being put: every record it acknowledged must reach S3 once it is started again on the same folder.
 */

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-firehose-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunningCloud {
  child: ChildProcess;
  endpoints: LabEndpoints;
  exited: Promise<number | null>;
}

async function startCloud(): Promise<RunningCloud> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/cloud.ts', '--dir', dir, '--mqtt-port', '0'],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(
    async () => (output.includes('Local cloud ready') ? true : undefined),
    `the local cloud to start:\n${output}`,
  );
  const endpoints = JSON.parse(readFileSync(path.join(dir, 'endpoints.json'), 'utf8')) as LabEndpoints;
  return { child, endpoints, exited };
}

describe('Firehose durability across a crash (kill -9)', () => {
  it('delivers every acknowledged record after a restart on the same lab folder', async () => {
    const first = await startCloud();
    const acknowledged = new Set<number>();
    try {
      // maxAttempts 1: a request cut by the kill is simply not acknowledged (no retry against the next start).
      const firehose = firehoseClient(first.endpoints, { maxAttempts: 1 });
      await createBucket(s3Client(first.endpoints), 'crash-lake');
      await createActiveStream(firehose, 'crash', 'crash-lake', {
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 3 },
      });

      let next = 0;
      let killed = false;
      const producer = async (): Promise<void> => {
        while (!killed) {
          const seqs = Array.from({ length: 100 }, () => next++);
          try {
            const { RequestResponses = [] } = await firehose.send(
              new PutRecordBatchCommand({
                DeliveryStreamName: 'crash',
                Records: seqs.map((n) => ({ Data: labRecord(n) })),
              }),
            );
            RequestResponses.forEach((entry, i) => {
              const seq = seqs[i];
              if (entry.RecordId && seq !== undefined) acknowledged.add(seq);
            });
          } catch {
            return; // the process is gone
          }
          if (acknowledged.size >= 8000 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      // Two producers, so a request is in flight when the process dies.
      await Promise.all([producer(), producer()]);
      expect(await first.exited).toBe(null);
      firehose.destroy();
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    }

    // What the crash left in the durable buffer (acknowledged, not yet in S3).
    const db = new Database(path.join(dir, 'lab.sqlite'));
    const buffered =
      db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM firehose_records').get()?.n ?? 0;
    db.close();
    expect(buffered).toBeGreaterThan(0);

    const second = await startCloud();
    try {
      const s3 = s3Client(second.endpoints);
      const delivered = await waitFor(async () => {
        const seen: number[] = [];
        for (const key of await listKeys(s3, 'crash-lake'))
          seen.push(...sequences(await objectBody(s3, 'crash-lake', key)));
        const present = new Set(seen);
        return [...acknowledged].every((seq) => present.has(seq)) ? seen : undefined;
      }, 'every acknowledged record in S3');
      const duplicates = delivered.length - new Set(delivered).size;
      console.log(
        `crash test: ${acknowledged.size} acknowledged, ${buffered} buffered at the crash, ${new Set(delivered).size} delivered (${duplicates} twice: at-least-once)`,
      );
      expect(new Set(delivered).size).toBeGreaterThanOrEqual(acknowledged.size);
      s3.destroy();
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });
});
