import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountResetReport, ResetInventory } from '../../electron/api/contract.js';
import type { CloudClients } from '../../electron/aws/client-factory.js';
import { ensureLabWorkGroup } from '../../electron/aws/athena-work-group.js';
import { deleteInventory, takeInventory } from '../../electron/reset/index.js';
import { startLessonLab, type LessonLab } from '../lessons/harness.js';
import { locateNoaaFixtures } from '../stations/noaa-fixtures.js';
import {
  entriesMatching,
  populateOtherClass,
  populateOtherTpNames,
  populateWithLessons,
  saveNamedQuery,
  snapshotAccount,
} from './reset-helpers.js';

/**
 * The instructor reset against a real local cloud that the lessons' own automations populated (real
 * readings through the rules, Firehose, the crawler, Athena), beside another class's resources: the
 * inventory, a dry run that changes nothing, the reset through `npm run reset`, a second run that has
 * nothing left to do, and the broader `all-tp` scope.
 */

const noaa = locateNoaaFixtures();
if (!noaa.available) {
  if (process.env.CI === 'true') throw new Error(noaa.missingMessage);
  console.warn(`${noaa.missingMessage}: the reset's contract tests are skipped.`);
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const execFileAsync = promisify(execFile);

interface CliRun {
  code: number;
  json: { accounts: Array<{ inventory: ResetInventory; report?: AccountResetReport }> };
  stderr: string;
}

/** `npm run reset` as a child process (async: the cloud runs in this process). */
async function runResetCli(args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/reset.ts', ...args, '--json'],
      { cwd: projectRoot, env: { ...process.env, NODE_NO_WARNINGS: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, json: JSON.parse(stdout) as CliRun['json'], stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: failed.code ?? 1,
      json: JSON.parse(failed.stdout || '{"accounts":[]}') as CliRun['json'],
      stderr: failed.stderr ?? '',
    };
  }
}

const names = (inventory: ResetInventory) =>
  inventory.resources
    .map((resource) => `${resource.kind}:${resource.kind === 'certificate' ? '*' : resource.name}`)
    .sort();

let lab: LessonLab;
let clients: CloudClients;
let accountId: string;
let endpointsFile: string;
let before: Map<string, string>;

/** Another class's resources: named greenhouse…, and the certificate of its thing. */
let isOtherClass: (key: string) => boolean;

describe.skipIf(!noaa.available)('instructor reset of an account the lessons populated', () => {
  beforeAll(async () => {
    lab = await startLessonLab();
    clients = lab.clients;
    accountId = lab.cloud.endpoints.accountId;
    endpointsFile = path.join(lab.cloud.dir, 'endpoints.json');
    await populateWithLessons(lab, noaa.isdDir);
    await saveNamedQuery(clients);
    // AWS mode's work group (electron/aws/athena-work-group.ts), made here as the app makes it.
    await ensureLabWorkGroup(clients.athena(), `s3://iot-tutorial-athena-query-${accountId}/`);
    await populateOtherClass(clients, accountId);
    await populateOtherTpNames(clients);
    before = await snapshotAccount(clients);
    const otherCertificate = before.get('iot:policy:greenhouse_policy')!.split('/').pop();
    isOtherClass = (key) => key.includes('greenhouse') || key === `iot:certificate:${otherCertificate}`;
  }, 300_000);

  afterAll(async () => {
    await lab?.dispose();
  });

  it('inventories exactly the lab’s resources, in deletion order, with their dependencies', async () => {
    const inventory = await takeInventory(clients, { scope: 'lab', label: 'local cloud' });
    expect(inventory.accountId).toBe(accountId);
    expect(names(inventory)).toEqual(
      [
        'glue-crawler:weather_datalake_crawler',
        `glue-table:weather_station_db.iot_tutorial_datalake_${accountId}`,
        'glue-table:weather_station_db.weather_data_unnested',
        'glue-database:weather_station_db',
        'topic-rule:weather_sensor_to_S3',
        'topic-rule:weather_sensor_dynamoDB',
        ...Array<string>(6).fill('certificate:*'),
        'thing:my-first-thing',
        ...[0, 1, 2, 3, 4].map((n) => `thing:weather-station_${n}`),
        'thing-type:sensor',
        'iot-policy:my-first-thing-policy',
        'iot-policy:free_policy',
        'delivery-stream:IoT_warehouse_delivery_stream',
        'dynamodb-table:cold_weather_readings',
        'athena-named-query:cold stations',
        'athena-work-group:iot-lab',
        'athena-result-location:primary',
        `s3-bucket:iot-tutorial-things-template-${accountId}`,
        `s3-bucket:iot-tutorial-datalake-${accountId}`,
        `s3-bucket:iot-tutorial-athena-query-${accountId}`,
        `s3-bucket:iotlab-registration-reports-${accountId}`,
      ].sort(),
    );
    expect(inventory.kept).toEqual([]);
    // Dependencies come first: every `after` names a resource listed earlier.
    const seen = new Set<string>();
    for (const resource of inventory.resources) {
      for (const dependency of resource.after ?? [])
        expect(seen, `${resource.name} after ${dependency}`).toContain(dependency);
      seen.add(`${resource.kind}:${resource.id ?? resource.name}`);
    }
    const datalake = inventory.resources.find(
      (resource) => resource.name === `iot-tutorial-datalake-${accountId}`,
    );
    expect(datalake?.objects).toBeGreaterThan(200);
    const thing = inventory.resources.find((resource) => resource.name === 'weather-station_0');
    expect(thing?.after).toHaveLength(1);
  });

  it('a dry run through `npm run reset` lists the same and changes nothing', async () => {
    const run = await runResetCli(['--endpoint-file', endpointsFile, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    const [account] = run.json.accounts;
    expect(account?.report?.dryRun).toBe(true);
    expect(account?.report?.outcomes.map((outcome) => outcome.status)).toEqual(
      account?.inventory.resources.map((resource) =>
        resource.kind === 'athena-result-location' ? 'would-update' : 'would-delete',
      ),
    );
    expect(account?.inventory.resources).toHaveLength(30);
    expect(await snapshotAccount(clients)).toEqual(before);
  });

  it('the reset deletes every lab resource and leaves another class’s untouched', async () => {
    const run = await runResetCli(['--endpoint-file', endpointsFile, '--scope', 'lab']);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json.accounts[0]!.report!;
    const byStatus = (status: string) => report.outcomes.filter((outcome) => outcome.status === status);
    expect(byStatus('failed')).toEqual([]);
    expect(byStatus('pending').map((outcome) => outcome.resource.name)).toEqual(['sensor']);
    expect(byStatus('pending')[0]?.retryAfter).toBeDefined();
    expect(byStatus('updated').map((outcome) => outcome.resource.name)).toEqual(['primary']);
    expect(byStatus('deleted')).toHaveLength(28);

    const after = await snapshotAccount(clients);
    expect(entriesMatching(before, (key) => !isOtherClass(key)).length).toBeGreaterThan(30);
    // Of the lab, only the deprecated thing type (deleted 5 minutes after its deprecation), the work
    // group without its result location, and the near misses of `all-tp` remain.
    expect(entriesMatching(after, (key) => !isOtherClass(key))).toEqual(
      [
        ['athena:workgroup:primary', ''],
        ['iot:thing-type:sensor', 'deprecated'],
        ['iot:thing:weather-station-b_0', ''],
        ['s3:bucket:iot-tutorial-datalake-otherclass', '1'],
      ].sort(),
    );
    // Another class: every resource, attachment and object as it was.
    expect(entriesMatching(after, isOtherClass)).toEqual(entriesMatching(before, isOtherClass));
    expect(entriesMatching(before, isOtherClass).length).toBeGreaterThanOrEqual(10);
  });

  it('a second run finds only the pending thing type and deletes nothing', async () => {
    const inventory = await takeInventory(clients, { scope: 'lab', label: 'local cloud' });
    expect(names(inventory)).toEqual(['thing-type:sensor']);
    const report = await deleteInventory(clients, inventory);
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['pending']);
  });

  it('deleting what is already gone counts as done', async () => {
    const stale = await takeInventory(clients, { scope: 'all-tp', label: 'local cloud' });
    const bucket = stale.resources.find((resource) => resource.kind === 's3-bucket');
    const thing = stale.resources.find((resource) => resource.kind === 'thing');
    expect(bucket?.name).toBe('iot-tutorial-datalake-otherclass');
    expect(thing?.name).toBe('weather-station-b_0');
    const ghosts: ResetInventory = {
      ...stale,
      resources: [
        { kind: 'topic-rule', service: 'iot', name: 'weather_sensor_to_S3' },
        { kind: 'delivery-stream', service: 'firehose', name: 'IoT_warehouse_delivery_stream' },
        { kind: 'dynamodb-table', service: 'dynamodb', name: 'cold_weather_readings' },
        { kind: 'glue-database', service: 'glue', name: 'weather_station_db' },
        { kind: 's3-bucket', service: 's3', name: `iot-tutorial-datalake-${accountId}` },
        { kind: 'iot-policy', service: 'iot', name: 'free_policy' },
        { kind: 'thing', service: 'iot', name: 'weather-station_0' },
      ],
    };
    const report = await deleteInventory(clients, ghosts);
    expect(
      report.outcomes.map((outcome) => [outcome.resource.name, outcome.status, outcome.message ?? '']),
    ).toEqual(ghosts.resources.map((resource) => [resource.name, 'already-gone', '']));
  });

  it('all-tp takes the TP’s other names too, and still never another class', async () => {
    const inventory = await takeInventory(clients, { scope: 'all-tp', label: 'local cloud' });
    expect(names(inventory)).toEqual(
      ['s3-bucket:iot-tutorial-datalake-otherclass', 'thing-type:sensor', 'thing:weather-station-b_0'].sort(),
    );
    const report = await deleteInventory(clients, inventory);
    expect(report.outcomes.filter((outcome) => outcome.status === 'failed')).toEqual([]);
    const after = await snapshotAccount(clients);
    expect(after.has('s3:bucket:iot-tutorial-datalake-otherclass')).toBe(false);
    expect(after.has('iot:thing:weather-station-b_0')).toBe(false);
    expect(entriesMatching(after, isOtherClass)).toEqual(entriesMatching(before, isOtherClass));
  });
});
