import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalS3 } from '../../electron/cloud/s3/index.js';
import { awsCliEnv, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);
const aws = outsideTool('aws');

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let work: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  work = mkdtempSync(path.join(tmpdir(), 'iotlab-s3-cli-'));
});
afterAll(async () => {
  await cloud?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(
    aws.command,
    ['--endpoint-url', cloud.endpoints.endpoint, '--output', 'json', ...args],
    {
      env: awsCliEnv(cloud),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
}

async function cliJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await cli(...args)) as T;
}

/** The CLI's stderr when it fails (it names the S3 error code). */
async function cliError(...args: string[]): Promise<string> {
  try {
    await cli(...args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(' ')} succeeded`);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe.skipIf(!aws.available)('S3 through the AWS CLI', () => {
  it('runs a bucket lifecycle with s3api', async () => {
    await cli('s3api', 'create-bucket', '--bucket', 'cli-bucket');
    await cli('s3api', 'head-bucket', '--bucket', 'cli-bucket');
    const location = await cliJson<{ LocationConstraint: string | null }>(
      's3api',
      'get-bucket-location',
      '--bucket',
      'cli-bucket',
    );
    expect(location.LocationConstraint).toBeNull();
    const { Buckets } = await cliJson<{ Buckets: Array<{ Name: string }> }>('s3api', 'list-buckets');
    expect(Buckets.map((b) => b.Name)).toContain('cli-bucket');
    expect(await cliError('s3api', 'create-bucket', '--bucket', 'Not_Valid')).toContain('InvalidBucketName');

    writeFileSync(path.join(work, 'note.txt'), 'hello from the CLI');
    await cli(
      's3api',
      'put-object',
      '--bucket',
      'cli-bucket',
      '--key',
      'notes/note.txt',
      '--body',
      path.join(work, 'note.txt'),
    );
    expect(await cliError('s3api', 'delete-bucket', '--bucket', 'cli-bucket')).toContain('BucketNotEmpty');
    await cli('s3api', 'delete-object', '--bucket', 'cli-bucket', '--key', 'notes/note.txt');
    await cli('s3api', 'delete-bucket', '--bucket', 'cli-bucket');
    expect(await cliError('s3api', 'head-bucket', '--bucket', 'cli-bucket')).toMatch(/404|Not Found/);
  });

  it('puts, heads, gets (with a range), copies and bulk-deletes objects with s3api', async () => {
    await cli('s3api', 'create-bucket', '--bucket', 'cli-objects');
    const body = path.join(work, 'reading.json');
    writeFileSync(body, '{"air_temperature":{"value":12.5,"quality":"1"}}');
    const put = await cliJson<{ ETag: string }>(
      's3api',
      'put-object',
      '--bucket',
      'cli-objects',
      '--key',
      'station one/reading.json',
      '--body',
      body,
      '--content-type',
      'application/json',
      '--metadata',
      'station=030910',
    );
    expect(put.ETag).toBe(`"${createHash('md5').update(readFileSync(body)).digest('hex')}"`);
    const head = await cliJson<{
      ContentLength: number;
      ContentType: string;
      Metadata: Record<string, string>;
    }>('s3api', 'head-object', '--bucket', 'cli-objects', '--key', 'station one/reading.json');
    expect(head).toMatchObject({
      ContentLength: 48,
      ContentType: 'application/json',
      Metadata: { station: '030910' },
    });

    const out = path.join(work, 'range.out');
    const ranged = await cliJson<{ ContentRange: string }>(
      's3api',
      'get-object',
      '--bucket',
      'cli-objects',
      '--key',
      'station one/reading.json',
      '--range',
      'bytes=2-16',
      out,
    );
    expect(ranged.ContentRange).toBe('bytes 2-16/48');
    expect(readFileSync(out, 'utf8')).toBe('air_temperature');
    expect(
      await cliError('s3api', 'get-object', '--bucket', 'cli-objects', '--key', 'missing', out),
    ).toContain('NoSuchKey');

    await cli(
      's3api',
      'copy-object',
      '--bucket',
      'cli-objects',
      '--key',
      'copy.json',
      '--copy-source',
      'cli-objects/station one/reading.json',
    );
    const deleted = await cliJson<{ Deleted: Array<{ Key: string }> }>(
      's3api',
      'delete-objects',
      '--bucket',
      'cli-objects',
      '--delete',
      JSON.stringify({ Objects: [{ Key: 'copy.json' }, { Key: 'station one/reading.json' }] }),
    );
    expect(deleted.Deleted.map((d) => d.Key).sort()).toEqual(['copy.json', 'station one/reading.json']);
  });

  it('copies files up and down with `aws s3 cp`, a 20 MB file going through a multipart upload', async () => {
    await cli('s3api', 'create-bucket', '--bucket', 'cli-transfer');
    const big = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    writeFileSync(path.join(work, 'big.bin'), big);
    writeFileSync(path.join(work, 'small.txt'), 'small');
    await cli('s3', 'cp', path.join(work, 'big.bin'), 's3://cli-transfer/uploads/big.bin');
    await cli('s3', 'cp', path.join(work, 'small.txt'), 's3://cli-transfer/uploads/small.txt');

    const head = await cliJson<{ ContentLength: number; ETag: string }>(
      's3api',
      'head-object',
      '--bucket',
      'cli-transfer',
      '--key',
      'uploads/big.bin',
    );
    expect(head.ContentLength).toBe(big.length);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/); // 8 MB parts: 3 of them
    const stored = readFileSync(path.join(cloud.storage.layout.s3Root, 'cli-transfer', 'uploads', 'big.bin'));
    expect(sha256(stored)).toBe(sha256(big));

    await cli('s3', 'cp', 's3://cli-transfer/uploads/big.bin', path.join(work, 'big.down'));
    expect(sha256(readFileSync(path.join(work, 'big.down')))).toBe(sha256(big));

    const listing = await cli('s3', 'ls', 's3://cli-transfer/uploads/');
    expect(listing).toMatch(/\s20971520 big\.bin/);
    expect(listing).toMatch(/\s5 small\.txt/);
    expect(await cli('s3', 'ls', 's3://cli-transfer/')).toMatch(/PRE uploads\//);
  });

  it('lists 2,500 keys: every key exactly once, in order, across pages (v2 and v1)', async () => {
    await cli('s3api', 'create-bucket', '--bucket', 'cli-lake');
    const local = openLocalS3(cloud.storage);
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `readings/${String(i % 5)}/${String(i).padStart(5, '0')}.json`,
    );
    for (const Key of keys) local.PutObject({ Bucket: 'cli-lake', Key, Body: '{}' });
    const sorted = [...keys].sort();

    const v2 = await cliJson<{ Contents: Array<{ Key: string }> }>(
      's3api',
      'list-objects-v2',
      '--bucket',
      'cli-lake',
      '--page-size',
      '300',
    );
    expect(v2.Contents.map((o) => o.Key)).toEqual(sorted);
    const v1 = await cliJson<{ Contents: Array<{ Key: string }> }>(
      's3api',
      'list-objects',
      '--bucket',
      'cli-lake',
      '--page-size',
      '700',
    );
    expect(v1.Contents.map((o) => o.Key)).toEqual(sorted);
    const recursive = (await cli('s3', 'ls', 's3://cli-lake/', '--recursive')).trim().split('\n');
    expect(recursive.map((line) => line.split(/\s+/).at(-1))).toEqual(sorted);
    const folders = await cliJson<{ CommonPrefixes: Array<{ Prefix: string }> }>(
      's3api',
      'list-objects-v2',
      '--bucket',
      'cli-lake',
      '--prefix',
      'readings/',
      '--delimiter',
      '/',
    );
    expect(folders.CommonPrefixes.map((p) => p.Prefix)).toEqual([
      'readings/0/',
      'readings/1/',
      'readings/2/',
      'readings/3/',
      'readings/4/',
    ]);
    await cli('s3', 'rb', 's3://cli-lake', '--force');
    expect(await cliError('s3api', 'head-bucket', '--bucket', 'cli-lake')).toMatch(/404|Not Found/);
  });
});
